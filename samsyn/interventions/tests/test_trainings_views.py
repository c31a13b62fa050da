"""The training pages per persona, the forms through the pages and constant queries."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samsyn.core.versioning import STALE_EDIT_MESSAGE
from samsyn.interventions.models import Training, TrainingAttendee
from samsyn.interventions.tests.training_setup import attend
from samsyn.testing.queries import QueryCount
from samsyn.testing.stale import assert_stale_round_trip

pytestmark = pytest.mark.django_db
Persona = Callable[[str], Client]
VIEWERS = ["admin", "insatsansvarig", "styrgrupp", "coach"]
MANAGERS = ["admin", "insatsansvarig"]
NO_ACCESS = ["handlaggare", "granskare", "outsider", "nobody"]
READ_ONLY = ["styrgrupp", "coach"]


@pytest.fixture
def held(world: Any) -> Training:
    """Two coaches of the kommun and three chefs of FK; two of the chefs also attended an
    earlier training (they still count once)."""
    training = Training.objects.create(
        intervention=world.intervention, title="IPS grundkurs", held_on=datetime.date(2025, 3, 1)
    )
    attend(training, world.kommun, "coach", 2)
    attend(training, world.fk, "chef", 3)
    earlier = Training.objects.create(
        intervention=world.intervention, title="Introduktion", held_on=datetime.date(2025, 2, 1)
    )
    attend(earlier, world.fk, "chef", 2)
    return training


def urls(world: Any, training: Training) -> dict[str, str]:
    pk, tpk = world.intervention.pk, training.pk
    row = training.attendance.order_by("id").first()
    assert row is not None
    return {
        "list": reverse("interventions:trainings", args=[pk]),
        "create": reverse("interventions:training_create", args=[pk]),
        "edit": reverse("interventions:training_edit", args=[pk, tpk]),
        "delete": reverse("interventions:training_delete", args=[pk, tpk]),
        "add": reverse("interventions:training_attendance_add", args=[pk, tpk]),
        "remove": reverse("interventions:training_attendance_remove", args=[pk, tpk, row.pk]),
        "rename": reverse("interventions:training_attendee_rename", args=[pk, row.attendee_id]),
    }


@pytest.mark.parametrize("persona", VIEWERS)
def test_list_for_viewers(as_persona: Persona, world: Any, held: Training, persona: str) -> None:
    response = as_persona(persona).get(urls(world, held)["list"])
    assert response.status_code == 200
    html = response.content.decode()
    assert "IPS grundkurs" in html
    assert "Testby kommun, coach" in html
    # People, not attendances: 5 people in 7 attendances.
    assert '<th scope="row">Chef</th><td>3</td>' in html
    assert '<th scope="row">Försäkringskassan</th><td>3</td>' in html
    assert '<th scope="row">Totalt</th><td>5</td>' in html
    assert "5 personer utbildade (7 deltaganden i utbildningarna)." in html
    manages = persona in MANAGERS
    assert (urls(world, held)["edit"] in html) is manages
    assert (urls(world, held)["create"] in html) is manages
    # The names and the renaming are for the managers only.
    assert ("chef 1" in html) is manages
    assert (urls(world, held)["rename"] in html) is manages


@pytest.mark.parametrize("persona", NO_ACCESS)
def test_list_is_404_for_others(as_persona: Persona, world: Any, held: Training, persona: str):
    assert as_persona(persona).get(urls(world, held)["list"]).status_code == 404


def test_anonymous_is_sent_to_login(client: Client, world: Any, held: Training) -> None:
    for name in ("list", "edit"):
        response = client.get(urls(world, held)[name])
        assert response.status_code == 302
        assert "login" in response["Location"] or "logga-in" in response["Location"]


@pytest.mark.parametrize("persona", [*READ_ONLY, *NO_ACCESS])
def test_management_is_404_for_non_managers(
    as_persona: Persona, world: Any, held: Training, persona: str
) -> None:
    client = as_persona(persona)
    page = urls(world, held)
    post = {"title": "X", "held_on": "2025-01-01", "version": "1"}
    assert client.get(page["create"]).status_code == 404
    assert client.post(page["create"], post).status_code == 404
    assert client.get(page["edit"]).status_code == 404
    assert client.post(page["edit"], post).status_code == 404
    assert client.post(page["delete"], {"version": "1"}).status_code == 404
    add = {"name": "Ny", "party": world.af.pk, "role": "coach", "version": "1"}
    assert client.post(page["add"], add).status_code == 404
    assert client.post(page["remove"], {"version": "1"}).status_code == 404
    assert client.post(page["rename"], {"name": "Nytt namn"}).status_code == 404
    held.refresh_from_db()
    assert (held.title, held.version, held.attendance.count()) == ("IPS grundkurs", 1, 5)
    assert not TrainingAttendee.objects.filter(name="Nytt namn").exists()


@pytest.mark.parametrize("persona", MANAGERS)
def test_managers_create_edit_attend_and_delete(
    as_persona: Persona, world: Any, held: Training, persona: str
) -> None:
    client = as_persona(persona)
    page = urls(world, held)
    assert client.get(page["create"]).status_code == 200
    response = client.post(page["create"], {"title": "Chefsdag", "held_on": "2025-05-05"})
    created = Training.objects.get(title="Chefsdag")
    assert response["Location"] == reverse(
        "interventions:training_edit", args=[world.intervention.pk, created.pk]
    )
    edit_page = client.get(page["edit"]).content.decode()
    assert 'id="deltagare_id_party"' not in edit_page and 'id="deltagare_party"' in edit_page
    add = {"name": "Ahmed Saleh", "party": world.af.pk, "role": "handlaggare", "version": "1"}
    assert client.post(page["add"], add).status_code == 302
    # The earlier attendee is offered and picked: an attendance, not a new person.
    created_page = client.get(
        reverse("interventions:training_edit", args=[world.intervention.pk, created.pk])
    ).content.decode()
    ahmed = TrainingAttendee.objects.get(name="Ahmed Saleh")
    assert f'<option value="{ahmed.pk}">Ahmed Saleh (Arbetsförmedlingen, handläggare)' in (
        created_page
    )
    again = {"attendee": ahmed.pk, "version": "1"}
    add_to_created = reverse(
        "interventions:training_attendance_add", args=[world.intervention.pk, created.pk]
    )
    assert client.post(add_to_created, again).status_code == 302
    assert TrainingAttendee.objects.filter(name="Ahmed Saleh").count() == 1
    assert client.post(page["rename"], {"name": "Karin Lind"}).status_code == 302
    assert TrainingAttendee.objects.filter(name="Karin Lind").count() == 1
    assert client.post(page["remove"], {"version": "2", "confirm": "1"}).status_code == 302
    held.refresh_from_db()
    assert (held.attendance.count(), held.version) == (5, 3)
    assert not TrainingAttendee.objects.filter(name="Karin Lind").exists()
    response = client.post(
        page["edit"], {"title": "IPS fördjupning", "held_on": "2025-03-02", "version": "3"}
    )
    assert response.status_code == 302
    assert client.post(page["delete"], {"version": "4", "confirm": "1"}).status_code == 302
    assert not Training.objects.filter(pk=held.pk).exists()


def test_bad_input_shows_swedish_messages(as_persona: Persona, world: Any, held: Training):
    client = as_persona("admin")
    page = urls(world, held)
    response = client.post(page["create"], {"title": "", "held_on": "31/12"})
    assert response.status_code == 200
    assert "error-summary" in response.content.decode()
    duplicate = {"name": "Coach 1", "party": world.kommun.pk, "role": "coach", "version": "1"}
    response = client.post(page["add"], duplicate)
    assert response.status_code == 200
    assert "coach 1 finns redan på utbildningen." in response.content.decode()
    response = client.post(page["add"], {**duplicate, "role": "chef"})
    assert "är redan registrerad som coach" in response.content.decode()
    response = client.post(page["add"], {"name": "", "party": "", "role": "", "version": "1"})
    assert "Ange personens namn, eller välj en tidigare deltagare." in response.content.decode()
    other_party = {**duplicate, "name": "Ny", "party": world.other_party.pk}
    assert client.post(page["add"], other_party).status_code == 200
    response = client.post(page["rename"], {"name": ""}, follow=True)
    assert "Namn:" in response.content.decode()
    response = client.post(page["rename"], {"name": "coach 2"}, follow=True)
    assert "Parten har redan en person med det namnet." in response.content.decode()
    assert held.attendance.count() == 5


def test_stale_edits_are_refused(as_persona: Persona, world: Any, held: Training) -> None:
    client = as_persona("admin")
    page = urls(world, held)
    add = {"name": "Ny person", "party": world.af.pk, "role": "chef", "version": "1"}
    assert client.post(page["add"], add).status_code == 302
    response = client.post(page["add"], {**add, "name": "Till"}, follow=True)
    assert str(STALE_EDIT_MESSAGE) in response.content.decode()
    response = client.post(page["edit"], {"title": "Y", "held_on": "2025-01-01", "version": "1"})
    assert str(STALE_EDIT_MESSAGE) not in response.content.decode()
    assert "Någon annan har sparat under tiden" in response.content.decode()
    held.refresh_from_db()
    assert (held.title, held.version) == ("IPS grundkurs", 2)


def test_stale_training_edit_shows_both_versions(
    as_persona: Persona, world: Any, held: Training
) -> None:
    stale = assert_stale_round_trip(
        saver=as_persona("insatsansvarig"),
        client=as_persona("admin"),
        url=urls(world, held)["edit"],
        data={"title": "IPS grundkurs", "held_on": "2025-03-01", "version": "1"},
        field="title",
        theirs="IPS fördjupning",
        mine="IPS grundkurs del 2",
        saver_name=world["insatsansvarig"].get_full_name(),
        current=lambda: Training.objects.get(pk=held.pk).title,
    )
    assert "Ändra utbildning: IPS fördjupning" in stale
    # Only the training's own form carries the comparison, not the add and upload forms.
    assert stale.count("Någon annan har sparat under tiden") == 1
    html = as_persona("admin").get(urls(world, held)["edit"]).content.decode()
    assert "Någon annan har sparat under tiden" not in html


def test_list_queries_do_not_grow_with_the_trainings(
    as_persona: Persona, world: Any, held: Training, assert_query_count: QueryCount
) -> None:
    client = as_persona("styrgrupp")
    url = urls(world, held)["list"]
    with assert_query_count(17):
        client.get(url)
    for day in range(1, 21):
        training = Training.objects.create(
            intervention=world.intervention, title=f"T{day}", held_on=datetime.date(2025, 4, day)
        )
        for party in (world.fk, world.af, world.region):
            attend(training, party, "annan", day % 4 + 1)
    with assert_query_count(17):
        response = client.get(url)
    assert response.content.decode().index("T20") < response.content.decode().index("T1<")


def test_managers_list_with_names_is_constant_too(
    as_persona: Persona, world: Any, held: Training, assert_query_count: QueryCount
) -> None:
    client = as_persona("admin")
    url = urls(world, held)["list"]
    with assert_query_count(17):
        client.get(url)
    for day in range(1, 11):
        training = Training.objects.create(
            intervention=world.intervention, title=f"T{day}", held_on=datetime.date(2025, 5, day)
        )
        attend(training, world.region, "chef", day)
    with assert_query_count(17):
        response = client.get(url)
    html = response.content.decode()
    # chef 1 of the region attended all ten trainings: one person, ten trainings.
    assert "15 personer utbildade (62 deltaganden i utbildningarna)." in html


def test_edit_page_queries_do_not_grow_with_the_people(
    as_persona: Persona, world: Any, held: Training, assert_query_count: QueryCount
) -> None:
    client = as_persona("insatsansvarig")
    url = urls(world, held)["edit"]
    client.get(url)
    with CaptureQueriesContext(connection) as first:
        client.get(url)
    attend(held, world.region, "annan", 12)
    earlier = Training.objects.create(
        intervention=world.intervention, title="Tidigare", held_on=datetime.date(2025, 1, 5)
    )
    attend(earlier, world.af, "handlaggare", 9)
    with assert_query_count(len(first)):
        response = client.get(url)
    assert "handlaggare 9 (Arbetsförmedlingen, handläggare)" in response.content.decode()
