"""Pages of teams' meetings, attendance, cases, actions and minutes."""

from django.urls import path

from samsyn.collaboration.views import cases

app_name = "collaboration"

urlpatterns: list = [
    # cases discussed (docs/collaboration-cases.md)
    path("arenden/", cases.case_teams, name="case_teams"),
    path("team/<int:team_pk>/arenden/", cases.case_list, name="case_list"),
    path("arenden/<int:pk>/", cases.case_detail, name="case_detail"),
    path("moten/<int:meeting_pk>/arenden/", cases.meeting_cases, name="meeting_cases"),
    path("moten/<int:meeting_pk>/arenden/ny/", cases.case_add, name="case_add"),
    path("arendeanteckningar/<int:pk>/", cases.discussion_notes, name="discussion_notes"),
]
