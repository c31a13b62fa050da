"""The bench's databases, without Django (the parent process of `make bench` uses them
before any child connects): one per size, named ``<prefix>_<size>``, created on the server
through its maintenance database."""

from __future__ import annotations

from dataclasses import dataclass

import psycopg

SEED = 16


@dataclass(frozen=True)
class Size:
    """A data size of the bench: its label and the generator's arguments."""

    label: str
    forbund: int
    interventions: int
    registrations: int

    def args(self) -> dict[str, int]:
        return {
            "forbund": self.forbund,
            "interventions": self.interventions,
            "registrations": self.registrations,
            "seed": SEED,
        }


SIZES: dict[str, Size] = {
    "5000": Size("5000", 1, 1, 5_000),
    "50000": Size("50000", 1, 1, 50_000),
    "national": Size("national", 80, 1_100, 300_000),
}


def database_name(prefix: str, size: Size) -> str:
    return f"{prefix}_{size.label}"


def ensure_database(server_url: str, name: str) -> None:
    """Create the database ``name`` on the server unless it exists (maintenance connection)."""
    with psycopg.connect(f"{server_url}/postgres", autocommit=True) as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            admin.execute(f'CREATE DATABASE "{name}"')


def drop_database(server_url: str, name: str) -> None:
    with psycopg.connect(f"{server_url}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
