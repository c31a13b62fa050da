"""``audit_participants_shown``: one view event per participant a page shows, one insert."""

from __future__ import annotations

from samsyn.audit.models import AuditEvent
from samsyn.audit.services.events import ShownParticipant, audit_participants_shown
from samsyn.conftest import World
from samsyn.testing.queries import QueryCount


def _shown(world: World, count: int) -> list[ShownParticipant]:
    return [
        ShownParticipant(
            participant_ref=f"D-{index:07d}",
            forbund_id=world.forbund.pk,
            intervention_id=world.intervention.pk,
            obj=world.intervention,
        )
        for index in range(count)
    ]


def test_one_event_per_participant_in_one_insert(
    world: World, assert_query_count: QueryCount
) -> None:
    for count in (3, 40):
        before = AuditEvent.objects.count()
        with assert_query_count(1):
            written = audit_participants_shown(
                actor=world["coach"], role="coach", detail="Lista", shown=_shown(world, count)
            )
        assert written == count
        assert AuditEvent.objects.count() == before + count
    event = AuditEvent.objects.filter(detail="Lista").first()
    assert event is not None
    assert (event.action, event.role, event.actor, event.forbund_id) == (
        "view",
        "coach",
        world["coach"],
        world.forbund.pk,
    )
    assert (event.object_type, event.object_id) == (
        "interventions.Intervention",
        str(world.intervention.pk),
    )


def test_nothing_shown_writes_nothing(world: World, assert_query_count: QueryCount) -> None:
    with assert_query_count(0):
        assert audit_participants_shown(actor=world["coach"], role="", detail="x", shown=[]) == 0


def test_the_same_participant_and_record_twice_is_logged_once(world: World) -> None:
    twice = _shown(world, 1) * 2
    assert audit_participants_shown(actor=world["coach"], role="", detail="x", shown=twice) == 1


def test_the_role_is_the_one_held_in_the_records_forbund(world: World) -> None:
    shown = [
        ShownParticipant("D-AAAAAAA", world.forbund.pk, None),
        ShownParticipant("D-BBBBBBB", world.other_forbund.pk, None),
    ]
    audit_participants_shown(
        actor=world["coach"],
        role="coach",
        role_by_forbund={world.other_forbund.pk: "insatsansvarig"},
        detail="x",
        shown=shown,
    )
    roles = dict(AuditEvent.objects.filter(detail="x").values_list("participant_ref", "role"))
    assert roles == {"D-AAAAAAA": "coach", "D-BBBBBBB": "insatsansvarig"}
