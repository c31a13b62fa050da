"""Writes around the results: reading the free-text answers (logged: they may identify the
writer), entering and removing national reference values, and the national export (logged).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, cast

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from samsyn.audit.models import AuditAction
from samsyn.audit.services.events import audit_record
from samsyn.core.models import Forbund, User
from samsyn.core.restorable import RestorableKind, register_kind
from samsyn.core.roles import Role
from samsyn.core.selectors.scoping import forbunds_administered_by
from samsyn.core.services.deleted import keep_deleted
from samsyn.core.versioning import delete_versioned
from samsyn.interventions.services.deleted import FORBUND_SCOPE, forbund_restorer
from samsyn.surveys.models import Answer, NationalReference, QuestionKind, Survey
from samsyn.surveys.selectors import access
from samsyn.surveys.selectors.figures import result_limit


@dataclass(frozen=True)
class FreeTextAnswers:
    question_code: str
    question_text: str
    texts: list[str]


@transaction.atomic
def free_text_read(*, actor: User, survey: Survey) -> list[FreeTextAnswers] | None:
    """The survey's free-text answers for its förbundsadministratör and insatsansvarig (404
    for anyone else, the styrgrupp too), in a random order (by the response's random key) and
    without the day. None when fewer than the limit answered: a few texts could be matched to
    the few who answered. Every read is logged."""
    if not access.may_read_free_text(actor, survey):
        raise Http404
    limit = result_limit(survey.forbund)
    if survey.responses.count() < limit:
        return None
    rows = (
        Answer.objects.filter(response__survey=survey, question__kind=QuestionKind.FREE_TEXT)
        .select_related("question")
        .order_by("question__order", "question_id", "response_id")
    )
    grouped: dict[int, FreeTextAnswers] = {}
    for answer in rows:
        if not answer.free_text.strip():
            continue
        group = grouped.setdefault(
            answer.question_id,
            FreeTextAnswers(answer.question.code, answer.question.text, []),
        )
        group.texts.append(answer.free_text)
    is_admin = forbunds_administered_by(actor).filter(pk=survey.forbund_id).exists()
    audit_record(
        actor=actor,
        action=AuditAction.VIEW,
        forbund=survey.forbund,
        role=Role.FORBUNDSADMIN if is_admin else Role.INSATSANSVARIG,
        obj=survey,
        detail=f"fritextsvar {sum(len(g.texts) for g in grouped.values())}",
    )
    return list(grouped.values())


# --- national reference values ----------------------------------------------------------


def _check_admin(actor: User, forbund: Forbund) -> None:
    if not forbunds_administered_by(actor).filter(pk=forbund.pk).exists():
        raise Http404


@transaction.atomic
def national_reference_create(
    *,
    actor: User,
    forbund: Forbund,
    instrument_key: str,
    indicator_code: str,
    year: int,
    share_positive: Decimal,
    source: str,
) -> NationalReference:
    _check_admin(actor, forbund)
    reference = NationalReference(
        forbund=forbund,
        instrument_key=instrument_key,
        indicator_code=indicator_code,
        year=year,
        share_positive=share_positive,
        source=source.strip(),
    )
    reference.full_clean(validate_unique=False)
    if NationalReference.objects.filter(
        forbund=forbund, instrument_key=instrument_key, indicator_code=indicator_code, year=year
    ).exists():
        raise ValidationError(
            _("Det finns redan ett referensvärde för indikatorn det året. Ta bort det först.")
        )
    reference.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        forbund=forbund,
        role=Role.FORBUNDSADMIN,
        obj=reference,
        detail=f"referensvärde {instrument_key} {indicator_code} {year}",
    )
    return reference


@transaction.atomic
def national_reference_delete(
    *, actor: User, reference: NationalReference, expected_version: int
) -> None:
    _check_admin(actor, reference.forbund)
    detail = f"referensvärde {reference}"
    audit_record(
        actor=actor,
        action=AuditAction.DELETE,
        forbund=reference.forbund,
        role=Role.FORBUNDSADMIN,
        obj=reference,
        detail=detail,
    )
    label = _("Referensvärde %(instrument)s %(indicator)s %(year)s: %(share)s %%") % {
        "instrument": reference.instrument_key,
        "indicator": reference.indicator_code,
        "year": reference.year,
        "share": reference.share_positive,
    }
    keep_deleted(
        instance=reference,
        forbund=reference.forbund,
        scope=FORBUND_SCOPE,
        scope_id=reference.forbund_id,
        kind=REFERENCE_KIND,
        label=label,
        actor=actor,
    )
    delete_versioned(reference, expected_version=expected_version)


REFERENCE_KIND = "survey_reference"


def register_restorable() -> None:
    """A national reference value is the förbund's own row: its administrators restore it
    from the förbund's Borttaget page (docs/deleting.md)."""
    register_kind(
        RestorableKind(REFERENCE_KIND, "surveys.nationalreference", FORBUND_SCOPE, forbund_restorer)
    )


# --- the national export ----------------------------------------------------------------

EXPORT_COLUMNS = (
    "forbund",
    "insatser",
    "instrument",
    "instrumentversion",
    "svarsgrupp",
    "svarsmanad",
    "kanal",
    "svarsnummer",
    "fraga",
    "indikator",
    "varde",
)


def _value(row: dict[str, Any]) -> int | None:
    if row["question__kind"] == QuestionKind.SCALE:
        return cast(int | None, row["step"])
    if row["question__kind"] == QuestionKind.CHOICE:
        return cast(int | None, row["choice__value"])
    return None if row["yes_no"] is None else int(row["yes_no"])


def _intervention_codes(survey_ids: Iterable[int]) -> dict[int, str]:
    links = (
        Survey.interventions.through.objects.filter(survey_id__in=list(survey_ids))
        .values_list("survey_id", "intervention__slug")
        .order_by("survey_id", "intervention__slug")
    )
    codes: dict[int, list[str]] = {}
    for survey_id, slug in links:
        codes.setdefault(survey_id, []).append(slug)
    return {survey_id: "|".join(slugs) for survey_id, slugs in codes.items()}


def national_export_rows(forbund: Forbund, year: int) -> Iterator[list[Any]]:
    """One row per answer (free text left out), codes only, the month instead of the day,
    and a number per response that is only valid inside this file."""
    rows = (
        Answer.objects.filter(
            response__survey__forbund=forbund,
            response__answered_on__year=year,
        )
        .exclude(question__kind=QuestionKind.FREE_TEXT)
        .values(
            "response_id",
            "response__survey_id",
            "response__survey__instrument__key",
            "response__survey__instrument__version",
            "response__survey__respondent_group",
            "response__answered_on",
            "response__channel",
            "question__code",
            "question__kind",
            "question__indicator__code",
            "step",
            "choice__value",
            "yes_no",
        )
        .order_by("response__survey_id", "response_id", "question__order", "question_id")
    )
    materialised = list(cast(Iterable[dict[str, Any]], rows))
    codes = _intervention_codes({row["response__survey_id"] for row in materialised})
    numbers: dict[Any, int] = {}
    for row in materialised:
        value = _value(row)
        if value is None:
            continue
        number = numbers.setdefault(row["response_id"], len(numbers) + 1)
        answered: datetime.date = row["response__answered_on"]
        yield [
            forbund.slug,
            codes.get(row["response__survey_id"], ""),
            row["response__survey__instrument__key"],
            row["response__survey__instrument__version"],
            row["response__survey__respondent_group"],
            f"{answered:%Y-%m}",
            row["response__channel"],
            number,
            row["question__code"],
            row["question__indicator__code"] or "",
            value,
        ]


@transaction.atomic
def national_export(*, actor: User, forbund: Forbund, year: int) -> list[list[Any]]:
    """The rows of the export (read in this short transaction with its audit event; the
    file is rendered after it commits)."""
    _check_admin(actor, forbund)
    rows = list(national_export_rows(forbund, year))
    audit_record(
        actor=actor,
        action=AuditAction.EXPORT,
        forbund=forbund,
        role=Role.FORBUNDSADMIN,
        detail=f"nationell enkätexport {year}: {len(rows)} rader",
    )
    return rows
