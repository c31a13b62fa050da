"""``manage.py partition_by_forbund``: the plan (checked on every database) and its
application (on PostgreSQL: the tables become partitioned, every row sits in its förbund's
partition, and the reports count the same)."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from samsyn.conftest import World
from samsyn.core.db.partitioning import NotPartitionable, partitioned_tables, table_plan
from samsyn.interventions.models import Intervention, LadderStep
from samsyn.participants.models import Activity, IndicatorRating, Registration, StepRecord
from samsyn.participants.services import activities
from samsyn.participants.tests.factories import PersonFactory, RegistrationFactory
from samsyn.participants.tests.journey_setup import Journey, journey_for
from samsyn.reporting.selectors.content import report_content
from samsyn.stats.periods import Period

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 3, 16)
TABLES = {"participants_activity", "participants_steprecord", "participants_indicatorrating"}


@pytest.fixture
def journey(world: World) -> Journey:
    return journey_for(world)


def test_hash_plan() -> None:
    plan = table_plan(Activity, scheme="hash", modulus=4)
    table = '"participants_activity"'
    assert plan.partitions == tuple(f"participants_activity_p{i}" for i in range(4))
    statements = plan.statements
    assert statements[0] == f"LOCK TABLE {table} IN ACCESS EXCLUSIVE MODE"
    assert statements[1] == (
        'CREATE TABLE "participants_activity__partitioned" (LIKE "participants_activity" '
        "INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING STORAGE) "
        'PARTITION BY HASH ("forbund_id")'
    )
    assert statements[2] == (
        'CREATE TABLE "participants_activity_p0" PARTITION OF '
        '"participants_activity__partitioned" FOR VALUES WITH (MODULUS 4, REMAINDER 0)'
    )
    assert statements[6:9] == (
        f'INSERT INTO "participants_activity__partitioned" SELECT * FROM {table}',
        f"DROP TABLE {table}",
        f'ALTER TABLE "participants_activity__partitioned" RENAME TO {table}',
    )
    # The partition key is part of the primary key; the id keeps its own sequence.
    assert (
        f'ALTER TABLE {table} ADD CONSTRAINT "participants_activity_pkey" '
        'PRIMARY KEY ("id", "forbund_id")'
    ) in statements
    assert (
        f'ALTER TABLE {table} ALTER COLUMN "id" SET DEFAULT '
        "nextval('\"participants_activity_id_seq\"')"
    ) in statements
    indexes = [s for s in statements if s.startswith("CREATE INDEX")]
    assert [s.rsplit(" ", 1)[-1] for s in indexes] == [
        '("registration_id")',
        '("activity_type_id")',
        '("recorded_by_id")',
    ]
    foreign_keys = [s for s in statements if "FOREIGN KEY" in s]
    assert [s.split("REFERENCES ")[1] for s in foreign_keys] == [
        '"core_forbund" ("id") DEFERRABLE INITIALLY DEFERRED',
        '"participants_registration" ("id") DEFERRABLE INITIALLY DEFERRED',
        '"interventions_activitytype" ("id") DEFERRABLE INITIALLY DEFERRED',
        '"core_user" ("id") DEFERRABLE INITIALLY DEFERRED',
    ]
    assert all(len(s.split('"')[3]) <= 63 for s in indexes + foreign_keys)


def test_list_plan_has_a_partition_per_forbund_and_a_default() -> None:
    plan = table_plan(StepRecord, scheme="list", forbund_ids=[7, 3, 7])
    assert plan.partitions == (
        "participants_steprecord_f3",
        "participants_steprecord_f7",
        "participants_steprecord_default",
    )
    assert (
        'CREATE TABLE "participants_steprecord_f3" PARTITION OF '
        '"participants_steprecord__partitioned" FOR VALUES IN (3)'
    ) in plan.statements
    assert (
        'CREATE TABLE "participants_steprecord_default" PARTITION OF '
        '"participants_steprecord__partitioned" DEFAULT'
    ) in plan.statements


def test_a_table_others_refer_to_is_refused() -> None:
    with pytest.raises(NotPartitionable, match="has no forbund_id"):
        table_plan(Registration)
    with pytest.raises(NotPartitionable, match="referred to by other tables"):
        table_plan(Intervention)


def test_plan_command_prints_every_table() -> None:
    out = io.StringIO()
    call_command("partition_by_forbund", "--plan", stdout=out)
    printed = out.getvalue()
    for table in TABLES:
        assert f"-- {table}\n" in printed
        assert f'ALTER TABLE "{table}" ADD CONSTRAINT "{table}_pkey" PRIMARY KEY' in printed


def _two_forbund(world: World, journey: Journey) -> Registration:
    """Activities, steps and ratings in the world's förbund and in the other one."""
    coach = world["coach"]
    for day in (DAY, DAY + datetime.timedelta(days=1)):
        activities.activity_create(
            actor=coach,
            registration=journey.registration,
            activity_type=journey.activity_types[0],
            held_on=day,
            hours=Decimal(2),
        )
        StepRecord.objects.create(
            registration=journey.registration, step=journey.ladder[2], recorded_on=day
        )
        IndicatorRating.objects.create(
            registration=journey.registration,
            indicator=journey.indicators[0],
            rated_on=day,
            score=3,
        )
    other = RegistrationFactory(
        intervention=world.other_intervention,
        person=PersonFactory(forbund=world.other_forbund),
        start_date=datetime.date(2026, 1, 5),
    )
    step = LadderStep.objects.create(intervention=world.other_intervention, name="Ett", order=1)
    StepRecord.objects.create(registration=other, step=step, recorded_on=DAY)
    Activity.objects.create(
        registration=other, activity_type=journey.activity_types[0], held_on=DAY, hours=1
    )
    return other


def test_apply_refuses_while_a_copy_differs(world: World, journey: Journey) -> None:
    other = _two_forbund(world, journey)
    Activity.objects.filter(registration=other).update(forbund=world.forbund)
    with pytest.raises(CommandError, match="Förbundet skiljer sig från inskrivningens"):
        call_command("partition_by_forbund", "--apply")
    assert partitioned_tables(connection) == {}


@pytest.mark.parametrize("scheme", ["list", "hash"])
def test_apply_partitions_and_keeps_the_figures(
    world: World, journey: Journey, scheme: str
) -> None:
    # Declarative partitioning is PostgreSQL's: elsewhere the apply is refused and changes
    # nothing; on PostgreSQL the tables are partitioned and every figure stays the same.
    if connection.vendor != "postgresql":
        activity_rows = Activity.objects.count()
        with pytest.raises(CommandError, match="Partitionering kräver PostgreSQL"):
            call_command("partition_by_forbund", "--apply", "--scheme", scheme)
        assert partitioned_tables(connection) == {}
        assert Activity.objects.count() == activity_rows
        return
    other = _two_forbund(world, journey)
    period = Period(datetime.date(2026, 1, 1), datetime.date(2026, 12, 31))
    before = report_content(world.intervention, period, suppress=False)
    counts = {model: model.objects.count() for model in (Activity, StepRecord, IndicatorRating)}
    last_activity = Activity.objects.order_by("-pk").values_list("pk", flat=True)[0]

    out = io.StringIO()
    call_command(
        "partition_by_forbund", "--apply", "--scheme", scheme, "--partitions", "4", stdout=out
    )
    assert partitioned_tables(connection) == dict.fromkeys(TABLES, scheme)
    # Once partitioned, a second run leaves the tables alone.
    call_command("partition_by_forbund", "--apply", stdout=io.StringIO())

    assert {model: model.objects.count() for model in counts} == counts
    with connection.cursor() as cursor:
        for table in TABLES:
            cursor.execute(f'SELECT tableoid::regclass::text, forbund_id FROM "{table}"')
            rows = cursor.fetchall()
            assert rows
            if scheme == "list":
                assert all(part == f"{table}_f{forbund}" for part, forbund in rows)
            else:
                assert all(part.startswith(f"{table}_p") for part, _ in rows)
    assert report_content(world.intervention, period, suppress=False) == before
    assert Activity.objects.filter(registration=other).count() == 1

    # The app writes on as before: a new id after the old ones, in its förbund's partition.
    added = activities.activity_create(
        actor=world["coach"],
        registration=journey.registration,
        activity_type=journey.activity_types[0],
        held_on=DAY,
        hours=Decimal(1),
    )
    assert added.pk > last_activity
    added.hours = Decimal(3)
    added.save()
    assert Activity.objects.get(pk=added.pk).hours == Decimal(3)
    added.delete()
    assert Activity.objects.count() == counts[Activity]
