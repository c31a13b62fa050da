"""The public answering page at /enkat/ (no log-in), in its own namespace."""

from django.urls import URLPattern, path

from samsyn.surveys.views import answer

app_name = "survey_answer"

urlpatterns: list[URLPattern] = [
    path("tack/", answer.thanks, name="thanks"),
    path("<str:token>/", answer.answer, name="answer"),
]
