"""Personal API tokens on the account page: create (shown once), list, revoke."""

from __future__ import annotations

import datetime
import hashlib
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from samsyn.audit.models import AuditAction, AuditEvent
from samsyn.core.models import ApiToken
from samsyn.core.models.api_tokens import TOKEN_LIFETIME
from samsyn.core.services.api_tokens import MAX_ACTIVE_TOKENS, api_token_create

CREATE = reverse("core:api_token_create")
ACCOUNT = reverse("core:account")
TOKEN_RE = re.compile(r"sam_[A-Za-z0-9_-]{43}")


def _revoke_url(token: ApiToken) -> str:
    return reverse("core:api_token_revoke", args=[token.pk])


def test_account_page_offers_to_create_a_token(as_persona):
    html = as_persona("coach").get(ACCOUNT).content.decode()
    assert "API-nycklar" in html
    assert f'action="{CREATE}"' in html
    assert "Du har inga API-nycklar." in html


def test_created_token_is_shown_once_and_stored_only_as_a_hash(as_persona, world):
    client = as_persona("coach")
    response = client.post(CREATE, {"name": "  Rapportskript  "})
    assert response.status_code == 200
    html = response.content.decode()
    box = re.search(r'<p class="token-once"><code id="new-token">([^<]+)</code></p>', html)
    assert box is not None
    raw = box.group(1)
    assert TOKEN_RE.fullmatch(raw)
    assert html.count(raw) == 1
    assert "no-store" in response["Cache-Control"]
    token = ApiToken.objects.get()
    assert token.user == world["coach"]
    assert token.token_hash == hashlib.sha256(raw.encode()).hexdigest()
    assert token.prefix == raw[:12]
    assert token.name == "Rapportskript"
    assert raw not in str(token.__dict__)
    # Later pages show only the beginning.
    account = client.get(ACCOUNT).content.decode()
    assert raw not in account
    assert f"{token.prefix}…" in account
    assert "Rapportskript" in account


def test_creation_and_revocation_are_audited(as_persona, world):
    client = as_persona("coach")
    client.post(CREATE, {"name": "Skript"})
    token = ApiToken.objects.get()
    created = AuditEvent.objects.get(action=AuditAction.CREATE, object_type="core.ApiToken")
    assert created.actor == world["coach"]
    assert created.object_id == str(token.pk)
    assert created.detail == "API-nyckel skapad"
    client.post(_revoke_url(token))
    revoked = AuditEvent.objects.get(action=AuditAction.UPDATE, object_type="core.ApiToken")
    assert revoked.detail == "API-nyckel återkallad"
    assert revoked.object_id == str(token.pk)


def test_empty_name_is_refused_in_swedish(as_persona):
    response = as_persona("coach").post(CREATE, {"name": "   "})
    assert response.status_code == 200
    assert "Ge nyckeln ett namn" in response.content.decode()
    assert not ApiToken.objects.exists()
    assert not AuditEvent.objects.filter(action=AuditAction.CREATE).exists()


def test_too_long_name_is_refused(as_persona):
    response = as_persona("coach").post(CREATE, {"name": "x" * 101})
    assert "högst 100 tecken" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_number_of_active_tokens_is_limited(as_persona, world):
    for number in range(MAX_ACTIVE_TOKENS):
        api_token_create(user=world["coach"], name=f"nyckel {number}")
    response = as_persona("coach").post(CREATE, {"name": "en till"})
    assert "aktiva API-nycklar" in response.content.decode()
    assert ApiToken.objects.count() == MAX_ACTIVE_TOKENS


def test_create_form_page_works_without_javascript(as_persona):
    response = as_persona("coach").get(CREATE)
    assert response.status_code == 200
    assert '<label for="id_name">' in response.content.decode()


def test_revoke_marks_the_token_and_tells_the_user(as_persona, world):
    client = as_persona("coach")
    token, _raw = api_token_create(user=world["coach"], name="Gammal")
    response = client.post(_revoke_url(token))
    assert response.status_code == 302
    assert response["Location"] == ACCOUNT
    token.refresh_from_db()
    assert token.revoked_at is not None
    page = client.get(ACCOUNT).content.decode()
    assert "är återkallad" in page
    assert "Återkallad " in page


def test_revoke_is_post_only(as_persona, world):
    token, _raw = api_token_create(user=world["coach"], name="Gammal")
    assert as_persona("coach").get(_revoke_url(token)).status_code == 405
    token.refresh_from_db()
    assert token.revoked_at is None


def test_another_users_token_cannot_be_revoked(as_persona, world):
    token, _raw = api_token_create(user=world["admin"], name="Administratörens")
    response = as_persona("coach").post(_revoke_url(token))
    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
    assert not AuditEvent.objects.filter(action=AuditAction.UPDATE).exists()


def test_revoking_twice_is_not_found(as_persona, world):
    client = as_persona("coach")
    token, _raw = api_token_create(user=world["coach"], name="Gammal")
    client.post(_revoke_url(token))
    assert client.post(_revoke_url(token)).status_code == 404


def test_other_users_tokens_are_not_listed(as_persona, world):
    api_token_create(user=world["admin"], name="Administratörens nyckel")
    assert "Administratörens nyckel" not in as_persona("coach").get(ACCOUNT).content.decode()


def test_anonymous_cannot_create(db):
    response = Client().post(CREATE, {"name": "x"})
    assert response.status_code == 302
    assert not ApiToken.objects.exists()


def test_user_who_has_not_passed_two_factor_cannot_create(world):
    client = Client()
    client.force_login(world["coach"])
    response = client.post(CREATE, {"name": "x"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("core:two_factor_setup"))
    assert not ApiToken.objects.exists()


def test_account_page_query_count_does_not_grow_with_tokens(as_persona, world, assert_query_count):
    client = as_persona("coach")
    api_token_create(user=world["coach"], name="första")
    client.get(ACCOUNT)
    # 13: one of them counts the unused recovery codes.
    with assert_query_count(13):
        client.get(ACCOUNT)
    for number in range(9):
        api_token_create(user=world["coach"], name=f"fler {number}")
    with assert_query_count(13):
        client.get(ACCOUNT)


# --- Expiry and renewal (issue 11, item 8) ---------------------------------------------------


def _renew_url(token: ApiToken) -> str:
    return reverse("core:api_token_renew", args=[token.pk])


def test_a_new_token_expires_after_90_days(world):
    before = timezone.now()
    token, _raw = api_token_create(user=world["coach"], name="Skript")
    assert datetime.timedelta(days=90) == TOKEN_LIFETIME
    assert before + TOKEN_LIFETIME <= token.expires_at <= timezone.now() + TOKEN_LIFETIME


def test_the_list_shows_when_each_token_expires(as_persona, world):
    token, _raw = api_token_create(user=world["coach"], name="Skript")
    expired, _raw = api_token_create(user=world["coach"], name="Gammalt skript")
    ApiToken.objects.filter(pk=expired.pk).update(
        expires_at=timezone.now() - datetime.timedelta(days=1)
    )
    html = as_persona("coach").get(ACCOUNT).content.decode()
    assert "Går ut" in html
    assert timezone.localtime(token.expires_at).strftime("%Y-%m-%d") in html
    assert "Utgången" in html
    assert f'action="{_renew_url(token)}"' in html


def test_owner_renews_for_another_90_days_and_it_is_audited(as_persona, world):
    client = as_persona("coach")
    token, _raw = api_token_create(user=world["coach"], name="Skript")
    ApiToken.objects.filter(pk=token.pk).update(
        expires_at=timezone.now() - datetime.timedelta(days=3)
    )
    before = timezone.now()
    response = client.post(_renew_url(token))
    assert response.status_code == 302
    assert response["Location"] == ACCOUNT
    token.refresh_from_db()
    assert token.expires_at >= before + TOKEN_LIFETIME
    assert not token.is_expired
    event = AuditEvent.objects.get(action=AuditAction.UPDATE, object_type="core.ApiToken")
    assert event.actor == world["coach"]
    assert event.object_id == str(token.pk)
    assert event.detail == "API-nyckel förnyad"
    assert "är förnyad och fungerar till" in client.get(ACCOUNT).content.decode()


@pytest.mark.parametrize("persona", ["admin", "handlaggare", "granskare"])
def test_nobody_but_the_owner_may_renew(as_persona, world, persona):
    token, _raw = api_token_create(user=world["coach"], name="Coachens")
    expires_at = token.expires_at
    response = as_persona(persona).post(_renew_url(token))
    assert response.status_code == 404
    token.refresh_from_db()
    assert token.expires_at == expires_at
    assert not AuditEvent.objects.filter(action=AuditAction.UPDATE).exists()


def test_anonymous_cannot_renew(world):
    token, _raw = api_token_create(user=world["coach"], name="Coachens")
    expires_at = token.expires_at
    response = Client().post(_renew_url(token))
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.expires_at == expires_at


def test_a_revoked_token_cannot_be_renewed(as_persona, world):
    client = as_persona("coach")
    token, _raw = api_token_create(user=world["coach"], name="Gammal")
    client.post(_revoke_url(token))
    assert client.post(_renew_url(token)).status_code == 404


def test_renew_is_post_only(as_persona, world):
    token, _raw = api_token_create(user=world["coach"], name="Skript")
    assert as_persona("coach").get(_renew_url(token)).status_code == 405
