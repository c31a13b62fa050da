"""IPS's part of a participant's personal data, for retention and the register extract.

Registered in ``IpsConfig.ready`` with samsyn.participants.personal_data. Retention clears
the career profile's free text, the benefits counselling's note and adviser, and the free
text of employer contacts made for the participant; the SSYK/SNI codes, places, hours,
dates and kinds stay, so the IPS outcomes are unchanged (docs/data-lifecycle.md)."""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import F, Subquery
from django.db.models.functions import TruncDate

from samsyn.ips.models import BenefitsCounselling, CareerProfile, EmployerContact
from samsyn.participants.personal_data import (
    ExtractSection,
    PersonalDataHolder,
    latest_date,
    register_holder,
    section_of,
)

CAREER_TEXT_FIELDS = (
    "interests",
    "interests_in_common",
    "interests_in_jobs",
    "in_five_years",
    "ordinary_day",
    "life_goals",
    "wanted_help",
    "work_history",
    "education_history",
    "strengths",
    "disclosure",
)


def ips_last_entries() -> Sequence[Subquery]:
    return [
        latest_date(CareerProfile, TruncDate("updated_at")),
        latest_date(BenefitsCounselling, "offered_on"),
        latest_date(BenefitsCounselling, "given_on"),
        latest_date(EmployerContact, "contacted_on"),
    ]


def ips_personal_data_clear(registration_ids: Sequence[int]) -> int:
    if not registration_ids:
        return 0
    by_registration = {"registration_id__in": registration_ids}
    bump = {"version": F("version") + 1}
    changed = CareerProfile.objects.filter(**by_registration).update(
        **dict.fromkeys(CAREER_TEXT_FIELDS, ""), **bump
    )
    changed += BenefitsCounselling.objects.filter(**by_registration).update(
        note="", given_by="", **bump
    )
    changed += EmployerContact.objects.filter(**by_registration).update(
        purpose="", outcome="", next_step=""
    )
    return changed


def ips_personal_data_extract(registration_ids: Sequence[int]) -> list[ExtractSection]:
    by_registration = {"registration_id__in": registration_ids}
    profiles = CareerProfile.objects.filter(**by_registration).select_related(
        "registration", "updated_by"
    )
    counselling = BenefitsCounselling.objects.filter(**by_registration).select_related(
        "registration", "given_by_party", "recorded_by"
    )
    contacts = EmployerContact.objects.filter(**by_registration).select_related(
        "employer", "coach", "intervention", "registration"
    )
    return [
        section_of("ips_career_profile", "Karriärprofil (IPS)", list(profiles)),
        section_of("ips_benefits_counselling", "Bidragsrådgivning (IPS)", list(counselling)),
        section_of("ips_employer_contacts", "Arbetsgivarkontakter (IPS)", list(contacts)),
    ]


def register() -> None:
    register_holder(
        PersonalDataHolder(
            name="ips",
            cleared=(
                "karriärprofilens fritext, bidragsrådgivningens anteckning och rådgivare, "
                "syfte, resultat och nästa steg i arbetsgivarkontakter för deltagaren"
            ),
            last_entries=ips_last_entries,
            clear=ips_personal_data_clear,
            extract=ips_personal_data_extract,
        )
    )
