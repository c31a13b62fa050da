"""The shared web helpers in samsyn/core/web: the acting user, htmx, a service's errors on a
form, 404s and the generic record form view (with a tiny form and service, no database)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.test import RequestFactory
from django.urls import path

from samsyn.core.models import User
from samsyn.core.web.forms import add_service_errors, call_service
from samsyn.core.web.htmx import htmx_redirect, is_htmx
from samsyn.core.web.http import found_or_404, not_found_unless
from samsyn.core.web.record_views import RecordFormView
from samsyn.core.web.requests import AuthenticatedHttpRequest, actor

# --- A tiny owner, form and service ----------------------------------------------------------


@dataclass
class Owner:
    pk: int
    saved: list[dict[str, Any]] = field(default_factory=list)


OWNERS: dict[int, Owner] = {}


class NameForm(forms.Form):
    name = forms.CharField(max_length=20)
    version = forms.IntegerField(required=False)


def name_save(*, owner: Owner, name: str) -> None:
    """The dummy service: refuses 'taken' on the field and 'locked' form-wide."""
    if name == "taken":
        raise ValidationError({"name": "Namnet är upptaget."})
    if name == "locked":
        raise ValidationError("Posten är låst.")
    owner.saved.append({"name": name})


class NameEdit(RecordFormView[Owner]):
    form_class = NameForm
    template_name = "page.html"
    fragment_template_name: str | None = "fragment.html"
    url_name = "name_edit"
    owner_context_name = "owner"
    title = "Ändra namn"
    submit = "Spara namnet"
    success_message = "Namnet är sparat."

    def load_owner(self) -> Owner:
        owner = OWNERS.get(self.kwargs["pk"])
        if owner is None:
            raise Http404
        if owner.pk == 13:
            raise PermissionDenied("Bara läsrätt.")
        return owner

    def get_initial(self, owner: Owner, record: None) -> dict[str, Any]:
        return {"name": f"namn-{owner.pk}"}

    def get_notice(self, form: Any) -> str:
        return "Inget att ändra." if self.kwargs["pk"] == 7 else ""

    def get_success_url(self, owner: Owner) -> str:
        return f"/agare/{owner.pk}/#klart"

    def get_htmx_redirect_url(self, owner: Owner) -> str:
        return f"/agare/{owner.pk}/"

    def save(self, owner: Owner, record: None, form: Any) -> object:
        name_save(owner=owner, name=form.cleaned_data["name"])
        return None


class PlainNameEdit(NameEdit):
    """The same form without a fragment template: htmx is ignored."""

    fragment_template_name = None
    url_name = "plain_name_edit"


urlpatterns = [
    path("agare/<int:pk>/namn/", NameEdit.as_view(), name="name_edit"),
    path("agare/<int:pk>/enkel/", PlainNameEdit.as_view(), name="plain_name_edit"),
]

FORM_TEMPLATE = (
    "{{ title }}|{{ submit }}|{{ action }}|{{ back_url }}|owner={{ owner.pk }}"
    "|notice={{ notice }}|fragment={{ fragment }}|value={{ form.name.value }}"
    "{% for error in form.name.errors %}|field-error={{ error }}{% endfor %}"
    "{% for error in form.non_field_errors %}|form-error={{ error }}{% endfor %}"
)
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "OPTIONS": {
            "loaders": [
                (
                    "django.template.loaders.locmem.Loader",
                    {
                        "page.html": "PAGE|" + FORM_TEMPLATE,
                        "fragment.html": "FRAGMENT|" + FORM_TEMPLATE,
                    },
                )
            ]
        },
    }
]


@pytest.fixture
def owners() -> dict[int, Owner]:
    OWNERS.clear()
    OWNERS.update({1: Owner(1), 7: Owner(7), 13: Owner(13)})
    return OWNERS


def _request(method: str, url: str, data: dict[str, str] | None = None, htmx: bool = False):
    headers = {"HX-Request": "true"} if htmx else {}
    factory = RequestFactory()
    request = (
        factory.post(url, data or {}, headers=headers)
        if method == "POST"
        else factory.generic(method, url, headers=headers)
    )
    request.user = User(username="handlaggare")
    request.session = SessionStore()
    request._messages = CookieStorage(request)  # type: ignore[attr-defined]  # set by MessageMiddleware
    return request


def _call(
    method: str, pk: int, data: dict[str, str] | None = None, *, htmx: bool = False, plain=False
) -> tuple[HttpRequest, HttpResponseBase]:
    view = (PlainNameEdit if plain else NameEdit).as_view()
    url = f"/agare/{pk}/{'enkel' if plain else 'namn'}/"
    request = _request(method, url, data, htmx)
    return request, view(request, pk=pk)


def _messages(request: HttpRequest) -> list[str]:
    return [str(message) for message in get_messages(request)]


# --- requests, htmx, http --------------------------------------------------------------------


def test_actor_is_the_signed_in_user_of_the_request():
    request = _request("GET", "/")
    assert actor(request) is request.user
    assert issubclass(AuthenticatedHttpRequest, HttpRequest)


def test_is_htmx_only_for_the_header_htmx_sends():
    assert is_htmx(_request("GET", "/", htmx=True))
    assert not is_htmx(_request("GET", "/"))
    assert not is_htmx(RequestFactory().get("/", headers={"HX-Request": "false"}))


def test_htmx_redirect_is_204_with_the_url():
    response = htmx_redirect("/deltagare/1/")
    assert response.status_code == 204
    assert response["HX-Redirect"] == "/deltagare/1/"


def test_not_found_unless_and_found_or_404():
    not_found_unless(True)
    assert found_or_404(0) == 0
    with pytest.raises(Http404):
        not_found_unless([])
    with pytest.raises(Http404):
        found_or_404(None)


# --- a service's ValidationError on the form -------------------------------------------------


def _bound_form() -> NameForm:
    form = NameForm({"name": "Ada"})
    assert form.is_valid()
    return form


def test_call_service_true_when_the_service_succeeds():
    form = _bound_form()
    calls: list[int] = []
    assert call_service(form, lambda: calls.append(1)) is True
    assert calls == [1]
    assert form.errors == {}


def test_a_field_error_lands_on_the_field_and_the_call_fails():
    form = _bound_form()
    assert call_service(form, lambda: name_save(owner=Owner(1), name="taken")) is False
    assert form.errors == {"name": ["Namnet är upptaget."]}


def test_a_plain_error_is_form_wide():
    form = _bound_form()
    assert call_service(form, lambda: name_save(owner=Owner(1), name="locked")) is False
    assert form.non_field_errors() == ["Posten är låst."]


def test_unknown_fields_and_non_field_keys_become_form_wide_errors():
    form = _bound_form()
    error = ValidationError(
        {"no_such_field": "Okänt fält.", NON_FIELD_ERRORS: "Fel i helheten.", "name": "Kort."}
    )
    add_service_errors(form, error)
    assert form.non_field_errors() == ["Okänt fält.", "Fel i helheten."]
    assert form.errors["name"] == ["Kort."]


def test_other_exceptions_are_not_swallowed():
    def refuse() -> None:
        raise PermissionDenied

    with pytest.raises(PermissionDenied):
        call_service(_bound_form(), refuse)


# --- the generic record form view ------------------------------------------------------------


@pytest.mark.urls(__name__)
class TestRecordFormView:
    @pytest.fixture(autouse=True)
    def _templates(self, settings: Any) -> None:
        settings.TEMPLATES = TEMPLATES

    def test_get_shows_the_whole_page_with_the_initial_values(self, owners):
        _, response = _call("GET", 1)
        assert response.status_code == 200
        assert response.content.decode() == (
            "PAGE|Ändra namn|Spara namnet|/agare/1/namn/|/agare/1/#klart|owner=1"
            "|notice=|fragment=False|value=namn-1"
        )

    def test_get_with_htmx_shows_only_the_fragment(self, owners):
        _, response = _call("GET", 1, htmx=True)
        assert response.content.decode().startswith("FRAGMENT|Ändra namn|")
        assert "|fragment=True|" in response.content.decode()

    def test_a_valid_post_calls_the_service_and_redirects_with_a_message(self, owners):
        request, response = _call("POST", 1, {"name": "Ada"})
        assert response.status_code == 302
        assert response["Location"] == "/agare/1/#klart"
        assert owners[1].saved == [{"name": "Ada"}]
        assert _messages(request) == ["Namnet är sparat."]

    def test_a_valid_htmx_post_answers_204_with_hx_redirect(self, owners):
        request, response = _call("POST", 1, {"name": "Ada"}, htmx=True)
        assert response.status_code == 204
        assert response["HX-Redirect"] == "/agare/1/"
        assert owners[1].saved == [{"name": "Ada"}]
        assert _messages(request) == ["Namnet är sparat."]

    def test_an_invalid_form_is_shown_again_and_the_service_is_not_called(self, owners):
        request, response = _call("POST", 1, {"name": "x" * 21})
        assert response.status_code == 200
        assert "|field-error=" in response.content.decode()
        assert owners[1].saved == []
        assert _messages(request) == []

    def test_a_refusing_service_puts_its_errors_on_the_form(self, owners):
        _, response = _call("POST", 1, {"name": "taken"}, htmx=True)
        content = response.content.decode()
        assert response.status_code == 200
        assert content.startswith("FRAGMENT|")
        assert "|value=taken|field-error=Namnet är upptaget." in content
        _, response = _call("POST", 1, {"name": "locked"})
        assert response.content.decode().endswith("|form-error=Posten är låst.")
        assert owners[1].saved == []

    def test_a_notice_replaces_the_form_and_a_post_changes_nothing(self, owners):
        _, response = _call("POST", 7, {"name": "Ada"})
        assert response.status_code == 200
        assert "|notice=Inget att ändra.|" in response.content.decode()
        assert owners[7].saved == []

    def test_without_a_fragment_template_htmx_is_ignored(self, owners):
        _, response = _call("GET", 1, htmx=True, plain=True)
        assert response.content.decode().startswith("PAGE|")
        assert "|/agare/1/enkel/|" in response.content.decode()
        _, response = _call("POST", 1, {"name": "Ada"}, htmx=True, plain=True)
        assert response.status_code == 302
        assert response["Location"] == "/agare/1/#klart"

    def test_the_scoped_loader_decides_404_and_403(self, owners):
        with pytest.raises(Http404):
            _call("GET", 99)
        with pytest.raises(PermissionDenied):
            _call("POST", 13, {"name": "Ada"})
        assert owners[13].saved == []

    @pytest.mark.parametrize("method", ["PUT", "DELETE", "HEAD", "OPTIONS"])
    def test_only_get_and_post_are_allowed(self, owners, method):
        _, response = _call(method, 1)
        assert response.status_code == 405
        assert response["Allow"] == "GET, POST"
