"""Organisationsnummer of the parties: forms, the check digit and every error."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from samsyn.core.luhn import luhn_check_digit, luhn_valid
from samsyn.core.models import PartyKind
from samsyn.core.orgnr import normalize_organisationsnummer, validate_organisationsnummer
from samsyn.core.tests.factories import PartyFactory

# Public numbers of real authorities, municipalities and regions.
REAL_PARTIES = {
    "Försäkringskassan": "202100-5521",
    "Arbetsförmedlingen": "202100-2114",
    "Stockholms kommun": "212000-0142",
    "Göteborgs kommun": "212000-1355",
    "Region Stockholm": "232100-0016",
    "Västra Götalandsregionen": "232100-0131",
}


@pytest.mark.parametrize(("name", "number"), REAL_PARTIES.items())
def test_real_parties_are_valid(name, number):
    digits = number.replace("-", "")
    assert luhn_valid(digits), name
    assert normalize_organisationsnummer(number) == number
    validate_organisationsnummer(number)


@pytest.mark.parametrize(
    "written",
    [
        "2021005521",
        "202100-5521",
        "16202100-5521",
        "162021005521",
        "  202100-5521\n",
        "202100 5521",
    ],
)
def test_accepted_forms_normalise_to_ten_digits_with_a_hyphen(written):
    assert normalize_organisationsnummer(written) == "202100-5521"


def test_the_luhn_digit_of_the_known_numbers():
    assert luhn_check_digit("202100552") == 1
    assert luhn_check_digit("202100211") == 4
    assert luhn_check_digit("212000014") == 2
    # The general Luhn test vector (weights from the right) still holds for other lengths.
    assert luhn_valid("79927398713")
    assert not luhn_valid("79927398710")


@pytest.mark.parametrize(
    "written",
    [
        "",
        "12345",
        "202100-552",
        "202100-55211",
        "17202100-5521",
        "2021-005521",
        "202100--5521",
        "abcdef-ghij",
        "２０２１００-５５２１",  # full-width digits
    ],
)
def test_format_errors(written):
    with pytest.raises(ValidationError) as caught:
        normalize_organisationsnummer(written)
    assert caught.value.code == "format"
    assert caught.value.messages == [
        "Ange organisationsnumret med tio siffror, till exempel 202100-5489."
    ]


def test_the_example_in_the_message_is_itself_valid():
    assert normalize_organisationsnummer("202100-5489") == "202100-5489"


def test_third_digit_below_two_is_a_personnummer_not_an_organisation():
    # 19121212-1212's last ten digits: a valid Luhn digit but a birth month in third place.
    with pytest.raises(ValidationError) as caught:
        normalize_organisationsnummer("121212-1212")
    assert caught.value.code == "third_digit"
    assert caught.value.messages == [
        "Tredje siffran i ett organisationsnummer ska vara 2 eller högre."
    ]


@pytest.mark.parametrize("written", ["202100-5522", "212000-0143", "16232100-0017"])
def test_checksum_errors(written):
    with pytest.raises(ValidationError) as caught:
        normalize_organisationsnummer(written)
    assert caught.value.code == "checksum"
    assert caught.value.messages == ["Kontrollsiffran stämmer inte."]


@given(st.from_regex(r"\A[0-9]{2}[2-9][0-9]{6}\Z"))
def test_every_nine_digits_with_their_check_digit_are_valid_and_no_other_digit_is(first_nine):
    check = luhn_check_digit(first_nine)
    assert normalize_organisationsnummer(f"{first_nine}{check}") == (
        f"{first_nine[:6]}-{first_nine[6:]}{check}"
    )
    for wrong in set(range(10)) - {check}:
        with pytest.raises(ValidationError) as caught:
            normalize_organisationsnummer(f"{first_nine}{wrong}")
        assert caught.value.code == "checksum"


def test_empty_is_allowed_by_the_validator():
    validate_organisationsnummer("")


def test_the_party_model_validates_its_number(db):
    party = PartyFactory(kind=PartyKind.KOMMUN, organisationsnummer="212000-0142")
    party.full_clean()
    party.organisationsnummer = "212000-0143"
    with pytest.raises(ValidationError) as caught:
        party.full_clean()
    assert caught.value.message_dict["organisationsnummer"] == ["Kontrollsiffran stämmer inte."]
