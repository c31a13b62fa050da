"""Writes of surveys: create, edit (versioned) and open or close.

The förbundsadministratör writes every survey of the förbund; the insatsansvarig writes the
surveys of their own interventions and may create one only for those. A survey about the
förbund itself (no interventions: board, managers) is the administrator's only. Every write
is in the access log.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from samsyn.audit.models import AuditAction
from samsyn.audit.services.events import audit_record
from samsyn.core.models import Forbund, User
from samsyn.core.roles import Role
from samsyn.core.versioning import save_versioned
from samsyn.interventions.models import Intervention
from samsyn.surveys.models import Instrument, InstrumentStatus, Survey, SurveyStatus
from samsyn.surveys.selectors import surveys as selectors
from samsyn.surveys.selectors.instruments import instruments_visible_to

MAX_TARGET = 100_000


@dataclass(frozen=True)
class SurveyFields:
    name: str
    instrument: Instrument
    respondent_group: str
    interventions: Sequence[Intervention]
    period_from: datetime.date
    period_to: datetime.date
    target_answers: int


def actor_role(actor: User | None, survey: Survey) -> str:
    if actor is None:
        return ""
    if selectors.is_forbund_admin(actor, survey.forbund_id):
        return str(Role.FORBUNDSADMIN)
    return str(Role.INSATSANSVARIG)


def audit_survey(actor: User | None, action: AuditAction, survey: Survey, detail: str) -> None:
    audit_record(
        actor=actor,
        action=action,
        forbund=survey.forbund,
        role=actor_role(actor, survey),
        obj=survey,
        detail=detail,
        actor_username="" if actor is not None else "system",
    )


def check_may_manage(actor: User | None, survey: Survey) -> None:
    """404 unless the user manages the survey (``None``: the system, e.g. the demo)."""
    if actor is not None and not selectors.surveys_visible_to(actor).filter(pk=survey.pk).exists():
        raise Http404


def _check_fields(actor: User | None, forbund: Forbund, fields: SurveyFields) -> None:
    """Refuse what the user may not send or what does not make a survey."""
    errors: dict[str, str] = {}
    if not fields.name.strip():
        errors["name"] = _("Ange ett namn.")
    if fields.period_to < fields.period_from:
        errors["period_to"] = _("Perioden kan inte sluta innan den börjar.")
    if not 0 <= fields.target_answers <= MAX_TARGET:
        errors["target_answers"] = _("Målet ska vara mellan 0 och %(max)s svar.") % {
            "max": MAX_TARGET
        }
    instrument = fields.instrument
    if instrument.forbund_id not in (None, forbund.pk):
        errors["instrument"] = _("Instrumentet hör till ett annat förbund.")
    elif not selectors.instrument_has_group(instrument, fields.respondent_group):
        errors["respondent_group"] = _("Instrumentet har inga frågor till den svarsgruppen.")
    if any(row.forbund_id != forbund.pk for row in fields.interventions):
        errors["interventions"] = _("Välj insatser i enkätens förbund.")
    elif actor is not None:
        allowed = set(selectors.survey_interventions_for(actor).values_list("id", flat=True))
        if any(row.pk not in allowed for row in fields.interventions):
            raise Http404
        if not fields.interventions and not selectors.is_forbund_admin(actor, forbund.pk):
            errors["interventions"] = _(
                "Välj minst en av dina insatser. En enkät om förbundet självt "
                "(styrelse, chefer) skapas av förbundsadministratören."
            )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def survey_create(*, actor: User | None, forbund: Forbund, fields: SurveyFields) -> Survey:
    """A new survey, as a draft: open it when its links are made."""
    if actor is not None:
        if not selectors.forbunds_for_surveys(actor).filter(pk=forbund.pk).exists():
            raise Http404
        if not instruments_visible_to(actor).filter(pk=fields.instrument.pk).exists():
            raise Http404
    if fields.instrument.status != InstrumentStatus.PUBLISHED:
        raise ValidationError({"instrument": _("Välj ett publicerat instrument.")})
    _check_fields(actor, forbund, fields)
    survey = Survey.objects.create(
        forbund=forbund,
        name=fields.name.strip(),
        instrument=fields.instrument,
        respondent_group=fields.respondent_group,
        period_from=fields.period_from,
        period_to=fields.period_to,
        target_answers=fields.target_answers,
    )
    survey.interventions.set(fields.interventions)
    audit_survey(actor, AuditAction.CREATE, survey, f"survey {fields.respondent_group}")
    return survey


@transaction.atomic
def survey_update(
    *, actor: User | None, survey: Survey, expected_version: int, fields: SurveyFields
) -> Survey:
    """Edit a survey. Its instrument and respondent group are fixed once a link is made or
    an answer is stored: the answers belong to that form."""
    check_may_manage(actor, survey)
    form_changed = (
        fields.instrument.pk != survey.instrument_id
        or fields.respondent_group != survey.respondent_group
    )
    if form_changed and (survey.tokens.exists() or survey.responses.exists()):
        raise ValidationError(
            {
                "instrument": _(
                    "Instrument och svarsgrupp kan inte ändras när svarslänkar eller svar finns."
                )
            }
        )
    if form_changed and fields.instrument.status != InstrumentStatus.PUBLISHED:
        raise ValidationError({"instrument": _("Välj ett publicerat instrument.")})
    _check_fields(actor, survey.forbund, fields)
    survey.name = fields.name.strip()
    survey.instrument = fields.instrument
    survey.respondent_group = fields.respondent_group
    survey.period_from, survey.period_to = fields.period_from, fields.period_to
    survey.target_answers = fields.target_answers
    save_versioned(
        survey,
        expected_version=expected_version,
        fields=[
            "name",
            "instrument",
            "respondent_group",
            "period_from",
            "period_to",
            "target_answers",
        ],
    )
    survey.interventions.set(fields.interventions)
    audit_survey(actor, AuditAction.UPDATE, survey, "edit")
    return survey


ALLOWED_STATUS = {
    SurveyStatus.DRAFT: {SurveyStatus.OPEN},
    SurveyStatus.OPEN: {SurveyStatus.CLOSED},
    SurveyStatus.CLOSED: {SurveyStatus.OPEN},
}


@transaction.atomic
def survey_status_set(
    *, actor: User | None, survey: Survey, expected_version: int, status: str
) -> Survey:
    """Open a draft (its links answer from now on), close an open survey (its links answer
    no more) or open a closed one again."""
    check_may_manage(actor, survey)
    if status not in ALLOWED_STATUS.get(SurveyStatus(survey.status), set()):
        raise ValidationError(_("Statusen kan inte ändras så."), code="status")
    survey.status = status
    save_versioned(survey, expected_version=expected_version, fields=["status"])
    audit_survey(actor, AuditAction.UPDATE, survey, f"status {status}")
    return survey
