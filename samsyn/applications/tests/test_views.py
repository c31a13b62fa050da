"""The pages of calls and applications, per persona, with their query counts."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from samsyn.applications.models import ApplicationAttachment, ApplicationStatus, Call
from samsyn.applications.tests.setup import draft, line, make_applicant, open_call
from samsyn.audit.models import AuditEvent
from samsyn.conftest import World
from samsyn.testing.queries import QueryCount

pytestmark = pytest.mark.django_db
Persona = Callable[[str], Client]
OTHERS = ("insatsansvarig", "coach", "granskare", "outsider", "nobody")


def test_who_sees_the_application_list(world: World, as_persona: Persona) -> None:
    make_applicant(world)
    draft(world, name="Synlig ansökan")
    url = reverse("applications:application_list")
    for name in ("admin", "handlaggare"):
        assert "Synlig ansökan" in as_persona(name).get(url).content.decode(), name
    for name in ("styrgrupp", "outsider"):  # their own förbund's list, without this one
        assert "Synlig ansökan" not in as_persona(name).get(url).content.decode(), name
    for name in ("insatsansvarig", "coach", "granskare", "nobody"):
        assert as_persona(name).get(url).status_code == 404, name


def test_who_opens_an_application(world: World, as_persona: Persona) -> None:
    make_applicant(world)
    application = draft(world, complete=True)
    url = reverse("applications:application_detail", args=[application.pk])
    page = as_persona("handlaggare").get(url).content.decode()
    assert "Budgetsammanställning" in page and "80\xa0000,00" in page
    assert 'id="beredning"' in page and 'id="beslut"' in page
    assert as_persona("admin").get(url).status_code == 200
    for name in ("styrgrupp", *OTHERS):
        assert as_persona(name).get(url).status_code == 404, name


def test_the_applicant_writes_and_submits_through_the_pages(
    world: World, as_persona: Persona
) -> None:
    make_applicant(world)
    client = as_persona("handlaggare")
    response = client.post(
        reverse("applications:application_create"),
        {"name": "Via sidan", "orientation": "individinriktad"},
    )
    application = world.forbund.applications.get()
    assert response.status_code == 302
    bad = client.post(
        reverse("applications:budget_line_add", args=[application.pk]),
        {
            "year": "2026",
            "category": "resor",
            "amount": "100",
            "forbund_amount": "90",
            "version": "1",
        },
    )
    assert "går inte ihop" in bad.content.decode()
    malformed = client.post(
        reverse("applications:budget_line_add", args=[application.pk]),
        {"year": "2026", "category": "resor", "amount": "12x", "version": "1"},
    )
    assert malformed.status_code == 200 and not application.budget_lines.exists()
    client.post(reverse("applications:application_submit", args=[application.pk]), {"version": "1"})
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DRAFT
    detail = client.get(reverse("applications:application_detail", args=[application.pk]))
    assert "Syftet med insatsen saknas." in detail.content.decode()


def test_others_cannot_write(world: World, as_persona: Persona) -> None:
    make_applicant(world)
    application = draft(world)
    for name in ("admin", "styrgrupp", *OTHERS):
        client = as_persona(name)
        url = reverse("applications:application_edit", args=[application.pk])
        assert client.get(url).status_code == 404, name
        submit = reverse("applications:application_submit", args=[application.pk])
        assert client.post(submit, {"version": "1"}).status_code == 404, name
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DRAFT


def test_attachment_upload_and_audited_download(world: World, as_persona: Persona) -> None:
    make_applicant(world)
    application = draft(world)
    client = as_persona("handlaggare")
    pdf = SimpleUploadedFile(
        "budget Anna.pdf", b"%PDF-1.4\n%test\n", content_type="application/pdf"
    )
    url = reverse("applications:attachment_add", args=[application.pk])
    client.post(url, {"title": "Detaljerad budget", "file": pdf, "version": "1"})
    attachment = ApplicationAttachment.objects.get()
    assert "Anna" not in (attachment.file.name or "")
    download = reverse("applications:attachment_download", args=[application.pk, attachment.pk])
    response = as_persona("admin").get(download)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")  # type: ignore[attr-defined]
    assert AuditEvent.objects.filter(action="export", object_id=str(attachment.pk)).exists()
    for name in OTHERS:
        assert as_persona(name).get(download).status_code == 404, name
    exe = SimpleUploadedFile("x.pdf", b"MZ\x90\x00", content_type="application/pdf")
    refused = client.post(url, {"title": "Fel", "file": exe, "version": "2"})
    assert "Bifoga en PDF" in refused.content.decode()
    assert ApplicationAttachment.objects.count() == 1


def test_calls_for_staff_and_applicants(world: World, as_persona: Persona) -> None:
    make_applicant(world)
    open_call(world, title="Publicerad")
    open_call(world, title="Hemlig", is_published=False)
    url = reverse("applications:call_list")
    admin_page = as_persona("admin").get(url).content.decode()
    assert "Publicerad" in admin_page and "Hemlig" in admin_page
    applicant_page = as_persona("handlaggare").get(url).content.decode()
    assert "Publicerad" in applicant_page and "Hemlig" not in applicant_page
    assert "Publicerad" not in as_persona("outsider").get(url).content.decode()
    for name in ("styrgrupp", "insatsansvarig", "coach", "granskare", "nobody"):
        assert as_persona(name).get(url).status_code == 404, name
    response = as_persona("admin").post(
        reverse("applications:call_create"),
        {"title": "Ny", "funds": "Allt", "opens_on": "2026-05-01", "deadline": "2026-04-01"},
    )
    assert "Sista ansökningsdag kan inte vara före" in response.content.decode()
    assert not Call.objects.filter(title="Ny").exists()


def test_the_sokande_right_is_given_by_the_administrator(world: World, as_persona: Persona) -> None:
    membership = world["handlaggare"].memberships.get()
    url = reverse("manage:membership_may_apply", args=[world["handlaggare"].pk, membership.pk])
    assert as_persona("outsider").post(url, {"may_apply": "1", "version": "1"}).status_code == 404
    as_persona("admin").post(url, {"may_apply": "1", "version": str(membership.version)})
    membership.refresh_from_db()
    assert membership.may_apply
    assert AuditEvent.objects.filter(detail__startswith="Rätt att söka medel given").exists()
    detail = as_persona("admin").get(reverse("manage:user_detail", args=[world["handlaggare"].pk]))
    assert "Får söka medel" in detail.content.decode()


# The area navigation (selectors/area.py) adds two queries, three for an applicant.
LIST_QUERIES = {"admin": 14, "handlaggare": 14}
DETAIL_QUERIES = {"admin": 21, "handlaggare": 22}


@pytest.mark.parametrize("rows", [1, 6])
def test_query_counts_do_not_grow_with_rows(
    world: World, as_persona: Persona, assert_query_count: QueryCount, rows: int
) -> None:
    make_applicant(world)
    applications = [draft(world, complete=True, name=f"Ansökan {i}") for i in range(rows)]
    for application in applications:
        for year in range(2026, 2026 + rows):
            line(application, year=year)
    first = applications[0]
    for name in ("admin", "handlaggare"):
        client = as_persona(name)
        with assert_query_count(LIST_QUERIES[name]):
            listed = client.get(reverse("applications:application_list") + "?ar=2026&status=utkast")
        assert listed.content.decode().count("Ansökan ") >= rows
        with assert_query_count(DETAIL_QUERIES[name]):
            client.get(reverse("applications:application_detail", args=[first.pk]))
