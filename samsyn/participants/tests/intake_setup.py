"""Shared set-up for the intake tests: test numbers, uploads, a referred and registered person."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from samsyn.conftest import World
from samsyn.core.models import Party, User
from samsyn.core.personnummer import personnummer_check_digit
from samsyn.interventions.models import Intervention, Phase
from samsyn.participants.models import Consent, Referral, Registration
from samsyn.participants.tests.factories import (
    ConsentFactory,
    ReferralFactory,
    RegistrationFactory,
)

PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"
JPEG_BYTES = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 32
PNG_BYTES = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 32


def fake_personnummer(first_eleven: str) -> str:
    """A valid fictional personnummer ``YYYYMMDD-NNNC`` from its first eleven digits."""
    check = personnummer_check_digit(first_eleven)
    return f"{first_eleven[:8]}-{first_eleven[8:]}{check}"


# A woman born 1985-03-15 (second to last digit 8 is even) and a man born 1990-01-01.
PNR_WOMAN = fake_personnummer("19850315238")
PNR_MAN = fake_personnummer("19900101239")
PNR_CHILD = fake_personnummer("20100505123")


def upload(
    content: bytes = PDF_BYTES,
    name: str = "Kim Testsson samtycke.pdf",
    content_type: str = "application/pdf",
) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def today() -> datetime.date:
    return timezone.localdate()


def days(n: int) -> datetime.date:
    return today() + datetime.timedelta(days=n)


@pytest.fixture(name="media")
def media_fixture(settings, tmp_path):
    """Uploads go to a fresh MEDIA_ROOT; the fixture is the directory."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


def add_phases(intervention: Intervention) -> list[Phase]:
    names = ["Kartläggning", "Aktivitet", "Prövning", "Avslut"]
    return [
        Phase.objects.create(intervention=intervention, name=name, order=order)
        for order, name in enumerate(names, start=1)
    ]


def referral_of(
    world: World,
    *,
    by: str = "handlaggare",
    party: Party | None = None,
    status: str = "pending",
    **kwargs: object,
) -> Referral:
    return ReferralFactory(
        intervention=kwargs.pop("intervention", world.intervention),
        referring_party=party or world.kommun,
        referred_by=kwargs.pop("referred_by", world[by]),
        status=status,
        **kwargs,
    )


def consent_for(
    referral: Referral,
    *,
    parties: list[Party],
    valid_from: datetime.date | None = None,
    valid_to: datetime.date | None = None,
    withdrawn_on: datetime.date | None = None,
) -> Consent:
    return ConsentFactory(
        person=referral.person,
        intervention=referral.intervention,
        parties=parties,
        valid_from=valid_from or days(-30),
        valid_to=valid_to,
        withdrawn_on=withdrawn_on,
    )


def registered(
    referral: Referral, *, consent: Consent | None, coach: User | None = None
) -> Registration:
    referral.status = "accepted"
    referral.save(update_fields=["status"])
    return RegistrationFactory(
        intervention=referral.intervention,
        person=referral.person,
        referral=referral,
        consent=consent,
        coach=coach,
        referring_party=referral.referring_party,
        start_date=days(-20),
    )
