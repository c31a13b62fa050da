"""The coach's whole day in the browser: one new person from referral to the follow-up 12
months after exit, with axe-core on every page and on every form opened in place.

The demo coach does it all (a coach may enter a referral on a party's behalf, decide it,
record the consent and register the person). Everything happens today: the journey forms
accept events up to today, and a post-exit follow-up may be recorded from the exit date on,
so the 6- and 12-month follow-ups are recorded straight after the exit, as a coach does
when the person is reached early.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import Locator, expect

from samsyn.browser_tests.conftest import Visit
from samsyn.core.demo_data import DEMO_USERS, STEP_SLUG
from samsyn.core.personnummer import personnummer_check_digit

pytestmark = pytest.mark.browser

COACH = next(spec for spec in DEMO_USERS if spec.username == "coach")
# The step-by-step intervention: the coach works there and it rates BIP's indicators.
INTERVENTION = "Steg för steg – stegförflyttning mot arbete och studier"
# A fictional number outside the demo's series of birth dates (see participants/demo/cast.py).
FIRST_ELEVEN = "19930517986"
PERSONNUMMER = f"{FIRST_ELEVEN[:8]}-{FIRST_ELEVEN[8:]}{personnummer_check_digit(FIRST_ELEVEN)}"
WRONG_CHECK_DIGIT = PERSONNUMMER[:-1] + str((int(PERSONNUMMER[-1]) + 1) % 10)
FIRST_NAME, LAST_NAME = "Webbtest", "Genomgångsson"
FULL_NAME = f"{FIRST_NAME} {LAST_NAME}"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def _label(text: str) -> re.Pattern[str]:
    """A field's label; required fields add "(obligatoriskt)" after it."""
    return re.compile(rf"^{re.escape(text)}")


def _group(area: Locator, legend: str) -> Locator:
    return area.get_by_role("group", name=_label(legend))


def _saved(visit: Visit, message: str) -> None:
    expect(visit.main()).to_contain_text(message)


def _heading(visit: Visit) -> Locator:
    return visit.page.get_by_role("heading", level=1)


def _refer(visit: Visit) -> None:
    """A referral entered by the coach for Försäkringskassan, first with a typo."""
    visit.nav("Anvisningar")
    visit.check()
    visit.follow("Ny anvisning")
    expect(_heading(visit)).to_have_text("Ny anvisning")
    visit.check()
    visit.follow(INTERVENTION)
    expect(_heading(visit)).to_have_text(f"Ny anvisning till {INTERVENTION}")
    visit.check()

    form = visit.page.get_by_role("form", name="Ny anvisning")
    form.get_by_label(_label("Anvisande part")).select_option(label="Försäkringskassan")
    form.get_by_label(_label("Anledning")).fill(
        "Långvarig sjukskrivning, vill pröva arbete med stöd. (Webbtest, fiktiv person.)"
    )
    current = _group(form, "Personen är aktuell hos")
    current.get_by_label("Försäkringskassan").check()
    current.get_by_label("Arbetsförmedlingen").check()
    # The intervention requires an income from one of the referring parties (seed 002).
    _group(form, "Personens försörjning nu").get_by_label(
        "Sjukpenning/rehabiliteringspenning"
    ).check()
    form.get_by_label(_label("Personnummer")).fill(WRONG_CHECK_DIGIT)
    form.get_by_label(_label("Förnamn")).fill(FIRST_NAME)
    form.get_by_label(_label("Efternamn")).fill(LAST_NAME)
    form.get_by_role("button", name="Skicka anvisning").click()
    # The error state, swapped in place by htmx: announced, and accessible too.
    alert = visit.page.get_by_role("form", name="Ny anvisning").get_by_role("alert")
    expect(alert).to_contain_text("Personnummer")
    visit.check()

    form = visit.page.get_by_role("form", name="Ny anvisning")
    form.get_by_label(_label("Personnummer")).fill(PERSONNUMMER)
    visit.submit("Skicka anvisning", within=form)
    expect(_heading(visit)).to_have_text(f"Anvisning: {FULL_NAME}")
    visit.check()


def _accept_consent_and_register(visit: Visit, tmp_path: Path) -> None:
    decision = visit.page.get_by_role("form", name="Beslut om anvisningen")
    decision.get_by_label("Anta").check()
    visit.submit("Spara beslut", within=decision)
    expect(_heading(visit)).to_have_text(f"Skriv in {FULL_NAME} i {INTERVENTION}")
    visit.check()

    visit.follow("Registrera samtycke först")
    expect(_heading(visit)).to_have_text(f"Samtycke för {FULL_NAME}")
    visit.check()
    signed = tmp_path / "underskrivet samtycke.pdf"
    signed.write_bytes(PDF)
    form = visit.page.get_by_role("form", name="Registrera samtycke")
    parties = _group(form, "Parter som får utbyta information")
    for party in ("Försäkringskassan", "Arbetsförmedlingen", "Älvby kommun"):
        parties.get_by_label(party).check()
    form.get_by_label(_label("Underskriven blankett")).set_input_files(signed)
    visit.submit("Spara samtycket", within=form)
    expect(_heading(visit)).to_have_text(f"Anvisning: {FULL_NAME}")
    expect(visit.main().get_by_role("link", name=re.compile("^Hämta"))).to_be_visible()
    visit.check()

    visit.follow("Skriv in personen")
    visit.check()
    form = visit.page.get_by_role("form", name="Skriv in personen")
    _group(form, "Försörjning före insatsen").get_by_label("Försörjningsstöd").check()
    form.get_by_label(_label("Sysselsättning före insatsen")).select_option(
        label="Ingen sysselsättning"
    )
    form.get_by_label(_label("Utbildningsnivå")).select_option(label="Gymnasial")
    visit.submit("Skriv in", within=form)
    expect(_heading(visit)).to_contain_text(FULL_NAME)
    expect(visit.main()).to_contain_text("Personen är inskriven.")
    visit.check()


def _plan_and_phase(visit: Visit, today: str) -> None:
    form = visit.open_in_place("Skriv handlingsplan", "Skriv handlingsplan")
    visit.check()
    form.get_by_label(_label("Övergripande mål")).select_option(label="Arbete")
    form.get_by_label(_label("Överenskommen den")).fill(today)
    form.get_by_label("Deltagaren är överens").check()
    form.get_by_label("Beskrivning").fill("Arbete inom handel, först i liten skala.")
    visit.submit("Spara handlingsplanen", within=form)
    _saved(visit, "Handlingsplanen är sparad.")
    visit.check()

    form = visit.open_in_place("Lägg till delmål", "Nytt delmål")
    visit.check()
    form.get_by_label(_label("Delmål")).fill("Pröva praktik tio timmar i veckan")
    form.get_by_label("Ansvarig part").select_option(label="Arbetsförmedlingen")
    form.get_by_label(_label("Status")).select_option(label="Pågår")
    visit.submit("Spara delmålet", within=form)
    expect(visit.main().get_by_role("rowheader", name=re.compile("^Pröva praktik"))).to_be_visible()
    visit.check()

    form = visit.open_in_place("Byt fas", "Byt fas")
    visit.check()
    _group(form, "Ny fas").get_by_label("Aktivitet").check()
    form.get_by_label(_label("Från och med")).fill(today)
    visit.submit("Spara fasbytet", within=form)
    _saved(visit, "Fasbytet är registrerat.")
    visit.check()


def _week_of_work(visit: Visit, today: str) -> None:
    form = visit.open_in_place("Aktivitet", "Ny aktivitet")
    visit.check()
    form.get_by_label(_label("Aktivitet")).select_option(label="Motiverande samtal")
    form.get_by_label(_label("Datum")).fill(today)
    form.get_by_label(_label("Timmar")).fill("1,5")
    visit.submit("Spara aktiviteten", within=form)
    _saved(visit, "Aktiviteten är registrerad.")
    visit.check()

    form = visit.open_in_place("Steg på stegen", "Registrera steg på stegen")
    visit.check()
    _group(form, "Steg på stegen").get_by_label(re.compile("Arbetsförberedande")).check()
    form.get_by_label(_label("Datum")).fill(today)
    visit.submit("Spara steget", within=form)
    _saved(visit, "Steget är registrerat.")
    visit.check()

    form = visit.open_in_place("Skatta indikatorer", "Skatta indikatorer")
    visit.check()
    form.get_by_label(_label("Datum för skattningen")).fill(today)
    scales = form.get_by_role("group")
    for index in range(scales.count()):
        scales.nth(index).get_by_label("3", exact=True).check()
    visit.submit("Spara skattningen", within=form)
    _saved(visit, "Skattningen är sparad.")
    visit.check()

    form = visit.open_in_place("Uppföljningsmöte", "Nytt uppföljningsmöte")
    visit.check()
    present = _group(form, "Närvarande")
    present.get_by_label("Deltagaren").check()
    present.get_by_label("Coach").check()
    form.get_by_label("Anteckning").fill("Praktikplats hos en butik diskuterades.")
    visit.submit("Spara uppföljningen", within=form)
    _saved(visit, "Uppföljningsmötet är registrerat.")
    visit.check()

    form = visit.open_in_place("Journalanteckning", "Ny journalanteckning")
    visit.check()
    form.get_by_label(_label("Anteckning")).fill("Ringde arbetsgivaren; intervju på fredag.")
    visit.submit("Spara anteckningen", within=form)
    _saved(visit, "Anteckningen är sparad.")
    visit.check()


def _job_and_exit(visit: Visit, today: str) -> None:
    form = visit.open_in_place("Arbets- eller studiestart", "Ny arbets- eller studiestart")
    visit.check()
    _group(form, "Typ av start").get_by_label("Arbete").check()
    form.get_by_label(_label("Form")).select_option(label="Osubventionerad anställning")
    form.get_by_label("Arbetsgivare eller skola").fill("Butiken Provsmak")
    form.get_by_label(_label("Startdatum")).fill(today)
    form.get_by_label("Timmar per vecka").fill("30")
    form.get_by_label(re.compile("^Konkurrensutsatt arbete")).check()
    visit.submit("Spara starten", within=form)
    _saved(visit, "Starten är registrerad.")
    visit.check()

    visit.follow("Avsluta inskrivningen")
    expect(_heading(visit)).to_have_text("Avsluta inskrivningen")
    visit.check()
    form = visit.main().locator("form")
    form.get_by_label(_label("Slutdatum")).fill(today)
    form.get_by_label(_label("Avslutsorsak")).select_option(label="Fullföljt")
    _group(form, "Försörjning efter insatsen").get_by_label("Lön").check()
    form.get_by_label("Sysselsättning efter insatsen").select_option(label="Arbetar")
    form.get_by_label("Resultat vid avslut").select_option(label="Arbete")
    visit.submit("Avsluta inskrivningen", within=form)
    expect(visit.main()).to_contain_text("Inskrivningen är avslutad.")
    visit.check()


def _post_exit(visit: Visit, months: int, today: str) -> None:
    title = f"Uppföljning {months} månader efter avslut"
    visit.follow(title)
    expect(_heading(visit)).to_have_text(title)
    visit.check()
    form = visit.main().locator("form")
    form.get_by_label(_label("Datum för uppföljningen")).fill(today)
    _group(form, "Nåddes personen?").get_by_label("Ja").check()
    form.get_by_label("Sysselsättning nu").select_option(label="Arbetar")
    _group(form, "Försörjning nu").get_by_label("Lön").check()
    visit.submit("Spara efteruppföljningen", within=form)
    expect(visit.main()).to_contain_text("Efteruppföljningen är registrerad.")
    expect(visit.main().get_by_role("link", name=title)).to_have_count(0)
    visit.check()


def test_coach_walks_one_person_from_referral_to_the_12_month_follow_up(
    visit: Visit, tmp_path: Path
) -> None:
    visit.login(COACH.username, COACH.password)
    visit.check()
    today = visit.page.evaluate(
        "() => new Date().toLocaleDateString('sv-SE', {timeZone: 'Europe/Stockholm'})"
    )

    _refer(visit)
    _accept_consent_and_register(visit, tmp_path)
    participant_page = visit.path()
    _plan_and_phase(visit, today)
    _week_of_work(visit, today)
    _job_and_exit(visit, today)
    _post_exit(visit, 6, today)
    _post_exit(visit, 12, today)
    assert visit.path().split("#")[0] == participant_page.split("#")[0]
    expect(visit.main()).to_contain_text("Butiken Provsmak")

    # The coach's caseload and the intervention page, with the demo's people on them.
    visit.nav("Ärendelista")
    expect(_heading(visit)).to_have_text("Min ärendelista")
    expect(visit.main().get_by_role("table")).to_be_visible()
    visit.check()
    visit.goto(reverse("interventions:detail", kwargs={"slug": STEP_SLUG}))
    expect(_heading(visit)).to_contain_text(INTERVENTION)
    visit.check()
    assert len(visit.checked) >= 35, visit.checked
