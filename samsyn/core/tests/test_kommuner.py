"""The list of Sweden's municipalities and the forgiving look-up by name or code."""

from __future__ import annotations

import pytest

from samsyn.core.kommuner import LAN, MUNICIPALITIES, municipality_code_for, municipality_name


def test_there_are_290_municipalities_with_unique_four_digit_codes() -> None:
    assert len(MUNICIPALITIES) == 290
    assert all(len(code) == 4 and code.isdigit() for code in MUNICIPALITIES)
    assert len(set(MUNICIPALITIES.values())) == 290


def test_every_code_starts_with_a_valid_lan() -> None:
    assert set(LAN) == {
        "01", "03", "04", "05", "06", "07", "08", "09", "10", "12", "13",
        "14", "17", "18", "19", "20", "21", "22", "23", "24", "25",
    }  # fmt: skip
    assert {code[:2] for code in MUNICIPALITIES} == set(LAN)


def test_number_of_municipalities_per_lan() -> None:
    per_lan = {lan: sum(code.startswith(lan) for code in MUNICIPALITIES) for lan in LAN}
    assert per_lan == {
        "01": 26, "03": 8, "04": 9, "05": 13, "06": 13, "07": 8, "08": 12, "09": 1,
        "10": 5, "12": 33, "13": 6, "14": 49, "17": 16, "18": 12, "19": 10, "20": 15,
        "21": 10, "22": 7, "23": 8, "24": 15, "25": 14,
    }  # fmt: skip


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("0114", "Upplands Väsby"),
        ("0139", "Upplands-Bro"),
        ("0180", "Stockholm"),
        ("0330", "Knivsta"),
        ("0380", "Uppsala"),
        ("0580", "Linköping"),
        ("0980", "Gotland"),
        ("1280", "Malmö"),
        ("1281", "Lund"),
        ("1480", "Göteborg"),
        ("1490", "Borås"),
        ("1715", "Kil"),
        ("1763", "Forshaga"),
        ("1780", "Karlstad"),
        ("1783", "Hagfors"),
        ("1880", "Örebro"),
        ("1980", "Västerås"),
        ("2023", "Malung-Sälen"),
        ("2080", "Falun"),
        ("2180", "Gävle"),
        ("2281", "Sundsvall"),
        ("2380", "Östersund"),
        ("2480", "Umeå"),
        ("2580", "Luleå"),
        ("2584", "Kiruna"),
    ],
)
def test_well_known_codes(code: str, name: str) -> None:
    assert MUNICIPALITIES[code] == name
    assert municipality_name(code) == name
    assert municipality_code_for(name) == code
    assert municipality_code_for(code) == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("stockholm", "0180"),
        ("  STOCKHOLM  ", "0180"),
        ("Stockholms stad", "0180"),
        ("Göteborgs stad", "1480"),
        ("Karlstads kommun", "1780"),
        ("Hagfors kommun", "1783"),
        ("Kils kommun", "1715"),
        ("Malung-Sälen", "2023"),
        ("Malung Sälen", "2023"),
        ("Malung-Sälens kommun", "2023"),
        ("Upplands Väsby", "0114"),
        ("Upplands-Väsby", "0114"),
        ("Upplands Väsby kommun", "0114"),
        ("Upplands-Bro kommun", "0139"),
        ("Falu kommun", "2080"),
        ("Region Gotland", "0980"),
        ("Lilla Edets kommun", "1462"),
        ("Dals-Eds kommun", "1438"),
        ("Borås stad", "1490"),
        ("180", "0180"),
        ("114", "0114"),
        (1780, "1780"),
    ],
)
def test_names_in_common_forms(text: object, code: str) -> None:
    assert municipality_code_for(text) == code


@pytest.mark.parametrize("text", ["", "   ", None, "Atlantis", "9999", "0100", "12", "01800"])
def test_unknown_is_none(text: object) -> None:
    assert municipality_code_for(text) is None


def test_unknown_code_name_is_the_code() -> None:
    assert municipality_name("9999") == "9999"
