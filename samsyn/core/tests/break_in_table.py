"""The break-in table: for every URL pattern and API operation, how to fill its parameters
and what each persona gets for its own förbund's object.

The other förbund's object is the same for every row and every persona: not found (404), or
for an anonymous visitor the log-in page (401 from the API). That is asserted by
``test_break_in.py`` and needs no column here.

A row is ``Row(params, own)``:

- ``params`` maps each URL parameter to the *kind* of world object whose key fills it
  (``"intervention"``, ``"registration"``, ... — see ``break_in_world.py``), or to a literal
  written ``"=xlsx"``;
- ``query`` (optional) does the same for query-string parameters that name an object
  (``?insats=<pk>`` of a filter), so the other förbund's object is tried there too;
- ``own`` is what each persona gets for its own förbund's object (or for the page, when the
  URL has no object): built with ``expect(ok=..., denied=..., method=...)``; every persona not
  named gets ``HIDDEN`` (404).

How to add a row: docs/security/break-in-suite.md.
"""

from __future__ import annotations

from samsyn.core.tests.break_in_rows_year import YEAR_OPERATIONS, YEAR_PAGES
from samsyn.core.tests.break_in_vocab import (
    ADMIN,
    ALL,
    CASE_READERS,
    CASE_STAFF,
    FIGURE_READERS,
    FORBUND_READERS,
    GONE,
    GRANSKARE,
    IPS_STAFF,
    MANAGERS,
    PERSONAS,
    REFERRER,
    REPORT_READERS,
    WRITE,
    Row,
    expect,
)

# Parameter names that always mean the same kind of object; a row names only the others.
PARAM_KINDS = {
    "token_id": "token",
    "member_pk": "team_member",
    "membership_pk": "membership",
    "capacity_pk": "capacity",
    "type_pk": "activity_type",
    "goal_pk": "goal",
    "line_pk": "budget_line",
    "financing_pk": "financing",
    "year": "year",
    "cost_pk": "admin_cost",
    "band_pk": "age_band",
    "training_pk": "training",
    "attendance_pk": "attendance",
    "evidence_pk": "evidence",
    "attendee_pk": "attendee",
    "intervention_id": "intervention",
    "sub_goal_pk": "sub_goal",
    "sub_goal_id": "sub_goal",
    "followup_id": "post_exit",
    "follow_up_id": "post_exit",
    "report_pk": "period_report",
    "registration_pk": "registration",
    "registration_id": "registration",
    "record_pk": "counselling",
    "person_pk": "employer_person",
    "agreement_pk": "agreement",
    "action_pk": "fidelity_action",
    "assessment_pk": "assessment",
    "key": "scale_key",
    "slug": "slug",
    "referral_id": "referral",
    "consent_id": "consent",
    "employer_id": "employer",
    "instrument_id": "instrument",
    "survey_id": "survey",
    "review_id": "fidelity_review",
    "application_id": "application",
    "decision_id": "decision",
    "deviation_id": "deviation",
    "claim_pk": "claim",
    "claim_id": "claim",
    "forbund_pk": "forbund",
    "team_pk": "team",
    "team_id": "team",
    "meeting_pk": "meeting",
    "meeting_id": "meeting",
    "case_id": "team_case",
    "discussion_id": "case_discussion",
}

# URL namespaces not in PAGES, and why.
EXCLUDED_NAMESPACES = {
    "admin:": "Django's admin: staff accounts only, its own log-in (core/tests/test_url_access.py)",
    "api:": "the API's operations are rows of OPERATIONS, by operation id",
}

PAGES: dict[str, Row] = {
    "core:start": Row({}, expect(ok=ALL)),
    "core:login": Row({}, expect(ok=ALL)),
    "core:logout": Row({}, expect(method=ALL)),
    "core:two_factor_verify": Row({}, expect(ok=ALL)),
    "core:two_factor_setup": Row({}, expect(ok=ALL)),
    "core:account": Row({}, expect(ok=ALL)),
    "core:password_change": Row({}, expect(ok=ALL)),
    "core:accessibility": Row({}, expect(ok=ALL)),
    "core:api_token_create": Row({}, expect(ok=ALL)),
    "core:api_token_revoke": Row({}, expect(method=ALL)),
    "manage:party_list": Row({}, expect(ok=ADMIN)),
    "manage:party_create": Row({}, expect(ok=ADMIN)),
    "manage:party_edit": Row({"pk": "party"}, expect(ok=ADMIN)),
    "manage:party_deactivate": Row({"pk": "party"}, expect(method=ALL)),
    "manage:party_reactivate": Row({"pk": "party"}, expect(method=ALL)),
    "manage:team_list": Row({}, expect(ok=ADMIN)),
    "manage:team_create": Row({}, expect(ok=ADMIN)),
    "manage:team_detail": Row({"pk": "team"}, expect(ok=ADMIN)),
    "manage:team_edit": Row({"pk": "team"}, expect(ok=ADMIN)),
    "manage:team_member_add": Row({"pk": "team"}, expect(ok=ADMIN)),
    "manage:team_member_remove": Row({"pk": "team"}, expect(method=ALL)),
    "manage:team_member_coordinator": Row({"pk": "team"}, expect(method=ALL)),
    "manage:user_list": Row({}, expect(ok=ADMIN)),
    "manage:user_create": Row({}, expect(ok=ADMIN)),
    "manage:user_detail": Row({"pk": "user"}, expect(ok=ADMIN)),
    "manage:user_edit": Row({"pk": "user"}, expect(ok=ADMIN)),
    "manage:user_deactivate": Row({"pk": "user"}, expect(method=ALL)),
    "manage:user_reactivate": Row({"pk": "user"}, expect(method=ALL)),
    "manage:user_two_factor_reset": Row({"pk": "user"}, expect(method=ALL)),
    "manage:user_login_unlock": Row({"pk": "user"}, expect(method=ALL)),
    "manage:forbund_settings": Row({}, expect(ok=ADMIN)),
    "manage:forbund_small_count_limit": Row({"pk": "forbund"}, expect(method=ALL)),
    "manage:grant_request_list": Row({}, expect(ok=ADMIN)),
    "manage:grant_request_approve": Row({"pk": "grant_request"}, expect(method=ALL)),
    "manage:grant_request_refuse": Row({"pk": "grant_request"}, expect(method=ALL)),
    "lifecycle:register_extract": Row({}, expect(ok=ADMIN)),
    "lifecycle:erasure_list": Row({}, expect(ok=ADMIN)),
    "lifecycle:erasure_decide": Row(
        {"pk": "erasure_request", "decision": "=godkann"}, expect(method=ALL)
    ),
    # An unknown token answers like a used or expired one: 410, whoever asks.
    "core:activate": Row({"token": "=okand-lank"}, dict.fromkeys(PERSONAS, GONE)),
    "core:api_token_renew": Row({}, expect(method=ALL)),
    "core:oidc_authentication_init": Row({}, expect()),
    "core:oidc_callback": Row({}, expect()),
    "core:password_reset": Row({}, expect(ok=ALL)),
    "core:password_reset_sent": Row({}, expect(ok=ALL)),
    "core:password_reset_confirm": Row({"token": "=okand-lank"}, dict.fromkeys(PERSONAS, GONE)),
    "core:recovery_codes_regenerate": Row({}, expect(method=ALL)),
    "manage:membership_add": Row({"pk": "user"}, expect(ok=ADMIN)),
    "manage:membership_deactivate": Row({"pk": "user"}, expect(method=ALL)),
    "manage:membership_reactivate": Row({"pk": "user"}, expect(method=ALL)),
    "manage:membership_may_apply": Row({"pk": "user"}, expect(method=ALL)),
    "audit:event_list": Row({}, expect(ok=GRANSKARE)),
    "audit:event_export": Row({}, expect(ok=GRANSKARE)),
    "audit:review_list": Row({}, expect(ok=GRANSKARE)),
    "audit:review_create": Row({}, expect(ok=GRANSKARE)),
    "audit:review_detail": Row({"pk": "log_review"}, expect(ok=GRANSKARE)),
    "interventions:list": Row({}, expect(ok=ADMIN)),
    "interventions:create": Row({}, expect(ok=ADMIN)),
    "interventions:detail[pk]": Row(
        {"pk": "intervention"},
        expect(
            ok=(
                "admin",
                "insatsansvarig",
                "coach",
                "handlaggare",
                "styrgrupp",
                "granskare",
                "handlaggare_fk",
            )
        ),
    ),
    "interventions:edit": Row({"pk": "intervention"}, expect(ok=ADMIN)),
    "interventions:staff": Row({"pk": "intervention"}, expect(ok=ADMIN)),
    "interventions:capacity": Row({"pk": "intervention"}, expect(ok=ADMIN)),
    "interventions:capacity_update": Row({"pk": "intervention"}, expect(method=ALL)),
    "interventions:capacity_remove": Row({"pk": "intervention"}, expect(method=ALL)),
    "interventions:activity_types": Row({"pk": "intervention"}, expect(ok=ADMIN)),
    "interventions:activity_type_approach": Row({"pk": "intervention"}, expect(method=ALL)),
    "interventions:activity_type_rename": Row({"pk": "intervention"}, expect(method=ALL)),
    "interventions:activity_type_deactivate": Row({"pk": "intervention"}, expect(method=ALL)),
    "interventions:activity_type_reactivate": Row({"pk": "intervention"}, expect(method=ALL)),
    "interventions:phases": Row({"pk": "intervention"}, expect(ok=ADMIN)),
    "interventions:phases_rename": Row(
        {"pk": "intervention", "item_pk": "phase"}, expect(method=ALL)
    ),
    "interventions:phases_move": Row(
        {"pk": "intervention", "item_pk": "phase"}, expect(method=ALL)
    ),
    "interventions:phases_remove": Row(
        {"pk": "intervention", "item_pk": "phase"}, expect(method=ALL)
    ),
    "interventions:ladder": Row({"pk": "intervention"}, expect(ok=ADMIN)),
    "interventions:ladder_rename": Row(
        {"pk": "intervention", "item_pk": "ladder_step"}, expect(method=ALL)
    ),
    "interventions:ladder_move": Row(
        {"pk": "intervention", "item_pk": "ladder_step"}, expect(method=ALL)
    ),
    "interventions:ladder_remove": Row(
        {"pk": "intervention", "item_pk": "ladder_step"}, expect(method=ALL)
    ),
    "interventions:indicators": Row({"pk": "intervention"}, expect(ok=ADMIN)),
    "interventions:indicators_rename": Row(
        {"pk": "intervention", "item_pk": "indicator"}, expect(method=ALL)
    ),
    "interventions:indicators_move": Row(
        {"pk": "intervention", "item_pk": "indicator"}, expect(method=ALL)
    ),
    "interventions:indicators_remove": Row(
        {"pk": "intervention", "item_pk": "indicator"}, expect(method=ALL)
    ),
    "interventions:goals": Row(
        {"pk": "intervention"},
        expect(
            ok=(
                "admin",
                "insatsansvarig",
                "coach",
                "handlaggare",
                "styrgrupp",
                "granskare",
                "handlaggare_fk",
            )
        ),
    ),
    "interventions:goal_create": Row({"pk": "intervention"}, expect(ok=MANAGERS)),
    "interventions:goal_edit": Row({"pk": "intervention"}, expect(ok=MANAGERS)),
    "interventions:goal_delete": Row({"pk": "intervention"}, expect(method=ALL)),
    "interventions:deleted": Row({"pk": "intervention"}, expect(ok=MANAGERS)),
    # The generic Borttaget page, here for the förbund's own rows (docs/deleting.md); the other
    # scopes (application, meeting) are checked in the apps' deleting tests.
    "core:deleted": Row({"scope": "=forbund", "scope_id": "forbund"}, expect(ok=ADMIN)),
    "interventions:money": Row({"pk": "intervention"}, expect(ok=REPORT_READERS)),
    "interventions:money_budget_create": Row({"pk": "intervention"}, expect(ok=MANAGERS)),
    "interventions:money_budget_edit": Row({"pk": "intervention"}, expect(ok=MANAGERS)),
    "interventions:money_budget_delete": Row({"pk": "intervention"}, expect(method=ALL)),
    "interventions:money_financing_create": Row({"pk": "intervention"}, expect(ok=MANAGERS)),
    "interventions:money_financing_edit": Row({"pk": "intervention"}, expect(ok=MANAGERS)),
    "interventions:money_financing_delete": Row({"pk": "intervention"}, expect(method=ALL)),
    "interventions:money_cost": Row({"pk": "intervention"}, expect(ok=MANAGERS)),
    "interventions:money_cost_delete": Row({"pk": "intervention"}, expect(method=ALL)),
    "interventions:money_import": Row({"pk": "intervention"}, expect(ok=MANAGERS)),
    "interventions:money_plan": Row({"pk": "intervention"}, expect(ok=MANAGERS)),
    "interventions:money_plan_delete": Row({"pk": "intervention"}, expect(method=ALL)),
    "interventions:money_administration": Row({}, expect(ok=ADMIN)),
    "interventions:money_administration_create": Row({}, expect(ok=ADMIN)),
    "interventions:money_administration_edit": Row({}, expect(ok=ADMIN)),
    "interventions:money_administration_delete": Row({}, expect(method=ALL)),
    "interventions:age_bands": Row({"pk": "intervention"}, expect(ok=MANAGERS)),
    "interventions:age_band_remove": Row({"pk": "intervention"}, expect(method=ALL)),
    "interventions:trainings": Row({"pk": "intervention"}, expect(ok=FIGURE_READERS)),
    "interventions:training_create": Row({"pk": "intervention"}, expect(ok=MANAGERS)),
    "interventions:training_edit": Row({"pk": "intervention"}, expect(ok=MANAGERS)),
    "interventions:training_delete": Row({"pk": "intervention"}, expect(method=ALL)),
    "interventions:training_attendance_add": Row({"pk": "intervention"}, expect(method=ALL)),
    "interventions:training_attendance_remove": Row({"pk": "intervention"}, expect(method=ALL)),
    "interventions:training_evidence_add": Row({"pk": "intervention"}, expect(method=ALL)),
    "interventions:training_evidence": Row({"pk": "intervention"}, expect(ok=REPORT_READERS)),
    "interventions:training_evidence_remove": Row({"pk": "intervention"}, expect(method=ALL)),
    "interventions:training_attendee_rename": Row({"pk": "intervention"}, expect(method=ALL)),
    "interventions:implementation": Row({"pk": "intervention"}, expect(ok=REPORT_READERS)),
    "interventions:implementation_create": Row({"pk": "intervention"}, expect(ok=MANAGERS)),
    "interventions:implementation_defaults": Row({"pk": "intervention"}, expect(method=ALL)),
    "interventions:implementation_edit": Row(
        {"pk": "intervention", "item_pk": "implementation_item"},
        expect(ok=MANAGERS),
    ),
    "interventions:implementation_delete": Row(
        {"pk": "intervention", "item_pk": "implementation_item"}, expect(method=ALL)
    ),
    "interventions:implementation_move": Row(
        {"pk": "intervention", "item_pk": "implementation_item"}, expect(method=ALL)
    ),
    "interventions:implementation_evidence": Row(
        {"pk": "intervention", "item_pk": "implementation_item"},
        expect(ok=REPORT_READERS),
    ),
    "interventions:detail[slug]": Row(
        {},
        expect(
            ok=(
                "admin",
                "insatsansvarig",
                "coach",
                "handlaggare",
                "styrgrupp",
                "granskare",
                "handlaggare_fk",
            )
        ),
    ),
    "participants:referral_list": Row(
        {},
        query={"insats": "intervention"},
        own=expect(ok=("insatsansvarig", "coach", "handlaggare", "coach_annan", "handlaggare_fk")),
    ),
    "participants:referral_mine": Row(
        {}, expect(ok=("insatsansvarig", "coach", "handlaggare", "coach_annan", "handlaggare_fk"))
    ),
    "participants:referral_create_start": Row({}, expect(ok=ALL)),
    "participants:referral_create": Row(
        {}, expect(ok=("insatsansvarig", "coach", "handlaggare", "handlaggare_fk"))
    ),
    "participants:referral_detail": Row({"pk": "referral"}, expect(ok=CASE_READERS)),
    "participants:referral_decide": Row({"pk": "referral"}, expect(ok=CASE_STAFF)),
    "participants:referral_consent_create": Row({"pk": "referral"}, expect(ok=CASE_STAFF)),
    "participants:referral_register": Row({"pk": "referral"}, expect(ok=CASE_STAFF)),
    "participants:registration_create_start": Row(
        {}, expect(ok=("insatsansvarig", "coach", "coach_annan"))
    ),
    "participants:registration_create": Row({}, expect(ok=CASE_STAFF)),
    "participants:registration_consent_create": Row({"pk": "registration"}, expect(ok=CASE_STAFF)),
    "participants:consent_withdraw": Row({"pk": "consent"}, expect(ok=CASE_STAFF)),
    "participants:consent_download": Row({"pk": "consent"}, expect(ok=CASE_STAFF)),
    "participants:registration_detail": Row({"pk": "registration"}, expect(ok=CASE_READERS)),
    "participants:plan_edit": Row({"pk": "registration"}, expect(ok=CASE_STAFF, denied=REFERRER)),
    "participants:subgoal_create": Row(
        {"pk": "registration"}, expect(ok=CASE_STAFF, denied=REFERRER)
    ),
    "participants:subgoal_edit": Row(
        {"pk": "registration"}, expect(ok=CASE_STAFF, denied=REFERRER)
    ),
    "participants:phase_change": Row(
        {"pk": "registration"}, expect(ok=CASE_STAFF, denied=REFERRER)
    ),
    "participants:activity_create": Row(
        {"pk": "registration"}, expect(ok=CASE_STAFF, denied=REFERRER)
    ),
    "participants:step_record_create": Row(
        {"pk": "registration"}, expect(ok=CASE_STAFF, denied=REFERRER)
    ),
    "participants:indicator_rating_create": Row(
        {"pk": "registration"}, expect(ok=CASE_STAFF, denied=REFERRER)
    ),
    "participants:note_create": Row({"pk": "registration"}, expect(ok=CASE_STAFF, denied=REFERRER)),
    "participants:caseload": Row(
        {}, expect(ok=("insatsansvarig", "coach", "handlaggare", "coach_annan", "handlaggare_fk"))
    ),
    "participants:followups_due": Row({}, expect(ok=("insatsansvarig", "coach", "coach_annan"))),
    "participants:post_exit_due": Row({}, expect(ok=("insatsansvarig", "coach", "coach_annan"))),
    "participants:followup_create": Row(
        {"pk": "registration"}, expect(ok=CASE_STAFF, denied=REFERRER)
    ),
    "participants:workstart_create": Row(
        {"pk": "registration"}, expect(ok=CASE_STAFF, denied=REFERRER)
    ),
    "participants:exit": Row({"pk": "registration"}, expect(ok=CASE_STAFF, denied=REFERRER)),
    "participants:workstart_status": Row(
        {"pk": "registration", "start_id": "work_start"}, expect(ok=CASE_STAFF, denied=REFERRER)
    ),
    "participants:exit_undo": Row({"pk": "registration"}, expect(method=ALL)),
    "participants:post_exit_record": Row(
        {"pk": "registration"}, expect(ok=CASE_STAFF, denied=REFERRER)
    ),
    "participants:contact_log": Row({"pk": "registration"}, expect(ok=CASE_STAFF, denied=REFERRER)),
    "participants:work_wish": Row({"pk": "registration"}, expect(ok=CASE_STAFF, denied=REFERRER)),
    "participants:daily_activity_due": Row(
        {}, expect(ok=("insatsansvarig", "coach", "coach_annan"))
    ),
    "participants:import": Row({}, expect(ok=MANAGERS)),
    "participants:import_template": Row({"fmt": "=csv"}, expect(ok=MANAGERS)),
    "reporting:dashboard": Row({"pk": "intervention"}, expect(ok=FIGURE_READERS)),
    "reporting:report_list": Row({"pk": "intervention"}, expect(ok=REPORT_READERS)),
    "reporting:report_schedule": Row({"pk": "intervention"}, expect(ok=MANAGERS)),
    "reporting:report_schedule_add": Row({"pk": "intervention"}, expect(ok=MANAGERS)),
    "reporting:report_schedule_edit": Row(
        {"pk": "intervention", "kind": "=quarter", "number": "=1"}, expect(ok=MANAGERS)
    ),
    "reporting:report_schedule_remove": Row(
        {"pk": "intervention", "kind": "=quarter", "number": "=1"}, expect(method=ALL)
    ),
    "reporting:report_create": Row({"pk": "intervention"}, expect(method=ALL)),
    "reporting:report_detail": Row({"pk": "intervention"}, expect(ok=REPORT_READERS)),
    "reporting:report_approve": Row({"pk": "intervention"}, expect(ok=MANAGERS)),
    "reporting:report_download": Row(
        {"pk": "intervention", "fmt": "=xlsx"}, expect(ok=REPORT_READERS)
    ),
    "reporting:forbund_overview": Row({}, expect(ok=FORBUND_READERS)),
    "reporting:forbund_participants": Row({}, expect(ok=FORBUND_READERS)),
    "reporting:forbund_interventions": Row({}, expect(ok=FORBUND_READERS)),
    "reporting:forbund_costs": Row({}, expect(ok=FORBUND_READERS)),
    "reporting:forbund_finsam": Row({}, expect(ok=FORBUND_READERS)),
    "ips:career_profile": Row({}, expect(ok=CASE_READERS)),
    "ips:career_profile_edit": Row({}, expect(ok=CASE_STAFF, denied=REFERRER)),
    "ips:career_counselling_create": Row({}, expect(ok=CASE_STAFF, denied=REFERRER)),
    "ips:career_counselling_edit": Row({}, expect(ok=CASE_STAFF, denied=REFERRER)),
    "ips:employer_list": Row({}, expect(ok=IPS_STAFF)),
    "ips:employer_create": Row({}, query={"forbund": "forbund"}, own=expect(ok=IPS_STAFF)),
    "ips:employer_detail": Row({"pk": "employer"}, expect(ok=IPS_STAFF)),
    "ips:employer_edit": Row({"pk": "employer"}, expect(ok=IPS_STAFF)),
    "ips:employer_remove": Row({"pk": "employer"}, expect(method=ALL)),
    "ips:employer_person_create": Row({"pk": "employer"}, expect(ok=IPS_STAFF)),
    "ips:employer_person_edit": Row({"pk": "employer"}, expect(ok=IPS_STAFF)),
    "ips:employer_agreement_create": Row({"pk": "employer"}, expect(ok=IPS_STAFF)),
    "ips:employer_agreement_edit": Row({"pk": "employer"}, expect(ok=IPS_STAFF)),
    "ips:employer_agreement_document": Row({"pk": "employer"}, expect(ok=IPS_STAFF)),
    "ips:employer_contact_create": Row({"pk": "employer"}, expect(ok=CASE_STAFF)),
    "ips:employer_suggestions": Row({"pk": "employer"}, expect(ok=IPS_STAFF)),
    "ips:contact_mine": Row({}, expect(ok=IPS_STAFF)),
    "ips:contact_participant": Row({}, expect(ok=CASE_STAFF)),
    "ips:job_development": Row(
        {},
        query={"insats": "intervention"},
        own=expect(ok=FIGURE_READERS),
    ),
    "ips:outcomes": Row({"pk": "intervention"}, expect(ok=FIGURE_READERS)),
    "ips:fidelity_list": Row({"pk": "intervention"}, expect(ok=FIGURE_READERS)),
    "ips:fidelity_create": Row({"pk": "intervention"}, expect(ok=MANAGERS)),
    "ips:fidelity_detail": Row({"pk": "fidelity_review"}, expect(ok=IPS_STAFF)),
    "ips:fidelity_edit": Row({"pk": "fidelity_review"}, expect(ok=MANAGERS)),
    "ips:fidelity_scores": Row({"pk": "fidelity_review"}, expect(ok=MANAGERS)),
    "ips:fidelity_complete": Row({"pk": "fidelity_review"}, expect(method=ALL)),
    "ips:fidelity_pdf": Row({"pk": "fidelity_review"}, expect(ok=IPS_STAFF)),
    "ips:fidelity_action_create": Row({"pk": "fidelity_review"}, expect(ok=MANAGERS)),
    "ips:fidelity_action_edit": Row({"pk": "fidelity_review"}, expect(ok=MANAGERS)),
    "ips:fidelity_scale": Row({}, expect(ok=ADMIN)),
    "ips:fidelity_scale_item": Row({}, expect(ok=ADMIN)),
    "assessments:inventory": Row({"pk": "registration"}, expect(ok=CASE_READERS)),
    "assessments:start": Row({"pk": "registration"}, expect(ok=CASE_STAFF, denied=REFERRER)),
    "assessments:observation": Row({"pk": "registration"}, expect(ok=CASE_STAFF, denied=REFERRER)),
    "assessments:assessment_create": Row(
        {"pk": "registration"}, expect(ok=CASE_STAFF, denied=REFERRER)
    ),
    "assessments:assessment_edit": Row(
        {"pk": "registration"}, expect(ok=CASE_STAFF, denied=REFERRER)
    ),
    "assessments:week_create": Row({"pk": "registration"}, expect(ok=CASE_STAFF, denied=REFERRER)),
    "assessments:recommendation": Row(
        {"pk": "registration"}, expect(ok=CASE_STAFF, denied=REFERRER)
    ),
    "assessments:handover": Row({"pk": "registration"}, expect(ok=CASE_STAFF, denied=REFERRER)),
    "assessments:distribution": Row({"pk": "intervention"}, expect(ok=FIGURE_READERS)),
    "set_language": Row({}, expect(ok=ALL)),
    # the förbund's year: applications, surveys, collaboration (break_in_rows_year.py)
    **YEAR_PAGES,
}


OPERATIONS: dict[str, Row] = {
    "samsyn_core_api_me": Row({}, expect(ok=ALL)),
    "samsyn_core_api_token_list": Row({}, expect(ok=ALL)),
    "samsyn_core_api_token_revoke": Row({}, WRITE),
    "samsyn_participants_api_registrations_registration_list": Row(
        {},
        query={"intervention": "slug"},
        own=expect(ok=("insatsansvarig", "coach", "handlaggare", "coach_annan", "handlaggare_fk")),
    ),
    "samsyn_participants_api_registrations_registration_create": Row({}, WRITE),
    "samsyn_participants_api_registrations_registration_detail": Row({}, expect(ok=CASE_READERS)),
    "samsyn_participants_api_registrations_intervention_choices": Row(
        {}, expect(ok=("insatsansvarig", "coach", "handlaggare", "handlaggare_fk"))
    ),
    "samsyn_participants_api_referrals_referral_create": Row({}, WRITE),
    "samsyn_participants_api_referrals_referral_list": Row(
        {},
        query={"intervention": "slug"},
        own=expect(ok=("insatsansvarig", "coach", "handlaggare", "coach_annan", "handlaggare_fk")),
    ),
    "samsyn_participants_api_referrals_referral_decide": Row({}, WRITE),
    "samsyn_participants_api_plan_plan_get": Row({}, expect(ok=CASE_READERS)),
    "samsyn_participants_api_plan_plan_put": Row({}, WRITE),
    "samsyn_participants_api_plan_sub_goal_create": Row({}, WRITE),
    "samsyn_participants_api_plan_sub_goal_update": Row({}, WRITE),
    "samsyn_participants_api_journey_activity_list": Row({}, expect(ok=CASE_READERS)),
    "samsyn_participants_api_journey_activity_create": Row({}, WRITE),
    "samsyn_participants_api_journey_phase_change": Row({}, WRITE),
    "samsyn_participants_api_journey_step_record_create": Row({}, WRITE),
    "samsyn_participants_api_records_note_list": Row({}, expect(ok=CASE_STAFF, denied=REFERRER)),
    "samsyn_participants_api_records_note_create": Row({}, WRITE),
    "samsyn_participants_api_records_rating_list": Row({}, expect(ok=CASE_READERS)),
    "samsyn_participants_api_records_rating_create": Row({}, WRITE),
    "samsyn_participants_api_followups_follow_up_list": Row({}, expect(ok=CASE_READERS)),
    "samsyn_participants_api_followups_follow_up_create": Row({}, WRITE),
    "samsyn_participants_api_followups_follow_ups_due": Row(
        {}, expect(ok=("insatsansvarig", "coach", "coach_annan"))
    ),
    "samsyn_participants_api_followups_work_start": Row({}, WRITE),
    "samsyn_participants_api_followups_work_start_status": Row({"start_id": "work_start"}, WRITE),
    "samsyn_participants_api_followups_start_list": Row({}, expect(ok=CASE_READERS)),
    "samsyn_participants_api_exits_exit_registration": Row({}, WRITE),
    "samsyn_participants_api_exits_exit_undo": Row({}, WRITE),
    "samsyn_participants_api_exits_post_exit_due": Row(
        {}, expect(ok=("insatsansvarig", "coach", "coach_annan"))
    ),
    "samsyn_participants_api_exits_post_exit_record": Row({}, WRITE),
    "samsyn_participants_api_consents_consent_list": Row(
        {}, expect(ok=CASE_STAFF, denied=REFERRER)
    ),
    "samsyn_participants_api_consents_consent_withdrawal": Row({}, WRITE),
    "samsyn_participants_api_consents_consent_document": Row({}, expect(ok=CASE_STAFF)),
    "samsyn_ips_api_career_career_profile_get": Row({}, expect(ok=CASE_READERS)),
    "samsyn_ips_api_career_career_profile_put": Row({}, WRITE),
    "samsyn_ips_api_career_counselling_list": Row({}, expect(ok=CASE_READERS)),
    "samsyn_ips_api_career_counselling_create": Row({}, WRITE),
    "samsyn_ips_api_career_ssyk_search": Row({}, expect(ok=ALL)),
    "samsyn_ips_api_employers_employer_list": Row({}, expect(ok=IPS_STAFF)),
    "samsyn_ips_api_employers_employer_create": Row({}, WRITE),
    "samsyn_ips_api_employers_employer_detail": Row({}, expect(ok=IPS_STAFF)),
    "samsyn_ips_api_employers_employer_update": Row({}, WRITE),
    "samsyn_ips_api_employers_contact_list": Row({}, expect(ok=IPS_STAFF)),
    "samsyn_ips_api_employers_contact_create": Row({}, WRITE),
    "samsyn_ips_api_employers_job_development": Row(
        {},
        query={"intervention": "intervention"},
        own=expect(ok=FIGURE_READERS),
    ),
    "samsyn_ips_api_fidelity_list_reviews": Row({}, expect(ok=FIGURE_READERS)),
    "samsyn_ips_api_fidelity_get_review": Row({}, expect(ok=IPS_STAFF)),
    "samsyn_ips_api_fidelity_post_scores": Row({}, WRITE),
    "samsyn_ips_api_outcomes_intervention_outcomes": Row({}, expect(ok=FIGURE_READERS)),
    "samsyn_assessments_api_inventory_get": Row({}, expect(ok=CASE_READERS)),
    "samsyn_assessments_api_inventory_put": Row({}, WRITE),
    "samsyn_assessments_api_assessment_post": Row({}, WRITE),
    "samsyn_assessments_api_week_post": Row({}, WRITE),
    "samsyn_assessments_api_recommendations_get": Row({}, expect(ok=FIGURE_READERS)),
    **YEAR_OPERATIONS,
}
