"""The break-in table's rows for the förbund's own year: applications and their decisions and
payment claims (issue #12), surveys (issue #13) and collaboration meetings and cases (issue
#14). Merged into ``PAGES`` and ``OPERATIONS`` by ``break_in_table.py``; the format is the
same (docs/security/break-in-suite.md).
"""

from __future__ import annotations

from samsyn.core.tests.break_in_vocab import (
    ADMIN,
    ALL,
    APPLICANT,
    APPLICATION_READERS,
    CLAIM_READERS,
    CLAIMANTS,
    COORDINATORS,
    DECISION_READERS,
    DRAFT_READERS,
    FORBUND_READERS,
    GONE,
    MANAGERS,
    PERSONAS,
    TEAM_MEMBERS,
    TEAM_READERS,
    TEAM_SEAT,
    UTILISATION_READERS,
    WRITE,
    Row,
    expect,
)

# Pages by URL name.
YEAR_PAGES: dict[str, Row] = {
    # surveys: instruments for the förbund's administrator and insatsansvarig; only the
    # administrator loads and versions them
    "surveys:instrument_list": Row({}, expect(ok=MANAGERS)),
    "surveys:instrument_import": Row({}, expect(ok=ADMIN)),
    "surveys:instrument_detail": Row({"pk": "instrument"}, expect(ok=MANAGERS)),
    "surveys:instrument_new_version": Row({"pk": "instrument"}, expect(method=ALL)),
    "surveys:instrument_status": Row({"pk": "instrument"}, expect(method=ALL)),
    "applications:claims": Row({}, expect(ok=CLAIM_READERS)),
    "applications:claim_create": Row({}, expect(ok=CLAIMANTS)),
    "applications:claim_detail": Row({}, expect(ok=CLAIM_READERS)),
    "applications:claim_edit": Row({}, expect(ok=CLAIM_READERS)),
    "applications:claim_submit": Row({}, expect(method=ALL)),
    "applications:claim_delete": Row({}, expect(method=ALL)),
    "applications:claim_decide": Row({}, expect(method=ALL)),
    "applications:claim_pay": Row({}, expect(method=ALL)),
    "applications:utilisation": Row({}, expect(ok=UTILISATION_READERS)),
    "applications:forbund_budget": Row({}, expect(ok=FORBUND_READERS)),
    "applications:forbund_budget_xlsx": Row({}, expect(ok=FORBUND_READERS)),
    "applications:forbund_income": Row({}, expect(ok=ADMIN)),
    "applications:forbund_income_edit": Row({}, expect(ok=ADMIN)),
    "applications:forbund_income_delete": Row({}, expect(method=ALL)),
    # surveys: the förbund's administrator and the insatsansvarig of the survey's
    # intervention; the exit form's link is POST-only (made from the exit page)
    "surveys:survey_list": Row({}, expect(ok=MANAGERS)),
    "surveys:survey_create": Row({}, expect(ok=MANAGERS)),
    "surveys:survey_detail": Row({"pk": "survey"}, expect(ok=MANAGERS)),
    "surveys:survey_edit": Row({"pk": "survey"}, expect(ok=MANAGERS)),
    "surveys:survey_paper": Row({"pk": "survey"}, expect(ok=MANAGERS)),
    "surveys:survey_status": Row({"pk": "survey"}, expect(method=ALL)),
    "surveys:survey_links": Row({"pk": "survey"}, expect(method=ALL)),
    "surveys:survey_exit_link": Row({"pk": "survey"}, expect(method=ALL)),
    # The public answering page, open to anyone with a link: an unknown link answers like
    # a used one or one of a closed survey, 410, whoever asks.
    "survey_answer:answer": Row({"token": "=okand-lank"}, dict.fromkeys(PERSONAS, GONE)),
    "survey_answer:thanks": Row({}, expect(ok=ALL)),
    # cases discussed in a team: only those holding a seat in the team (the coach here)
    "collaboration:case_teams": Row({}, expect(ok=ALL)),
    "collaboration:case_list": Row({}, expect(ok=TEAM_SEAT)),
    "collaboration:case_detail": Row({"pk": "team_case"}, expect(ok=TEAM_SEAT)),
    "collaboration:meeting_cases": Row({}, expect(ok=TEAM_SEAT)),
    "collaboration:case_add": Row({}, expect(ok=TEAM_SEAT)),
    "collaboration:discussion_notes": Row({"pk": "case_discussion"}, expect(ok=TEAM_SEAT)),
    # survey results: administrator, insatsansvarig and styrgrupp (suppressed for all); free
    # text never for the styrgrupp; references and the national export the administrator's
    "surveys:survey_results": Row(
        {"pk": "survey"}, expect(ok=("admin", "insatsansvarig", "styrgrupp"))
    ),
    "surveys:survey_free_text": Row({"pk": "survey"}, expect(ok=MANAGERS)),
    "surveys:intervention_results": Row(
        {"pk": "intervention"}, expect(ok=("admin", "insatsansvarig", "styrgrupp"))
    ),
    "surveys:forbund_results": Row(
        {}, query={"forbund": "forbund"}, own=expect(ok=("admin", "styrgrupp"))
    ),
    "surveys:reference_list": Row({}, expect(ok=ADMIN)),
    "surveys:reference_delete": Row({"pk": "national_reference"}, expect(method=ALL)),
    "surveys:national_export_page": Row({}, expect(ok=ADMIN)),
    "surveys:national_export": Row(
        {"fmt": "=csv"}, query={"forbund": "forbund"}, own=expect(invalid=ADMIN)
    ),
    # applications: beredning, decisions, change applications, deviation reports
    "applications:preparation_list": Row({}, expect(ok=ADMIN)),
    "applications:preparation": Row({"pk": "prepared_application"}, expect(ok=ADMIN)),
    "applications:preparation_start": Row({"pk": "prepared_application"}, expect(method=ALL)),
    "applications:preparation_note": Row({"pk": "prepared_application"}, expect(method=ALL)),
    "applications:recommendation": Row({"pk": "prepared_application"}, expect(ok=ADMIN)),
    "applications:questions": Row(
        {"pk": "prepared_application"}, expect(ok=("admin", "handlaggare"))
    ),
    "applications:decision_create": Row({"pk": "prepared_application"}, expect(ok=ADMIN)),
    "applications:decision_list": Row({}, expect(ok=DECISION_READERS)),
    "applications:decision_detail": Row({"pk": "decision"}, expect(ok=DECISION_READERS)),
    "applications:decision_minutes": Row({"pk": "decision"}, expect(ok=DECISION_READERS)),
    "applications:change_create": Row({"pk": "intervention"}, expect(ok=CLAIMANTS)),
    "applications:deviation_create": Row({"pk": "intervention"}, expect(ok=CLAIMANTS)),
    "applications:deviation_list": Row({}, expect(ok=("admin", *CLAIMANTS))),
    "applications:deviation_detail": Row({"pk": "deviation"}, expect(ok=("admin", *CLAIMANTS))),
    "applications:deviation_respond": Row({"pk": "deviation"}, expect(ok=ADMIN)),
    # applications (issue #12): the förbund's staff and the applicant (the handläggare,
    # with the "sökande" right for its kommun) see the draft; only the applicant writes it.
    "applications:application_list": Row({}, expect(ok=APPLICATION_READERS)),
    "applications:application_create": Row({}, expect(ok=APPLICANT)),
    "applications:application_detail": Row({"pk": "application"}, expect(ok=DRAFT_READERS)),
    "applications:application_edit": Row({"pk": "application"}, expect(ok=APPLICANT)),
    "applications:application_submit": Row({"pk": "application"}, expect(method=ALL)),
    "applications:application_withdraw": Row({"pk": "application"}, expect(method=ALL)),
    "applications:budget_line_add": Row({"pk": "application"}, expect(ok=APPLICANT)),
    "applications:budget_line_edit": Row(
        {"pk": "application", "app_line_pk": "app_budget_line"}, expect(ok=APPLICANT)
    ),
    "applications:budget_line_delete": Row(
        {"pk": "application", "app_line_pk": "app_budget_line"}, expect(method=ALL)
    ),
    "applications:year_set": Row({"pk": "application"}, expect(ok=APPLICANT)),
    "applications:goal_add": Row({"pk": "application"}, expect(ok=APPLICANT)),
    "applications:goal_delete": Row(
        {"pk": "application", "app_goal_pk": "app_goal"}, expect(method=ALL)
    ),
    "applications:signature_add": Row({"pk": "application"}, expect(ok=APPLICANT)),
    "applications:attachment_add": Row({"pk": "application"}, expect(ok=APPLICANT)),
    "applications:attachment_download": Row(
        {"pk": "application", "attachment_pk": "app_attachment"}, expect(ok=DRAFT_READERS)
    ),
    "applications:call_list": Row({}, expect(ok=DRAFT_READERS)),
    "applications:call_create": Row({}, expect(ok=ADMIN)),
    "applications:call_detail": Row({"pk": "call"}, expect(ok=DRAFT_READERS)),
    "applications:call_edit": Row({"pk": "call"}, expect(ok=ADMIN)),
    "applications:call_publish": Row({"pk": "call"}, expect(method=ALL)),
    "applications:call_close": Row({"pk": "call"}, expect(method=ALL)),
    # collaboration (issue #14): members see their teams' meetings; the coordinator and
    # the admin manage them; styrgrupp (even seated), granskare and others: 404
    "collaboration:team_list": Row({}, expect(ok=ALL)),
    "collaboration:team_detail": Row({"pk": "team"}, expect(ok=TEAM_MEMBERS)),
    "collaboration:meeting_create": Row(
        {"pk": "team"}, expect(ok=COORDINATORS, denied=TEAM_READERS)
    ),
    "collaboration:meeting_series": Row(
        {"pk": "team"}, expect(ok=COORDINATORS, denied=TEAM_READERS)
    ),
    "collaboration:attendance_summary": Row({"pk": "team"}, expect(ok=TEAM_MEMBERS)),
    "collaboration:absence_report": Row(
        {"pk": "team", "party_pk": "party"}, expect(ok=TEAM_MEMBERS)
    ),
    "collaboration:absence_document": Row(
        {"pk": "team", "party_pk": "party", "fmt": "=pdf"}, expect(ok=TEAM_MEMBERS)
    ),
    "collaboration:meeting_detail": Row({"pk": "meeting"}, expect(ok=TEAM_MEMBERS)),
    "collaboration:meeting_edit": Row(
        {"pk": "meeting"}, expect(ok=COORDINATORS, denied=TEAM_READERS)
    ),
    "collaboration:attendance_edit": Row(
        {"pk": "meeting"}, expect(ok=COORDINATORS, denied=TEAM_READERS)
    ),
    "collaboration:decision_add": Row({"pk": "meeting"}, expect(method=ALL)),
    "collaboration:decision_remove": Row(
        {"pk": "meeting", "decision_pk": "meeting_decision"}, expect(method=ALL)
    ),
    "collaboration:action_create": Row({"pk": "meeting"}, expect(method=ALL)),
    "collaboration:minutes_save": Row({"pk": "meeting"}, expect(method=ALL)),
    "collaboration:minutes_approve": Row({"pk": "meeting"}, expect(method=ALL)),
    "collaboration:minutes_document": Row(
        {"pk": "meeting", "fmt": "=pdf"}, expect(ok=TEAM_MEMBERS)
    ),
    "collaboration:action_list": Row({}, query={"team": "team"}, own=expect(ok=TEAM_MEMBERS)),
    "collaboration:action_status": Row({"pk": "meeting_action"}, expect(method=ALL)),
}

# API operations by operation id; writes are probed against the other förbund only.
YEAR_OPERATIONS: dict[str, Row] = {
    # the list answers everyone, empty for roles that see no instrument
    "samsyn_surveys_api_instruments_get": Row({}, expect(ok=ALL)),
    "samsyn_surveys_api_instrument_get": Row({}, expect(ok=MANAGERS)),
    "samsyn_applications_api_decision_list": Row({}, expect(ok=DECISION_READERS)),
    "samsyn_applications_api_decision_detail": Row({}, expect(ok=DECISION_READERS)),
    "samsyn_applications_api_decision_record": Row({}, WRITE),
    "samsyn_applications_api_deviation_list": Row({}, expect(ok=("admin", *CLAIMANTS))),
    "samsyn_applications_api_deviation_create": Row({}, WRITE),
    "samsyn_applications_api_deviation_respond": Row({}, WRITE),
    "samsyn_applications_api_calls_list": Row({}, expect(ok=ALL)),
    "samsyn_applications_api_list": Row({}, expect(ok=ALL)),
    "samsyn_applications_api_detail": Row(
        {"application_id": "application"}, expect(ok=DRAFT_READERS)
    ),
    "samsyn_applications_api_create": Row({}, WRITE),
    "samsyn_applications_api_update": Row({"application_id": "application"}, WRITE),
    "samsyn_applications_api_submit": Row({"application_id": "application"}, WRITE),
    "samsyn_applications_api_claims_list": Row({}, expect(ok=CLAIM_READERS)),
    "samsyn_applications_api_claims_create": Row({}, WRITE),
    "samsyn_applications_api_claims_get": Row({}, expect(ok=CLAIM_READERS)),
    "samsyn_applications_api_claims_submit": Row({}, WRITE),
    "samsyn_applications_api_claims_decide": Row({}, WRITE),
    "samsyn_applications_api_claims_pay": Row({}, WRITE),
    "samsyn_applications_api_utilisation_list": Row({}, expect(ok=UTILISATION_READERS)),
    "samsyn_applications_api_utilisation_get": Row({}, expect(ok=UTILISATION_READERS)),
    "samsyn_surveys_api_surveys_get": Row({}, expect(ok=ALL)),
    "samsyn_surveys_api_survey_get": Row({}, expect(ok=MANAGERS)),
    "samsyn_surveys_api_survey_create": Row({}),
    "samsyn_surveys_api_survey_links_create": Row({}),
    "samsyn_collaboration_api_team_list": Row({}, expect(ok=ALL)),
    "samsyn_collaboration_api_meeting_list": Row({"team_id": "team"}, expect(ok=TEAM_MEMBERS)),
    "samsyn_collaboration_api_meeting_create": Row({"team_id": "team"}, WRITE),
    "samsyn_collaboration_api_meeting_get": Row({"meeting_id": "meeting"}, expect(ok=TEAM_MEMBERS)),
    "samsyn_collaboration_api_attendance_put": Row({"meeting_id": "meeting"}, WRITE),
    "samsyn_collaboration_api_action_list": Row(
        {}, query={"team_id": "team"}, own=expect(ok=TEAM_MEMBERS)
    ),
    "samsyn_collaboration_api_action_create": Row({}, WRITE),
    "samsyn_collaboration_api_action_status": Row({"action_id": "meeting_action"}, WRITE),
    "samsyn_collaboration_api_cases_case_list": Row({}, expect(ok=TEAM_SEAT)),
    "samsyn_collaboration_api_cases_case_get": Row({}, expect(ok=TEAM_SEAT)),
    "samsyn_collaboration_api_cases_meeting_cases": Row({}, expect(ok=TEAM_SEAT)),
    "samsyn_collaboration_api_cases_case_create": Row({}, WRITE),
    "samsyn_collaboration_api_cases_notes_update": Row({}, WRITE),
    "samsyn_surveys_api_survey_results_get": Row(
        {}, expect(ok=("admin", "insatsansvarig", "styrgrupp"))
    ),
    "samsyn_surveys_api_intervention_results_get": Row(
        {}, expect(ok=("admin", "insatsansvarig", "styrgrupp"))
    ),
}
