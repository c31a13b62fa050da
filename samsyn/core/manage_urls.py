"""The förbundsadministratör's pages, mounted at /forvaltning/."""

from django.urls import path

from samsyn.core.manage import parties, teams, users

app_name = "manage"

urlpatterns = [
    path("parter/", parties.party_list, name="party_list"),
    path("parter/ny/", parties.party_create, name="party_create"),
    path("parter/<int:pk>/", parties.party_edit, name="party_edit"),
    path("parter/<int:pk>/inaktivera/", parties.party_deactivate, name="party_deactivate"),
    path("parter/<int:pk>/aktivera/", parties.party_reactivate, name="party_reactivate"),
    path("team/", teams.team_list, name="team_list"),
    path("team/nytt/", teams.team_create, name="team_create"),
    path("team/<int:pk>/", teams.team_detail, name="team_detail"),
    path("team/<int:pk>/andra/", teams.team_edit, name="team_edit"),
    path("team/<int:pk>/medlemmar/ny/", teams.team_member_add, name="team_member_add"),
    path(
        "team/<int:pk>/medlemmar/<int:member_pk>/ta-bort/",
        teams.team_member_remove,
        name="team_member_remove",
    ),
    path("anvandare/", users.user_list, name="user_list"),
    path("anvandare/ny/", users.user_create, name="user_create"),
    path("anvandare/<int:pk>/", users.user_detail, name="user_detail"),
    path("anvandare/<int:pk>/andra/", users.user_edit, name="user_edit"),
    path("anvandare/<int:pk>/inaktivera/", users.user_deactivate, name="user_deactivate"),
    path("anvandare/<int:pk>/aktivera/", users.user_reactivate, name="user_reactivate"),
    path(
        "anvandare/<int:pk>/tvafaktor/aterstall/",
        users.user_two_factor_reset,
        name="user_two_factor_reset",
    ),
    path("anvandare/<int:pk>/roller/ny/", users.membership_add, name="membership_add"),
    path(
        "anvandare/<int:pk>/roller/<int:membership_pk>/inaktivera/",
        users.membership_deactivate,
        name="membership_deactivate",
    ),
    path(
        "anvandare/<int:pk>/roller/<int:membership_pk>/aktivera/",
        users.membership_reactivate,
        name="membership_reactivate",
    ),
]
