"""The shipped SSYK 2012 list (checked against SCB's published names)."""

from __future__ import annotations

from samsyn.ips import ssyk


def test_counts() -> None:
    groups = ssyk.unit_groups()
    assert len(groups) == 429  # SCB: 429 yrkesgrupper on the 4-digit level
    assert all(len(code) == 4 and code.isdigit() for code in groups)
    assert list(groups) == sorted(groups)
    assert list(ssyk.major_groups()) == [str(digit) for digit in range(10)]
    # every unit group falls under a major group
    assert {code[0] for code in groups} == set(ssyk.major_groups())


def test_known_codes() -> None:
    assert ssyk.occupation_name("2512") == "Mjukvaru- och systemutvecklare m.fl."
    assert ssyk.occupation_name("5120") == "Kockar och kallskänkor"
    assert ssyk.occupation_name("5343") == "Personliga assistenter"
    assert ssyk.occupation_name("9629") == "Övriga servicearbetare"
    assert ssyk.occupation_name("0110") == "Officerare"
    assert ssyk.occupation_label("2512") == "2512 Mjukvaru- och systemutvecklare m.fl."
    assert ssyk.major_group_label("5120") == "Service-, omsorgs- och försäljningsyrken"
    assert ssyk.major_groups()["1"] == "Chefsyrken"


def test_validity() -> None:
    assert ssyk.is_valid("5120")
    for bad in ("512", "51200", "9999", "", None, 5120, "5120 "):
        assert not ssyk.is_valid(bad)
    assert ssyk.occupation_label("9999") == "9999"


def test_choices_grouped_by_major_group() -> None:
    choices = ssyk.occupation_choices()
    assert len(choices) == 10
    assert choices[0][0] == "0 Militära yrken"
    assert sum(len(options) for _group, options in choices) == 429
    assert ("5120", "5120 Kockar och kallskänkor") in dict(choices)[
        "5 Service-, omsorgs- och försäljningsyrken"
    ]


def test_search() -> None:
    assert ssyk.search("kock")[0] == ("5120", "Kockar och kallskänkor")
    assert [code for code, _name in ssyk.search("251")] == [
        "2511", "2512", "2513", "2514", "2515", "2516", "2519"
    ]  # fmt: skip
    assert ssyk.search("  MJUKVARU  ") == [("2512", "Mjukvaru- och systemutvecklare m.fl.")]
    assert ssyk.search("") == []
    assert len(ssyk.search("e", limit=5)) == 5
