"""Request and response bodies of the claims and utilisation API."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Annotated, Literal

from ninja import Schema
from pydantic import AfterValidator, Field

from samsyn.participants.api.schemas import MAX_ID, Day, In, Version, printable

Amount = Annotated[
    Decimal, Field(ge=0, le=Decimal("9999999999.99"), max_digits=12, decimal_places=2)
]
Text = Annotated[str, Field(max_length=2000), AfterValidator(printable)]


class ClaimIn(In):
    intervention_id: int = Field(ge=1, le=MAX_ID)
    period_from: Day
    period_to: Day
    claimed_amount: Amount
    comment: Text = ""


class ClaimVersionIn(In):
    version: Version


class ClaimDecisionIn(In):
    version: Version
    outcome: Literal["godkand", "justerad", "avslagen"]
    approved_amount: Amount | None = Field(None, description="Only for 'justerad'.")
    reason: Text = Field("", description="Required for 'justerad' and 'avslagen'.")


class ClaimPaymentIn(In):
    version: Version
    paid_amount: Amount
    paid_on: Day


class ClaimOut(Schema):
    id: int
    version: int
    intervention_id: int
    year: int
    period_from: datetime.date
    period_to: datetime.date
    status: str
    cost_basis: Decimal
    claimed_amount: Decimal
    approved_amount: Decimal | None
    adjustment_reason: str
    paid_amount: Decimal | None
    paid_on: datetime.date | None
    comment: str
    submitted_on: datetime.date | None
    decided_on: datetime.date | None


class ClaimFilters(Schema):
    intervention: int | None = Field(None, ge=1, le=MAX_ID, description="Only this intervention.")
    status: Literal["utkast", "inskickad", "godkand", "justerad", "avslagen", "utbetald"] | None = (
        None
    )


class UtilisationOut(Schema):
    intervention_id: int
    intervention: str
    year: int
    granted: Decimal
    claimed: Decimal
    approved: Decimal
    paid: Decimal
    remaining: Decimal = Field(
        description="granted − (approved of decided claims + claimed of claims awaiting a decision)"
    )
    forbund_costs: Decimal


class UtilisationFilters(Schema):
    year: int | None = Field(None, ge=2000, le=2100)
