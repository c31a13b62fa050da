"""The person behind a referral or registration: found, created, or made anonymous.

Rules (DOMAIN.md, step 2): a person with protected identity (skyddade personuppgifter) or
without consent is registered anonymously, and then no identifying data is stored at all:
no personnummer, no blind index, no names, no contact details. An anonymous person keeps
gender, birth year and home municipality (report dimensions); with protected identity even
the municipality is left out, since it points at where the person lives.

A person with a personnummer is one row per förbund, found again through the blind index.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from samsyn.core.kommuner import MUNICIPALITIES
from samsyn.core.models import Forbund
from samsyn.core.personnummer import Personnummer, personnummer_blind_index
from samsyn.participants.models import Gender, Person, Referral
from samsyn.participants.services.codes import person_create

OLDEST_BIRTH_YEAR = 1900


@dataclass(frozen=True)
class PersonDetails:
    """Who is referred or registered, as entered on a form, in the API or in an import."""

    personnummer: Personnummer | None = None
    first_name: str = ""
    last_name: str = ""
    gender: str = ""
    birth_year: int | None = None
    home_municipality_code: str = ""
    anonymous: bool = False
    protected_identity: bool = False

    @property
    def without_identity(self) -> bool:
        return self.anonymous or self.protected_identity


def validate_person_details(details: PersonDetails) -> None:
    """Raise a ValidationError keyed by field with every problem of ``details``."""
    errors: dict[str, str] = {}
    if details.without_identity:
        if details.personnummer is not None or details.first_name or details.last_name:
            errors["personnummer"] = _(
                "Lämna personnummer och namn tomma när personen skrivs in utan identitet."
            )
        if not details.gender:
            errors["gender"] = _("Ange kön när personen skrivs in utan identitet.")
        if details.birth_year is None:
            errors["birth_year"] = _("Ange födelseår när personen skrivs in utan identitet.")
    elif details.personnummer is None:
        errors["personnummer"] = _(
            "Ange personnummer eller samordningsnummer, eller välj att skriva in personen anonymt."
        )
    if details.gender and details.gender not in Gender.values:
        errors["gender"] = _("Välj kvinna eller man.")
    this_year = timezone.localdate().year
    if details.birth_year is not None and not OLDEST_BIRTH_YEAR <= details.birth_year <= this_year:
        errors["birth_year"] = _("Ange ett födelseår mellan %(first)d och %(last)d.") % {
            "first": OLDEST_BIRTH_YEAR,
            "last": this_year,
        }
    code = details.home_municipality_code
    if code and code not in MUNICIPALITIES:
        errors["home_municipality_code"] = _("Okänd kommun: välj en av Sveriges kommuner.")
    if errors:
        raise ValidationError(errors)


def person_resolve(*, forbund: Forbund, details: PersonDetails) -> Person:
    """The förbund's person with this personnummer (completed with new details), or a new
    person; always a new row for someone without identity. Call validate_person_details
    first."""
    if details.protected_identity:
        return person_create(
            forbund=forbund,
            is_anonymous=True,
            protected_identity=True,
            gender=details.gender,
            birth_year=details.birth_year,
        )
    if details.anonymous:
        return person_create(
            forbund=forbund,
            is_anonymous=True,
            gender=details.gender,
            birth_year=details.birth_year,
            home_municipality_code=details.home_municipality_code,
        )
    pnr = details.personnummer
    assert pnr is not None  # validate_person_details guarantees it
    index = personnummer_blind_index(pnr)
    person = Person.objects.select_for_update().filter(forbund=forbund, personnummer_index=index)
    existing = person.first()
    if existing is None:
        return person_create(
            forbund=forbund,
            personnummer=pnr.digits,
            personnummer_index=index,
            first_name=details.first_name,
            last_name=details.last_name,
            gender=pnr.legal_gender,
            birth_year=pnr.birth_year,
            home_municipality_code=details.home_municipality_code,
        )
    return _complete(existing, details)


def _complete(person: Person, details: PersonDetails) -> Person:
    """Fill in what the förbund did not know yet; a name on record is not overwritten by
    someone who may not even see the person."""
    changed: list[str] = []
    for field in ("first_name", "last_name"):
        if not getattr(person, field) and getattr(details, field):
            setattr(person, field, getattr(details, field))
            changed.append(field)
    if details.home_municipality_code and (
        details.home_municipality_code != person.home_municipality_code
    ):
        person.home_municipality_code = details.home_municipality_code
        changed.append("home_municipality_code")
    if changed:
        person.save(update_fields=changed)
    return person


_IDENTITY_FIELDS = ("personnummer", "personnummer_index", "first_name", "last_name", "phone")


def person_without_identity(*, person: Person, referral: Referral | None) -> Person:
    """The anonymous person a registration without consent is made for.

    When the identified person exists only for this referral, its identity is erased in
    place; when the förbund knows the person from other referrals or registrations, a new
    anonymous person is made (and the referral moved to it), so the identity stays only
    where a consent or another referral justifies it.
    """
    if person.is_anonymous:
        return person
    other_referrals = person.referrals.all()
    if referral is not None:
        other_referrals = other_referrals.exclude(pk=referral.pk)
    others = other_referrals.exists() or person.registrations.exists() or person.consents.exists()
    if not others:
        for field in (*_IDENTITY_FIELDS, "email"):
            setattr(person, field, "")
        person.is_anonymous = True
        person.save(update_fields=[*_IDENTITY_FIELDS, "email", "is_anonymous"])
        return person
    anonymous = person_create(
        forbund_id=person.forbund_id,
        is_anonymous=True,
        gender=person.gender,
        birth_year=person.birth_year,
        home_municipality_code=person.home_municipality_code,
    )
    if referral is not None:
        Referral.objects.filter(pk=referral.pk).update(person=anonymous, version=F("version") + 1)
        referral.person = anonymous
        referral.version += 1
    return anonymous
