"""What ``generate_synthetic`` makes, and the distributions it draws from.

The numbers are choices for a realistic load, not statistics of real people. Where a number
follows a source, the source is named; docs/performance.md ("Synthetic data") lists them.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class SyntheticOptions:
    forbund: int = 80
    interventions: int = 1100
    registrations: int = 300_000
    seed: int = 1
    # Every date is drawn relative to this day, so a run on another day makes the same data
    # shifted in time; a test passes a fixed day.
    today: datetime.date = datetime.date(2026, 1, 1)


def pick(rng: random.Random, weighted: Sequence[tuple[T, float]]) -> T:
    """One value of ``(value, weight)`` pairs."""
    values = [value for value, _weight in weighted]
    weights = [weight for _value, weight in weighted]
    return rng.choices(values, weights)[0]


# Women are a little over half of the participants of individual Finsam interventions in the
# national follow-up (SUS, and its successor Uppföljning Finsam, report them by gender);
# 55 % is the chosen share.
WOMEN_SHARE = 0.55

# Anonymous registrations (no consent or protected identity: only gender and year of entry,
# DOMAIN.md). A realistic minority; the rest are identified with encrypted names and a
# personnummer with its blind index.
ANONYMOUS_SHARE = 0.12

# The target groups an intervention is drawn with: (label, min age, max age, weight).
# Young adults 16/18–29 (seed 001 names 20–29), the broad working age 18–64 (seed 000), and
# an older group 30–64.
TARGET_GROUPS: tuple[tuple[str, int, int, float], ...] = (
    ("unga vuxna 16–29 år", 16, 29, 0.25),
    ("unga vuxna 18–29 år", 18, 29, 0.15),
    ("personer 18–64 år", 18, 64, 0.45),
    ("personer 30–64 år", 30, 64, 0.15),
)

# Methods of an individual intervention (DOMAIN.md): (methods, weight).
METHOD_MIXES: tuple[tuple[tuple[str, ...], float], ...] = (
    (("mi_stegforflyttning",), 0.35),
    (("ips",), 0.2),
    (("supported_employment",), 0.1),
    (("resursinventering",), 0.1),
    (("bip", "mi_stegforflyttning"), 0.1),
    (("act",), 0.05),
    (("ips", "bip"), 0.1),
)

# A share of interventions are structural (training, collaboration models): no participants.
STRUCTURAL_SHARE = 0.12

# Income sources before the intervention (försörjning, DOMAIN.md's list). Försörjningsstöd,
# sickness benefits and activity support dominate in Finsam interventions; weights chosen.
INCOME_BEFORE: tuple[tuple[str, float], ...] = (
    ("forsorjningsstod", 0.28),
    ("sjukpenning", 0.16),
    ("aktivitetsstod", 0.14),
    ("aktivitetsersattning", 0.1),
    ("ingen", 0.08),
    ("a_kassa", 0.05),
    ("sjukersattning", 0.05),
    ("etableringsersattning", 0.04),
    ("lon", 0.03),
    ("studiemedel", 0.02),
    ("annan", 0.05),
)

OCCUPATION_BEFORE: tuple[tuple[str, float], ...] = (
    ("ingen", 0.6),
    ("arbetssokande", 0.25),
    ("studerar", 0.08),
    ("arbetar", 0.07),
)

EDUCATION: tuple[tuple[str, float], ...] = (
    ("forgymnasial", 0.35),
    ("gymnasial", 0.4),
    ("eftergymnasial", 0.12),
    ("okand", 0.13),
)

# Exit reasons and outcomes. The seeds' goals are 30–40 % to work or studies at exit; the
# drawn shares land there.
EXIT_REASONS: tuple[tuple[str, float], ...] = (
    ("fullfoljt", 0.62),
    ("avbrutit", 0.14),
    ("annan_insats", 0.1),
    ("sjukdom", 0.07),
    ("flyttat", 0.05),
    ("felregistrering", 0.02),
)

OUTCOMES: tuple[tuple[str, float], ...] = (
    ("arbete", 0.24),
    ("studier", 0.1),
    ("arbete_studier", 0.03),
    ("arbetssokande", 0.2),
    ("annan_part", 0.22),
    ("sjukersattning", 0.06),
    ("ovrigt", 0.15),
)

# What income follows an outcome at exit.
INCOME_AFTER: dict[str, tuple[tuple[str, float], ...]] = {
    "arbete": (("lon", 0.8), ("forsorjningsstod", 0.1), ("annan", 0.1)),
    "studier": (("studiemedel", 0.8), ("aktivitetsstod", 0.2)),
    "arbete_studier": (("lon", 0.6), ("studiemedel", 0.4)),
    "arbetssokande": (("aktivitetsstod", 0.5), ("a_kassa", 0.2), ("forsorjningsstod", 0.3)),
    "annan_part": (("sjukpenning", 0.4), ("forsorjningsstod", 0.4), ("aktivitetsstod", 0.2)),
    "sjukersattning": (("sjukersattning", 1.0),),
    "ovrigt": (("forsorjningsstod", 0.5), ("ingen", 0.2), ("annan", 0.3)),
}

OCCUPATION_AFTER = {
    "arbete": "arbetar",
    "studier": "studerar",
    "arbete_studier": "arbetar",
    "arbetssokande": "arbetssokande",
}

# Resursinventering's four recommendations, with seed 004's shares (29.5/50/9/11.5 %).
RECOMMENDATIONS: tuple[tuple[str, float], ...] = (
    ("arbetsforberedande", 0.295),
    ("aktivitet", 0.5),
    ("fortsatt_rehabilitering", 0.09),
    ("sjukersattning", 0.115),
)

# Days in the intervention for an ended registration: most between 3 and 18 months.
DURATION_DAYS = (60, 540)

# Caseload per coach (registrations of all time): IPS ≤ 20 per employment specialist by the
# fidelity scale, other interventions from small to large teams; the bench's coach of about
# 200 people is the upper end.
CASELOAD_IPS = (15, 25)
CASELOAD_OTHER = (30, 200)

# Activities per registration: about 16 on average (five million at the national default).
ACTIVITIES_PER_REGISTRATION = (6, 26)

# Common Swedish first names and surnames (SCB, Namnstatistik: the most common names).
FIRST_NAMES = {
    "kvinna": (
        "Anna",
        "Eva",
        "Maria",
        "Karin",
        "Sara",
        "Lena",
        "Kerstin",
        "Emma",
        "Elin",
        "Ingrid",
        "Marie",
        "Malin",
        "Linnea",
        "Johanna",
        "Sofia",
        "Ida",
        "Hanna",
        "Julia",
        "Amanda",
        "Fatima",
    ),
    "man": (
        "Lars",
        "Mikael",
        "Anders",
        "Johan",
        "Erik",
        "Per",
        "Karl",
        "Peter",
        "Jan",
        "Thomas",
        "Daniel",
        "Fredrik",
        "Hans",
        "Andreas",
        "Stefan",
        "Mohammed",
        "Oskar",
        "Ali",
        "Viktor",
        "Emil",
    ),
}
LAST_NAMES = (
    "Andersson",
    "Johansson",
    "Karlsson",
    "Nilsson",
    "Eriksson",
    "Larsson",
    "Olsson",
    "Persson",
    "Svensson",
    "Gustafsson",
    "Pettersson",
    "Jonsson",
    "Jansson",
    "Hansson",
    "Bengtsson",
    "Jönsson",
    "Lindberg",
    "Jakobsson",
    "Magnusson",
    "Lindström",
    "Olofsson",
    "Lindqvist",
    "Lindgren",
    "Berg",
    "Axelsson",
    "Bergström",
    "Lundberg",
    "Lind",
    "Lundgren",
    "Mattsson",
    "Ahmed",
    "Hassan",
    "Mohamed",
    "Ali",
)
