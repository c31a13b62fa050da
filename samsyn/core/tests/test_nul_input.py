"""A NUL character in a query parameter or a JSON body gets a Swedish 400 and does nothing:
PostgreSQL cannot hold it, so it must never reach a query (found by Schemathesis on
GET /api/v1/ips/employers)."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db
MESSAGE = "Anropet innehåller ett otillåtet tecken (NUL). Ingenting gjordes."


def test_a_page_with_nul_in_the_query_is_refused(client: Client) -> None:
    response = client.get("/logga-in/", {"next": "/\x00"})
    assert response.status_code == 400
    assert response.content.decode() == MESSAGE


def test_the_api_refuses_nul_in_a_query_parameter(client: Client) -> None:
    response = client.get("/api/v1/ips/employers", {"q": "a\x00b"})
    assert response.status_code == 400
    assert response.json() == {"detail": MESSAGE}


def test_the_api_refuses_nul_in_a_json_body(client: Client) -> None:
    response = client.post(
        "/api/v1/referrals", data='{"reason": "a\\u0000b"}', content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json() == {"detail": MESSAGE}


def test_ordinary_input_passes(client: Client) -> None:
    assert client.get("/logga-in/", {"next": "/start/"}).status_code == 200
