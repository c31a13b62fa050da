"""Personnummer and samordningsnummer: parsing, properties, form field, API type, blind index."""

from __future__ import annotations

import datetime

import pydantic
import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.test import override_settings
from hypothesis import given
from hypothesis import strategies as st
from ninja import Router, Schema
from ninja.testing import TestClient

from samsyn.core import crypto
from samsyn.core.personnummer import (
    MESSAGES,
    Personnummer,
    PersonnummerFormField,
    PersonnummerStr,
    parse_personnummer,
    personnummer_blind_index,
    personnummer_check_digit,
)

TODAY = datetime.date(2025, 6, 15)
BLIND_KEY_A = "YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWE="  # 32 x "a"
BLIND_KEY_B = "YmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmI="  # 32 x "b"


def with_check_digit(first_eleven: str) -> str:
    return first_eleven + str(personnummer_check_digit(first_eleven))


@st.composite
def valid_numbers(draw: st.DrawFn) -> tuple[str, datetime.date, bool]:
    """(12 digits, birth date, is samordningsnummer) for any valid date 1900..TODAY."""
    birth = draw(st.dates(min_value=datetime.date(1900, 1, 1), max_value=TODAY))
    samordning = draw(st.booleans())
    serial = draw(st.integers(min_value=0, max_value=999))
    day = birth.day + (60 if samordning else 0)
    digits = with_check_digit(f"{birth:%Y%m}{day:02d}{serial:03d}")
    return digits, birth, samordning


def written_forms(digits: str, today: datetime.date) -> list[str]:
    """Every way people may write the number on ``today``."""
    separator = "+" if today.year - int(digits[:4]) >= 100 else "-"
    forms_ = [
        digits,
        f"{digits[:8]}-{digits[8:]}",
        f"{digits[2:8]}{separator}{digits[8:]}",
        f"  {digits[:8]}-{digits[8:]}\t\n",
        f" {digits[2:8]}{separator}{digits[8:]} ",
    ]
    if separator == "-":
        forms_.append(digits[2:])
    return forms_


def error_code(text: str, today: datetime.date = TODAY) -> str | None:
    with pytest.raises(ValidationError) as caught:
        parse_personnummer(text, today=today)
    return caught.value.code


# --- property-based ---------------------------------------------------------------------


@given(valid_numbers())
def test_every_written_form_parses_to_the_same_twelve_digits(case):
    digits, birth, samordning = case
    for text in written_forms(digits, TODAY):
        pnr = parse_personnummer(text, today=TODAY)
        assert pnr.digits == digits, text
        assert pnr.birth_date == birth
        assert pnr.birth_year == birth.year
        assert pnr.is_samordningsnummer is samordning


@given(valid_numbers())
def test_a_wrong_check_digit_always_fails_with_code_checksum(case):
    digits, _, _ = case
    for wrong in set("0123456789") - {digits[-1]}:
        for text in written_forms(digits[:-1] + wrong, TODAY):
            assert error_code(text) == "checksum", text


@given(valid_numbers())
def test_written_forms_round_trip(case):
    digits, _, _ = case
    pnr = parse_personnummer(digits, today=TODAY)
    assert parse_personnummer(pnr.formatted, today=TODAY) == pnr
    assert parse_personnummer(str(pnr), today=TODAY) == pnr
    assert parse_personnummer(pnr.ten_digit_on(TODAY), today=TODAY) == pnr
    assert Personnummer(pnr.digits) == pnr
    assert pnr.formatted == f"{digits[:8]}-{digits[8:]}"


@given(valid_numbers())
def test_legal_gender_follows_the_second_to_last_digit(case):
    digits, _, _ = case
    pnr = parse_personnummer(digits, today=TODAY)
    assert pnr.legal_gender == ("kvinna" if int(digits[10]) % 2 == 0 else "man")


@given(st.text(max_size=20))
def test_any_text_is_either_a_number_or_a_precise_validation_error(text):
    try:
        pnr = parse_personnummer(text, today=TODAY)
    except ValidationError as error:
        assert error.code in MESSAGES
        assert error.messages == [str(MESSAGES[error.code])]
    else:
        assert len(pnr.digits) == 12
        assert pnr.birth_date <= TODAY


@given(st.from_regex(r"\A[0-9]{6,8}[-+]?[0-9]{4}\Z"))
def test_digit_strings_never_raise_anything_but_validation_error(text):
    try:
        parse_personnummer(text, today=TODAY)
    except ValidationError as error:
        assert error.code in MESSAGES


# --- known numbers ----------------------------------------------------------------------


def test_skatteverkets_test_number():
    pnr = parse_personnummer("19121212-1212", today=TODAY)
    assert pnr.digits == "191212121212"
    assert pnr.birth_date == datetime.date(1912, 12, 12)
    assert pnr.birth_year == 1912
    assert not pnr.is_samordningsnummer
    assert pnr.legal_gender == "man"
    assert pnr.formatted == "19121212-1212"
    assert pnr.ten_digit_on(TODAY) == "121212+1212"
    assert pnr.ten_digit_on(datetime.date(2011, 1, 1)) == "121212-1212"


def test_the_separator_decides_the_century_of_a_ten_digit_number():
    assert parse_personnummer("121212+1212", today=TODAY).birth_year == 1912
    assert parse_personnummer("121212-1212", today=TODAY).birth_year == 2012
    assert parse_personnummer("1212121212", today=TODAY).birth_year == 2012


def test_the_plus_sign_applies_from_the_year_of_the_hundredth_birthday():
    # Born 1925-12-01: in 2025 the number is written with '+', even before the birthday.
    digits = with_check_digit("19251201123")
    assert parse_personnummer(f"251201+{digits[8:]}", today=TODAY).birth_year == 1925
    # With '-' the number means 2025-12-01, which has not happened yet.
    assert error_code(f"251201-{digits[8:]}") == "future"


def test_a_samordningsnummer():
    pnr = parse_personnummer("19701063-2391", today=TODAY)
    assert pnr.is_samordningsnummer
    assert pnr.birth_date == datetime.date(1970, 10, 3)
    assert pnr.legal_gender == "man"
    assert pnr.formatted == "19701063-2391"
    assert pnr.ten_digit_on(TODAY) == "701063-2391"
    assert parse_personnummer("7010632391", today=TODAY) == pnr


def test_a_woman():
    digits = with_check_digit("19850704124")
    pnr = parse_personnummer(digits, today=TODAY)
    assert pnr.legal_gender == "kvinna"


def test_leap_days():
    assert parse_personnummer(with_check_digit("20000229123"), today=TODAY).birth_date == (
        datetime.date(2000, 2, 29)
    )
    # 1900 was not a leap year.
    assert error_code(with_check_digit("19000229123")) == "date"


def test_without_today_the_current_date_is_used():
    assert parse_personnummer("19121212-1212").birth_year == 1912


# --- every error message ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "12345",
        "19121212-121",
        "191212121212-",
        "1912121212121",
        "19121212_1212",
        "19121212--1212",
        "1912-12121212",
        "191212 121212",
        "19121212-12a2",
        "ÅÄÖ",
        "１９１２１２１２-１２１２",  # full-width digits
        "١٩١٢١٢١٢١٢١٢",  # Arabic-Indic digits
    ],
)
def test_format_errors(text):
    with pytest.raises(ValidationError) as caught:
        parse_personnummer(text, today=TODAY)
    assert caught.value.code == "format"
    assert caught.value.messages == [
        "Ange personnumret med 10 eller 12 siffror, till exempel 19121212-1212."
    ]


def test_non_text_is_a_format_error():
    with pytest.raises(ValidationError) as caught:
        parse_personnummer(191212121212, today=TODAY)
    assert caught.value.code == "format"


def test_plus_with_twelve_digits():
    with pytest.raises(ValidationError) as caught:
        parse_personnummer("19121212+1212", today=TODAY)
    assert caught.value.code == "plus_with_century"
    assert caught.value.messages == [
        "Plustecken används bara när personnumret skrivs med 10 siffror. "
        "Skriv numret med 12 siffror och bindestreck, till exempel 19121212-1212."
    ]


@pytest.mark.parametrize("first_eleven", ["19990230123", "19991301123", "19990000123"])
def test_dates_that_do_not_exist(first_eleven):
    # A correct check digit, so only the date can be the problem.
    with pytest.raises(ValidationError) as caught:
        parse_personnummer(with_check_digit(first_eleven), today=TODAY)
    assert caught.value.code == "date"
    assert caught.value.messages == ["Datumet finns inte."]


@pytest.mark.parametrize("first_eleven", ["19700291123", "19700492123", "19701192123"])
def test_samordningsnummer_dates_that_do_not_exist(first_eleven):
    with pytest.raises(ValidationError) as caught:
        parse_personnummer(with_check_digit(first_eleven), today=TODAY)
    assert caught.value.code == "samordningsnummer_date"
    assert caught.value.messages == [
        "Datumet finns inte. I ett samordningsnummer är dagen födelsedagen plus 60."
    ]


@pytest.mark.parametrize("first_eleven", ["20250616123", "20991231123", "20250676123"])
def test_birth_dates_in_the_future(first_eleven):
    with pytest.raises(ValidationError) as caught:
        parse_personnummer(with_check_digit(first_eleven), today=TODAY)
    assert caught.value.code == "future"
    assert caught.value.messages == ["Födelsedatumet ligger i framtiden."]


def test_born_today_is_not_the_future():
    assert parse_personnummer(with_check_digit("20250615123"), today=TODAY).birth_date == TODAY


@pytest.mark.parametrize("text", ["19121212-1213", "121212-1213", "19701063-2392"])
def test_checksum_errors(text):
    with pytest.raises(ValidationError) as caught:
        parse_personnummer(text, today=TODAY)
    assert caught.value.code == "checksum"
    assert caught.value.messages == ["Kontrollsiffran stämmer inte."]


# --- the value type ---------------------------------------------------------------------


@pytest.mark.parametrize("digits", ["19121212121", "1912121212122", "191212121213", "19990230123x"])
def test_the_constructor_refuses_invalid_digits(digits):
    with pytest.raises(ValueError):
        Personnummer(digits)


def test_the_value_is_immutable_hashable_and_masked_in_repr():
    pnr = parse_personnummer("19121212-1212", today=TODAY)
    with pytest.raises(AttributeError):
        pnr.digits = "197010632391"
    assert {pnr, parse_personnummer("121212+1212", today=TODAY)} == {pnr}
    assert repr(pnr) == "Personnummer('19121212-****')"
    assert "1212'" not in repr(pnr)


# --- form field -------------------------------------------------------------------------


class PersonForm(forms.Form):
    personnummer = PersonnummerFormField(label="Personnummer")


class OptionalPersonForm(forms.Form):
    personnummer = PersonnummerFormField(label="Personnummer", required=False)


def test_form_field_cleans_to_a_personnummer():
    form = PersonForm(data={"personnummer": " 121212+1212 "})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["personnummer"] == Personnummer("191212121212")


def test_form_field_shows_the_swedish_error():
    form = PersonForm(data={"personnummer": "19121212-1213"})
    assert not form.is_valid()
    assert form.errors["personnummer"] == ["Kontrollsiffran stämmer inte."]
    assert form.errors.as_data()["personnummer"][0].code == "checksum"


def test_form_field_required_and_optional():
    assert not PersonForm(data={"personnummer": ""}).is_valid()
    optional = OptionalPersonForm(data={"personnummer": ""})
    assert optional.is_valid()
    assert optional.cleaned_data["personnummer"] is None


def test_form_field_renders_a_personnummer_in_its_written_form():
    form = PersonForm(initial={"personnummer": Personnummer("191212121212")})
    html = str(form["personnummer"])
    assert 'value="19121212-1212"' in html
    assert 'inputmode="numeric"' in html
    assert 'autocomplete="off"' in html


# --- pydantic / django-ninja type ---------------------------------------------------------


class PersonIn(Schema):
    personnummer: PersonnummerStr


def test_pydantic_type_normalises_to_twelve_digits():
    assert PersonIn(personnummer="121212+1212").personnummer == "191212121212"
    assert PersonIn(personnummer="19701063-2391").personnummer == "197010632391"


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("19121212-1213", "checksum"),
        ("19990230-1234", "date"),
        ("19121212+1212", "plus_with_century"),
        ("hej", "format"),
        (191212121212, "format"),
        (None, "format"),
    ],
)
def test_pydantic_errors_carry_the_swedish_message(value, code):
    with pytest.raises(pydantic.ValidationError) as caught:
        PersonIn(personnummer=value)
    (error,) = caught.value.errors()
    assert error["type"] == f"personnummer_{code}"
    assert error["msg"] == str(MESSAGES[code])
    assert error["loc"] == ("personnummer",)


def test_pydantic_type_json_schema_is_a_string():
    schema = PersonIn.model_json_schema()["properties"]["personnummer"]
    assert schema["type"] == "string"
    assert schema["examples"] == ["19121212-1212"]


def test_ninja_answers_422_with_the_swedish_message():
    router = Router()

    @router.post("/people")
    def create_person(request, payload: PersonIn) -> dict[str, str]:
        return {"digits": payload.personnummer}

    client = TestClient(router)
    ok = client.post("/people", json={"personnummer": "19121212-1212"})
    assert ok.status_code == 200
    assert ok.json() == {"digits": "191212121212"}
    bad = client.post("/people", json={"personnummer": "19121212-1213"})
    assert bad.status_code == 422
    assert bad.json()["detail"][0]["msg"] == "Kontrollsiffran stämmer inte."


# --- blind index ------------------------------------------------------------------------


@override_settings(SAMSYN_BLIND_INDEX_KEY=BLIND_KEY_A)
def test_blind_index_is_the_same_for_every_written_form():
    indexes = {
        personnummer_blind_index(parse_personnummer(text, today=TODAY))
        for text in written_forms("191212121212", TODAY)
    }
    assert len(indexes) == 1
    (index,) = indexes
    assert len(index) == 64
    assert "191212121212" not in index
    assert index == crypto.blind_index("191212121212", purpose="personnummer")
    assert index != crypto.blind_index("191212121212", purpose="something-else")


def test_blind_index_depends_on_the_key_and_the_number():
    pnr = parse_personnummer("19121212-1212", today=TODAY)
    other = parse_personnummer("19701063-2391", today=TODAY)
    with override_settings(SAMSYN_BLIND_INDEX_KEY=BLIND_KEY_A):
        under_a = personnummer_blind_index(pnr)
        other_under_a = personnummer_blind_index(other)
    with override_settings(SAMSYN_BLIND_INDEX_KEY=BLIND_KEY_B):
        under_b = personnummer_blind_index(pnr)
    assert under_a != under_b
    assert under_a != other_under_a
