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

from dataclasses import dataclass, field

# Outcomes, as ``break_in_probe.outcome`` names an answer.
OK = "ok"  # 2xx, or a redirect somewhere other than the log-in page
HIDDEN = "hidden"  # 404: the caller may not know the object exists
DENIED = "denied"  # 403: only where the caller may know the object (or page) exists
METHOD = "method"  # 405: the URL does not take this method
INVALID = "invalid"  # 400/422: the request itself was refused
LOGIN = "login"  # a redirect to the log-in page
UNAUTHENTICATED = "unauthenticated"  # 401 from the API
ERROR = "error"  # 5xx: never expected
GONE = "gone"  # 410: a one-time link that is used, expired or unknown (the same answer)

PERSONAS = (
    "admin",
    "insatsansvarig",
    "coach",
    "handlaggare",
    "styrgrupp",
    "granskare",
    "coach_annan",
    "handlaggare_fk",
    "nobody",
)


def expect(
    *,
    ok: tuple[str, ...] = (),
    denied: tuple[str, ...] = (),
    method: tuple[str, ...] = (),
    invalid: tuple[str, ...] = (),
) -> dict[str, str]:
    answers = {persona: HIDDEN for persona in PERSONAS}
    for names, answer in ((ok, OK), (denied, DENIED), (method, METHOD), (invalid, INVALID)):
        for name in names:
            answers[name] = answer
    return answers


@dataclass(frozen=True)
class Row:
    params: dict[str, str] = field(default_factory=dict)
    own: dict[str, str] = field(default_factory=lambda: expect())
    # Query-string parameters that name an object (``?insats=<pk>``), filled like ``params``.
    query: dict[str, str] = field(default_factory=dict)


ALL = PERSONAS
# the participant's insatsansvarig and coach
CASE_STAFF = ("insatsansvarig", "coach")
# the förbundsadministratör
ADMIN = ("admin",)
# the handläggare who referred the participant (reads, may not write)
REFERRER = ("handlaggare",)
# who manage the intervention
MANAGERS = ("admin", "insatsansvarig")
# the employer bank and fidelity work
IPS_STAFF = ("admin", "insatsansvarig", "coach")
# who may read the participant
CASE_READERS = ("insatsansvarig", "coach", "handlaggare")
# the intervention's figures (suppressed for styrgrupp)
FIGURE_READERS = ("admin", "insatsansvarig", "coach", "styrgrupp")
# money overview, implementation plan, period reports
REPORT_READERS = ("admin", "insatsansvarig", "styrgrupp")
# the access log
GRANSKARE = ("granskare",)
# a team's members (seats held under a working role) and the förbund's administrator
TEAM_MEMBERS = ("admin", "insatsansvarig", "coach", "handlaggare")
# who plans a team's meetings: its coordinator (insatsansvarig's seat) and the admin
COORDINATORS = ("admin", "insatsansvarig")
# members who read a team's meetings but do not manage them
TEAM_READERS = ("coach", "handlaggare")
# the förbund's reports
FORBUND_READERS = ("admin", "styrgrupp")
# decisions on applications: the staff, the styrgrupp and the applicant (the handläggare has
# the "sökande" right for the kommun in the break-in world)
DECISION_READERS = ("admin", "styrgrupp", "handlaggare")
# who report deviations and apply for changes: the insatsansvarig and the kommun's applicant
CLAIMANTS = ("insatsansvarig", "handlaggare")
# applications: the handläggare has the "sökande" right for its kommun (break_in_world)
APPLICANT = ("handlaggare",)
# a draft application, its attachments and the calls: the förbund's staff and the applicant
DRAFT_READERS = ("admin", "handlaggare")
# the list of applications (the styrgrupp sees the decided ones)
APPLICATION_READERS = ("admin", "handlaggare", "styrgrupp")
# payment claims: the förbund's staff and the intervention's insatsansvarig (the claimant)
CLAIM_READERS = ("admin", "insatsansvarig", "handlaggare")
# utilisation of grants: the förbund's staff, the styrgrupp and the claimant
UTILISATION_READERS = ("admin", "insatsansvarig", "handlaggare", "styrgrupp")
# who hold a seat in the team (its cases discussed: docs/collaboration-cases.md)
TEAM_SEAT = ("insatsansvarig", "coach", "handlaggare")


# Personas who see the own förbund's participants by their code (pseudonym) but never by
# name: the granskare reads the access log, which names each participant by code only.
# The förbundsadministratör handles erasure requests, which list the person by code (the
# request itself was made with the personnummer, which is never shown again).
SEES_PARTICIPANT_CODES = ("granskare", "admin")

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

# API writes are probed against the other förbund only (an empty body is refused with 422
# before any look-up, for everyone alike); their own-förbund column is not requested.
WRITE = expect()

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
    "set_language": Row({}, expect(ok=ALL)),
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
}

PAGES.update(
    {
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
)

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
