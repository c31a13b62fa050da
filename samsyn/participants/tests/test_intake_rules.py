"""The rules under the intake pages: eligibility, content sniffing, person resolution."""

from __future__ import annotations

import datetime
import io
import zipfile

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError

from samsyn.conftest import World
from samsyn.core.personnummer import parse_personnummer
from samsyn.interventions.models import Intervention
from samsyn.participants.models import Person
from samsyn.participants.services.eligibility import (
    EligibilityFacts,
    age_on,
    eligibility_warnings,
)
from samsyn.participants.services.persons import (
    PersonDetails,
    person_resolve,
    validate_person_details,
)
from samsyn.participants.tests.intake_setup import (
    JPEG_BYTES,
    PDF_BYTES,
    PNG_BYTES,
    PNR_WOMAN,
    upload,
)
from samsyn.participants.uploads import sniff_document

DAY = datetime.date(2026, 6, 1)


def _intervention(**fields: object) -> Intervention:
    values: dict[str, object] = {
        "status": "pagaende",
        "min_age": 18,
        "max_age": 64,
        "min_parties_current": 0,
        "last_intake_date": None,
        "end_date": None,
    }
    values.update(fields)
    return Intervention(**values)


# --- Eligibility --------------------------------------------------------------------------


def test_age_counts_the_birthday() -> None:
    born = datetime.date(2008, 6, 2)
    assert age_on(EligibilityFacts(on=DAY, birth_date=born)) == 17
    assert age_on(EligibilityFacts(on=DAY + datetime.timedelta(days=1), birth_date=born)) == 18
    assert age_on(EligibilityFacts(on=DAY, birth_year=2008)) == 18
    assert age_on(EligibilityFacts(on=DAY)) is None


def test_an_eligible_person_gets_no_warnings() -> None:
    facts = EligibilityFacts(on=DAY, birth_year=1985, parties_current=2)
    assert (
        eligibility_warnings(intervention=_intervention(min_parties_current=2), facts=facts) == []
    )


@pytest.mark.parametrize(
    ("fields", "facts", "warning"),
    [
        (
            {},
            EligibilityFacts(on=DAY, birth_date=datetime.date(2008, 6, 2)),
            "Personen är 17 år. Insatsen tar emot personer från 18 till 64 år.",
        ),
        ({}, EligibilityFacts(on=DAY, birth_year=1960), "Personen är 66 år."),
        (
            {"last_intake_date": datetime.date(2026, 5, 31)},
            EligibilityFacts(on=DAY),
            "Sista intagsdag för insatsen var 2026-05-31.",
        ),
        (
            {"status": "beviljad"},
            EligibilityFacts(on=DAY),
            "Insatsen pågår inte (status: Beviljad).",
        ),
        (
            {"end_date": datetime.date(2026, 5, 1)},
            EligibilityFacts(on=DAY),
            "Insatsen slutade 2026-05-01.",
        ),
        (
            {"min_parties_current": 2},
            EligibilityFacts(on=DAY, parties_current=1),
            "Personen ska vara aktuell hos minst 2 parter för insatsen, men är aktuell hos 1.",
        ),
    ],
)
def test_each_breach_is_a_swedish_warning(
    fields: dict, facts: EligibilityFacts, warning: str
) -> None:
    warnings = eligibility_warnings(intervention=_intervention(**fields), facts=facts)
    assert len(warnings) == 1
    assert warnings[0].startswith(warning)


def test_the_last_intake_day_itself_is_allowed() -> None:
    intervention = _intervention(last_intake_date=DAY)
    assert eligibility_warnings(intervention=intervention, facts=EligibilityFacts(on=DAY)) == []


# --- Content sniffing --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "content_type", "extension"),
    [
        (PDF_BYTES, "application/pdf", ".pdf"),
        (JPEG_BYTES, "image/jpeg", ".jpg"),
        (PNG_BYTES, "image/png", ".png"),
    ],
)
def test_known_signatures(content: bytes, content_type: str, extension: str) -> None:
    kind = sniff_document(upload(content, name="x.txt", content_type="text/plain"))
    assert (kind.content_type, kind.extension) == (content_type, extension)


@pytest.mark.parametrize(
    "content",
    [
        b"Jag samtycker",  # a text file called .pdf
        b"PDF-1.4",  # almost
        b"\x89PNG\r\n",  # a truncated signature
        b"<html><script>alert(1)</script></html>",
        b"GIF89a" + b"\x00" * 20,
    ],
)
def test_anything_else_is_refused(content: bytes) -> None:
    with pytest.raises(ValidationError) as error:
        sniff_document(upload(content, name="blankett.pdf"))
    assert error.value.code == "content"


def test_office_files_are_refused_and_macros_named() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in ("[Content_Types].xml", "word/document.xml", "word/vbaProject.bin"):
            archive.writestr(name, "<xml/>")
    with pytest.raises(ValidationError) as error:
        sniff_document(upload(buffer.getvalue(), name="blankett.pdf"))
    assert error.value.code == "macro"
    assert "makron" in error.value.messages[0]


def test_size_limit_is_10_mb() -> None:
    exact = upload(b"%PDF-" + b"0" * (settings.SAMSYN_MAX_UPLOAD_BYTES - 5))
    assert sniff_document(exact).content_type == "application/pdf"
    with pytest.raises(ValidationError) as error:
        sniff_document(upload(b"%PDF-" + b"0" * (11 * 1024 * 1024)))
    assert error.value.code == "too_large"
    assert "11,0 MB" in error.value.messages[0]


def test_sniffing_leaves_the_file_at_its_start() -> None:
    document = upload()
    sniff_document(document)
    assert document.read() == PDF_BYTES


# --- Persons ----------------------------------------------------------------------------


def test_person_details_problems_are_keyed_by_field() -> None:
    with pytest.raises(ValidationError) as error:
        validate_person_details(
            PersonDetails(anonymous=True, birth_year=1850, home_municipality_code="0000")
        )
    assert set(error.value.message_dict) == {"gender", "birth_year", "home_municipality_code"}


def test_person_resolve_matches_on_the_blind_index_per_forbund(world: World) -> None:
    details = PersonDetails(personnummer=parse_personnummer(PNR_WOMAN), first_name="Kim")
    first = person_resolve(forbund=world.forbund, details=details)
    again = person_resolve(forbund=world.forbund, details=details)
    elsewhere = person_resolve(forbund=world.other_forbund, details=details)
    assert first == again
    assert elsewhere != first
    assert Person.objects.count() == 2


def test_a_known_name_is_not_overwritten(world: World) -> None:
    pnr = parse_personnummer(PNR_WOMAN)
    person_resolve(forbund=world.forbund, details=PersonDetails(personnummer=pnr, first_name="Kim"))
    person = person_resolve(
        forbund=world.forbund,
        details=PersonDetails(personnummer=pnr, first_name="Fel", home_municipality_code="1784"),
    )
    person.refresh_from_db()
    assert person.first_name == "Kim"
    assert person.home_municipality_code == "1784"
