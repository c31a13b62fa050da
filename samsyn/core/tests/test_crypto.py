"""Field encryption (AES-GCM with key ids), the blind index and the encrypted model field."""

from __future__ import annotations

import base64

import pytest
from django.core.exceptions import FieldError, ImproperlyConfigured
from django.db import connection
from django.test import override_settings
from hypothesis import given
from hypothesis import strategies as st

from samsyn.core import crypto
from samsyn.core.models import TeamMember
from samsyn.core.tests.factories import PartyFactory, TeamFactory


def b64(byte: bytes, length: int = 32) -> str:
    return base64.urlsafe_b64encode(byte * length).decode()


KEY_1 = f"k1:{b64(b'1')}"
KEY_2 = f"k2:{b64(b'2')}"
BLIND_A = b64(b"a")
BLIND_B = b64(b"b")
CONTEXT = "core.teammember.name"


def stored_columns(member: TeamMember) -> dict[str, str]:
    """The raw column values of a team member, read without the ORM's decryption."""
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {quote('name')}, {quote('email')}, {quote('phone')} "
            f"FROM {quote(TeamMember._meta.db_table)} WHERE {quote('id')} = %s",
            [member.pk],
        )
        name, email, phone = cursor.fetchone()
    return {"name": name, "email": email, "phone": phone}


# --- encrypt / decrypt ------------------------------------------------------------------


@override_settings(SAMSYN_FIELD_KEYS=KEY_1)
@given(st.text())
def test_round_trip_of_any_text(plaintext):
    stored = crypto.encrypt(plaintext, context=CONTEXT)
    assert crypto.decrypt(stored, context=CONTEXT) == plaintext
    assert crypto.is_encrypted(stored)


@override_settings(SAMSYN_FIELD_KEYS=KEY_1)
def test_round_trip_of_swedish_and_other_scripts():
    for plaintext in ["Åsa Öberg-Ärlig", "Zoë 🙂 Ωμέγα", "\x00\n", "a" * 10_000]:
        assert crypto.decrypt(crypto.encrypt(plaintext, context=CONTEXT), context=CONTEXT) == (
            plaintext
        )


@override_settings(SAMSYN_FIELD_KEYS=KEY_1)
def test_ciphertext_differs_each_time_and_hides_the_plaintext():
    values = {crypto.encrypt("Anna Andersson", context=CONTEXT) for _ in range(20)}
    assert len(values) == 20
    assert not any("Anna" in value for value in values)


@override_settings(SAMSYN_FIELD_KEYS=f"{KEY_2},{KEY_1}")
def test_the_key_id_of_the_first_key_is_in_the_ciphertext():
    stored = crypto.encrypt("x", context=CONTEXT)
    assert stored.startswith("enc1:k2:")
    assert crypto.key_id_of(stored) == "k2"
    assert not crypto.needs_rotation(stored)


def test_rotation_old_key_still_decrypts_new_values_use_the_first_key():
    with override_settings(SAMSYN_FIELD_KEYS=KEY_1):
        old = crypto.encrypt("gammalt värde", context=CONTEXT)
    with override_settings(SAMSYN_FIELD_KEYS=f"{KEY_2},{KEY_1}"):
        assert crypto.decrypt(old, context=CONTEXT) == "gammalt värde"
        assert crypto.needs_rotation(old)
        new = crypto.encrypt("nytt värde", context=CONTEXT)
        assert crypto.key_id_of(new) == "k2"
    with override_settings(SAMSYN_FIELD_KEYS=KEY_2):
        assert crypto.decrypt(new, context=CONTEXT) == "nytt värde"
        with pytest.raises(crypto.DecryptionError, match="No configured key with id 'k1'"):
            crypto.decrypt(old, context=CONTEXT)


@override_settings(SAMSYN_FIELD_KEYS=KEY_1)
def test_tampering_fails():
    stored = crypto.encrypt("Anna Andersson", context=CONTEXT)
    prefix, key_id, payload = stored.split(":", 2)
    raw = bytearray(base64.urlsafe_b64decode(payload))
    for position in (0, 12, len(raw) - 1):  # nonce, ciphertext, tag
        flipped = bytearray(raw)
        flipped[position] ^= 0x01
        tampered = f"{prefix}:{key_id}:{base64.urlsafe_b64encode(bytes(flipped)).decode()}"
        with pytest.raises(crypto.DecryptionError):
            crypto.decrypt(tampered, context=CONTEXT)
    truncated = f"{prefix}:{key_id}:{base64.urlsafe_b64encode(bytes(raw[:20])).decode()}"
    for bad in [truncated, f"{prefix}:{key_id}:", f"{prefix}:{key_id}:!!!!", stored + "A"]:
        with pytest.raises(crypto.DecryptionError):
            crypto.decrypt(bad, context=CONTEXT)


def test_a_value_claiming_another_key_fails():
    with override_settings(SAMSYN_FIELD_KEYS=f"{KEY_1},{KEY_2}"):
        stored = crypto.encrypt("x", context=CONTEXT)
        relabelled = stored.replace("enc1:k1:", "enc1:k2:", 1)
        with pytest.raises(crypto.DecryptionError):
            crypto.decrypt(relabelled, context=CONTEXT)


@override_settings(SAMSYN_FIELD_KEYS=KEY_1)
def test_the_wrong_context_fails():
    stored = crypto.encrypt("anna@example.se", context="core.teammember.email")
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt(stored, context="core.teammember.name")


@override_settings(SAMSYN_FIELD_KEYS=KEY_1)
@pytest.mark.parametrize(
    "value",
    ["", "plaintext", "enc1", "enc1:k1", "enc2:k1:AAAA", "enc1:nokey:AAAAAAAAAAAAAAAAAAAAAAAA"],
)
def test_values_that_are_not_ours_fail_with_decryption_error(value):
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt(value, context=CONTEXT)


@pytest.mark.parametrize("value", ["", "plaintext", "enc1", "enc1::x", "enc2:k1:x"])
def test_key_id_of_refuses_values_that_are_not_encrypted(value):
    with pytest.raises(crypto.DecryptionError):
        crypto.key_id_of(value)


# --- key configuration ------------------------------------------------------------------


@pytest.mark.parametrize(
    "spec",
    [
        "",
        " , ",
        "k1",
        "k1:",
        f":{b64(b'1')}",
        "k1:c2hvcnQ",  # 5 bytes
        f"k1:{b64(b'1', 33)}",
        "k1:not base64!!",
        f"k1:{b64(b'1')}:extra",
        f"k-1:{b64(b'1')}",
        f"nyckelå:{b64(b'1')}",
        f"{'k' * 17}:{b64(b'1')}",
        f"{KEY_1},k1:{b64(b'2')}",  # the same id twice
        f"{KEY_1},broken",
    ],
)
def test_bad_key_specs_raise_improperly_configured(spec):
    with pytest.raises(ImproperlyConfigured):
        crypto.parse_keyring(spec)
    with override_settings(SAMSYN_FIELD_KEYS=spec), pytest.raises(ImproperlyConfigured):
        crypto.encrypt("x", context=CONTEXT)


def test_standard_and_urlsafe_base64_with_or_without_padding_are_accepted():
    key = bytes(range(200, 232))  # has '+' / '-' and '/' / '_' in its base64
    for encoded in [
        base64.b64encode(key).decode(),
        base64.urlsafe_b64encode(key).decode(),
        base64.urlsafe_b64encode(key).decode().rstrip("="),
    ]:
        ring = crypto.parse_keyring(f" k9:{encoded} , {KEY_1} ")
        assert ring.primary_id == "k9"
        assert ring.keys == {"k9": key, "k1": b"1" * 32}


def test_system_check_reports_malformed_keys():
    with override_settings(SAMSYN_FIELD_KEYS=KEY_1, SAMSYN_BLIND_INDEX_KEY=BLIND_A):
        assert crypto.check_field_keys() == []
    with override_settings(SAMSYN_FIELD_KEYS="k1:short", SAMSYN_BLIND_INDEX_KEY="!!"):
        ids = [message.id for message in crypto.check_field_keys()]
        assert ids == ["samsyn.crypto.E001", "samsyn.crypto.E002"]
    with override_settings(DEBUG=True, SAMSYN_FIELD_KEYS="", SAMSYN_BLIND_INDEX_KEY=""):
        ids = [message.id for message in crypto.check_field_keys()]
        assert ids == ["samsyn.crypto.W001", "samsyn.crypto.W002"]
    with override_settings(DEBUG=False, SAMSYN_FIELD_KEYS="", SAMSYN_BLIND_INDEX_KEY=""):
        ids = [message.id for message in crypto.check_field_keys()]
        assert ids == ["samsyn.crypto.E001", "samsyn.crypto.E002"]


# --- blind index ------------------------------------------------------------------------


def test_blind_index_is_deterministic_and_key_dependent():
    with override_settings(SAMSYN_BLIND_INDEX_KEY=BLIND_A):
        first = crypto.blind_index("191212121212", purpose="personnummer")
        crypto.clear_key_caches()
        assert crypto.blind_index("191212121212", purpose="personnummer") == first
        assert crypto.blind_index("191212121213", purpose="personnummer") != first
        assert crypto.blind_index("191212121212", purpose="other") != first
    with override_settings(SAMSYN_BLIND_INDEX_KEY=BLIND_B):
        assert crypto.blind_index("191212121212", purpose="personnummer") != first
    assert len(first) == 64
    int(first, 16)  # hex


@pytest.mark.parametrize("key", ["", "!!!!", base64.urlsafe_b64encode(b"x" * 31).decode()])
def test_bad_blind_index_keys_raise_improperly_configured(key):
    with override_settings(SAMSYN_BLIND_INDEX_KEY=key), pytest.raises(ImproperlyConfigured):
        crypto.blind_index("191212121212", purpose="personnummer")


# --- the model field, against the database ---------------------------------------------


@pytest.fixture
def member(db: None) -> TeamMember:
    team = TeamFactory()
    party = PartyFactory(forbund=team.forbund)
    with override_settings(SAMSYN_FIELD_KEYS=KEY_1):
        return TeamMember.objects.create(
            team=team,
            party=party,
            name="Åsa Öberg",
            email="asa.oberg@example.se",
            phone="070-123 45 67",
            function="Socialsekreterare",
        )


@override_settings(SAMSYN_FIELD_KEYS=KEY_1)
def test_team_member_fields_are_encrypted_in_the_database(member):
    stored = stored_columns(member)
    for column, plaintext in [
        ("name", "Åsa Öberg"),
        ("email", "asa.oberg@example.se"),
        ("phone", "070-123 45 67"),
    ]:
        assert stored[column].startswith("enc1:k1:")
        assert plaintext not in stored[column]
        assert "Öberg" not in stored[column]
    fresh = TeamMember.objects.get(pk=member.pk)
    assert (fresh.name, fresh.email, fresh.phone) == (
        "Åsa Öberg",
        "asa.oberg@example.se",
        "070-123 45 67",
    )
    assert list(TeamMember.objects.filter(pk=member.pk).values_list("name", flat=True)) == [
        "Åsa Öberg"
    ]


@override_settings(SAMSYN_FIELD_KEYS=KEY_1)
def test_empty_values_stay_empty(db):
    team = TeamFactory()
    member = TeamMember.objects.create(team=team, party=PartyFactory(forbund=team.forbund))
    assert stored_columns(member) == {"name": "", "email": "", "phone": ""}
    assert TeamMember.objects.get(pk=member.pk).name == ""
    assert TeamMember.objects.filter(name="").count() == 1


@override_settings(SAMSYN_FIELD_KEYS=KEY_1)
def test_a_ciphertext_copied_to_another_column_does_not_decrypt(member):
    table = connection.ops.quote_name(TeamMember._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET email = name WHERE id = %s",
            [member.pk],
        )
    with pytest.raises(crypto.DecryptionError):
        TeamMember.objects.get(pk=member.pk)


@override_settings(SAMSYN_FIELD_KEYS=KEY_1)
def test_lookups_that_cannot_work_on_ciphertext_fail_loudly(member):
    for lookup in [{"name": "Åsa Öberg"}, {"name__icontains": "Åsa"}, {"email__in": ["x"]}]:
        with pytest.raises(FieldError):
            TeamMember.objects.filter(**lookup).count()
    assert TeamMember.objects.filter(name__isnull=False).count() == 1
    assert TeamMember.objects.exclude(name="").count() == 1


@override_settings(SAMSYN_FIELD_KEYS=KEY_1)
def test_updates_through_the_orm_are_encrypted(member):
    TeamMember.objects.filter(pk=member.pk).update(phone="08-123 456")
    member.name = "Åsa Nyberg"
    member.save(update_fields=["name"])
    stored = stored_columns(member)
    assert "Nyberg" not in stored["name"]
    assert "123 456" not in stored["phone"]
    fresh = TeamMember.objects.get(pk=member.pk)
    assert (fresh.name, fresh.phone) == ("Åsa Nyberg", "08-123 456")


def test_reading_a_value_whose_key_is_gone_raises_decryption_error(member):
    with override_settings(SAMSYN_FIELD_KEYS=KEY_2), pytest.raises(crypto.DecryptionError):
        TeamMember.objects.get(pk=member.pk)
