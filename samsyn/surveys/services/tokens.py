"""One-time answering links.

A link's token is 128 random bits (``secrets.token_urlsafe(16)``, 22 characters). Only its
keyed hash (``core.crypto.blind_index``, purpose ``survey-token``) is stored, with the survey,
the batch number and whether it is used: never a person, a registration, a time or who the
link was given to. The plain tokens exist once, in the answer of the call that made them
(the printable page and its CSV, or the API's answer); they cannot be shown again.
"""

from __future__ import annotations

import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from samsyn.audit.models import AuditAction
from samsyn.core.crypto import blind_index
from samsyn.core.models import User
from samsyn.surveys.models import Survey, SurveyStatus, SurveyToken
from samsyn.surveys.services.surveys import audit_survey, check_may_manage

TOKEN_PURPOSE = "survey-token"  # noqa: S105 (a hash family's name, not a secret)
MAX_BATCH = 500
TOKEN_BYTES = 16


def token_hash(token: str) -> str:
    return blind_index(token, purpose=TOKEN_PURPOSE)


def _new_tokens(survey: Survey, count: int) -> list[str]:
    batch = (survey.tokens.aggregate(last=Max("batch"))["last"] or 0) + 1
    tokens = [secrets.token_urlsafe(TOKEN_BYTES) for _ in range(count)]
    SurveyToken.objects.bulk_create(
        SurveyToken(survey=survey, token_hash=token_hash(token), batch=batch) for token in tokens
    )
    return tokens


@transaction.atomic
def token_batch_create(*, actor: User | None, survey: Survey, count: int) -> list[str]:
    """``count`` new one-time tokens for the survey (1–500), as a new batch. Returns the plain
    tokens: the caller shows them once."""
    check_may_manage(actor, survey)
    if survey.status == SurveyStatus.CLOSED:
        raise ValidationError({"count": _("Enkäten är stängd. Öppna den igen först.")})
    if not 1 <= count <= MAX_BATCH:
        raise ValidationError(
            {"count": _("Ange ett antal mellan 1 och %(max)s.") % {"max": MAX_BATCH}}
        )
    tokens = _new_tokens(survey, count)
    audit_survey(actor, AuditAction.CREATE, survey, f"{count} survey links")
    return tokens


@transaction.atomic
def exit_token_create(*, survey: Survey) -> str:
    """One token for a participant's exit form, made from the exit page.

    The caller has checked with ``selectors.surveys.exit_survey_get`` that the user is staff
    of one of the survey's interventions and that the survey is open for participants at
    exit. Deliberately no access-log event and no reference to the exit or the participant:
    nothing must tie the answer to the person who was handed the code.
    """
    return _new_tokens(survey, 1)[0]
