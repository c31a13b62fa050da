"""A NUL in the employer bank's filters is refused with a Swedish 422 (PostgreSQL cannot
compare it; Schemathesis found the 500 on GET /api/v1/ips/employers)."""

from __future__ import annotations

import pytest

from samsyn.conftest import World
from samsyn.ips.tests.employer_setup import ips_world  # noqa: F401 - the fixture
from samsyn.participants.tests.api_setup import as_api_fixture  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("field", ["q", "sni_section", "municipality_code"])
def test_a_nul_in_a_filter_is_refused(ips_world: World, as_api, field: str) -> None:  # noqa: F811
    response = as_api("coach").get("/ips/employers", **{field: "a\x00"})
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {
            "field": field,
            "message": "Texten innehåller ett otillåtet tecken.",
            "code": "value_error",
        }
    ]
