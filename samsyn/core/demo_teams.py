"""The teams of the fictional Samordningsförbundet Exempeldalen (see demo_data.py).

Plain constants: who sits in which team, by party and function. Seats without a log-in are
named people with fictional e-mail addresses and phone numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

from samsyn.core.models import TeamKind

EMAIL_DOMAIN = "exempeldalen.example"


@dataclass(frozen=True)
class MemberSpec:
    """A team seat: a demo user (``user``) or a named person without a log-in."""

    party: str  # PartySpec.key
    function: str
    user: str | None = None  # DemoUserSpec.username
    name: str = ""
    email: str = ""
    phone: str = ""
    # The team's coordinator (a seat held by a user; docs/collaboration.md).
    coordinator: bool = False


@dataclass(frozen=True)
class TeamSpec:
    name: str
    kind: TeamKind
    description: str
    meeting_interval_weeks: int | None
    members: tuple[MemberSpec, ...]


def _person(party: str, function: str, name: str, mailbox: str, phone_suffix: int) -> MemberSpec:
    """A team member without a log-in. Phone numbers come from the series PTS reserves for
    fiction (070-174 06 05 – 070-174 06 99), so nobody real is ever called."""
    return MemberSpec(
        party=party,
        function=function,
        name=name,
        email=f"{mailbox}@{party}.{EMAIL_DOMAIN}",
        phone=f"070-174 06 {phone_suffix:02d}",
    )


def _samverkansteam(kommun: str, label: str, first_phone: int, people: tuple[str, ...]) -> TeamSpec:
    social, fk_person, af_person = people
    return TeamSpec(
        name=f"Samverkansteam {label}",
        kind=TeamKind.SAMVERKANSTEAM,
        description=f"Parternas handläggare i {label} träffas och tar upp personer som behöver "
        "samordnat stöd.",
        meeting_interval_weeks=2,
        members=(
            _person(kommun, "Socialsekreterare", social, "socialtjanst", first_phone),
            _person("fk", "Handläggare", fk_person, f"samverkan.{kommun}", first_phone + 1),
            _person("af", "Arbetsförmedlare", af_person, f"samverkan.{kommun}", first_phone + 2),
        ),
    )


TEAMS: tuple[TeamSpec, ...] = (
    TeamSpec(
        name="Trisam-team Exempeldalen",
        kind=TeamKind.TRISAM,
        description="Försäkringskassan, Arbetsförmedlingen och regionen gör gemensam "
        "kartläggning av personer som står långt från arbetsmarknaden.",
        meeting_interval_weeks=4,
        members=(
            MemberSpec("fk", "Handläggare", user="handlaggare", coordinator=True),
            _person("af", "Arbetsförmedlare", "Karin Berg", "karin.berg", 5),
            _person("region", "Arbetsterapeut", "Lars Nyström", "lars.nystrom", 6),
        ),
    ),
    _samverkansteam("alvby", "Älvby", 10, ("Maria Öberg", "Nils Åkesson", "Olivia Sund")),
    _samverkansteam("granberga", "Granberga", 20, ("Per Hedlund", "Rut Falk", "Sara Lund")),
    _samverkansteam("sjotorp", "Sjötorp", 30, ("Tomas Wik", "Ulla Dahl", "Viktor Lönn")),
    TeamSpec(
        name="Operativ arbetsgrupp",
        kind=TeamKind.OPERATIV_ARBETSGRUPP,
        description="Parterna träffas var sjunde vecka och avhandlar gemensamma deltagare; "
        "uteblir en part rapporterar samordnaren det till enhetschefen (seed 001).",
        meeting_interval_weeks=7,
        members=(
            MemberSpec("alvby", "IPS-handledare, samordnare", user="coach", coordinator=True),
            _person("fk", "Enhetschef", "Åsa Ringdahl", "asa.ringdahl", 40),
            _person("af", "Sektionschef", "Bengt Ivarsson", "bengt.ivarsson", 41),
            _person("alvby", "Enhetschef försörjningsstöd", "Carina Moberg", "carina.moberg", 42),
            _person("region", "Enhetschef rehabilitering", "Dan Engström", "dan.engstrom", 43),
        ),
    ),
    TeamSpec(
        name="IPS-team Exempeldalen",
        kind=TeamKind.IPS_TEAM,
        description="IPS-coacher och regionens psykiatri som arbetar med insatsen "
        "IPS Exempeldalen.",
        meeting_interval_weeks=1,
        members=(
            MemberSpec("region", "Insatsansvarig", user="insatsansvarig", coordinator=True),
            MemberSpec("alvby", "IPS-coach", user="coach"),
            _person("granberga", "IPS-coach", "Elin Sjöberg", "elin.sjoberg", 50),
            _person("region", "Psykiatrisjuksköterska", "Fatima Hassan", "fatima.hassan", 51),
        ),
    ),
    TeamSpec(
        name="Styrgrupp Exempeldalen",
        kind=TeamKind.STYRGRUPP,
        description="Parternas chefer som följer förbundets insatser och beslutar om inriktning.",
        meeting_interval_weeks=8,
        members=(
            MemberSpec("region", "Ordförande", user="styrgrupp"),
            _person("fk", "Områdeschef", "Gunnar Lilja", "gunnar.lilja", 60),
            _person("af", "Områdeschef", "Hanna Kvist", "hanna.kvist", 61),
            _person("alvby", "Socialchef", "Ingrid Malm", "ingrid.malm", 62),
        ),
    ),
    TeamSpec(
        name="LOKUS Exempeldalen",
        kind=TeamKind.LOKUS,
        description="Lokal samverkansgrupp för Försäkringskassan och Arbetsförmedlingen.",
        meeting_interval_weeks=12,
        members=(
            _person("fk", "Samverkansansvarig", "Jonas Blom", "jonas.blom", 70),
            _person("af", "Samverkansansvarig", "Klara Ström", "klara.strom", 71),
        ),
    ),
)
