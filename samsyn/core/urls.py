"""Core's pages.

``urlpatterns``: log-in, two-factor, the account and the accessibility statement. They belong
to the ``core`` URL namespace, which samsyn.site.urls assembles with the pages of that
namespace that need apps above core (the start page, the API token pages).

``manage_urlpatterns``: the förbundsadministratör's pages, mounted at /forvaltning/ by
samsyn.urls in their own ``manage`` namespace (MANAGE_NAMESPACE)."""

from django.urls import path

from samsyn.core.oidc import SamsynOIDCCallbackView, SamsynOIDCRequestView
from samsyn.core.views import accessibility, account, auth, deleted
from samsyn.core.views.manage import forbund as manage_forbund
from samsyn.core.views.manage import parties as manage_parties
from samsyn.core.views.manage import role_grants as manage_role_grants
from samsyn.core.views.manage import teams as manage_teams
from samsyn.core.views.manage import users as manage_users

app_name = "core"
MANAGE_NAMESPACE = "manage"

urlpatterns = [
    path("logga-in/", auth.LoginView.as_view(), name="login"),
    path("logga-ut/", auth.LogoutView.as_view(), name="logout"),
    path("logga-in/tvafaktor/", auth.two_factor_verify, name="two_factor_verify"),
    path("konto/tvafaktor/", auth.two_factor_setup, name="two_factor_setup"),
    path("konto/", account.account, name="account"),
    path("konto/losenord/", auth.PasswordChangeView.as_view(), name="password_change"),
    path(
        "konto/aterstallningskoder/",
        auth.recovery_codes_regenerate,
        name="recovery_codes_regenerate",
    ),
    path("aktivera/<str:token>/", auth.activate, name="activate"),
    path("losenord/glomt/", auth.password_reset_request, name="password_reset"),
    path("losenord/glomt/skickat/", auth.password_reset_sent, name="password_reset_sent"),
    path("losenord/nytt/<str:token>/", auth.password_reset_confirm, name="password_reset_confirm"),
    path("tillganglighet/", accessibility.accessibility_statement, name="accessibility"),
    path("borttaget/<slug:scope>/<int:scope_id>/", deleted.deleted_list, name="deleted"),
]

# OIDC through an e-identification broker: 404 unless SAMSYN_OIDC_* is configured.
urlpatterns += [
    path("oidc/logga-in/", SamsynOIDCRequestView.as_view(), name="oidc_authentication_init"),
    path("oidc/callback/", SamsynOIDCCallbackView.as_view(), name="oidc_callback"),
]

manage_urlpatterns = [
    path("forbund/", manage_forbund.forbund_settings, name="forbund_settings"),
    path(
        "forbund/<int:pk>/sma-antal/",
        manage_forbund.forbund_small_count_limit,
        name="forbund_small_count_limit",
    ),
    path("parter/", manage_parties.party_list, name="party_list"),
    path("parter/ny/", manage_parties.party_create, name="party_create"),
    path("parter/<int:pk>/", manage_parties.party_edit, name="party_edit"),
    path("parter/<int:pk>/inaktivera/", manage_parties.party_deactivate, name="party_deactivate"),
    path("parter/<int:pk>/aktivera/", manage_parties.party_reactivate, name="party_reactivate"),
    path("team/", manage_teams.team_list, name="team_list"),
    path("team/nytt/", manage_teams.team_create, name="team_create"),
    path("team/<int:pk>/", manage_teams.team_detail, name="team_detail"),
    path("team/<int:pk>/andra/", manage_teams.team_edit, name="team_edit"),
    path("team/<int:pk>/medlemmar/ny/", manage_teams.team_member_add, name="team_member_add"),
    path(
        "team/<int:pk>/medlemmar/<int:member_pk>/samordnare/",
        manage_teams.team_member_coordinator,
        name="team_member_coordinator",
    ),
    path(
        "team/<int:pk>/medlemmar/<int:member_pk>/ta-bort/",
        manage_teams.team_member_remove,
        name="team_member_remove",
    ),
    path("anvandare/", manage_users.user_list, name="user_list"),
    path("anvandare/ny/", manage_users.user_create, name="user_create"),
    path("anvandare/<int:pk>/", manage_users.user_detail, name="user_detail"),
    path("anvandare/<int:pk>/andra/", manage_users.user_edit, name="user_edit"),
    path("anvandare/<int:pk>/inaktivera/", manage_users.user_deactivate, name="user_deactivate"),
    path("anvandare/<int:pk>/aktivera/", manage_users.user_reactivate, name="user_reactivate"),
    path(
        "anvandare/<int:pk>/tvafaktor/aterstall/",
        manage_users.user_two_factor_reset,
        name="user_two_factor_reset",
    ),
    path(
        "anvandare/<int:pk>/las-upp/",
        manage_users.user_login_unlock,
        name="user_login_unlock",
    ),
    path("anvandare/<int:pk>/roller/ny/", manage_users.membership_add, name="membership_add"),
    path(
        "anvandare/<int:pk>/roller/<int:membership_pk>/inaktivera/",
        manage_users.membership_deactivate,
        name="membership_deactivate",
    ),
    path(
        "anvandare/<int:pk>/roller/<int:membership_pk>/aktivera/",
        manage_users.membership_reactivate,
        name="membership_reactivate",
    ),
    path(
        "anvandare/<int:pk>/roller/<int:membership_pk>/sokande/",
        manage_users.membership_may_apply,
        name="membership_may_apply",
    ),
    path("behorigheter/", manage_role_grants.grant_request_list, name="grant_request_list"),
    path(
        "behorigheter/<int:pk>/godkann/",
        manage_role_grants.grant_request_approve,
        name="grant_request_approve",
    ),
    path(
        "behorigheter/<int:pk>/avsla/",
        manage_role_grants.grant_request_refuse,
        name="grant_request_refuse",
    ),
]
