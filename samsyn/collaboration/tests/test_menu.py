"""The main menu leads to the collaboration pages for the roles that sit in teams (issue #14),
and the meetings page leads on to the cases the teams discuss."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db
MENU_ITEM = re.compile(r'<li><a href="/samverkan/"[^>]*>Samverkan</a></li>')


def _menu(html: str) -> str:
    start = html.index('aria-label="Huvudmeny"')
    return html[start : html.index("</nav>", start)]


@pytest.mark.parametrize("name", ["admin", "insatsansvarig", "coach", "handlaggare"])
def test_team_roles_have_the_menu_item(as_persona, name: str) -> None:
    html = as_persona(name).get(reverse("core:start")).content.decode()
    assert MENU_ITEM.search(_menu(html)), name


@pytest.mark.parametrize("name", ["styrgrupp", "granskare", "nobody"])
def test_other_roles_do_not(as_persona, name: str) -> None:
    html = as_persona(name).get(reverse("core:account")).content.decode()
    assert "/samverkan/" not in _menu(html), name


def test_the_item_is_current_on_every_collaboration_page(as_persona) -> None:
    client = as_persona("coach")
    for url in (reverse("collaboration:team_list"), reverse("collaboration:case_teams")):
        menu = _menu(client.get(url).content.decode())
        assert re.search(r'href="/samverkan/" aria-current="page"', menu), url


def test_the_meetings_page_links_to_the_cases(as_persona) -> None:
    html = as_persona("coach").get(reverse("collaboration:team_list")).content.decode()
    assert f'href="{reverse("collaboration:case_teams")}"' in html
    assert "Ärenden som teamen diskuterar" in html
