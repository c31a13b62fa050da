"""The demo's follow-up of each intervention, seeded by the apps that own it: money,
trainings and the implementation plan, and the methods' tools (IPS career profiles, the
employer bank, fidelity reviews, resource inventories). Each step is idempotent and returns
what it created per kind."""

from __future__ import annotations

from collections import Counter

from samsyn.core.models import Forbund


def seed_follow_up(forbund: Forbund) -> Counter[str]:
    # Imported here: these apps import the demo's constants from samsyn.core.demo_data.
    from samsyn.assessments.demo import seed_inventory
    from samsyn.interventions.demo_money import seed_money
    from samsyn.interventions.demo_trainings import seed_trainings
    from samsyn.ips.demo_career import seed_career
    from samsyn.ips.demo_employers import seed_employers
    from samsyn.ips.demo_fidelity import seed_fidelity

    created: Counter[str] = Counter()
    steps = (seed_money, seed_trainings, seed_career, seed_employers, seed_fidelity, seed_inventory)
    for seed in steps:
        created.update(seed(forbund))
    return created
