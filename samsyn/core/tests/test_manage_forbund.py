"""The förbund's limit for small-count suppression: only its administrator sets it, 3 or 5,
and every change is in the audit log with the old and the new value."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.test import Client
from django.urls import reverse

from samsyn.audit.models import AuditEvent
from samsyn.conftest import World
from samsyn.core.models import Forbund
from samsyn.core.models.organisation import SMALL_COUNT_LIMITS
from samsyn.core.services import organisation
from samsyn.stats.suppression import ALLOWED_LIMITS

SETTINGS = reverse("manage:forbund_settings")


def _url(forbund: Forbund) -> str:
    return reverse("manage:forbund_small_count_limit", args=[forbund.pk])


def test_the_default_is_five_and_the_choices_are_three_or_five(world: World) -> None:
    assert world.forbund.small_count_limit == 5
    assert SMALL_COUNT_LIMITS == ALLOWED_LIMITS == (3, 5)


def test_admin_sets_the_limit_and_it_is_audited(
    as_persona: Callable[[str], Client], world: World
) -> None:
    client = as_persona("admin")
    page = client.get(SETTINGS)
    assert page.status_code == 200
    assert "Gräns för små antal" in page.content.decode()
    response = client.post(
        _url(world.forbund), {"small_count_limit": "3", "version": world.forbund.version}
    )
    assert response.status_code == 302
    world.forbund.refresh_from_db()
    assert world.forbund.small_count_limit == 3
    event = AuditEvent.objects.get(object_type="core.Forbund", object_id=str(world.forbund.pk))
    assert event.action == "update"
    assert event.actor == world["admin"]
    assert event.detail == "Gräns för små antal ändrad från 5 till 3"


@pytest.mark.parametrize("value", ["4", "0", "", "fem", "10"])
def test_other_values_are_refused_with_a_message(
    as_persona: Callable[[str], Client], world: World, value: str
) -> None:
    client = as_persona("admin")
    response = client.post(
        _url(world.forbund),
        {"small_count_limit": value, "version": world.forbund.version},
        follow=True,
    )
    assert response.status_code == 200
    world.forbund.refresh_from_db()
    assert world.forbund.small_count_limit == 5
    assert not AuditEvent.objects.filter(object_type="core.Forbund").exists()


def test_stale_version_is_refused(as_persona: Callable[[str], Client], world: World) -> None:
    client = as_persona("admin")
    response = client.post(
        _url(world.forbund),
        {"small_count_limit": "3", "version": world.forbund.version + 5},
        follow=True,
    )
    assert "Någon annan har ändrat" in response.content.decode()
    world.forbund.refresh_from_db()
    assert world.forbund.small_count_limit == 5


def test_service_refuses_a_limit_other_than_three_or_five(world: World) -> None:
    with pytest.raises(ValidationError, match="3 eller 5"):
        organisation.forbund_set_small_count_limit(
            actor=world["admin"], forbund=world.forbund, limit=4, expected_version=1
        )


@pytest.mark.parametrize(
    "persona", ["insatsansvarig", "coach", "handlaggare", "styrgrupp", "granskare", "outsider"]
)
def test_nobody_else_may_change_it(world: World, persona: str) -> None:
    with pytest.raises(Http404):
        organisation.forbund_set_small_count_limit(
            actor=world[persona],
            forbund=world.forbund,
            limit=3,
            expected_version=world.forbund.version,
        )
    world.forbund.refresh_from_db()
    assert world.forbund.small_count_limit == 5
