"""The JSON API: authentication by personal token or verified session, errors, OpenAPI."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client, override_settings
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from samsyn.audit.models import AuditAction, AuditEvent
from samsyn.core.models import ApiToken
from samsyn.core.roles import Role
from samsyn.core.services.api_tokens import api_token_create, api_token_renew
from samsyn.core.tests.factories import MembershipFactory, UserFactory

ME = "/api/v1/me"
TOKENS = "/api/v1/tokens"
UNAUTHENTICATED = "Inloggning krävs: ange en giltig API-nyckel."


def _bearer(raw: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {raw}"}


@pytest.fixture
def coach_token(world) -> tuple[ApiToken, str]:
    """A token of the coach persona, who has enrolled TOTP (as every coach must)."""
    TOTPDevice.objects.create(user=world["coach"], name="telefon", confirmed=True)
    return api_token_create(user=world["coach"], name="test")


def _assert_unauthenticated(response) -> None:
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == {"detail": UNAUTHENTICATED}
    assert response["WWW-Authenticate"] == "Bearer"


class TestMe:
    def test_token_gives_the_user_and_memberships(self, world, coach_token):
        token, raw = coach_token
        response = Client().get(ME, headers=_bearer(raw))
        assert response.status_code == 200
        body = response.json()
        assert body["username"] == "coach"
        assert body["memberships"] == [
            {
                "forbund": "Samordningsförbundet Testdalen",
                "forbund_slug": "testdalen",
                "role": "coach",
                "role_label": "Coach/handledare",
                "party": None,
                "interventions": ["testinsatsen"],
            }
        ]
        token.refresh_from_db()
        assert token.last_used_at is not None

    def test_token_sets_no_session_cookie(self, coach_token):
        response = Client().get(ME, headers=_bearer(coach_token[1]))
        assert "sessionid" not in response.cookies

    def test_handlaggare_membership_names_its_party(self, world, as_persona):
        body = as_persona("handlaggare").get(ME).json()
        assert body["memberships"][0]["party"] == "Testby kommun"

    def test_verified_session_works(self, as_persona):
        response = as_persona("admin").get(ME)
        assert response.status_code == 200
        assert response.json()["username"] == "admin"

    def test_session_of_user_without_need_for_two_factor_works(self, world):
        client = Client()
        client.force_login(world["styrgrupp"])
        assert client.get(ME).status_code == 200

    def test_unverified_session_of_user_who_needs_two_factor_is_refused(self, world):
        client = Client()
        client.force_login(world["coach"])
        _assert_unauthenticated(client.get(ME))

    def test_anonymous_is_refused_in_swedish_json(self, db):
        _assert_unauthenticated(Client().get(ME))

    def test_revoked_token_is_refused(self, world, coach_token):
        token, raw = coach_token
        token.revoked_at = timezone.now()
        token.save()
        _assert_unauthenticated(Client().get(ME, headers=_bearer(raw)))

    @pytest.mark.parametrize(
        "header",
        [
            "Bearer sam_" + "A" * 43,
            "Bearer not-a-samsyn-token",
            "Bearer ",
            "Token sam_x",
            "Basic Y29hY2g6a29ycmVrdA==",
        ],
    )
    def test_unknown_or_malformed_token_is_refused(self, coach_token, header):
        _assert_unauthenticated(Client().get(ME, headers={"Authorization": header}))

    def test_token_of_an_inactive_user_is_refused(self, world, coach_token):
        world["coach"].is_active = False
        world["coach"].save()
        _assert_unauthenticated(Client().get(ME, headers=_bearer(coach_token[1])))

    def test_token_of_user_who_needs_two_factor_but_has_no_device_is_refused(self, world):
        _token, raw = api_token_create(user=world["coach"], name="utan telefon")
        _assert_unauthenticated(Client().get(ME, headers=_bearer(raw)))

    def test_token_stops_when_the_owner_gains_a_personal_data_role(self, world):
        _token, raw = api_token_create(user=world["styrgrupp"], name="styrgruppens")
        assert Client().get(ME, headers=_bearer(raw)).status_code == 200
        MembershipFactory(user=world["styrgrupp"], forbund=world.forbund, role=Role.GRANSKARE)
        _assert_unauthenticated(Client().get(ME, headers=_bearer(raw)))

    @override_settings(SAMSYN_DEMO=True)
    def test_demo_account_token_works_in_demo_mode_without_device(self, world):
        user = UserFactory(is_demo_account=True)
        MembershipFactory(user=user, forbund=world.forbund, role=Role.COACH)
        _token, raw = api_token_create(user=user, name="demo")
        assert Client().get(ME, headers=_bearer(raw)).status_code == 200
        with override_settings(SAMSYN_DEMO=False):
            _assert_unauthenticated(Client().get(ME, headers=_bearer(raw)))

    def test_query_count_is_exact(self, coach_token, assert_query_count):
        with assert_query_count(6):
            Client().get(ME, headers=_bearer(coach_token[1]))


class TestTokensEndpoint:
    def test_lists_own_tokens_without_secrets(self, world, coach_token):
        api_token_create(user=world["admin"], name="inte min")
        response = Client().get(TOKENS, headers=_bearer(coach_token[1]))
        assert response.status_code == 200
        body = response.json()
        assert [item["name"] for item in body] == ["test"]
        assert set(body[0]) == {
            "id",
            "name",
            "prefix",
            "created_at",
            "last_used_at",
            "revoked_at",
            "expires_at",
        }

    def test_list_has_constant_queries(self, world, coach_token, assert_query_count):
        with assert_query_count(5):
            response = Client().get(TOKENS, headers=_bearer(coach_token[1]))
        assert len(response.json()) == 1
        for number in range(10):
            api_token_create(user=world["coach"], name=f"n{number}")
        with assert_query_count(5):
            response = Client().get(TOKENS, headers=_bearer(coach_token[1]))
        assert len(response.json()) == 11

    def test_revoke_own_token(self, world, coach_token):
        _token, raw = coach_token
        other, _other_raw = api_token_create(user=world["coach"], name="annan")
        response = Client().delete(f"{TOKENS}/{other.pk}", headers=_bearer(raw))
        assert response.status_code == 204
        other.refresh_from_db()
        assert other.revoked_at is not None
        assert AuditEvent.objects.filter(
            action=AuditAction.UPDATE, object_id=str(other.pk), detail="API-nyckel återkallad"
        ).exists()

    def test_a_token_can_revoke_itself(self, coach_token):
        token, raw = coach_token
        assert Client().delete(f"{TOKENS}/{token.pk}", headers=_bearer(raw)).status_code == 204
        _assert_unauthenticated(Client().get(ME, headers=_bearer(raw)))

    def test_another_users_token_is_not_found(self, world, coach_token):
        foreign, _raw = api_token_create(user=world["admin"], name="administratörens")
        response = Client().delete(f"{TOKENS}/{foreign.pk}", headers=_bearer(coach_token[1]))
        assert response.status_code == 404
        assert response.json() == {"detail": "Hittades inte."}
        foreign.refresh_from_db()
        assert foreign.revoked_at is None

    def test_bad_input_gets_422_with_swedish_field_errors(self, coach_token):
        response = Client().delete(f"{TOKENS}/abc", headers=_bearer(coach_token[1]))
        assert response.status_code == 422
        assert response.json() == {
            "detail": "Uppgifterna är inte giltiga.",
            "errors": [{"field": "token_id", "message": "Ange ett heltal.", "code": "int_parsing"}],
        }

    def test_session_writes_need_csrf(self, world, as_persona):
        token, _raw = api_token_create(user=world["coach"], name="csrf")
        client = as_persona("coach")
        client.handler.enforce_csrf_checks = True
        response = client.delete(f"{TOKENS}/{token.pk}")
        assert response.status_code == 403
        assert "CSRF" in response.json()["detail"]
        token.refresh_from_db()
        assert token.revoked_at is None

    def test_expired_token_is_refused_with_its_own_message(self, world, coach_token):
        token, raw = coach_token
        ApiToken.objects.filter(pk=token.pk).update(
            expires_at=timezone.now() - datetime.timedelta(seconds=1)
        )
        response = Client().get(ME, headers=_bearer(raw))
        assert response.status_code == 401
        assert response.json() == {
            "detail": "API-nyckeln har gått ut. Förnya den under Mitt konto, eller skapa en ny."
        }
        assert response["WWW-Authenticate"] == 'Bearer error="invalid_token"'
        token.refresh_from_db()
        assert token.last_used_at is None

    def test_token_works_until_it_expires(self, world, coach_token):
        token, raw = coach_token
        ApiToken.objects.filter(pk=token.pk).update(
            expires_at=timezone.now() + datetime.timedelta(minutes=1)
        )
        assert Client().get(ME, headers=_bearer(raw)).status_code == 200

    def test_renewed_token_works_again(self, world, coach_token):
        token, raw = coach_token
        ApiToken.objects.filter(pk=token.pk).update(
            expires_at=timezone.now() - datetime.timedelta(days=1)
        )
        api_token_renew(user=world["coach"], token_id=token.pk)
        assert Client().get(ME, headers=_bearer(raw)).status_code == 200

    def test_token_list_shows_the_expiry(self, coach_token):
        token, raw = coach_token
        body = Client().get(TOKENS, headers=_bearer(raw)).json()
        assert body[0]["expires_at"].startswith(token.expires_at.strftime("%Y-%m-%d"))

    def test_unreadable_query_string_is_a_json_400(self, coach_token, settings):
        settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 5
        query = "&".join(f"f{number}=1" for number in range(10))
        response = Client().get(f"/api/v1/registrations?{query}", headers=_bearer(coach_token[1]))
        assert response.status_code == 400
        assert response.json() == {"detail": "Anropet kunde inte läsas."}

    def test_write_without_credentials_is_401_not_a_csrf_failure(self, world):
        token, _raw = api_token_create(user=world["coach"], name="ingen")
        client = Client(enforce_csrf_checks=True)
        _assert_unauthenticated(client.delete(f"{TOKENS}/{token.pk}"))
        _assert_unauthenticated(client.delete(f"{TOKENS}/{token.pk}", headers=_bearer("sam_okand")))
        token.refresh_from_db()
        assert token.revoked_at is None

    def test_there_is_no_way_to_mint_a_token_through_the_api(self, coach_token):
        response = Client().post(TOKENS, {"name": "x"}, headers=_bearer(coach_token[1]))
        assert response.status_code == 405
        assert ApiToken.objects.count() == 1


class TestOpenApi:
    def test_document_is_public_and_describes_the_api(self, db):
        response = Client().get("/api/v1/openapi.json")
        assert response.status_code == 200
        schema = response.json()
        assert schema["info"]["title"] == "Samsyn API"
        assert "/api/v1/me" in schema["paths"]
        schemes = schema["components"]["securitySchemes"]
        assert {"type": "http", "scheme": "bearer"}.items() <= schemes["PersonalTokenAuth"].items()

    def test_interactive_docs_page_is_off(self, db):
        # It would load Swagger UI from a CDN with inline script, which the CSP forbids.
        assert Client().get("/api/v1/docs").status_code == 404
