"""Accounts with a role in the administrator's förbund, and their roles (memberships)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samsyn.core.forms.manage import (
    AccountEditForm,
    MembershipFieldsMixin,
    MembershipForm,
    UserCreateForm,
)
from samsyn.core.models import Forbund, RoleGrantRequest, User
from samsyn.core.selectors import manage as selectors
from samsyn.core.services import accounts, applicant_right, role_grants
from samsyn.core.services.activation import IssuedLink
from samsyn.core.views.manage.common import acting_user, add_service_errors, posted_version, refuse

USERS_PER_PAGE = 50
PENDING_MESSAGE = gettext_lazy(
    "Rollen väntar nu på att en annan person godkänner den under Behörigheter att godkänna. "
    "Den gäller först då."
)


def _with_membership_choices(
    form: MembershipFieldsMixin, actor: User, forbunds: list[Forbund]
) -> None:
    form.set_membership_choices(
        parties=selectors.active_party_choices(actor=actor),
        interventions=selectors.intervention_choices(actor=actor),
        show_forbund=len(forbunds) > 1,
    )


@require_GET
def user_list(request: HttpRequest) -> HttpResponse:
    actor = acting_user(request)
    forbunds = selectors.administered_forbund_list(actor=actor)
    page = Paginator(selectors.user_list(actor=actor), USERS_PER_PAGE).get_page(
        request.GET.get("sida")
    )
    return render(request, "core/manage/user_list.html", {"page": page, "forbunds": forbunds})


@never_cache
@require_http_methods(["GET", "POST"])
def user_create(request: HttpRequest) -> HttpResponse:
    actor = acting_user(request)
    forbunds = selectors.administered_forbund_list(actor=actor)
    form = UserCreateForm(request.POST or None, forbunds=forbunds)
    _with_membership_choices(form, actor, forbunds)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user, issued = accounts.user_create(
                actor=actor,
                forbund=form.chosen_forbund(),
                username=data["username"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                email=data["email"],
                base_url=_base_url(request),
                **form.membership_values(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            created = _("Kontot %(username)s är skapat.") % {"username": user}
            if role_grants.needs_approval(data["role"]):
                created += " " + str(PENDING_MESSAGE)
            messages.success(request, created)
            return _show_link(request, user, issued)
    return render(request, "core/manage/user_create.html", {"form": form})


@require_GET
def user_detail(request: HttpRequest, pk: int) -> HttpResponse:
    detail = selectors.user_detail(actor=acting_user(request), user_id=pk)
    return render(request, "core/manage/user_detail.html", {"detail": detail})


@require_http_methods(["GET", "POST"])
def user_edit(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting_user(request)
    user = selectors.user_get(actor=actor, user_id=pk)
    initial = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "version": user.version,
    }
    form = AccountEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            accounts.user_update(
                actor=actor,
                user=user,
                expected_version=data["version"],
                username=data["username"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                email=data["email"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Ändringarna är sparade."))
            return redirect("manage:user_detail", pk=user.pk)
    blocker = selectors.account_blocker(actor=actor, user=user)
    context = {"form": form, "account": user, "blocker": blocker}
    return render(request, "core/manage/user_edit.html", context)


UNLOCK = "unlock"


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _show_link(request: HttpRequest, user: User, issued: IssuedLink) -> HttpResponse:
    """The activation link is in this response only (or only in the person's mailbox)."""
    context = {
        "account": user,
        "emailed": issued.emailed,
        "url": request.build_absolute_uri(issued.path) if issued.path else "",
        "expires_at": issued.link.expires_at,
    }
    return render(request, "core/manage/activation_link.html", context)


def _account_action(request: HttpRequest, pk: int, *, active: bool | str) -> HttpResponse:
    """Deactivate (False), reactivate (True) or lift the log-in lock (UNLOCK) of an account."""
    actor = acting_user(request)
    user = selectors.user_get(actor=actor, user_id=pk)
    try:
        if active == UNLOCK:
            accounts.user_login_unlock(actor=actor, user=user)
        else:
            accounts.user_set_active(
                actor=actor,
                user=user,
                active=bool(active),
                expected_version=posted_version(request),
            )
    except ValidationError as error:
        refuse(request, error)
    else:
        done = {
            True: _("Kontot är aktivt igen."),
            False: _("Kontot är inaktiverat och kan inte längre logga in."),
            UNLOCK: _("Spärren är hävd. Personen kan logga in igen."),
        }
        messages.success(request, done[active])
    return redirect("manage:user_detail", pk=user.pk)


@require_POST
def user_deactivate(request: HttpRequest, pk: int) -> HttpResponse:
    return _account_action(request, pk, active=False)


@require_POST
def user_reactivate(request: HttpRequest, pk: int) -> HttpResponse:
    return _account_action(request, pk, active=True)


@never_cache
@require_POST
def user_two_factor_reset(request: HttpRequest, pk: int) -> HttpResponse:
    """Remove the authenticator and issue an activation link (also: a new link when the
    first one expired)."""
    actor = acting_user(request)
    user = selectors.user_get(actor=actor, user_id=pk)
    try:
        issued = accounts.user_two_factor_reset(actor=actor, user=user, base_url=_base_url(request))
    except ValidationError as error:
        refuse(request, error)
        return redirect("manage:user_detail", pk=user.pk)
    messages.success(
        request,
        _(
            "Tvåfaktorsinloggningen är återställd. Personen loggar in igen först genom "
            "aktiveringslänken."
        ),
    )
    return _show_link(request, user, issued)


@require_POST
def user_login_unlock(request: HttpRequest, pk: int) -> HttpResponse:
    return _account_action(request, pk, active=UNLOCK)


@require_http_methods(["GET", "POST"])
def membership_add(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting_user(request)
    user = selectors.user_get(actor=actor, user_id=pk)
    forbunds = selectors.administered_forbund_list(actor=actor)
    form = MembershipForm(request.POST or None, forbunds=forbunds)
    _with_membership_choices(form, actor, forbunds)
    if request.method == "POST" and form.is_valid():
        try:
            granted = accounts.membership_add(
                actor=actor, user=user, forbund=form.chosen_forbund(), **form.membership_values()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            pending = isinstance(granted, RoleGrantRequest)
            messages.success(request, PENDING_MESSAGE if pending else _("Rollen är tillagd."))
            return redirect("manage:user_detail", pk=user.pk)
    return render(request, "core/manage/membership_form.html", {"form": form, "account": user})


def _membership_action(
    request: HttpRequest, pk: int, membership_pk: int, *, active: bool
) -> HttpResponse:
    actor = acting_user(request)
    user = selectors.user_get(actor=actor, user_id=pk)
    membership = selectors.membership_get(actor=actor, user=user, membership_id=membership_pk)
    try:
        result = accounts.membership_set_active(
            actor=actor,
            membership=membership,
            active=active,
            expected_version=posted_version(request),
        )
    except ValidationError as error:
        refuse(request, error)
        return redirect("manage:user_detail", pk=user.pk)
    if isinstance(result, RoleGrantRequest):
        messages.success(request, PENDING_MESSAGE)
    else:
        done = _("Rollen är aktiv igen.") if active else _("Rollen är borttagen.")
        messages.success(request, done)
    if not selectors.administers(actor=actor, forbund_id=membership.forbund_id):
        # The administrator gave up its own role here; the page is no longer theirs to see.
        return redirect("core:start")
    return redirect("manage:user_detail", pk=user.pk)


@require_POST
def membership_deactivate(request: HttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    return _membership_action(request, pk, membership_pk, active=False)


@require_POST
def membership_reactivate(request: HttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    return _membership_action(request, pk, membership_pk, active=True)


@require_POST
def membership_may_apply(request: HttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    """Turn the "sökande" right on (``may_apply=1``) or off on one role."""
    actor = acting_user(request)
    user = selectors.user_get(actor=actor, user_id=pk)
    membership = selectors.membership_get(actor=actor, user=user, membership_id=membership_pk)
    may_apply = request.POST.get("may_apply") == "1"
    try:
        applicant_right.membership_set_may_apply(
            actor=actor,
            membership=membership,
            may_apply=may_apply,
            expected_version=posted_version(request),
        )
    except ValidationError as error:
        refuse(request, error)
    else:
        done = (
            _("Rollen får nu söka medel för sin part.")
            if may_apply
            else _("Rollen får inte längre söka medel.")
        )
        messages.success(request, done)
    return redirect("manage:user_detail", pk=user.pk)
