"""Core's own pages: log-in, two-factor, the account and the accessibility statement.

They belong to the ``core`` URL namespace, which samsyn.site.urls assembles with the pages
of that namespace that need apps above core (the start page, the API token pages)."""

from django.urls import path

from samsyn.core import auth_views, views

app_name = "core"

urlpatterns = [
    path("logga-in/", auth_views.LoginView.as_view(), name="login"),
    path("logga-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path("logga-in/tvafaktor/", auth_views.two_factor_verify, name="two_factor_verify"),
    path("konto/tvafaktor/", auth_views.two_factor_setup, name="two_factor_setup"),
    path("konto/", views.account, name="account"),
    path("konto/losenord/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("tillganglighet/", views.accessibility_statement, name="accessibility"),
]
