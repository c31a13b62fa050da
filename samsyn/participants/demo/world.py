"""What the demo seeding of one intervention works with: its structure, people and dates."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile

from samsyn.core.models import Party, Team, User
from samsyn.interventions.models import (
    ActivityType,
    Intervention,
    LadderStep,
    Phase,
    ProgressionIndicator,
)
from samsyn.participants.demo.cast import HANDLAGGARE, Kind, Story

LEAD = "insatsansvarig"

# A one-page PDF saying what it is: the demo's "signed consent form".
CONSENT_PDF = (
    b"%PDF-1.4\n"
    b"1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
    b"3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
    b"/Resources << /Font << /F1 5 0 R >> >> >> endobj\n"
    b"4 0 obj << /Length 63 >> stream\n"
    b"BT /F1 18 Tf 72 760 Td (Samtycke - demoblankett, fiktiv) Tj ET\n"
    b"endstream endobj\n"
    b"5 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj\n"
    b"trailer << /Root 1 0 R >>\n%%EOF\n"
)


def consent_document() -> SimpleUploadedFile:
    return SimpleUploadedFile("samtycke.pdf", CONSENT_PDF, content_type="application/pdf")


@dataclass(frozen=True)
class DemoWorld:
    """One intervention as the seeding sees it. ``today`` is fixed once per run."""

    today: datetime.date
    intervention: Intervention
    kind: Kind
    kind_index: int
    letter: str
    parties: dict[str, Party]
    users: dict[str, User]
    teams: dict[str, Team]
    phases: list[Phase]
    ladder: list[LadderStep]
    indicators: list[ProgressionIndicator]
    activity_types: dict[str, ActivityType]

    @property
    def lead(self) -> User:
        return self.users[LEAD]

    def coach_of(self, story: Story) -> User:
        return self.users[story.coach]

    def weeks_ago(self, weeks: float) -> datetime.date:
        return self.today - datetime.timedelta(days=round(weeks * 7))

    def start_of(self, story: Story) -> datetime.date:
        """The registration's start: ``weeks_ago``, but never before the intervention."""
        earliest = self.intervention.start_date + datetime.timedelta(days=3)
        return max(self.weeks_ago(story.weeks_ago), earliest)

    def end_of(self, story: Story) -> datetime.date | None:
        if not story.weeks_in:
            return None
        end = self.start_of(story) + datetime.timedelta(weeks=story.weeks_in)
        return min(end, self.today - datetime.timedelta(days=1))

    def referrer_of(self, story: Story) -> tuple[User, Party]:
        """Who refers: the demo handläggare for Försäkringskassan, or the coach entering a
        referral on a party's behalf."""
        if story.referrer == HANDLAGGARE:
            return self.users[HANDLAGGARE], self.parties["fk"]
        return self.coach_of(story), self.parties[story.referrer]

    def team_of(self, story: Story) -> Team | None:
        if story.referrer == HANDLAGGARE:
            return self.teams.get("Trisam-team Exempeldalen") if story.number % 2 else None
        return self.teams.get(TEAM_OF_PARTY.get(story.referrer, ""))


TEAM_OF_PARTY = {
    "alvby": "Samverkansteam Älvby",
    "granberga": "Samverkansteam Granberga",
    "sjotorp": "Samverkansteam Sjötorp",
    "af": "LOKUS Exempeldalen",
}
