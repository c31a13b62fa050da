"""The applications of one förbund of the break-in world (samsyn/core/tests/break_in_world.py):
the handläggare gets the "sökande" right for the kommun; a published open call, a draft
application of the kommun with a budget line, a goal, a signature and an attachment."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.core.files.base import ContentFile

from samsyn.applications.models import (
    Application,
    ApplicationAttachment,
    ApplicationBudgetLine,
    ApplicationGoal,
    ApplicationSignature,
    Call,
)
from samsyn.core.models import Membership


def add_application_objects(side: Any, marker: str, pdf: bytes) -> None:
    world, objects = side.world, side.objects
    Membership.objects.filter(user=world["handlaggare"], forbund=world.forbund).update(
        may_apply=True
    )
    objects["call"] = Call.objects.create(
        forbund=world.forbund,
        title=f"Utlysning {marker}",
        funds="Insatser",
        opens_on=datetime.date(2020, 1, 1),
        is_published=True,
        created_by=world["admin"],
    )
    application = Application.objects.create(
        forbund=world.forbund,
        call=objects["call"],
        applicant_party=world.kommun,
        created_by=world["handlaggare"],
        name=f"Ansökan {marker}",
    )
    objects["application"] = application
    objects["app_budget_line"] = ApplicationBudgetLine.objects.create(
        application=application,
        year=2026,
        category="resor",
        amount=Decimal(1000),
        forbund_amount=Decimal(1000),
    )
    objects["app_goal"] = ApplicationGoal.objects.create(
        application=application, metric_id="participants_total", target=Decimal(10)
    )
    ApplicationSignature.objects.create(
        application=application,
        party=world.kommun,
        signer_name=f"Firmatecknare {marker}",
        signed_on=datetime.date(2026, 1, 2),
    )
    attachment = ApplicationAttachment(
        application=application, title="Budget", uploaded_by=world["handlaggare"]
    )
    attachment.file.save("bilaga.pdf", ContentFile(pdf), save=False)
    attachment.save()
    objects["app_attachment"] = attachment
    side.secrets += (f"Ansökan {marker}", f"Utlysning {marker}", f"Firmatecknare {marker}")
