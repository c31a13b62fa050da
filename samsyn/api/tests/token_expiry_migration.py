"""Run core's token-expiry migration over a token made before it, in a process of its own.

``python -m samsyn.api.tests.token_expiry_migration`` against an empty database (from
``DATABASE_URL``): migrates core to 0006, writes a token the way the old code did, migrates
to 0007 and prints the token's times and the migration's time span as JSON. It runs outside
pytest for the same reason as ``interventions/tests/training_people_migration.py``
(test_token_expiry_migration.py starts it).
"""

from __future__ import annotations

import json
import os

import django

BEFORE = [("core", "0006_seed_words")]
AFTER = [("core", "0007_api_token_expiry")]


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samsyn.settings")
    django.setup()
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor
    from django.utils import timezone

    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = MigrationExecutor(connection).loader.project_state(BEFORE).apps
    user = old.get_model("core", "User").objects.create(username="gammal", password="!")
    token = old.get_model("core", "ApiToken").objects.create(
        user=user, name="Gammal nyckel", prefix="sam_gammalt", token_hash="0" * 64
    )
    started = timezone.now()
    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    finished = timezone.now()
    new = executor.loader.project_state(AFTER).apps
    migrated = new.get_model("core", "ApiToken").objects.get(pk=token.pk)
    print(
        json.dumps(
            {
                "started": started.isoformat(),
                "finished": finished.isoformat(),
                "expires_at": migrated.expires_at.isoformat(),
            }
        )
    )


if __name__ == "__main__":
    main()
