"""The break-in table's vocabulary: the outcomes a probe can name, the personas of the break-in
world, and the groups of personas the rows are written with (``break_in_table.py``,
``break_in_rows_year.py``).
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

# API writes are probed against the other förbund only (an empty body is refused with 422
# before any look-up, for everyone alike); their own-förbund column is not requested.
WRITE = expect()
