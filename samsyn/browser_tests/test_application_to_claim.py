"""From a draft application to the decision to the intervention's first payment claim, in the
browser (issue #12, item 7).

The demo applicant (insatsansvarig, with the "sökande" right for Region Exempeldalen) writes
a new application without a call, fills the required sections, a budget line paid by the
förbund, the planned participants, a goal and the owner's signature, and submits it. The
förbundsadministratör starts beredning and records the decision (granted by the working
committee, with a granted maximum for the year); the granted application becomes an
intervention. The administratör records a förbund-funded actual cost for January on the new
intervention's economy page; the applicant claims that month and submits the claim; the
administratör approves it. axe-core finds no WCAG 2.1 AA violation on any page on the way.
"""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse
from playwright.sync_api import Locator, expect

from samsyn.browser_tests.conftest import Visit
from samsyn.core.demo_data import DEMO_USERS

pytestmark = pytest.mark.browser

NAME = "Arbetsträning i Ekby"
# The whole intervention lies in the current year, so January is past and may be claimed
# (a decision or a payment may not lie in the future; the server runs on this machine's date).
YEAR = datetime.date.today().year
GRANTED = "120000"
COST = "8500"


def _field(area: Locator, label: str) -> Locator:
    """A form field by its whole label; a required field's label ends "(obligatoriskt)"."""
    return area.get_by_label(re.compile(rf"^{re.escape(label)}( \(obligatoriskt\))?$"))


def _login(visit: Visit, username: str) -> None:
    spec = next(spec for spec in DEMO_USERS if spec.username == username)
    visit.login(spec.username, spec.password)


def _write_sections(visit: Visit) -> None:
    main = visit.main()
    _field(main, "Insatsens namn").fill(NAME)
    _field(main, "Kontaktperson").fill("Björn Sandberg")
    _field(main, "Kontaktpersonens e-post").fill("bjorn.sandberg@exempeldalen.example")
    texts = {
        "Beskriv syftet med insatsen": "Fler unga vuxna i Ekby i arbete eller studier.",
        "Beskriv målen med insatsen": "Tio deltagare per år, hälften i arbete efter ett år.",
        "Beskriv bakgrunden till/behovet av insatsen": "Många unga står långt från arbete.",
        "Beskriv målgrupp för insatsen": "Unga vuxna 18–29 år i Ekby utan arbete.",
        "Beskriv metod/metoder ni kommer använda": "Arbetsträning med handledare.",
        "Beskriv hur ni tänker arbeta för att implementera insatsen": "Med ordinarie resurser.",
        "Beskriv uppföljning och utvärdering av målen": "Uppföljning varje kvartal.",
        "Beskriv på vilket sätt ansökan är förankrad": "Förankrad i LOKUS-gruppen.",
    }
    for label, text in texts.items():
        main.get_by_label(label, exact=True).fill(text)
    _field(main, "Inriktning").select_option(label="Individinriktad")
    main.get_by_label(re.compile("^Har ansökan diskuterats")).select_option(label="Ja")
    _field(main, "Planerat startdatum").fill(f"{YEAR}-01-01")
    _field(main, "Planerat slutdatum").fill(f"{YEAR}-12-31")


def _add_parts(visit: Visit) -> None:
    visit.follow("Lägg till budgetrad")
    visit.check()
    main = visit.main()
    _field(main, "År").fill(str(YEAR))
    _field(main, "Kostnadsslag").select_option(label="Lokaler")
    _field(main, "Beskrivning").fill("Lokal för arbetsträning")
    _field(main, "Totalt (kr)").fill(GRANTED)
    _field(main, "Att rekvirera från samordningsförbundet (kr)").fill(GRANTED)
    visit.submit("Spara")
    expect(visit.main().locator("#budget")).to_contain_text("Lokal för arbetsträning")
    visit.check()

    visit.follow("Ange antal deltagare för ett år")
    visit.check()
    _field(visit.main(), "År").fill(str(YEAR))
    _field(visit.main(), "Planerat antal deltagare").fill("10")
    visit.submit("Spara")
    expect(visit.main().locator("#deltagare")).to_contain_text(f"{YEAR}: 10")

    visit.follow("Lägg till mål")
    visit.check()
    main = visit.main()
    _field(main, "Mått").select_option(index=0)
    _field(main, "Gäller").select_option(label="Alla")
    _field(main, "Jämförelse").select_option(label="Minst")
    _field(main, "Målvärde").fill("10")
    _field(main, "Beskrivning").fill("Deltagare som börjar")
    visit.submit("Spara")
    expect(visit.main().locator("#mal")).to_contain_text("Deltagare som börjar")

    visit.follow("Registrera underskrift")
    visit.check()
    main = visit.main()
    _field(main, "Part").select_option(label="Region Exempeldalen")
    _field(main, "Namn").fill("Karin Ljung")
    _field(main, "Befattning").fill("Verksamhetschef")
    _field(main, "Datum").fill(f"{YEAR}-01-02")
    visit.submit("Spara")
    expect(visit.main().locator("#underskrifter")).to_contain_text("Karin Ljung")
    visit.check()


def _apply(visit: Visit) -> str:
    """The applicant writes and submits the application; its page's path is returned."""
    _login(visit, "insatsansvarig")
    visit.nav("Ansökningar")
    visit.check()
    visit.follow("Ny ansökan")
    visit.check()
    _write_sections(visit)
    visit.submit("Spara utkast")
    expect(visit.page.get_by_role("heading", level=1)).to_have_text(NAME)
    visit.check()
    _add_parts(visit)
    expect(visit.main()).not_to_contain_text("Det här saknas innan ansökan kan skickas in")
    visit.submit("Skicka in ansökan")
    expect(visit.main()).to_contain_text("Inskickad")
    visit.check()
    path = visit.path().split("#")[0]
    visit.logout()
    return path


def _decide(visit: Visit, application_path: str) -> int:
    """The administratör prepares and grants it; the new intervention's id is returned."""
    _login(visit, "admin")
    visit.goto(application_path)
    visit.check()
    visit.follow("Öppna beredningen")
    visit.check()
    visit.submit("Ta till beredning")
    expect(visit.main()).to_contain_text("Beredning")
    visit.check()
    visit.follow("Registrera beslut")
    visit.check()
    main = visit.main()
    _field(main, "Beslutande organ").select_option(label="Arbetsutskottet (AU)")
    _field(main, "Beslutsdatum").fill(datetime.date.today().isoformat())
    _field(main, "Paragraf (§)").fill("14")
    main.get_by_role("radio", name="Beviljad", exact=True).check()
    main.get_by_label(f"Beviljat högst {YEAR} (kr)").fill(GRANTED)
    visit.submit("Registrera beslutet")
    expect(visit.main()).to_contain_text("§ 14")
    visit.check()
    visit.goto(application_path)
    expect(visit.main().locator("#beslut")).to_contain_text("Arbetsutskottet (AU)")
    visit.follow("Insatsen", within=visit.main().locator("#beslut"))
    expect(visit.page.get_by_role("heading", level=1)).to_contain_text(NAME)
    visit.check()
    match = re.search(r"/insatser/(\d+)/", visit.path())
    assert match, visit.path()
    return int(match.group(1))


def _record_cost(visit: Visit, intervention_id: int) -> None:
    visit.goto(reverse("interventions:money", args=[intervention_id]))
    visit.check()
    visit.follow("Registrera utfall")
    visit.check()
    main = visit.main()
    _field(main, "Månad").fill(f"{YEAR}-01")
    _field(main, "Kostnadsslag").select_option(label="Lokaler")
    _field(main, "Belopp (kr)").fill(COST)
    _field(main, "Finansiär").select_option(value="forbund")
    visit.submit("Spara")
    expect(visit.page.locator("body")).to_contain_text("Utfallet är registrerat.")
    visit.check()
    visit.logout()


def _claim(visit: Visit) -> str:
    """The applicant claims January and submits; the claim's page's path is returned."""
    _login(visit, "insatsansvarig")
    visit.goto(reverse("applications:claims"))
    visit.check()
    visit.follow(f"Ny rekvisition för {NAME}")
    expect(visit.main()).to_contain_text(f"{YEAR}-01")
    visit.check()
    main = visit.main()
    _field(main, "Periodens första dag").fill(f"{YEAR}-01-01")
    _field(main, "Periodens sista dag").fill(f"{YEAR}-01-31")
    _field(main, "Begärt belopp (kr)").fill(COST)
    visit.submit("Spara utkast")
    expect(visit.page.get_by_role("heading", level=1)).to_have_text(f"Rekvisition för {NAME}")
    visit.check()
    visit.submit("Skicka in till förbundet")
    expect(visit.main()).to_contain_text("Inskickad")
    visit.check()
    path = visit.path()
    visit.logout()
    return path


def _approve(visit: Visit, claim_path: str) -> None:
    _login(visit, "admin")
    visit.goto(claim_path)
    visit.check()
    visit.main().get_by_role("radio", name="Godkänn det begärda beloppet").check()
    visit.submit("Spara beslutet")
    expect(visit.main()).to_contain_text("Godkänd")
    visit.check()
    visit.goto(reverse("applications:utilisation"))
    expect(visit.main()).to_contain_text(NAME)
    visit.check()


def test_from_application_to_the_first_payment_claim(visit: Visit) -> None:
    application_path = _apply(visit)
    intervention_id = _decide(visit, application_path)
    _record_cost(visit, intervention_id)
    claim_path = _claim(visit)
    _approve(visit, claim_path)
