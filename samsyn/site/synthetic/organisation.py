"""The förbund, their parties, teams, staff users and roles (small tables: the ORM's
``bulk_create``)."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password

from samsyn.core.kommuner import LAN, MUNICIPALITIES
from samsyn.core.luhn import luhn_check_digit
from samsyn.core.models import (
    Forbund,
    Membership,
    Party,
    PartyKind,
    Team,
    TeamKind,
    TeamMember,
    User,
)
from samsyn.core.roles import Role


@dataclass
class ForbundWorld:
    forbund: Forbund
    index: int
    municipality_codes: list[str]
    parties: list[Party]
    kommuner: list[Party]
    admin: User
    # Filled as the interventions are made.
    teams: list[Team] = field(default_factory=list)
    team_members: dict[int, list[TeamMember]] = field(default_factory=dict)

    def party_of_kind(self, kind: str) -> Party:
        return next(party for party in self.parties if party.kind == kind)


def run_tag(seed: int) -> str:
    """``syn<seed>`` plus a run number when the same seed was generated before in this
    database, so a second run adds a second set instead of clashing on names."""
    run = 1
    while Forbund.objects.filter(slug=f"syn{seed}r{run}-1").exists():
        run += 1
    return f"syn{seed}r{run}"


def orgnr(prefix: str, serial: int) -> str:
    """A valid organisationsnummer: six digits of ``prefix``, a serial and the Luhn digit."""
    nine = f"{prefix}{serial % 1000:03d}"
    return f"{nine[:6]}-{nine[6:]}{luhn_check_digit(nine)}"


def _municipality_chunks(rng: random.Random, count: int) -> list[list[str]]:
    """Consecutive municipalities (so mostly of one län) for each förbund; with more förbund
    than municipalities they share."""
    codes = sorted(MUNICIPALITIES)
    sizes = [rng.randint(1, 7) for _ in range(count)]
    scale = len(codes) / max(sum(sizes), 1)
    chunks: list[list[str]] = []
    position = 0
    for size in sizes:
        size = max(1, round(size * scale)) if scale < 1 else size
        chunk = [codes[(position + offset) % len(codes)] for offset in range(size)]
        position += size
        chunks.append(chunk)
    return chunks


def users_create(usernames: list[tuple[str, str, str]]) -> list[User]:
    """Users ``(username, first name, last name)`` with an unusable password: synthetic
    staff never log in with a password (tests and the bench log in directly)."""
    unusable = make_password(None)
    return User.objects.bulk_create(
        User(
            username=username,
            first_name=first,
            last_name=last,
            email=f"{username}@example.se",
            password=unusable,
        )
        for username, first, last in usernames
    )


def _parties(forbund: Forbund, index: int, chunk: list[str]) -> list[Party]:
    """Försäkringskassan, Arbetsförmedlingen, the region of the first municipality's län
    and the municipalities (the förbund's members, DOMAIN.md)."""
    lan = LAN[chunk[0][:2]]
    return [
        Party(
            forbund=forbund,
            kind=PartyKind.FORSAKRINGSKASSAN,
            name="Försäkringskassan",
            organisationsnummer="202100-5521",
        ),
        Party(
            forbund=forbund,
            kind=PartyKind.ARBETSFORMEDLINGEN,
            name="Arbetsförmedlingen",
            organisationsnummer="202100-2114",
        ),
        Party(
            forbund=forbund,
            kind=PartyKind.REGION,
            name=f"Region {lan}",
            organisationsnummer=orgnr("232100", index),
        ),
        *(
            Party(
                forbund=forbund,
                kind=PartyKind.KOMMUN,
                name=f"{MUNICIPALITIES[code]} kommun",
                organisationsnummer=orgnr("212000", int(code)),
                municipality_code=code,
            )
            for code in chunk
        ),
    ]


def forbund_create(rng: random.Random, *, count: int, tag: str) -> list[ForbundWorld]:
    chunks = _municipality_chunks(rng, count)
    forbund_rows = Forbund.objects.bulk_create(
        Forbund(
            name=f"Samordningsförbundet {MUNICIPALITIES[chunk[0]]} ({tag}-{index})",
            slug=f"{tag}-{index}",
            organisationsnummer=orgnr("222000", index),
        )
        for index, chunk in enumerate(chunks, start=1)
    )
    parties = Party.objects.bulk_create(
        party
        for index, (forbund, chunk) in enumerate(zip(forbund_rows, chunks, strict=True), start=1)
        for party in _parties(forbund, index, chunk)
    )
    admins = users_create(
        [(f"{tag}-{index}-admin", "Förbundschef", f"{index}") for index in range(1, count + 1)]
    )
    worlds = []
    for index, (forbund, chunk, admin) in enumerate(
        zip(forbund_rows, chunks, admins, strict=True), start=1
    ):
        own = [party for party in parties if party.forbund_id == forbund.pk]
        worlds.append(
            ForbundWorld(
                forbund=forbund,
                index=index,
                municipality_codes=chunk,
                parties=own,
                kommuner=[party for party in own if party.kind == PartyKind.KOMMUN],
                admin=admin,
            )
        )
    _forbund_roles(worlds, tag)
    return worlds


def _forbund_roles(worlds: list[ForbundWorld], tag: str) -> None:
    """The administrator, a steering-group member and a granskare of each förbund, and a
    handläggare at Försäkringskassan and Arbetsförmedlingen."""
    others = users_create(
        [
            (f"{tag}-{world.index}-{kind}", kind.capitalize(), f"{world.index}")
            for world in worlds
            for kind in ("styrgrupp", "granskare", "fk", "af")
        ]
    )
    memberships: list[Membership] = []
    for position, world in enumerate(worlds):
        styrgrupp, granskare, fk, af = others[position * 4 : position * 4 + 4]
        memberships += [
            Membership(user=world.admin, forbund=world.forbund, role=Role.FORBUNDSADMIN),
            Membership(user=styrgrupp, forbund=world.forbund, role=Role.STYRGRUPP),
            Membership(user=granskare, forbund=world.forbund, role=Role.GRANSKARE),
            Membership(
                user=fk,
                forbund=world.forbund,
                role=Role.HANDLAGGARE,
                party=world.party_of_kind(PartyKind.FORSAKRINGSKASSAN),
            ),
            Membership(
                user=af,
                forbund=world.forbund,
                role=Role.HANDLAGGARE,
                party=world.party_of_kind(PartyKind.ARBETSFORMEDLINGEN),
            ),
        ]
    Membership.objects.bulk_create(memberships)


# The teams every förbund has (DOMAIN.md, Collaboration): kind, name, weeks between meetings.
_TEAMS = (
    (TeamKind.SAMVERKANSTEAM, "Samverkansteam", 4),
    (TeamKind.OPERATIV_ARBETSGRUPP, "Operativ arbetsgrupp", 7),
    (TeamKind.STYRGRUPP, "Styrgrupp", 13),
)


def teams_create(worlds: list[ForbundWorld], *, with_ips: set[int]) -> None:
    """The förbund's teams, an IPS team (weekly) where the förbund runs IPS, and a seat for
    every party in each (the administrator coordinates)."""
    teams: list[Team] = []
    for world in worlds:
        kinds = list(_TEAMS)
        if world.forbund.pk in with_ips:
            kinds.append((TeamKind.IPS_TEAM, "IPS-team", 1))
        teams += [
            Team(forbund=world.forbund, kind=kind, name=name, meeting_interval_weeks=weeks)
            for kind, name, weeks in kinds
        ]
    teams = Team.objects.bulk_create(teams)
    by_forbund: dict[int, list[Team]] = {}
    for team in teams:
        by_forbund.setdefault(team.forbund_id, []).append(team)
    seats: list[TeamMember] = []
    for world in worlds:
        world.teams = by_forbund[world.forbund.pk]
        for team in world.teams:
            for position, party in enumerate(world.parties):
                if position == 0:
                    seats.append(
                        TeamMember(team=team, party=party, user=world.admin, is_coordinator=True)
                    )
                else:
                    seats.append(
                        TeamMember(
                            team=team,
                            party=party,
                            name=f"Kontaktperson {party.name}",
                            function="Handläggare",
                        )
                    )
    # Few seats: the field encrypts the names itself.
    TeamMember.objects.bulk_create(seats)
    by_id = {world.forbund.pk: world for world in worlds}
    for seat in seats:
        by_id[seat.team.forbund_id].team_members.setdefault(seat.team_id, []).append(seat)
