"""`manage.py rotate_field_keys`: re-encrypting stored values with the primary key."""

from __future__ import annotations

import base64
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import override_settings

from samsyn.core import crypto
from samsyn.core.management.commands.rotate_field_keys import encrypted_fields_by_model
from samsyn.core.models import TeamMember
from samsyn.core.tests.factories import PartyFactory, TeamFactory


def b64(byte: bytes) -> str:
    return base64.urlsafe_b64encode(byte * 32).decode()


OLD = f"old:{b64(b'o')}"
NEW = f"new:{b64(b'n')}"
GONE = f"gone:{b64(b'g')}"
ROTATED = f"{NEW},{OLD}"


def raw_values(member: TeamMember) -> tuple[str, str, str]:
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT name, email, phone FROM {quote(TeamMember._meta.db_table)} WHERE id = %s",
            [member.pk],
        )
        return cursor.fetchone()


def key_ids(member: TeamMember) -> list[str | None]:
    return [crypto.key_id_of(value) if value else None for value in raw_values(member)]


def rotate(*args: str) -> str:
    out = StringIO()
    call_command("rotate_field_keys", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def members(db: None) -> list[TeamMember]:
    """Three seats under the old key: full, name only, and empty."""
    team = TeamFactory()
    party = PartyFactory(forbund=team.forbund)
    with override_settings(SAMSYN_FIELD_KEYS=OLD):
        return [
            TeamMember.objects.create(
                team=team, party=party, name="Åsa Öberg", email="asa@example.se", phone="070-1"
            ),
            TeamMember.objects.create(team=team, party=party, name="Per Persson"),
            TeamMember.objects.create(team=team, party=party),
        ]


def test_discovers_encrypted_fields_of_every_model():
    found = {
        model._meta.label: [f.name for f in fields]
        for model, fields in encrypted_fields_by_model().items()
    }
    assert found["core.TeamMember"] == ["name", "email", "phone"]
    assert "core.Party" not in found


@override_settings(SAMSYN_FIELD_KEYS=ROTATED)
def test_rotation_re_encrypts_old_values_with_the_primary_key(members):
    output = rotate()
    assert "Primary key id: new" in output
    assert "core.TeamMember: re-encrypted 4 value(s) in 2 row(s)" in output
    assert "Total: re-encrypted 4 value(s) in 2 row(s) and 0 document(s)." in output
    assert key_ids(members[0]) == ["new", "new", "new"]
    assert key_ids(members[1]) == ["new", None, None]
    assert raw_values(members[2]) == ("", "", "")
    # Without the old key everything still reads.
    with override_settings(SAMSYN_FIELD_KEYS=NEW):
        fresh = TeamMember.objects.get(pk=members[0].pk)
        assert (fresh.name, fresh.email, fresh.phone) == ("Åsa Öberg", "asa@example.se", "070-1")
        assert TeamMember.objects.get(pk=members[1].pk).name == "Per Persson"


@override_settings(SAMSYN_FIELD_KEYS=ROTATED)
def test_a_second_run_has_nothing_left(members):
    rotate()
    before = [raw_values(member) for member in members]
    output = rotate()
    assert "core.TeamMember: re-encrypted 0 value(s) in 0 row(s)" in output
    assert [raw_values(member) for member in members] == before


@override_settings(SAMSYN_FIELD_KEYS=ROTATED)
def test_dry_run_reports_and_changes_nothing(members):
    before = [raw_values(member) for member in members]
    output = rotate("--dry-run")
    assert "(dry run)" in output
    assert "core.TeamMember: would re-encrypt 4 value(s) in 2 row(s)" in output
    assert [raw_values(member) for member in members] == before


@override_settings(SAMSYN_FIELD_KEYS=ROTATED)
def test_values_already_under_the_primary_key_are_not_counted(members):
    mixed = members[0]
    mixed.phone = "08-999"  # saved now, so under the new key
    mixed.save(update_fields=["phone"])
    assert key_ids(mixed) == ["old", "old", "new"]
    output = rotate()
    assert "core.TeamMember: re-encrypted 3 value(s) in 2 row(s)" in output
    assert key_ids(mixed) == ["new", "new", "new"]
    assert TeamMember.objects.get(pk=mixed.pk).phone == "08-999"


@override_settings(SAMSYN_FIELD_KEYS=ROTATED)
def test_small_batches_cover_every_row(members):
    extra = [
        TeamMember.objects.create(team=members[0].team, party=members[0].party, name=f"P {i}")
        for i in range(3)
    ]
    with override_settings(SAMSYN_FIELD_KEYS=OLD):
        for member in extra:
            member.save()
    output = rotate("--batch-size", "2")
    assert "core.TeamMember: re-encrypted 7 value(s) in 5 row(s)" in output
    assert all(key_ids(member)[0] == "new" for member in [*members[:2], *extra])
    assert [TeamMember.objects.get(pk=m.pk).name for m in extra] == ["P 0", "P 1", "P 2"]


def test_a_missing_key_stops_the_model_and_changes_nothing_in_it(members):
    with override_settings(SAMSYN_FIELD_KEYS=GONE):
        # The last row in primary-key order: the earlier ones were already handled.
        members[2].name = "Okänd nyckel"
        members[2].save(update_fields=["name"])
    before = [raw_values(member) for member in members]
    expected = r"core\.TeamMember pk=\d+: No configured key"
    with override_settings(SAMSYN_FIELD_KEYS=ROTATED), pytest.raises(CommandError, match=expected):
        rotate("--batch-size", "1")
    assert [raw_values(member) for member in members] == before


def test_values_that_are_not_encrypted_stop_the_model(members):
    table = connection.ops.quote_name(TeamMember._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET phone = %s WHERE id = %s",
            ["klartext", members[1].pk],
        )
    expected = "Not an encrypted value"
    with override_settings(SAMSYN_FIELD_KEYS=ROTATED), pytest.raises(CommandError, match=expected):
        rotate()
    assert key_ids(members[0]) == ["old", "old", "old"]


@pytest.mark.parametrize("spec", ["", "k1:short"])
def test_bad_key_configuration_is_a_command_error(db, spec):
    with override_settings(SAMSYN_FIELD_KEYS=spec), pytest.raises(CommandError):
        rotate()


def test_batch_size_must_be_positive(db):
    with pytest.raises(CommandError, match="--batch-size"):
        rotate("--batch-size", "0")
