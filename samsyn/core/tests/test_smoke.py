from django.urls import reverse


def test_start_page_greets_each_persona(as_persona, world):
    for name in ["admin", "insatsansvarig", "coach", "handlaggare", "styrgrupp", "granskare"]:
        response = as_persona(name).get(reverse("core:start"))
        assert response.status_code == 200, name
        assert "Samordningsförbundet Testdalen" in response.content.decode()
