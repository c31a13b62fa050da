from django.urls import path

from samsyn.api import views as api_views
from samsyn.core import auth_views, views

app_name = "core"

urlpatterns = [
    path("", views.start, name="start"),
    path("logga-in/", auth_views.LoginView.as_view(), name="login"),
    path("logga-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path("logga-in/tvafaktor/", auth_views.two_factor_verify, name="two_factor_verify"),
    path("konto/tvafaktor/", auth_views.two_factor_setup, name="two_factor_setup"),
    path("konto/", views.account, name="account"),
    path("konto/losenord/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("konto/api-nycklar/ny/", api_views.token_create, name="api_token_create"),
    path(
        "konto/api-nycklar/<int:token_id>/aterkalla/",
        api_views.token_revoke,
        name="api_token_revoke",
    ),
    path("tillganglighet/", views.accessibility_statement, name="accessibility"),
]
