"""The whole demo (``manage.py seed_demo``): every app's part of the fictional
Samordningsförbundet Exempeldalen, seeded in order.

Each app seeds its own records through its own services, from the shared constants in
``samsyn.core.demo_data``; this module, the top layer, only runs the steps. First the world,
each step taking what the earlier ones made: the förbund and its parties (core), the
interventions (interventions), the demo users, their roles and the teams (core), and the
participants at every stage of the journey (participants). Then the follow-up of each
intervention, found by its slug: money, trainings and the implementation plan, and the
methods' tools (IPS career profiles, the employer bank, fidelity reviews, resource
inventories), the IPS intervention's edited report schedule (reporting) and the cases the
teams discuss (collaboration). Every step is
idempotent, so a second run changes nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from django.db import transaction

from samsyn.applications.demo import seed_applications
from samsyn.applications.demo_claims import seed_claims
from samsyn.applications.demo_decisions import seed_decisions
from samsyn.assessments.demo import seed_inventory
from samsyn.collaboration.demo import seed_meetings
from samsyn.collaboration.demo_cases import seed_cases
from samsyn.core.demo import seed_forbund, seed_staff
from samsyn.core.demo_data import JOURNEY_INTERVENTIONS, SeedSummary
from samsyn.core.models import Forbund
from samsyn.interventions.demo import seed_interventions
from samsyn.interventions.demo_money import seed_money
from samsyn.interventions.demo_trainings import seed_trainings
from samsyn.ips.demo_career import seed_career
from samsyn.ips.demo_employers import seed_employers
from samsyn.ips.demo_fidelity import seed_fidelity
from samsyn.ips.demo_figures import seed_contact_consents, seed_ips_figures
from samsyn.ips.demo_participant_contacts import seed_participant_contacts
from samsyn.participants.demo import seed_demo_journeys
from samsyn.reporting.demo import seed_report_schedule
from samsyn.surveys.demo import seed_surveys

# The follow-up, in the order it is seeded; each step returns what it created per kind.
FOLLOW_UP_STEPS: tuple[Callable[[Forbund], Counter[str]], ...] = (
    seed_money,
    seed_trainings,
    seed_career,
    seed_employers,
    # The figures' contact patterns first (face-to-face or not, still waiting); then every
    # other IPS participant gets a first contact (it leaves those that have one alone).
    seed_ips_figures,
    seed_participant_contacts,
    seed_contact_consents,
    seed_fidelity,
    seed_inventory,
    seed_surveys,
    seed_meetings,
    seed_report_schedule,
    # Calls and applications (issue #12): the insatsansvarig also applies for its party.
    seed_applications,
    # Beredning, decisions, a granted application that became an intervention, a change, a
    # continuation and a deviation report (issue #12); after the other applications demo.
    seed_decisions,
    # After the money: grants, payment claims against the actual costs, member income.
    seed_claims,
    # The teams' cases discussed, after the meetings (collaboration/demo_cases.py uses the
    # meetings demo's held meetings when there are any).
    seed_cases,
)


@transaction.atomic
def seed_demo() -> SeedSummary:
    """Create whatever of Exempeldalen is missing; a second run changes nothing."""
    summary = SeedSummary()
    forbund, parties = seed_forbund(summary)
    interventions = seed_interventions(forbund, parties, summary)
    users = seed_staff(forbund, parties, interventions, summary)
    seed_demo_journeys(
        parties=parties,
        interventions={slug: interventions[slug] for slug in JOURNEY_INTERVENTIONS},
        users=users,
        summary=summary,
    )
    for step in FOLLOW_UP_STEPS:
        for kind, number in step(forbund).items():
            summary.total[kind] += number
            summary.created[kind] += number
    return summary
