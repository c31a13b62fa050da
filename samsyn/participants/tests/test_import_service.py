"""The import service: all or nothing, no duplicates, anonymous rows, what gets created."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from samsyn.audit.models import AuditEvent
from samsyn.core.models import PartyKind
from samsyn.core.personnummer import parse_personnummer, personnummer_blind_index
from samsyn.core.tests.factories import InterventionFactory, PartyFactory
from samsyn.interventions.models import Method, Orientation, Phase
from samsyn.participants.importing.parsing import parse_file
from samsyn.participants.importing.service import import_registrations
from samsyn.participants.models import (
    Person,
    PhaseChange,
    PostExitFollowUp,
    Registration,
    RegistrationIncome,
)
from samsyn.participants.tests.import_helpers import (
    MAN,
    WOMAN,
    anonymous_row,
    csv_bytes,
    ended_row,
    good_row,
    make_pnr,
    rows_of,
    xlsx_bytes,
)


def run(world, *rows, actor=None, intervention=None):
    return import_registrations(
        actor=actor, intervention=intervention or world.intervention, rows=rows_of(*rows)
    )


def nothing_stored() -> bool:
    return not (Person.objects.exists() or Registration.objects.exists())


# --- A good file -------------------------------------------------------------------------


def test_good_file_creates_people_registrations_and_history(world) -> None:
    Phase.objects.create(intervention=world.intervention, name="Kartläggning", order=1)
    Phase.objects.create(intervention=world.intervention, name="Aktivitet", order=2)
    result = run(world, good_row(), ended_row(), anonymous_row())
    assert result.ok, result.errors
    assert (result.imported, result.persons_created, result.skipped) == (3, 3, [])

    alva = Person.objects.get(personnummer_index=_index(WOMAN))
    assert (alva.first_name, alva.last_name, alva.gender) == ("Alva", "Andersson", "kvinna")
    assert (alva.birth_year, alva.home_municipality_code) == (1985, "1780")
    assert alva.personnummer == parse_personnummer(WOMAN).digits
    ongoing = alva.registrations.get()
    assert ongoing.referring_party == world.fk
    assert ongoing.start_date == datetime.date(2025, 3, 1)
    assert ongoing.end_date is None
    assert ongoing.next_follow_up_due == datetime.date(2025, 4, 26)
    assert (ongoing.occupation_before, ongoing.education_level) == ("ingen", "gymnasial")
    assert ongoing.current_phase is not None
    assert ongoing.current_phase.name == "Kartläggning"
    assert set(ongoing.incomes.values_list("moment", "source")) == {
        ("fore", "sjukpenning"),
        ("fore", "forsorjningsstod"),
    }
    change = PhaseChange.objects.get(registration=ongoing)
    assert (change.phase.name, change.entered_on) == ("Kartläggning", ongoing.start_date)
    assert not ongoing.post_exit_follow_ups.exists()


def test_ended_registration_gets_exit_fields_and_post_exit_follow_ups(world) -> None:
    assert run(world, ended_row()).ok
    registration = Registration.objects.get()
    assert registration.person.gender == "man"  # from the personnummer
    assert registration.end_date == datetime.date(2025, 10, 31)
    assert (registration.exit_reason, registration.outcome) == ("fullfoljt", "arbete")
    assert registration.occupation_after == "arbetar"
    assert registration.step_forward is True
    assert registration.next_follow_up_due is None
    assert list(registration.incomes.filter(moment="efter").values_list("source", flat=True)) == [
        "lon"
    ]
    assert list(
        registration.post_exit_follow_ups.order_by("months_after").values_list(
            "months_after", "due_on"
        )
    ) == [(6, datetime.date(2026, 4, 30)), (12, datetime.date(2026, 10, 31))]
    assert not PhaseChange.objects.exists()  # the intervention has no phases


def test_felregistrering_gets_no_post_exit_follow_ups_and_nej_is_false(world) -> None:
    row = ended_row(avslutsorsak="felregistrering", stegforflyttning="nej", utfall="")
    assert run(world, row).ok
    registration = Registration.objects.get()
    assert registration.step_forward is False
    assert not PostExitFollowUp.objects.exists()
    assert not Registration.objects.countable().exists()


def test_xlsx_and_both_csv_delimiters_import_the_same(world) -> None:
    from samsyn.participants.importing.parsing import COLUMNS

    rows = [good_row(), ended_row()]
    for index, data in enumerate(
        [
            csv_bytes(rows, delimiter=";"),
            csv_bytes(rows, delimiter=",", bom=True),
            xlsx_bytes([[row[c] for c in COLUMNS] for row in rows]),
        ]
    ):
        intervention = InterventionFactory(forbund=world.forbund, owner_party=world.kommun)
        result = import_registrations(
            actor=None, intervention=intervention, rows=parse_file(data).rows
        )
        assert result.ok, result.errors
        assert result.imported == 2
        # The same two people each time: matched on the personnummer.
        assert result.persons_created == (2 if index == 0 else 0)
    assert Person.objects.count() == 2
    assert Registration.objects.count() == 6


def test_each_imported_registration_is_one_audit_event(world) -> None:
    result = run(world, good_row(), anonymous_row(), actor=world["insatsansvarig"])
    assert result.ok
    events = AuditEvent.objects.filter(object_type="participants.Registration")
    assert events.count() == 2
    refs = set(Person.objects.values_list("pseudonym", flat=True))
    for event in events:
        assert (event.action, event.detail) == ("create", "Import")
        assert event.actor == world["insatsansvarig"]
        assert event.actor_username == "insatsansvarig"
        assert event.role == "insatsansvarig"
        assert event.forbund_id == world.forbund.pk
        assert event.intervention_id == world.intervention.pk
        assert event.participant_ref in refs
        assert Registration.objects.filter(pk=event.object_id).exists()
    summary = AuditEvent.objects.get(object_type="")
    assert summary.detail.startswith("Import av inskrivningar från fil: 2 nya")


def test_command_line_import_is_logged_as_the_system(world) -> None:
    assert run(world, good_row()).ok
    event = AuditEvent.objects.get(object_type="participants.Registration")
    assert event.actor is None
    assert event.actor_username == "system:import_participants"


# --- Re-import --------------------------------------------------------------------------


def test_importing_the_same_file_twice_changes_nothing_the_second_time(world) -> None:
    rows = (good_row(), ended_row(), anonymous_row(), anonymous_row())
    assert run(world, *rows).imported == 4
    counts = _counts()
    again = run(world, *rows)
    assert again.ok
    assert (again.imported, again.persons_created) == (0, 0)
    assert [str(s) for s in again.skipped] == [
        "rad 2: redan importerad",
        "rad 3: redan importerad",
        "rad 4: redan importerad",
        "rad 5: redan importerad",
    ]
    assert _counts() == counts


def test_a_known_person_with_a_new_period_gets_a_second_registration(world) -> None:
    assert run(world, ended_row()).ok
    result = run(world, ended_row(), ended_row(startdatum="2025-11-15", slutdatum="", **_no_exit()))
    assert (result.imported, result.persons_created, len(result.skipped)) == (1, 0, 1)
    person = Person.objects.get()
    assert person.registrations.count() == 2


def test_a_person_cannot_have_overlapping_registrations(world) -> None:
    assert run(world, good_row()).ok
    result = run(world, good_row(startdatum="2025-06-01"))
    assert not result.ok
    assert str(result.errors[0]).startswith("rad 2: startdatum: Personen har redan en inskrivning")
    assert Registration.objects.count() == 1


def test_the_same_person_and_start_twice_in_one_file_is_an_error(world) -> None:
    result = run(world, good_row(), good_row(fornamn="Alva-Li"))
    assert [str(e) for e in result.errors] == [
        "rad 3: startdatum: Samma personnummer och startdatum finns redan på rad 2."
    ]
    assert nothing_stored()


def test_people_are_matched_within_the_forbund_only(world) -> None:
    other_party = world.other_party
    PartyFactory(forbund=world.other_forbund, kind=PartyKind.FORSAKRINGSKASSAN, name="FK Annan")
    assert run(world, good_row()).ok
    result = run(world, good_row(), intervention=world.other_intervention)
    assert (result.imported, result.persons_created) == (1, 1)
    assert Person.objects.filter(forbund=other_party.forbund).count() == 1


# --- Anonymous rows -----------------------------------------------------------------------


def test_anonymous_row_stores_gender_and_birth_year_only(world) -> None:
    result = run(world, anonymous_row(kommun="Hagfors"))
    assert result.ok
    person = Person.objects.get()
    assert person.is_anonymous
    assert (person.personnummer, person.personnummer_index) == ("", "")
    assert (person.first_name, person.last_name, person.home_municipality_code) == ("", "", "")
    assert (person.gender, person.birth_year) == ("kvinna", 1990)
    assert [str(w) for w in result.warnings] == [
        "rad 2: varning: Kommunen sparas inte för en anonym inskrivning (utan personnummer)."
    ]


def test_anonymous_row_needs_gender_and_must_not_carry_names(world) -> None:
    result = run(world, anonymous_row(kon="", fornamn="Kim", efternamn="Ek"))
    lines = [str(e) for e in result.errors]
    assert "rad 2: kon: Ange kön (kvinna eller man) när personnummer saknas." in lines
    assert any(line.startswith("rad 2: fornamn: Namn får inte anges") for line in lines)
    assert any(line.startswith("rad 2: efternamn: Namn får inte anges") for line in lines)
    assert nothing_stored()


# --- Derived and contradicting values ---------------------------------------------------


def test_given_gender_wins_over_the_legal_gender_digit(world) -> None:
    assert run(world, good_row(kon="man")).ok
    assert Person.objects.get().gender == "man"


def test_ten_digit_and_samordningsnummer_are_accepted(world) -> None:
    samordning = make_pnr("19850374", "238")  # day 14 + 60
    rows = [good_row(personnummer="8503142382"), good_row(personnummer=samordning)]
    rows[0]["personnummer"] = WOMAN.replace("-", "")[2:]
    result = run(world, *rows)
    assert result.ok, result.errors
    assert Person.objects.count() == 2


def test_kommun_referral_picks_the_persons_own_municipality_party(world) -> None:
    world.kommun.municipality_code = "1780"
    world.kommun.save()
    hagfors = PartyFactory(
        forbund=world.forbund,
        kind=PartyKind.KOMMUN,
        name="Hagfors kommun",
        municipality_code="1783",
    )
    result = run(
        world,
        good_row(remitterande_part="kommun", kommun="Hagfors kommun"),
        ended_row(remitterande_part="kommun", kommun="0114"),
    )
    assert result.ok, result.errors
    by_person = {
        r.person.home_municipality_code: r.referring_party for r in Registration.objects.all()
    }
    assert by_person["1783"] == hagfors
    # Upplands Väsby is not a member: the first kommun party (by name) refers.
    assert by_person["0114"] == hagfors


def test_rekommendation_is_stored_where_resursinventering_is_used(world) -> None:
    intervention = InterventionFactory(
        forbund=world.forbund, owner_party=world.kommun, methods=[Method.RESURSINVENTERING]
    )
    result = run(world, ended_row(rekommendation="aktivitet"), intervention=intervention)
    assert result.ok, result.errors
    assert Registration.objects.get().recommendation == "aktivitet"


def test_eligibility_breaches_warn_but_import(world) -> None:
    world.intervention.last_intake_date = datetime.date(2025, 1, 15)
    world.intervention.max_age = 30
    world.intervention.save()
    result = run(world, good_row(startdatum="2024-12-01"), ended_row())
    assert result.ok
    assert result.imported == 2
    lines = [str(w) for w in result.warnings]
    assert "rad 2: varning: Startdatum ligger före insatsens start (2025-01-01)." in lines
    assert any(line.startswith("rad 2: varning: Personen är 39 år.") for line in lines)
    assert any(line.startswith("rad 3: varning: Personen är 45 år.") for line in lines)
    assert any(line.startswith("rad 3: varning: Sista intagsdag") for line in lines)


# --- Bad rows: nothing is stored -----------------------------------------------------------

BAD_ROWS = [
    ({"personnummer": "19850314-2381"}, "personnummer", "Kontrollsiffran stämmer inte."),
    ({"personnummer": "abc"}, "personnummer", "Ange personnumret med 10 eller 12 siffror"),
    ({"kon": "annat"}, "kon", 'Okänt värde "annat". Tillåtna värden: kvinna, man.'),
    ({"fodelsear": "85"}, "fodelsear", "Ange födelseåret med fyra siffror"),
    ({"fodelsear": "1986"}, "fodelsear", "Födelseåret stämmer inte med personnumret."),
    ({"kommun": "Atlantis"}, "kommun", 'Okänd kommun "Atlantis".'),
    ({"remitterande_part": "skolan"}, "remitterande_part", 'Okänt värde "skolan"'),
    ({"startdatum": ""}, "startdatum", "Ska fyllas i."),
    ({"startdatum": "1/3 2025"}, "startdatum", "Ange datumet som ÅÅÅÅ-MM-DD"),
    ({"startdatum": "2025-02-30"}, "startdatum", "Datumet finns inte."),
    ({"startdatum": "2099-01-01"}, "startdatum", "Startdatum ligger i framtiden."),
    ({"forsorjning_fore": "lon|bidrag"}, "forsorjning_fore", 'Okänt värde "bidrag"'),
    ({"sysselsattning_fore": "pensionar"}, "sysselsattning_fore", "Okänt värde"),
    ({"utbildningsniva": "hog"}, "utbildningsniva", "Okänt värde"),
    ({"avslutsorsak": "fullfoljt"}, "avslutsorsak", "Kan bara anges när slutdatum är ifyllt."),
    ({"utfall": "arbete"}, "utfall", "Kan bara anges när slutdatum är ifyllt."),
    ({"sysselsattning_efter": "arbetar"}, "sysselsattning_efter", "Kan bara anges när"),
    ({"forsorjning_efter": "lon"}, "forsorjning_efter", "Kan bara anges när slutdatum"),
    ({"stegforflyttning": "ja"}, "stegforflyttning", "Kan bara anges när slutdatum"),
    ({"slutdatum": "2025-01-01", "avslutsorsak": "fullfoljt"}, "slutdatum", "före startdatum"),
    ({"slutdatum": "2099-01-01", "avslutsorsak": "fullfoljt"}, "slutdatum", "i framtiden"),
    ({"slutdatum": "2025-06-01"}, "avslutsorsak", "Ska fyllas i när slutdatum är ifyllt."),
    (
        {"slutdatum": "2025-06-01", "avslutsorsak": "klar"},
        "avslutsorsak",
        'Okänt värde "klar"',
    ),
    (
        {"slutdatum": "2025-06-01", "avslutsorsak": "avbrutit", "stegforflyttning": "kanske"},
        "stegforflyttning",
        "Tillåtna värden: ja, nej.",
    ),
    (
        {"slutdatum": "2025-06-01", "avslutsorsak": "avbrutit", "rekommendation": "aktivitet"},
        "rekommendation",
        "använder inte resursinventering",
    ),
    ({"fornamn": "x" * 101}, "fornamn", "Högst 100 tecken."),
]


@pytest.mark.parametrize(("changes", "column", "message"), BAD_ROWS)
def test_a_bad_row_stops_the_whole_import(world, changes, column, message) -> None:
    result = run(world, ended_row(), good_row(**changes))
    assert not result.ok
    assert result.imported == 0
    matching = [e for e in result.errors if e.row == 3 and e.column == column]
    assert matching, [str(e) for e in result.errors]
    assert message in matching[0].message
    assert nothing_stored()
    assert not AuditEvent.objects.filter(action="create").exists()


def test_every_error_is_reported_not_just_the_first(world) -> None:
    rows = [
        good_row(personnummer="123"),
        good_row(personnummer=MAN, startdatum="igår", kommun="Ingenstans"),
    ]
    result = run(world, *rows)
    assert [(e.row, e.column) for e in result.errors] == [
        (2, "personnummer"),
        (3, "kommun"),
        (3, "startdatum"),
    ]


def test_no_party_of_that_kind_in_the_forbund_is_an_error(world) -> None:
    world.region.delete()
    result = run(world, good_row(remitterande_part="region"))
    assert [str(e) for e in result.errors] == [
        "rad 2: remitterande_part: Förbundet har ingen part av typen Region."
    ]


def test_a_row_with_extra_cells_is_an_error(world) -> None:
    data = csv_bytes([good_row()]) + b";" * 18 + b";extra\r\n"
    result = import_registrations(
        actor=None, intervention=world.intervention, rows=parse_file(data).rows
    )
    assert str(result.errors[0]) == (
        "rad 3: (hela raden): Raden har fler värden än rubrikraden har kolumner."
    )
    assert {e.row for e in result.errors} == {3}
    assert nothing_stored()


# --- Who may import, and into what ---------------------------------------------------------


def test_a_strukturovergripande_intervention_takes_no_import(world) -> None:
    intervention = InterventionFactory(
        forbund=world.forbund,
        owner_party=world.kommun,
        orientation=Orientation.STRUKTUROVERGRIPANDE,
    )
    with pytest.raises(ValidationError, match="strukturövergripande"):
        run(world, good_row(), intervention=intervention)
    assert nothing_stored()


@pytest.mark.parametrize("persona", ["admin", "insatsansvarig"])
def test_insatsansvarig_and_administrator_may_import(world, persona: str) -> None:
    assert run(world, good_row(), actor=world[persona]).imported == 1


@pytest.mark.parametrize(
    "persona", ["coach", "handlaggare", "styrgrupp", "granskare", "outsider", "nobody"]
)
def test_others_get_404(world, persona: str) -> None:
    with pytest.raises(Http404):
        run(world, good_row(), actor=world[persona])
    assert nothing_stored()


def _index(pnr: str) -> str:
    return personnummer_blind_index(parse_personnummer(pnr))


def _no_exit() -> dict[str, str]:
    columns = ("avslutsorsak", "utfall", "sysselsattning_efter", "forsorjning_efter")
    return dict.fromkeys((*columns, "stegforflyttning"), "")


def _counts() -> tuple[int, ...]:
    return (
        Person.objects.count(),
        Registration.objects.count(),
        RegistrationIncome.objects.count(),
        PostExitFollowUp.objects.count(),
        AuditEvent.objects.filter(object_type="participants.Registration").count(),
    )


# --- Issue #10: outcome against occupation after; anonymous exits --------------------------


def test_an_outcome_that_contradicts_the_occupation_after_stops_the_import(world) -> None:
    result = run(world, ended_row(utfall="arbete", sysselsattning_efter="ingen"))
    assert not result.ok
    [error] = [e for e in result.errors if e.column == "utfall"]
    assert "stämmer inte med sysselsättningen efter insatsen" in error.message
    assert nothing_stored()


def test_an_anonymous_ended_row_gets_no_post_exit_follow_ups(world) -> None:
    row = anonymous_row(
        slutdatum="2025-10-31",
        avslutsorsak="fullfoljt",
        utfall="arbete_studier",
        sysselsattning_efter="studerar",
        forsorjning_efter="lon|studiemedel",
        stegforflyttning="ja",
    )
    assert run(world, row, ended_row()).ok
    anonymous = Registration.objects.get(person__is_anonymous=True)
    assert anonymous.outcome == "arbete_studier"
    assert not anonymous.post_exit_follow_ups.exists()
    assert PostExitFollowUp.objects.count() == 2  # the identified person's
