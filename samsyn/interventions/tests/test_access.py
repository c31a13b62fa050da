"""Who reaches which intervention page.

Management pages: the förbundsadministratör of the intervention's förbund, and nobody else
(404, also for the administrator of another förbund). The intervention page: everyone with a
role reaching the intervention; 404 for the outsider and for an account without roles.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from samsyn.audit.models import AuditEvent
from samsyn.conftest import World
from samsyn.interventions.models import ActivityType, Capacity, Intervention
from samsyn.interventions.services import default_structure_create

NON_ADMINS = ["insatsansvarig", "coach", "handlaggare", "styrgrupp", "granskare", "nobody"]
EVERYONE_ELSE = [*NON_ADMINS, "outsider"]


@pytest.fixture
def structured(world: World) -> Intervention:
    intervention = world.intervention
    default_structure_create(intervention=intervention)
    Capacity.objects.create(intervention=intervention, municipality_code="1780", places=10)
    return intervention


def _pages(intervention: Intervention) -> list[str]:
    pk = intervention.pk
    return [
        reverse("interventions:edit", args=[pk]),
        reverse("interventions:staff", args=[pk]),
        reverse("interventions:capacity", args=[pk]),
        reverse("interventions:phases", args=[pk]),
        reverse("interventions:ladder", args=[pk]),
        reverse("interventions:indicators", args=[pk]),
        reverse("interventions:activity_types", args=[pk]),
    ]


def _actions(intervention: Intervention) -> list[tuple[str, dict[str, object]]]:
    pk = intervention.pk
    phase = intervention.phases.order_by("order").first()
    step = intervention.ladder_steps.order_by("order").first()
    capacity = intervention.capacities.get()
    activity_type = ActivityType.objects.filter(forbund_id=intervention.forbund_id).first()
    assert phase and step and activity_type
    rename: dict[str, object] = {"name": "Nytt namn", "expected_name": phase.name}
    move: dict[str, object] = {"direction": "down", "expected_order": 1}
    return [
        (reverse("interventions:phases", args=[pk]), {"name": "Extra fas"}),
        (reverse("interventions:phases_rename", args=[pk, phase.pk]), rename),
        (reverse("interventions:phases_move", args=[pk, phase.pk]), move),
        (reverse("interventions:phases_remove", args=[pk, phase.pk]), {}),
        (reverse("interventions:ladder_remove", args=[pk, step.pk]), {}),
        (reverse("interventions:capacity", args=[pk]), {"municipality_code": "1784", "places": 3}),
        (
            reverse("interventions:capacity_update", args=[pk, capacity.pk]),
            {"places": 1, "expected_places": 10},
        ),
        (reverse("interventions:capacity_remove", args=[pk, capacity.pk]), {}),
        (reverse("interventions:activity_types", args=[pk]), {"name": "Ny typ"}),
        (
            reverse("interventions:activity_type_rename", args=[pk, activity_type.pk]),
            {"name": "X", "expected_name": activity_type.name},
        ),
        (reverse("interventions:activity_type_deactivate", args=[pk, activity_type.pk]), {}),
        (reverse("interventions:activity_type_reactivate", args=[pk, activity_type.pk]), {}),
        (reverse("interventions:edit", args=[pk]), {"name": "Kapad"}),
    ]


def _snapshot(intervention: Intervention) -> tuple[object, ...]:
    intervention.refresh_from_db()
    return (
        intervention.name,
        intervention.version,
        list(intervention.phases.values_list("name", "order")),
        list(intervention.ladder_steps.values_list("name", "order")),
        list(intervention.capacities.values_list("municipality_code", "places")),
        list(
            ActivityType.objects.filter(forbund_id=intervention.forbund_id).values_list(
                "name", "is_active"
            )
        ),
    )


def test_admin_reaches_every_management_page(
    as_persona: Callable[[str], Client], structured: Intervention
) -> None:
    client = as_persona("admin")
    urls = [reverse("interventions:list"), reverse("interventions:create"), *_pages(structured)]
    for url in urls:
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("persona", EVERYONE_ELSE)
def test_everyone_else_gets_404_on_management_pages(
    as_persona: Callable[[str], Client], structured: Intervention, persona: str
) -> None:
    client = as_persona(persona)
    for url in _pages(structured):
        assert client.get(url).status_code == 404, url


@pytest.mark.parametrize("persona", NON_ADMINS)
def test_non_admins_have_no_intervention_list_or_create(
    as_persona: Callable[[str], Client], world: World, persona: str
) -> None:
    client = as_persona(persona)
    assert client.get(reverse("interventions:list")).status_code == 404
    assert client.get(reverse("interventions:create")).status_code == 404
    response = client.post(reverse("interventions:create"), {"name": "X", "slug": "x"})
    assert response.status_code == 404
    assert not Intervention.objects.filter(slug="x").exists()


@pytest.mark.parametrize("persona", EVERYONE_ELSE)
def test_everyone_else_changes_nothing(
    as_persona: Callable[[str], Client], structured: Intervention, persona: str
) -> None:
    client = as_persona(persona)
    before = _snapshot(structured)
    for url, data in _actions(structured):
        assert client.post(url, data).status_code == 404, url
    assert _snapshot(structured) == before


def test_outsider_lists_only_its_own_interventions(
    as_persona: Callable[[str], Client], world: World
) -> None:
    body = as_persona("outsider").get(reverse("interventions:list")).content.decode()
    assert world.other_intervention.name in body
    assert world.intervention.name not in body


def test_admin_does_not_manage_another_forbunds_intervention(
    as_persona: Callable[[str], Client], world: World
) -> None:
    client = as_persona("admin")
    for url in _pages(world.other_intervention):
        assert client.get(url).status_code == 404, url


@pytest.mark.parametrize(
    "persona", ["admin", "insatsansvarig", "coach", "handlaggare", "styrgrupp", "granskare"]
)
def test_intervention_page_for_every_role_in_the_forbund(
    as_persona: Callable[[str], Client], world: World, persona: str
) -> None:
    client = as_persona(persona)
    by_pk = reverse("interventions:detail", kwargs={"pk": world.intervention.pk})
    by_slug = reverse("interventions:detail", kwargs={"slug": world.intervention.slug})
    assert client.get(by_pk).status_code == 200
    response = client.get(by_slug)
    assert response.status_code == 200
    assert world.intervention.name in response.content.decode()


@pytest.mark.parametrize("persona", ["outsider", "nobody"])
def test_intervention_page_is_404_outside_scope(
    as_persona: Callable[[str], Client], world: World, persona: str
) -> None:
    client = as_persona(persona)
    by_pk = reverse("interventions:detail", kwargs={"pk": world.intervention.pk})
    by_slug = reverse("interventions:detail", kwargs={"slug": world.intervention.slug})
    assert client.get(by_pk).status_code == 404
    assert client.get(by_slug).status_code == 404


def test_coach_limited_to_one_intervention_does_not_see_another(
    as_persona: Callable[[str], Client], world: World
) -> None:
    from samsyn.core.tests.factories import InterventionFactory

    sibling = InterventionFactory(forbund=world.forbund, owner_party=world.kommun)
    for persona in ("coach", "insatsansvarig"):
        url = reverse("interventions:detail", kwargs={"pk": sibling.pk})
        assert as_persona(persona).get(url).status_code == 404
    assert (
        as_persona("styrgrupp")
        .get(reverse("interventions:detail", kwargs={"pk": sibling.pk}))
        .status_code
        == 200
    )


def test_start_page_links_to_the_intervention_and_the_admin_list(
    as_persona: Callable[[str], Client], world: World
) -> None:
    body = as_persona("admin").get(reverse("core:start")).content.decode()
    assert reverse("interventions:detail", kwargs={"pk": world.intervention.pk}) in body
    assert f'href="{reverse("interventions:list")}"' in body
    coach_body = as_persona("coach").get(reverse("core:start")).content.decode()
    assert reverse("interventions:detail", kwargs={"pk": world.intervention.pk}) in coach_body
    assert f'href="{reverse("interventions:list")}"' not in coach_body


def test_staff_page_lists_the_roles_reaching_the_intervention(
    as_persona: Callable[[str], Client], world: World
) -> None:
    from samsyn.core.tests.factories import InterventionFactory, MembershipFactory, UserFactory

    elsewhere = InterventionFactory(forbund=world.forbund, owner_party=world.kommun)
    other_coach = UserFactory(username="annan-coach", first_name="Annan", last_name="Coach")
    MembershipFactory(
        user=other_coach, forbund=world.forbund, role="coach", interventions=[elsewhere]
    )
    response = as_persona("admin").get(reverse("interventions:staff", args=[world.intervention.pk]))
    listed = {m.user.username: m for m in response.context["memberships"]}
    assert set(listed) == {"insatsansvarig", "coach", "handlaggare"}
    assert listed["coach"].limited and not listed["handlaggare"].limited
    body = response.content.decode()
    assert reverse("manage:user_detail", args=[world["coach"].pk]) in body
    assert "Alla förbundets insatser" in body
    assert (
        AuditEvent.objects.filter(
            detail="Insatsens personal visad", intervention_id=world.intervention.pk
        ).count()
        == 1
    )
