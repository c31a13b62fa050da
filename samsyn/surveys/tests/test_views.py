"""The instrument pages and API per persona: the förbund's administrator and insatsansvarig
see its instruments and the shipped ones; only the administrator loads and versions them;
everybody else gets 404."""

from __future__ import annotations

import pytest
from django.urls import reverse

from samsyn.conftest import World
from samsyn.surveys.models import Instrument
from samsyn.surveys.services.instruments import example_instrument_load, instrument_import
from samsyn.surveys.tests.setup import good_document, json_upload, xlsx_upload

pytestmark = pytest.mark.django_db
READERS = ("admin", "insatsansvarig")
OTHERS = ("coach", "handlaggare", "styrgrupp", "granskare", "outsider", "nobody")


@pytest.fixture
def instrument(world: World) -> Instrument:
    return instrument_import(
        actor=world["admin"], forbund=world.forbund, file=json_upload(good_document())
    )


@pytest.mark.parametrize("name", READERS)
def test_readers_see_list_and_detail(as_persona, world: World, instrument, name) -> None:
    shipped = example_instrument_load()
    client = as_persona(name)
    page = client.get(reverse("surveys:instrument_list"))
    assert page.status_code == 200
    assert "Provinstrument" in page.text and shipped.name in page.text
    detail = client.get(reverse("surveys:instrument_detail", args=[instrument.pk]))
    assert detail.status_code == 200
    for text in ("Stödet hängde ihop.", "Samordnat stöd", "4, 5", "Testets eget instrument"):
        assert text in detail.text
    assert ("Skapa ny version" in detail.text) is (name == "admin")
    assert client.get(reverse("surveys:instrument_detail", args=[shipped.pk])).status_code == 200


@pytest.mark.parametrize("name", OTHERS)
def test_others_get_404_everywhere(as_persona, world: World, instrument, name) -> None:
    client = as_persona(name)
    assert client.get(reverse("surveys:instrument_detail", args=[instrument.pk])).status_code == 404
    assert (
        client.post(reverse("surveys:instrument_new_version", args=[instrument.pk])).status_code
        == 404
    )
    assert (
        client.post(
            reverse("surveys:instrument_status", args=[instrument.pk]), {"status": "publicerad"}
        ).status_code
        == 404
    )
    if name != "outsider":  # the outsider administers another förbund: list and upload open
        assert client.get(reverse("surveys:instrument_list")).status_code == 404
        assert client.get(reverse("surveys:instrument_import")).status_code == 404
    assert Instrument.objects.count() == 1


def test_insatsansvarig_may_not_import_or_version(as_persona, instrument) -> None:
    client = as_persona("insatsansvarig")
    assert client.get(reverse("surveys:instrument_import")).status_code == 404
    assert (
        client.post(reverse("surveys:instrument_new_version", args=[instrument.pk])).status_code
        == 404
    )
    assert Instrument.objects.count() == 1


def test_outsider_uploads_only_to_own_forbund(as_persona, world: World) -> None:
    client = as_persona("outsider")
    answer = client.post(
        reverse("surveys:instrument_import"),
        {"forbund": world.forbund.pk, "file": json_upload(good_document())},
    )
    assert answer.status_code == 200 and not Instrument.objects.exists()
    assert "forbund" in answer.context["form"].errors


def test_admin_uploads_xlsx_and_gets_the_detail(as_persona, world: World) -> None:
    client = as_persona("admin")
    answer = client.post(
        reverse("surveys:instrument_import"), {"forbund": world.forbund.pk, "file": xlsx_upload()}
    )
    instrument = Instrument.objects.get()
    assert answer.status_code == 302
    assert answer["Location"] == reverse("surveys:instrument_detail", args=[instrument.pk])


def test_bad_upload_shows_the_row_and_column(as_persona, world: World) -> None:
    document = good_document()
    document["questions"][0]["indicator"] = "77"
    answer = as_persona("admin").post(
        reverse("surveys:instrument_import"),
        {"forbund": world.forbund.pk, "file": json_upload(document)},
    )
    assert answer.status_code == 200
    assert "Inget lästes in" in answer.text
    assert "Sökväg questions[0].indicator: okänd indikator ”77”" in answer.text
    assert not Instrument.objects.exists()


def test_admin_makes_a_new_version_and_publishes(as_persona, instrument) -> None:
    client = as_persona("admin")
    answer = client.post(reverse("surveys:instrument_new_version", args=[instrument.pk]))
    copy = Instrument.objects.get(version=2)
    assert answer["Location"] == reverse("surveys:instrument_detail", args=[copy.pk])
    client.post(reverse("surveys:instrument_status", args=[copy.pk]), {"status": "publicerad"})
    assert Instrument.objects.get(pk=copy.pk).status == "publicerad"


def test_shipped_instrument_is_not_versioned_by_a_forbund(as_persona) -> None:
    shipped = example_instrument_load()
    answer = as_persona("admin").post(reverse("surveys:instrument_new_version", args=[shipped.pk]))
    assert answer.status_code == 404
    assert Instrument.objects.count() == 1


def test_detail_query_count_does_not_grow(as_persona, world: World) -> None:
    small = instrument_import(
        actor=world["admin"], forbund=world.forbund, file=json_upload(good_document())
    )
    big_document = good_document()
    big_document["key"] = "stor"
    base = big_document["questions"][0]
    big_document["questions"] += [{**base, "id": f"X{n}"} for n in range(30)]
    big = instrument_import(
        actor=world["admin"], forbund=world.forbund, file=json_upload(big_document)
    )
    client = as_persona("admin")
    client.get(reverse("surveys:instrument_detail", args=[small.pk]))
    counts = []
    for instrument in (small, big):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            assert (
                client.get(reverse("surveys:instrument_detail", args=[instrument.pk])).status_code
                == 200
            )
        counts.append(len(captured))
    assert counts[0] == counts[1]


@pytest.mark.parametrize("name", READERS)
def test_api_detail_for_readers(as_persona, instrument, name) -> None:
    answer = as_persona(name).get(f"/api/v1/survey-instruments/{instrument.pk}")
    assert answer.status_code == 200
    body = answer.json()
    q1 = next(q for q in body["questions"] if q["code"] == "Q1")
    assert q1["positive_steps"] == [4, 5] and q1["indicator"] == "2"
    assert [s["value"] for s in q1["scale_steps"]] == [1, 2, 3, 4, 5]
    listed = as_persona(name).get("/api/v1/survey-instruments").json()
    assert [row["key"] for row in listed] == ["prov"]


@pytest.mark.parametrize("name", OTHERS)
def test_api_hides_from_others(as_persona, instrument, name) -> None:
    assert as_persona(name).get(f"/api/v1/survey-instruments/{instrument.pk}").status_code == 404
    assert as_persona(name).get("/api/v1/survey-instruments").json() == []
