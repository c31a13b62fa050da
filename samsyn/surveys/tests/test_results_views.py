"""The results pages, free text, reference values, export and API per persona (issue #13,
items 4–5): administrator, insatsansvarig and styrgrupp see the results (suppressed alike);
only the administrator and the insatsansvarig read free text, and reading it is logged;
everybody else gets 404."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from samsyn.audit.models import AuditEvent
from samsyn.conftest import World
from samsyn.core.models import DeletedRecord
from samsyn.surveys.models import NationalReference
from samsyn.surveys.tests.factories_results import answer, make_survey

pytestmark = pytest.mark.django_db
RESULT_READERS = ("admin", "insatsansvarig", "styrgrupp")
OTHERS = ("coach", "handlaggare", "granskare", "outsider", "nobody")


@pytest.fixture
def survey(world: World):
    survey = make_survey(world.forbund, interventions=[world.intervention])
    answer(survey, {"K1": 1, "D3": 5, "D4": 4, "D6": True, "D8": "Min coach Anna var bra"}, times=6)
    answer(survey, {"K1": 2, "D3": 2, "D4": 4, "D6": False}, times=5)
    return survey


@pytest.mark.parametrize("name", RESULT_READERS)
def test_readers_see_results(as_persona, world: World, survey, name) -> None:
    client = as_persona(name)
    page = client.get(reverse("surveys:survey_results", args=[survey.pk]))
    assert page.status_code == 200
    assert "femgradig" in page.text and "version 1" in page.text
    assert ("Läs fritextsvaren" in page.text) is (name != "styrgrupp")
    url = reverse("surveys:intervention_results", args=[world.intervention.pk])
    assert client.get(url).status_code == 200
    api = client.get(f"/api/v1/survey-results/{survey.pk}")
    assert api.status_code == 200
    indicator = next(row for row in api.json()["indicators"] if row["code"] == "2")
    assert indicator["respondents"] == 11
    assert indicator["share_percent"] == pytest.approx(round(100 * 17 / 22, 1))


@pytest.mark.parametrize("name", OTHERS)
def test_others_get_404(as_persona, world: World, survey, name) -> None:
    client = as_persona(name)
    # the outsider administers another förbund: its own förbund pages answer, ours do not
    own_pages = (
        ()
        if name == "outsider"
        else (
            reverse("surveys:forbund_results"),
            reverse("surveys:reference_list"),
        )
    )
    for url in (
        reverse("surveys:survey_results", args=[survey.pk]),
        reverse("surveys:survey_free_text", args=[survey.pk]),
        reverse("surveys:intervention_results", args=[world.intervention.pk]),
        *own_pages,
        f"/api/v1/survey-results/{survey.pk}",
        f"/api/v1/interventions/{world.intervention.pk}/survey-results",
    ):
        assert client.get(url).status_code == 404, url


def test_free_text_for_admin_and_insatsansvarig_logged(as_persona, world: World, survey) -> None:
    for name in ("admin", "insatsansvarig"):
        before = AuditEvent.objects.filter(action="view", object_id=str(survey.pk)).count()
        page = as_persona(name).get(reverse("surveys:survey_free_text", args=[survey.pk]))
        assert page.status_code == 200
        assert page.text.count("Min coach Anna var bra") == 6
        assert "kan avslöja vem som har skrivit" in page.text
        after = AuditEvent.objects.filter(action="view", object_id=str(survey.pk))
        assert after.count() == before + 1
        assert after.order_by("-id")[0].actor == world[name]
    styrgrupp = as_persona("styrgrupp")
    assert styrgrupp.get(reverse("surveys:survey_free_text", args=[survey.pk])).status_code == 404


def test_free_text_withheld_under_five_answers(as_persona, world: World) -> None:
    few = make_survey(world.forbund, interventions=[world.intervention], name="Liten")
    answer(few, {"D8": "Hemligt"}, times=4)
    page = as_persona("admin").get(reverse("surveys:survey_free_text", args=[few.pk]))
    assert "Hemligt" not in page.text and "för få svar för att visa" in page.text


def test_board_survey_on_the_forbund_page(as_persona, world: World) -> None:
    board = make_survey(world.forbund, group="styrelse", name="Styrelseenkät")
    answer(board, {"S1": 5, "S2": 4}, times=6)
    for name in ("admin", "styrgrupp"):
        page = as_persona(name).get(reverse("surveys:forbund_results"))
        assert page.status_code == 200 and "Styrelseenkät" in page.text
    assert as_persona("insatsansvarig").get(reverse("surveys:forbund_results")).status_code == 404
    other = f"{reverse('surveys:forbund_results')}?forbund={world.other_forbund.pk}"
    assert as_persona("admin").get(other).status_code == 404


def test_comparison_with_previous_survey_and_reference(as_persona, world: World, survey) -> None:
    import datetime

    earlier = make_survey(
        world.forbund,
        interventions=[world.intervention],
        name="Förra",
        period_from=datetime.date(2025, 7, 1),
        period_to=datetime.date(2025, 12, 31),
    )
    answer(earlier, {"D3": 4, "D4": 1}, times=5)  # indicator 2: 5 of 10 = 50 %
    NationalReference.objects.create(
        forbund=world.forbund,
        instrument_key="samsyn-exempel",
        indicator_code="2",
        year=2025,
        share_positive="64.5",
        source="NNS årsrapport 2025",
    )
    api = as_persona("styrgrupp").get(f"/api/v1/survey-results/{survey.pk}").json()
    indicator = next(row for row in api["indicators"] if row["code"] == "2")
    assert indicator["previous"] == "50,0 % (+27,3 procentenheter)"  # 77.3 - 50.0
    assert indicator["national_reference"] == "64,5 % (2025, NNS årsrapport 2025)"
    assert "Förra" in api["compared_with"]


def test_reference_page_validates_and_logs(as_persona, world: World) -> None:
    client = as_persona("admin")
    url = reverse("surveys:reference_list")
    data = {
        "forbund": world.forbund.pk,
        "instrument_key": "nns",
        "indicator_code": "2",
        "year": 2025,
        "share_positive": "101",
        "source": "NNS",
    }
    page = client.post(url, data)
    assert "Andelen ska vara mellan 0 och 100 procent." in page.text
    assert not NationalReference.objects.exists()
    assert client.post(url, {**data, "share_positive": "72,5"}).status_code == 302
    reference = NationalReference.objects.get()
    assert str(reference.share_positive) == "72.5"
    assert AuditEvent.objects.filter(action="create", object_id=str(reference.pk)).exists()
    delete = reverse("surveys:reference_delete", args=[reference.pk])
    assert as_persona("insatsansvarig").post(delete, {"version": 1}).status_code == 404
    assert client.post(delete, {"version": 1, "confirm": "1"}).status_code == 302
    assert not NationalReference.objects.exists()
    # Undo from the förbund's Borttaget page (docs/deleting.md), linked from the page.
    trash = reverse("core:deleted", args=["forbund", world.forbund.pk])
    assert trash in client.get(url).text
    entry = DeletedRecord.objects.get(kind="survey_reference")
    assert entry.label == "Referensvärde nns 2 2025: 72.5 %"
    assert as_persona("insatsansvarig").post(trash, {"entry": str(entry.pk)}).status_code == 404
    assert "är återställd" in client.post(trash, {"entry": str(entry.pk)}, follow=True).text
    assert NationalReference.objects.get().pk == reference.pk


def test_national_export_columns(as_persona, world: World, survey) -> None:
    client = as_persona("admin")
    url = reverse("surveys:national_export", args=["csv"])
    response = client.get(url, {"forbund": world.forbund.pk, "year": 2026})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode()), delimiter=";"))
    assert rows[0] == [
        "forbund", "insatser", "instrument", "instrumentversion", "svarsgrupp", "svarsmanad",
        "kanal", "svarsnummer", "fraga", "indikator", "varde",
    ]  # fmt: skip
    body = rows[1:]
    # 11 responses: 6 × (K1, D3, D4, D6) + 5 × (K1, D3, D4, D6) = 44 rows; no free text
    assert len(body) == 44
    assert {row[8] for row in body} == {"K1", "D3", "D4", "D6"}
    assert all(row[5] == "2026-03" for row in body)
    assert {row[10] for row in body if row[8] == "D6"} == {"1", "0"}
    assert {row[1] for row in body} == {world.intervention.slug}
    assert len({row[7] for row in body}) == 11
    assert "Anna" not in response.content.decode()
    assert AuditEvent.objects.filter(action="export", forbund=world.forbund).exists()
    xlsx = client.get(
        reverse("surveys:national_export", args=["xlsx"]),
        {"forbund": world.forbund.pk, "year": 2026},
    )
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    other = client.get(url, {"forbund": world.other_forbund.pk, "year": 2026})
    assert other.status_code == 404
    assert as_persona("styrgrupp").get(url, {"forbund": world.forbund.pk}).status_code == 404


def test_results_page_queries_do_not_grow(
    as_persona, world: World, survey, django_assert_max_num_queries
) -> None:
    client = as_persona("styrgrupp")
    url = reverse("surveys:survey_results", args=[survey.pk])
    with django_assert_max_num_queries(40) as small:
        client.get(url)
    answer(survey, {"K1": 1, "D3": 4, "D4": 4}, times=25)
    with django_assert_max_num_queries(40) as large:
        client.get(url)
    assert len(large.captured_queries) == len(small.captured_queries)
