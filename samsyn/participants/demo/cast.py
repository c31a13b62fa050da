"""The demo participants of Exempeldalen: who they are and how far each has come.

Every person here is invented. Names are made up to be obviously fictional (Testsson,
Provberg, Exempeldal, …). Personnummer are valid (date and Luhn check digit) but use the
födelsenummer 980–999, the series Skatteverket's published test personnummer are taken
from; whatever the series, none of them belongs to the demo's people, who do not exist.

Each intervention gets the same thirty stories (``STORIES``), one per stage of the journey
of DOMAIN.md, adapted to the intervention in ``stories_for``: a resource inventory is short
and ends with a recommendation; IPS aims at competitive jobs. Dates are weeks before the
day the demo is seeded, so the demo always looks current.
"""

from __future__ import annotations

import dataclasses
import datetime
from dataclasses import dataclass
from enum import StrEnum

from django.utils import timezone

from samsyn.core.demo_data import INVENTORY_SLUG, IPS_SLUG, STEP_SLUG
from samsyn.core.kommuner import MUNICIPALITIES
from samsyn.core.personnummer import personnummer_check_digit
from samsyn.interventions.demo import INTERVENTIONS
from samsyn.participants.models import ExitReason, Outcome, StartForm, StartKind
from samsyn.participants.services.exit import OUTCOMES_WITHOUT_PLAN

# The demo handläggare (Försäkringskassan) refers these people itself.
HANDLAGGARE = "handlaggare"
COACH = "coach"
SECOND_COACH = "elin.sjoberg"


class Kind(StrEnum):
    """What kind of intervention a story is told in."""

    IPS = "ips"
    STEPS = "steg"
    INVENTORY = "resursinventering"


class Stage(StrEnum):
    PENDING = "pending"  # referred, waiting for a decision
    DECLINED = "declined"
    ACCEPTED = "accepted"  # accepted, consent recorded, not yet registered
    ONGOING = "ongoing"
    EXITED = "exited"


class Identity(StrEnum):
    CONSENT = "consent"  # identified, with a written consent
    ANONYMOUS = "anonymous"  # referred by personnummer, registered without consent
    PROTECTED = "protected"  # skyddade personuppgifter: never identified at all


@dataclass(frozen=True)
class StartSpec:
    """A job or study start."""

    kind: StartKind
    form: StartForm
    employer: str
    hours_per_week: int = 20
    competitive: bool = False


@dataclass(frozen=True)
class Story:
    number: int
    stage: Stage
    # Referral date for stories that end before registration, otherwise the start date.
    weeks_ago: int
    referrer: str = HANDLAGGARE  # the demo handläggare, or a party key entered by the staff
    coach: str = COACH
    identity: Identity = Identity.CONSENT
    consent_parties: tuple[str, ...] = ("fk", "af", "region")
    current_at: tuple[str, ...] = ("fk", "af")
    weeks_in: int = 0  # exited: weeks from start to exit
    reason: ExitReason | None = None
    outcome: Outcome | None = None
    start: StartSpec | None = None
    overdue: bool = False  # the latest follow-up meetings were missed
    post_exit_recorded: tuple[int, ...] = ()  # months after exit already followed up
    post_exit_unreached: bool = False
    withdrawn_weeks_ago: int | None = None  # the consent was withdrawn
    decline_reason: str = ""

    def key(self, letter: str) -> str:
        """The person's pseudonymous code: stable, and never one ``new_pseudonym`` makes
        (its alphabet has no O, 0 or 1), so it can mark the demo's people."""
        return f"D-DEMO{letter}{self.number:02d}"


JOB = StartSpec(StartKind.ARBETE, StartForm.OSUBVENTIONERAD, "Exempeldalens Bygg AB", 30, True)
PART_TIME_JOB = StartSpec(StartKind.ARBETE, StartForm.TIMANSTALLNING, "Café Provsmak", 15, True)
WAGE_SUBSIDY = StartSpec(StartKind.ARBETE, StartForm.LONEBIDRAG, "Älvby Second hand", 25)
STUDIES = StartSpec(StartKind.STUDIER, StartForm.KOMVUX, "Komvux Exempeldalen", 20)
FOLK_HIGH_SCHOOL = StartSpec(StartKind.STUDIER, StartForm.FOLKHOGSKOLA, "Dalens folkhögskola", 40)

E = Stage.EXITED
STORIES: tuple[Story, ...] = (
    # Referrals still on their way in.
    Story(1, Stage.PENDING, 0),
    Story(2, Stage.PENDING, 1, referrer="af", current_at=("af",)),
    Story(3, Stage.PENDING, 2, current_at=("fk",)),
    Story(4, Stage.DECLINED, 6, referrer="alvby", decline_reason="Behöver i första hand vård."),
    Story(5, Stage.DECLINED, 10, decline_reason="Har redan en arbetslivsinriktad insats hos AF."),
    Story(6, Stage.ACCEPTED, 1, referrer="granberga", consent_parties=("granberga", "af")),
    # Ongoing registrations, from the first weeks to the last.
    Story(7, Stage.ONGOING, 1),
    Story(8, Stage.ONGOING, 2, referrer="af", identity=Identity.ANONYMOUS),
    Story(9, Stage.ONGOING, 4, referrer="alvby", coach=SECOND_COACH),
    Story(10, Stage.ONGOING, 8),
    Story(11, Stage.ONGOING, 14, referrer="sjotorp", coach=SECOND_COACH),
    Story(12, Stage.ONGOING, 20, overdue=True),
    Story(13, Stage.ONGOING, 26, referrer="region", identity=Identity.PROTECTED),
    Story(14, Stage.ONGOING, 30, start=JOB),
    Story(15, Stage.ONGOING, 36, referrer="af", coach=SECOND_COACH, overdue=True),
    Story(16, Stage.ONGOING, 40, referrer="alvby", start=STUDIES),
    Story(17, Stage.ONGOING, 44, withdrawn_weeks_ago=3),
    Story(18, Stage.ONGOING, 50, referrer="granberga", identity=Identity.ANONYMOUS),
    Story(19, Stage.ONGOING, 12, referrer="region", consent_parties=("region", "af")),
    # Exited: recently, with post-exit follow-ups due, overdue and recorded.
    Story(20, E, 40, weeks_in=36, reason=ExitReason.FULLFOLJT, outcome=Outcome.ARBETE, start=JOB),
    Story(
        21, E, 30, referrer="af", weeks_in=22, reason=ExitReason.AVBRUTIT, outcome=Outcome.OVRIGT
    ),
    Story(22, E, 20, referrer="sjotorp", weeks_in=2, reason=ExitReason.FELREGISTRERING),
    Story(
        23, E, 50, weeks_in=24, reason=ExitReason.FULLFOLJT, outcome=Outcome.STUDIER, start=STUDIES
    ),
    # Anonymous (no consent): nobody can call, so its exit books no follow-ups after exit.
    Story(
        24,
        E,
        60,
        coach=SECOND_COACH,
        identity=Identity.ANONYMOUS,
        weeks_in=30,
        reason=ExitReason.FLYTTAT,
        outcome=Outcome.OVRIGT,
    ),
    Story(
        25,
        E,
        70,
        referrer="alvby",
        weeks_in=30,
        reason=ExitReason.ANNAN_INSATS,
        outcome=Outcome.ANNAN_PART,
        post_exit_recorded=(6,),
    ),
    Story(
        26,
        E,
        80,
        weeks_in=36,
        reason=ExitReason.SJUKDOM,
        outcome=Outcome.SJUKERSATTNING,
        post_exit_recorded=(6,),
        post_exit_unreached=True,
    ),
    Story(
        27,
        E,
        90,
        weeks_in=30,
        reason=ExitReason.FULLFOLJT,
        outcome=Outcome.ARBETE,
        start=PART_TIME_JOB,
        post_exit_recorded=(6, 12),
    ),
    Story(
        28,
        E,
        84,
        referrer="af",
        coach=SECOND_COACH,
        weeks_in=24,
        reason=ExitReason.FULLFOLJT,
        outcome=Outcome.ARBETSSOKANDE,
        post_exit_recorded=(6, 12),
    ),
    Story(
        29,
        E,
        75,
        referrer="granberga",
        weeks_in=20,
        reason=ExitReason.FULLFOLJT,
        outcome=Outcome.ARBETE,
        start=WAGE_SUBSIDY,
        post_exit_recorded=(6,),
    ),
    Story(
        30,
        E,
        20,
        coach=SECOND_COACH,
        weeks_in=19,
        reason=ExitReason.FULLFOLJT,
        outcome=Outcome.ARBETE_OCH_STUDIER,  # studies at the folk high school, and a job
        start=FOLK_HIGH_SCHOOL,
    ),
)

# A resource inventory lasts about ten weeks and ends with a recommendation.
INVENTORY_MAX_WEEKS = 12


def stories_for(kind: Kind) -> tuple[Story, ...]:
    """The stories as told in an intervention of ``kind``."""
    if kind is Kind.STEPS:
        # This intervention asks that the person is current at two parties: story 3 is
        # not, and its referral carries the acknowledged warning.
        return STORIES
    if kind is Kind.IPS:
        return tuple(_as_ips(story) for story in STORIES)
    return tuple(_as_inventory(story) for story in STORIES)


def _as_ips(story: Story) -> Story:
    # IPS aims at ordinary jobs: a job start, where there is one, is competitive.
    if story.start is not None and story.start.kind == StartKind.ARBETE:
        return dataclasses.replace(story, start=JOB if story.number % 2 else PART_TIME_JOB)
    return story


def _as_inventory(story: Story) -> Story:
    if story.stage is Stage.ONGOING:
        return dataclasses.replace(
            story, weeks_ago=min(story.weeks_ago, INVENTORY_MAX_WEEKS - 1), start=None
        )
    if story.stage is Stage.EXITED:
        weeks_in = min(story.weeks_in, INVENTORY_MAX_WEEKS)
        start = story.start if story.outcome in OUTCOMES_WITHOUT_PLAN else None
        return dataclasses.replace(story, weeks_in=weeks_in, start=start)
    return story


# --- Who the people are ---------------------------------------------------------------------

WOMEN = (
    "Anna", "Britt", "Cecilia", "Dalia", "Emma", "Fatima", "Greta", "Hanna", "Ida", "Jasmin",
    "Karin", "Lina", "Maja", "Nora", "Olivia", "Petra", "Rut", "Sara", "Tove", "Vera",
)  # fmt: skip
MEN = (
    "Adam", "Bo", "Carl", "David", "Erik", "Farid", "Gustav", "Hugo", "Isak", "Jonas",
    "Karl", "Leo", "Mats", "Nils", "Omar", "Per", "Rasmus", "Sven", "Tim", "Viktor",
)  # fmt: skip
SURNAMES = (
    "Testsson", "Provberg", "Exempeldal", "Demoqvist", "Låtsasgren", "Fiktivsson",
    "Påhittström", "Provlund", "Testholm", "Övningsson", "Exempelby", "Demovik",
    "Provström", "Testlund", "Fiktivberg", "Låtsasby", "Exempelsson", "Demoberg",
    "Provqvist", "Testgren", "Påhittsson", "Övningsberg", "Låtsaslund",
)  # fmt: skip

# Where the people live: for the step-by-step intervention mostly where its places are.
HOME_MUNICIPALITIES = {
    Kind.IPS: ("1780", "1783", "1763", "1762", "1784", "1715"),
    Kind.STEPS: ("1783", "1763", "1783", "1762", "1763", "1780"),
    Kind.INVENTORY: ("1780", "1766", "1737", "1783", "1765", "1760"),
}
assert all(code in MUNICIPALITIES for codes in HOME_MUNICIPALITIES.values() for code in codes)

# Seed 001 (Landskrona, "Ett riktigt jobb"): one IPS participant is a young adult in LSS daily
# activity with aktivitetsersättning that ends at 30. Born 29 years and 8 months before the
# demo is seeded, so the end is always four months ahead (samsyn/participants/demo/lss.py).
LSS_STORY = 16
LSS_AGE_MONTHS = 29 * 12 + 8


def is_lss_story(story: Story, kind: Kind) -> bool:
    return kind is Kind.IPS and story.number == LSS_STORY


def _months_before(day: datetime.date, months: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 - months
    return datetime.date(index // 12, index % 12 + 1, min(day.day, 28))


# --- How old they are ------------------------------------------------------------------------
#
# Each person's age at referral fits the target group of the intervention (TARGET_AGES, from
# samsyn/interventions/demo.py) and what the referral says about them (REASONS and
# INCOMES_BEFORE in intake.py, chosen by the story's number): "Ung vuxen …" and
# "Aktivitetsersättning som snart upphör" are young adults, and so is anyone whose income
# before is aktivitetsersättning, which is paid from 19 up to 30 (socialförsäkringsbalken
# 33 kap.; Försäkringskassan). Everyone else in the broad interventions is 30–63.
YOUNG_ADULT_AGES = (19, 29)
YOUNG_REASONS = frozenset({2, 3})  # REASONS indexes: "Ung vuxen …", "Aktivitetsersättning …"
REASON_COUNT = 5  # len(intake.REASONS)
INCOME_COUNT = 6  # len(intake.INCOMES_BEFORE)
YOUNG_INCOMES = frozenset({2})  # INCOMES_BEFORE index of aktivitetsersättning
ENDING_SOON_REASON = 3  # "Aktivitetsersättning som snart upphör": 28 at referral


def _target_ages() -> dict[Kind, tuple[int, int]]:
    by_slug = {spec.slug: spec.target_ages for spec in INTERVENTIONS}
    return {
        Kind.IPS: by_slug[IPS_SLUG],
        Kind.STEPS: by_slug[STEP_SLUG],
        Kind.INVENTORY: by_slug[INVENTORY_SLUG],
    }


TARGET_AGES = _target_ages()


def reason_index(story: Story) -> int:
    return story.number % REASON_COUNT


def income_index(story: Story) -> int:
    return story.number % INCOME_COUNT


def is_young_adult(story: Story, kind: Kind) -> bool:
    """What the referral says makes the person a young adult (19–29)."""
    high = TARGET_AGES[kind][1]
    return (
        high <= YOUNG_ADULT_AGES[1]
        or reason_index(story) in YOUNG_REASONS
        or income_index(story) in YOUNG_INCOMES
    )


def age_at_referral(story: Story, kind: Kind) -> int:
    """Whole years at referral. At most one below the top of the range, so that the age the
    reports count (the year minus the birth year) stays within it as well."""
    low, high = TARGET_AGES[kind]
    if is_young_adult(story, kind):
        low, high = max(low, YOUNG_ADULT_AGES[0]), min(high, YOUNG_ADULT_AGES[1])
        if reason_index(story) == ENDING_SOON_REASON:
            return high - 1
    else:
        low = max(low, YOUNG_ADULT_AGES[1] + 1)
    span = high - low  # ages low … high - 1
    return low + (story.number * 7 + int(kind is Kind.INVENTORY) * 3) % span


@dataclass(frozen=True)
class DemoIdentity:
    first_name: str
    last_name: str
    gender: str
    personnummer: str  # YYYYMMDD-NNNC
    birth_year: int
    home_municipality_code: str


def lss_birth_date() -> datetime.date:
    return _months_before(timezone.localdate(), LSS_AGE_MONTHS)


BIRTHDAY_STEP_DAYS = 4  # person n is born on day 4n of a year: distinct birthdays


def birth_date_of(
    story: Story, *, kind: Kind, person_index: int, referred_on: datetime.date
) -> datetime.date:
    """Born ``age_at_referral`` whole years before ``referred_on``.

    The birthday is day ``4 × person_index`` of the year (index 1–90), so no two demo
    people share a birth date; the year is chosen so that the age holds on the referral's
    day. Seed 001's LSS participant is aged from today instead (``LSS_AGE_MONTHS``); anyone
    who would share that birthday is born two days earlier, off the grid.
    """
    if is_lss_story(story, kind):
        return lss_birth_date()
    age = age_at_referral(story, kind)
    offset = datetime.timedelta(days=BIRTHDAY_STEP_DAYS * person_index)
    born = datetime.date(referred_on.year - age, 1, 1) + offset
    if (born.month, born.day) > (referred_on.month, referred_on.day):
        born = datetime.date(referred_on.year - age - 1, 1, 1) + offset
    if born == lss_birth_date():
        born -= datetime.timedelta(days=2)
    return born


def identity_of(
    story: Story, *, kind: Kind, kind_index: int, referred_on: datetime.date
) -> DemoIdentity:
    """The person of ``story`` in the ``kind_index``-th intervention, referred on
    ``referred_on``: the same person for the same day."""
    person_index = kind_index * len(STORIES) + story.number
    woman = story.number % 2 == 1
    first_names = WOMEN if woman else MEN
    born = birth_date_of(story, kind=kind, person_index=person_index, referred_on=referred_on)
    # Födelsenummer 980–999: the third digit is even for women and odd for men.
    serial = 980 + 2 * (person_index % 10) + (0 if woman else 1)
    first_eleven = f"{born:%Y%m%d}{serial:03d}"
    check = personnummer_check_digit(first_eleven)
    homes = HOME_MUNICIPALITIES[kind]
    return DemoIdentity(
        first_name=first_names[(person_index * 7) % len(first_names)],
        last_name=SURNAMES[(person_index * 5) % len(SURNAMES)],
        gender="kvinna" if woman else "man",
        personnummer=f"{first_eleven[:8]}-{first_eleven[8:]}{check}",
        birth_year=born.year,
        home_municipality_code=homes[story.number % len(homes)],
    )
