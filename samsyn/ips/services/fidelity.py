"""Writes of fidelity reviews and of the förbund's fidelity scale. Every write checks the
actor's right inside (404 outside it), validates, and is audited.

The scale: a förbund without one gets a copy of the shipped default as version 1 the first
time it is needed. Editing an item (förbundsadministratör only) creates a new version with
all items copied and the change applied; reviews keep the version they were scored against.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from samsyn.audit.models import AuditAction
from samsyn.audit.services.events import audit_record
from samsyn.core.models import Forbund, Team, User
from samsyn.core.roles import Role
from samsyn.core.selectors.scoping import forbunds_administered_by
from samsyn.core.versioning import StaleEditError, save_versioned
from samsyn.interventions.models import Intervention
from samsyn.ips.fidelity_scale_data import DEFAULT_ITEMS, DEFAULT_SCALE_NAME
from samsyn.ips.models.fidelity import (
    ActionStatus,
    FidelityAction,
    FidelityItem,
    FidelityReview,
    FidelityScale,
    FidelityScore,
    ReviewKind,
    ReviewStatus,
)
from samsyn.ips.selectors.fidelity import EVIDENCE_NAMES, ITEM_COUNT, manager_role, result_of
from samsyn.ips.selectors.fidelity_proposals import fidelity_proposals

Errors = dict[str, list[str]]

EVIDENCE_SOURCES = EVIDENCE_NAMES
MAX_TEXT = 4000
MAX_NAME = 200


def _raise_if(errors: Errors) -> None:
    if errors:
        raise ValidationError(errors)


# --- the scale ----------------------------------------------------------------------------


def current_scale(forbund: Forbund) -> FidelityScale | None:
    return FidelityScale.objects.filter(forbund=forbund).order_by("-version").first()


@transaction.atomic
def fidelity_scale_ensure(*, forbund: Forbund) -> FidelityScale:
    """The förbund's newest scale version, created from the default when it has none.

    Not a user's change (it copies shipped data), so it is not audited on its own; the
    review or edit that needed it is."""
    scale = current_scale(forbund)
    if scale is not None:
        return scale
    try:
        with transaction.atomic():
            scale = FidelityScale.objects.create(
                forbund=forbund, version=1, name=DEFAULT_SCALE_NAME
            )
    except IntegrityError:  # created by a concurrent request
        concurrent = current_scale(forbund)
        assert concurrent is not None
        return concurrent
    FidelityItem.objects.bulk_create(
        FidelityItem(
            scale=scale,
            number=number,
            section=item.section,
            key=item.key,
            name=item.name,
            anchors={str(score): text for score, text in enumerate(item.anchors, start=1)},
        )
        for number, item in enumerate(DEFAULT_ITEMS, start=1)
    )
    return scale


@dataclass(frozen=True)
class ItemFields:
    name: str
    anchors: Mapping[str, str]  # "1" … "5"
    description: str = ""


def _clean_item(fields: ItemFields) -> ItemFields:
    errors: Errors = {}
    name = fields.name.strip()
    if not name:
        errors["name"] = [_("Ange ett namn.")]
    elif len(name) > MAX_NAME:
        errors["name"] = [_("Namnet får vara högst 200 tecken.")]
    anchors = {str(n): (fields.anchors.get(str(n)) or "").strip() for n in range(1, 6)}
    for number, text in anchors.items():
        if not text:
            errors[f"anchor_{number}"] = [_("Beskriv vad poängen betyder.")]
        elif len(text) > MAX_TEXT:
            errors[f"anchor_{number}"] = [_("Texten är för lång.")]
    _raise_if(errors)
    return ItemFields(name=name, anchors=anchors, description=fields.description.strip())


@transaction.atomic
def fidelity_item_update(
    *, actor: User, forbund: Forbund, item_key: str, fields: ItemFields, expected_version: int
) -> FidelityScale:
    """A new scale version with every item copied and ``item_key`` changed.

    ``expected_version`` is the scale version the form showed: a newer one means somebody
    else changed the scale meanwhile, and the edit is refused."""
    if not forbunds_administered_by(actor).filter(pk=forbund.pk).exists():
        raise Http404
    scale = fidelity_scale_ensure(forbund=forbund)
    if scale.version != expected_version:
        raise StaleEditError()
    items = list(scale.items.order_by("number"))
    if item_key not in {item.key for item in items}:
        raise Http404
    clean = _clean_item(fields)
    try:
        with transaction.atomic():
            new = FidelityScale.objects.create(
                forbund=forbund, version=scale.version + 1, name=scale.name, created_by=actor
            )
    except IntegrityError as error:  # the same version saved concurrently
        raise StaleEditError() from error
    for item in items:
        changed = item.key == item_key
        item.pk = None
        item.scale = new
        if changed:
            item.name, item.anchors = clean.name, dict(clean.anchors)
            item.description = clean.description
    FidelityItem.objects.bulk_create(items)
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        forbund=forbund,
        role=Role.FORBUNDSADMIN.value,
        obj=new,
        detail=f"Skala för programtrohet version {new.version}: punkten {item_key} ändrad",
    )
    return new


# --- reviews ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReviewFields:
    reviewed_on: datetime.date | None
    kind: str
    reviewers: str
    team_id: int | None = None
    summary: str = ""


def _clean_review(
    intervention: Intervention, fields: ReviewFields
) -> tuple[ReviewFields, Team | None]:
    errors: Errors = {}
    if fields.reviewed_on is None:
        errors["reviewed_on"] = [_("Ange datum för mätningen.")]
    elif fields.reviewed_on > timezone.localdate() + datetime.timedelta(days=366):
        errors["reviewed_on"] = [_("Datumet ligger för långt fram i tiden.")]
    if fields.kind not in ReviewKind.values:
        errors["kind"] = [_("Välj intern eller extern.")]
    reviewers = fields.reviewers.strip()
    if not reviewers:
        errors["reviewers"] = [_("Ange vilka som gjorde mätningen.")]
    elif len(reviewers) > MAX_TEXT:
        errors["reviewers"] = [_("Texten är för lång.")]
    if len(fields.summary) > MAX_TEXT:
        errors["summary"] = [_("Texten är för lång.")]
    team = None
    if fields.team_id is not None:
        team = Team.objects.filter(forbund_id=intervention.forbund_id, pk=fields.team_id).first()
        if team is None:
            errors["team"] = [_("Välj ett av förbundets team.")]
    _raise_if(errors)
    clean = ReviewFields(
        reviewed_on=fields.reviewed_on,
        kind=fields.kind,
        reviewers=reviewers,
        team_id=fields.team_id,
        summary=fields.summary.strip(),
    )
    return clean, team


def _audit(
    actor: User,
    role: str,
    action: AuditAction,
    obj: models.Model,
    review: FidelityReview,
    detail: str,
) -> None:
    audit_record(
        actor=actor,
        action=action,
        forbund=review.intervention.forbund,
        intervention=review.intervention,
        role=role,
        obj=obj,
        detail=detail,
    )


@transaction.atomic
def fidelity_review_create(
    *, actor: User, intervention: Intervention, fields: ReviewFields
) -> FidelityReview:
    """A review against the förbund's current scale, with one empty score per item and the
    scores Samsyn proposes from its own data beside them."""
    role = manager_role(actor, intervention)
    clean, team = _clean_review(intervention, fields)
    assert clean.reviewed_on is not None
    scale = fidelity_scale_ensure(forbund=intervention.forbund)
    review = FidelityReview.objects.create(
        intervention=intervention,
        team=team,
        scale=scale,
        reviewed_on=clean.reviewed_on,
        kind=clean.kind,
        reviewers=clean.reviewers,
        summary=clean.summary,
        created_by=actor,
    )
    proposals = fidelity_proposals(intervention, clean.reviewed_on)
    scores = []
    for item in scale.items.order_by("number"):
        proposal = proposals.get(item.key)
        scores.append(
            FidelityScore(
                review=review,
                item=item,
                proposed_score=proposal.score if proposal else None,
                proposed_evidence=proposal.evidence if proposal else "",
            )
        )
    FidelityScore.objects.bulk_create(scores)
    _audit(
        actor,
        role,
        AuditAction.CREATE,
        review,
        review,
        f"Programtrohetsmätning {review.reviewed_on} skapad",
    )
    return review


def _require_draft(review: FidelityReview) -> None:
    if review.status == ReviewStatus.COMPLETED:
        raise ValidationError(
            _("Mätningen är markerad som klar och kan inte längre ändras."), code="completed"
        )


@transaction.atomic
def fidelity_review_update(
    *, actor: User, review: FidelityReview, fields: ReviewFields, expected_version: int
) -> FidelityReview:
    role = manager_role(actor, review.intervention)
    _require_draft(review)
    clean, team = _clean_review(review.intervention, fields)
    assert clean.reviewed_on is not None
    review.reviewed_on, review.kind, review.reviewers = (
        clean.reviewed_on,
        clean.kind,
        clean.reviewers,
    )
    review.summary, review.team = clean.summary, team
    names = ["reviewed_on", "kind", "reviewers", "summary", "team"]
    save_versioned(review, expected_version=expected_version, fields=names)
    _audit(actor, role, AuditAction.UPDATE, review, review, "Programtrohetsmätning ändrad")
    return review


@dataclass(frozen=True)
class ScoreFields:
    item_key: str
    score: int | None
    evidence_sources: Sequence[str] = field(default_factory=tuple)
    comment: str = ""


def _clean_scores(scores: Sequence[ScoreFields], keys: set[str]) -> list[ScoreFields]:
    errors: Errors = {}
    for entry in scores:
        prefix = entry.item_key
        if entry.item_key not in keys:
            errors[f"{prefix}.item_key"] = [_("Okänd punkt på skalan.")]
            continue
        if entry.score is not None and not 1 <= entry.score <= 5:
            errors[f"{prefix}.score"] = [_("Poängen ska vara ett heltal från 1 till 5.")]
        unknown = [source for source in entry.evidence_sources if source not in EVIDENCE_SOURCES]
        if unknown:
            errors[f"{prefix}.evidence_sources"] = [
                _(
                    "Okänt underlag: %(sources)s. Välj MIS/journalsystem, dokument, "
                    "intervju eller observation."
                )
                % {"sources": ", ".join(unknown)}
            ]
        if len(entry.comment) > MAX_TEXT:
            errors[f"{prefix}.comment"] = [_("Texten är för lång.")]
    _raise_if(errors)
    return list(scores)


@transaction.atomic
def fidelity_scores_set(
    *,
    actor: User,
    review: FidelityReview,
    scores: Sequence[ScoreFields],
    expected_version: int,
) -> FidelityReview:
    """Set the reviewers' scores of the given items (the proposals are left as they are).

    The review's version guards the whole score sheet: a sheet saved by someone else since
    the form was shown is not overwritten."""
    role = manager_role(actor, review.intervention)
    _require_draft(review)
    rows = {
        row.item.key: row
        for row in FidelityScore.objects.filter(review=review).select_related("item")
    }
    clean = _clean_scores(scores, set(rows))
    save_versioned(review, expected_version=expected_version, fields=[])
    for entry in clean:
        row = rows[entry.item_key]
        row.score = entry.score
        row.evidence_sources = [s for s in EVIDENCE_SOURCES if s in set(entry.evidence_sources)]
        row.comment = entry.comment.strip()
    changed = [rows[entry.item_key] for entry in clean]
    FidelityScore.objects.bulk_update(changed, ["score", "evidence_sources", "comment"])
    detail = "Poäng satta: " + ", ".join(f"{e.item_key}={e.score}" for e in clean)
    _audit(actor, role, AuditAction.UPDATE, review, review, detail[:500])
    return review


@transaction.atomic
def fidelity_review_complete(
    *, actor: User, review: FidelityReview, expected_version: int
) -> FidelityReview:
    role = manager_role(actor, review.intervention)
    _require_draft(review)
    result = result_of(FidelityScore.objects.filter(review=review))
    if result.scored < ITEM_COUNT:
        raise ValidationError(
            _(
                "Alla 25 punkter måste vara bedömda innan mätningen kan markeras som klar "
                "(%(scored)s av 25 bedömda)."
            )
            % {"scored": result.scored},
            code="incomplete",
        )
    review.status, review.completed_at = ReviewStatus.COMPLETED, timezone.now()
    save_versioned(review, expected_version=expected_version, fields=["status", "completed_at"])
    _audit(
        actor,
        role,
        AuditAction.UPDATE,
        review,
        review,
        f"Programtrohetsmätning klar: {result.total}",
    )
    return review


# --- the action plan ----------------------------------------------------------------------


@dataclass(frozen=True)
class ActionFields:
    item_key: str
    action: str
    owner: str
    due_on: datetime.date | None
    status: str = ActionStatus.OPEN


WEAK_SCORE = 3


def weak_items(review: FidelityReview) -> list[FidelityItem]:
    """Items scored 3 or lower: those an action plan is for."""
    scores = FidelityScore.objects.filter(review=review, score__lte=WEAK_SCORE).select_related(
        "item"
    )
    return [row.item for row in scores.order_by("item__number")]


def _clean_action(
    review: FidelityReview, fields: ActionFields
) -> tuple[FidelityItem, datetime.date]:
    """The item and due date of a valid action; raises ValidationError otherwise."""
    errors: Errors = {}
    item = next((i for i in weak_items(review) if i.key == fields.item_key), None)
    if item is None:
        errors["item_key"] = [_("Välj en punkt som fått 3 poäng eller lägre.")]
    if not fields.action.strip():
        errors["action"] = [_("Beskriv åtgärden.")]
    elif len(fields.action) > MAX_TEXT:
        errors["action"] = [_("Texten är för lång.")]
    if not fields.owner.strip():
        errors["owner"] = [_("Ange vem som är ansvarig.")]
    elif len(fields.owner.strip()) > MAX_NAME:
        errors["owner"] = [_("Namnet får vara högst 200 tecken.")]
    if fields.due_on is None:
        errors["due_on"] = [_("Ange ett datum.")]
    if fields.status not in ActionStatus.values:
        errors["status"] = [_("Välj öppen eller klar.")]
    _raise_if(errors)
    assert item is not None and fields.due_on is not None
    return item, fields.due_on


@transaction.atomic
def fidelity_action_create(
    *, actor: User, review: FidelityReview, fields: ActionFields
) -> FidelityAction:
    role = manager_role(actor, review.intervention)
    item, due_on = _clean_action(review, fields)
    action = FidelityAction.objects.create(
        review=review,
        item=item,
        action=fields.action.strip(),
        owner=fields.owner.strip(),
        due_on=due_on,
        status=fields.status,
    )
    _audit(actor, role, AuditAction.CREATE, action, review, f"Åtgärd för {item.key} tillagd")
    return action


@transaction.atomic
def fidelity_action_update(
    *, actor: User, action: FidelityAction, fields: ActionFields, expected_version: int
) -> FidelityAction:
    review = action.review
    role = manager_role(actor, review.intervention)
    item, due_on = _clean_action(review, fields)
    action.item, action.action, action.owner = item, fields.action.strip(), fields.owner.strip()
    action.due_on, action.status = due_on, fields.status
    names = ["item", "action", "owner", "due_on", "status"]
    save_versioned(action, expected_version=expected_version, fields=names)
    _audit(actor, role, AuditAction.UPDATE, action, review, f"Åtgärd för {item.key} ändrad")
    return action


__all__ = [
    "EVIDENCE_SOURCES",
    "ActionFields",
    "ItemFields",
    "ReviewFields",
    "ScoreFields",
    "fidelity_action_create",
    "fidelity_action_update",
    "fidelity_item_update",
    "fidelity_review_complete",
    "fidelity_review_create",
    "fidelity_review_update",
    "fidelity_scale_ensure",
    "fidelity_scores_set",
    "weak_items",
]
