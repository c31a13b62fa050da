"""The Trisam route of seed 000: a case raised anonymously in the team is referred into an
intervention; the referral is linked to the case and its page names the meeting."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client
from django.urls import reverse

from samsyn.collaboration.models import TeamCase
from samsyn.collaboration.tests.case_setup import case_world
from samsyn.conftest import World
from samsyn.participants.models import Referral
from samsyn.participants.tests.intake_setup import PNR_WOMAN, days


def _data(world: World) -> dict[str, object]:
    return {
        "referring_party": world.kommun.pk,
        "team": "",
        "reason": "Togs upp i Trisam-teamet.",
        "current_at_parties": [world.kommun.pk],
        "referred_on": days(0).isoformat(),
        "identity": "personnummer",
        "personnummer": PNR_WOMAN,
        "first_name": "Kim",
        "last_name": "Testsson",
        "gender": "",
        "birth_year": "",
        "home_municipality_code": "1780",
    }


def _url(world: World, case_id: object) -> str:
    url = reverse("participants:referral_create", args=[world.intervention.pk])
    return f"{url}?fran_arende={case_id}"


def test_refer_from_the_case_links_it(world: World, as_persona: Callable[[str], Client]) -> None:
    cases = case_world(world)
    client = as_persona("handlaggare")
    page = client.get(reverse("collaboration:case_detail", args=[cases.anonymous.pk]))
    assert _url(world, cases.anonymous.pk) in page.content.decode()
    form = client.get(_url(world, cases.anonymous.pk)).content.decode()
    assert f"?fran_arende={cases.anonymous.pk}" in form
    response = client.post(_url(world, cases.anonymous.pk), _data(world))
    assert response.status_code == 302
    referral = Referral.objects.get(reason="Togs upp i Trisam-teamet.")
    cases.anonymous.refresh_from_db()
    assert cases.anonymous.referral == referral
    # the case stays under its code: linking says where the referral came from only
    assert cases.anonymous.person is None
    detail = client.get(
        reverse("participants:referral_detail", args=[referral.pk])
    ).content.decode()
    assert "Ä-002" in detail and cases.meeting.date.isoformat() in detail
    listing = client.get(reverse("collaboration:case_list", args=[cases.team.pk])).content.decode()
    assert "Ja" in listing


def test_someone_without_a_seat_cannot_link(
    world: World, as_persona: Callable[[str], Client]
) -> None:
    """The insatsansvarig may refer but has no seat in the team: the link is refused (404)
    and no referral is created either."""
    cases = case_world(world)
    before = Referral.objects.count()
    response = as_persona("insatsansvarig").post(_url(world, cases.anonymous.pk), _data(world))
    assert response.status_code == 404
    assert Referral.objects.count() == before
    assert TeamCase.objects.get(pk=cases.anonymous.pk).referral is None


def test_a_bad_origin_is_ignored(world: World, as_persona: Callable[[str], Client]) -> None:
    case_world(world)
    response = as_persona("handlaggare").post(_url(world, "abc"), _data(world))
    assert response.status_code == 302
    assert not TeamCase.objects.filter(referral__isnull=False).exists()


def test_a_linked_case_keeps_its_first_referral(
    world: World, as_persona: Callable[[str], Client]
) -> None:
    cases = case_world(world)
    client = as_persona("handlaggare")
    client.post(_url(world, cases.anonymous.pk), _data(world))
    data = _data(world) | {
        "personnummer": "",
        "identity": "anonym",
        "first_name": "",
        "last_name": "",
        "gender": "man",
        "birth_year": "1990",
    }
    before = Referral.objects.count()
    response = client.post(_url(world, cases.anonymous.pk), data)
    assert response.status_code in (200, 400)
    assert "redan kopplat" in response.content.decode()
    assert Referral.objects.count() == before
