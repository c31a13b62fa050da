"""Pages of teams' meetings, attendance, cases, actions and minutes."""

from django.urls import path

from samsyn.collaboration.views import actions, attendance, cases, meetings, minutes

app_name = "collaboration"

urlpatterns = [
    path("", meetings.team_list, name="team_list"),
    path("team/<int:pk>/", meetings.team_detail, name="team_detail"),
    path("team/<int:pk>/mote/nytt/", meetings.meeting_create, name="meeting_create"),
    path("team/<int:pk>/moten/serie/", meetings.meeting_series_create, name="meeting_series"),
    path("team/<int:pk>/narvaro/", attendance.attendance_summary, name="attendance_summary"),
    path(
        "team/<int:pk>/narvaro/part/<int:party_pk>/",
        attendance.absence_report,
        name="absence_report",
    ),
    path(
        "team/<int:pk>/narvaro/part/<int:party_pk>/rapport.<str:fmt>",
        attendance.absence_document,
        name="absence_document",
    ),
    path("mote/<int:pk>/", meetings.meeting_detail, name="meeting_detail"),
    path("mote/<int:pk>/andra/", meetings.meeting_edit, name="meeting_edit"),
    path("mote/<int:pk>/narvaro/", attendance.attendance_edit, name="attendance_edit"),
    path("mote/<int:pk>/beslut/", meetings.decision_add, name="decision_add"),
    path(
        "mote/<int:pk>/beslut/<int:decision_pk>/ta-bort/",
        meetings.decision_remove,
        name="decision_remove",
    ),
    path("mote/<int:pk>/atgard/", actions.action_create, name="action_create"),
    path("mote/<int:pk>/protokoll/", minutes.minutes_save, name="minutes_save"),
    path("mote/<int:pk>/protokoll/justera/", minutes.minutes_approve, name="minutes_approve"),
    path("mote/<int:pk>/protokoll.<str:fmt>", minutes.minutes_document, name="minutes_document"),
    path("atgarder/", actions.action_list, name="action_list"),
    path("atgard/<int:pk>/status/", actions.action_status, name="action_status"),
    # cases discussed (docs/collaboration-cases.md)
    path("arenden/", cases.case_teams, name="case_teams"),
    path("team/<int:team_pk>/arenden/", cases.case_list, name="case_list"),
    path("arenden/<int:pk>/", cases.case_detail, name="case_detail"),
    path("moten/<int:meeting_pk>/arenden/", cases.meeting_cases, name="meeting_cases"),
    path("moten/<int:meeting_pk>/arenden/ny/", cases.case_add, name="case_add"),
    path("arendeanteckningar/<int:pk>/", cases.discussion_notes, name="discussion_notes"),
]
