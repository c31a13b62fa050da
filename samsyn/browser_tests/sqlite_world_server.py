"""The server of the SQLite concurrency test (``test_concurrent_sqlite.py``), in one process.

``python -m samsyn.browser_tests.sqlite_world_server PORT WORLD_JSON`` fills the SQLite file
named by ``DATABASE_URL`` (already migrated) with one förbund of the break-in world, every
kind of object and one user per role, writes the keys the test needs to ``WORLD_JSON`` and
then serves it with ``runserver``: threaded, as ``make run`` serves the demo.

Seeding here rather than with ``seed_demo`` keeps the test within seconds; seeding in the
server's own process saves starting Django twice.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any


def seed() -> dict[str, Any]:
    """The förbund "Testdalen" of the break-in world, and a signed-in session for each of
    its users (demo accounts: a demo server lets them in without a second factor)."""
    from django.conf import settings
    from django.db import transaction
    from django.test import Client

    from samsyn.core.models import User
    from samsyn.core.tests.break_in_world import build_side
    from samsyn.participants.tests.intake_setup import PNR_MAN

    with transaction.atomic():
        side = build_side(label="Testdalen", slug="testdalen", marker="Öppensson")
        users = side.world.users
        User.objects.filter(pk__in=[user.pk for user in users.values()]).update(
            is_demo_account=True
        )
    sessions = {}
    for name, user in users.items():
        # Signed in here, so the test spends its seconds on the work and not on password
        # hashing; the session is an ordinary one in the database.
        client = Client()
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        sessions[name] = client.cookies[settings.SESSION_COOKIE_NAME].value
    kinds = (
        "forbund",
        "intervention",
        "registration",
        "consent",
        "period_report",
        "fidelity_review",
        "training",
        "evidence",
        "implementation_item",
        "employer",
        "agreement",
    )
    return {
        "session_cookie": settings.SESSION_COOKIE_NAME,
        "sessions": sessions,
        "personnummer": PNR_MAN,  # the registered participant's (build_side, "Öppensson")
        **{kind: side.pk(kind) for kind in kinds},
    }


def main(port: str, world_json: str) -> None:
    import django

    django.setup()
    from django.core.management import call_command

    Path(world_json).write_text(json.dumps(seed()))
    call_command("runserver", f"127.0.0.1:{port}", use_reloader=False, skip_checks=True)


if __name__ == "__main__":
    main(*sys.argv[1:3])
