from django.urls import reverse


def test_start_page_greets_each_persona(as_persona, world):
    for name in ["admin", "insatsansvarig", "coach", "handlaggare", "styrgrupp", "granskare"]:
        response = as_persona(name).get(reverse("core:start"))
        assert response.status_code == 200, name
        assert "Samordningsförbundet Testdalen" in response.content.decode()


def test_coach_start_page_leads_with_the_caseload(as_persona, world):
    from samsyn.participants.tests.factories import RegistrationFactory

    RegistrationFactory(intervention=world.intervention, coach=world["coach"])
    body = as_persona("coach").get(reverse("core:start")).content.decode()
    assert "Din ärendelista" in body
    assert "1 aktiv deltagare i dag" in body
    assert reverse("participants:caseload") in body


def test_roles_without_caseload_see_no_caseload_card(as_persona, world):
    for name in ["admin", "styrgrupp", "granskare"]:
        body = as_persona(name).get(reverse("core:start")).content.decode()
        assert "Din ärendelista" not in body, name
