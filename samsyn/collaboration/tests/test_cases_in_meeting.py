"""The cases block on the meeting page and in the minutes (PDF and DOCX): the page names a
case only where the identity rule allows it; the minutes carry the code only, never a name."""

from __future__ import annotations

import io

import pypdf
from django.urls import reverse
from docx import Document

from samsyn.collaboration.tests.case_setup import case_world
from samsyn.conftest import World


def _docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def _pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(content)).pages)


def test_meeting_page_shows_the_case_code_to_a_seat_holder(world: World, as_persona) -> None:
    cases = case_world(world)
    name = cases.registration.person.first_name
    url = reverse("collaboration:meeting_detail", args=[cases.meeting.pk])
    page = as_persona("handlaggare").get(url).content.decode()
    assert "Ä-001" in page and "Ä-002" in page
    assert name in page  # the rule allows the name here (consent covers kommun and FK)
    # The administrator sees the meeting but holds no seat: no cases block at all.
    other = as_persona("admin").get(url)
    assert other.status_code == 200
    assert "Ä-001" not in other.content.decode()


def test_minutes_show_the_code_and_never_the_name(world: World, as_persona) -> None:
    cases = case_world(world)
    person = cases.registration.person
    client = as_persona("handlaggare")
    texts = {}
    for fmt, read in (("pdf", _pdf_text), ("docx", _docx_text)):
        response = client.get(
            reverse("collaboration:minutes_document", args=[cases.meeting.pk, fmt])
        )
        assert response.status_code == 200
        texts[fmt] = read(response.content)
    for fmt, text in texts.items():
        assert "Ä-001" in text and "Ä-002" in text, fmt
        assert person.first_name not in text and person.last_name not in text, fmt


def test_minutes_leave_the_cases_out_without_a_seat(world: World, as_persona) -> None:
    cases = case_world(world)
    client = as_persona("admin")
    response = client.get(
        reverse("collaboration:minutes_document", args=[cases.meeting.pk, "docx"])
    )
    assert response.status_code == 200
    assert "Ä-00" not in _docx_text(response.content)
