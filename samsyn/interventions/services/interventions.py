"""Creating and editing interventions, and the structure a new one starts with."""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import override

from samsyn.audit.models import AuditAction
from samsyn.core.models import Forbund, Party, User
from samsyn.core.versioning import save_versioned
from samsyn.interventions.defaults import (
    BIP_INDICATORS,
    StructureTemplate,
    activity_type_catalogue,
    structure_template_for,
)
from samsyn.interventions.models import (
    ActivityApproach,
    ActivityType,
    Intervention,
    InterventionStatus,
    LadderStep,
    Method,
    Orientation,
    Phase,
    ProgressionIndicator,
)
from samsyn.interventions.services._common import (
    Errors,
    audit_change,
    raise_if,
    require_admin,
    taken,
)
from samsyn.interventions.structure import SPECS, StructureKind, in_use_condition, items_of

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Path words under /insatser/ that a slug may not take.
# Words of /insatser/ URLs that a slug would shadow.
RESERVED_SLUGS = frozenset({"ny", "administration"})
LOWEST_AGE = 16  # the national lower bound for Finsam interventions
HIGHEST_AGE = 100
MAX_PARTIES_CURRENT = 4  # Försäkringskassan, Arbetsförmedlingen, kommun, region


@dataclass(frozen=True)
class InterventionFields:
    """Everything about an intervention that can be edited after it is created."""

    name: str
    slug: str
    owner_party: Party
    start_date: datetime.date
    partner_parties: Sequence[Party] = ()
    end_date: datetime.date | None = None
    last_intake_date: datetime.date | None = None
    status: str = InterventionStatus.ANSOKAN
    implemented_afterwards: bool = False
    methods: Sequence[str] = field(default_factory=tuple)
    min_age: int = LOWEST_AGE
    max_age: int = 64
    min_parties_current: int = 0
    exclusions: str = ""
    requires_lss_daily_activity: bool = False
    requires_long_term_forsorjningsstod: bool = False
    requires_current_in_psychiatry: bool = False
    requires_income_from_party: bool = False
    follow_up_interval_weeks: int = 8
    coaches_share_caseload: bool = False


EDITABLE_FIELDS = [
    "name",
    "slug",
    "owner_party",
    "start_date",
    "end_date",
    "last_intake_date",
    "status",
    "implemented_afterwards",
    "methods",
    "min_age",
    "max_age",
    "min_parties_current",
    "exclusions",
    "requires_lss_daily_activity",
    "requires_long_term_forsorjningsstod",
    "requires_current_in_psychiatry",
    "requires_income_from_party",
    "follow_up_interval_weeks",
    "coaches_share_caseload",
]


# --- validation ---------------------------------------------------------------------------


def _check_name_and_slug(
    forbund: Forbund, name: str, slug: str, exclude_pk: int | None, errors: Errors
) -> None:
    if not name:
        errors["name"] = [_("Ange insatsens namn.")]
    else:
        same_name = Intervention.objects.filter(forbund=forbund, name__iexact=name)
        if taken(same_name, exclude_pk=exclude_pk):
            errors["name"] = [_("Det finns redan en insats med det namnet i förbundet.")]
    if not _SLUG.match(slug) or len(slug) > 60:
        errors["slug"] = [
            _(
                "Kortnamnet får bara innehålla små bokstäver a–z, siffror och bindestreck "
                "(högst 60 tecken), till exempel rebus-2026."
            )
        ]
    elif slug.isdigit() or slug in RESERVED_SLUGS:
        errors["slug"] = [_("Kortnamnet måste innehålla minst en bokstav och får inte vara ”ny”.")]
    elif taken(Intervention.objects.filter(slug=slug), exclude_pk=exclude_pk):
        errors["slug"] = [_("Kortnamnet används redan av en annan insats. Välj ett annat.")]


def _check_parties(
    forbund: Forbund, fields: InterventionFields, owner_changed: bool, errors: Errors
) -> None:
    owner = fields.owner_party
    if owner.forbund_id != forbund.pk or (owner_changed and not owner.is_active):
        errors["owner_party"] = [_("Välj en aktiv part i förbundet som insatsägare.")]
    partners = list(fields.partner_parties)
    if any(party.forbund_id != forbund.pk for party in partners):
        errors["partner_parties"] = [_("Samverkansparterna måste vara parter i förbundet.")]
    elif any(party.pk == owner.pk for party in partners):
        errors["partner_parties"] = [
            _("Insatsägaren är redan med i insatsen och ska inte också väljas som samverkanspart.")
        ]


def _check_period(fields: InterventionFields, errors: Errors) -> None:
    start, end, intake = fields.start_date, fields.end_date, fields.last_intake_date
    if end is not None and end < start:
        errors["end_date"] = [_("Slutdatum kan inte vara före startdatum.")]
    if intake is not None and intake < start:
        errors["last_intake_date"] = [_("Sista intag kan inte vara före startdatum.")]
    elif intake is not None and end is not None and intake > end:
        errors["last_intake_date"] = [_("Sista intag kan inte vara efter slutdatum.")]


def _check_eligibility(fields: InterventionFields, errors: Errors) -> None:
    if not LOWEST_AGE <= fields.min_age <= HIGHEST_AGE:
        errors["min_age"] = [
            _("Lägsta ålder ska vara mellan %(low)d och %(high)d år.")
            % {"low": LOWEST_AGE, "high": HIGHEST_AGE}
        ]
    if not LOWEST_AGE <= fields.max_age <= HIGHEST_AGE:
        errors["max_age"] = [
            _("Högsta ålder ska vara mellan %(low)d och %(high)d år.")
            % {"low": LOWEST_AGE, "high": HIGHEST_AGE}
        ]
    elif fields.max_age < fields.min_age:
        errors["max_age"] = [_("Högsta ålder kan inte vara lägre än lägsta ålder.")]
    if not 0 <= fields.min_parties_current <= MAX_PARTIES_CURRENT:
        errors["min_parties_current"] = [
            _("Antalet parter ska vara mellan 0 och %(max)d.") % {"max": MAX_PARTIES_CURRENT}
        ]
    if not 1 <= fields.follow_up_interval_weeks <= 52:
        errors["follow_up_interval_weeks"] = [
            _("Uppföljningsintervallet ska vara mellan 1 och 52 veckor.")
        ]


def _clean(
    *,
    forbund: Forbund,
    fields: InterventionFields,
    current: Intervention | None = None,
) -> dict[str, Any]:
    """Validate ``fields``; return the model values, or raise every problem at once."""
    errors: Errors = {}
    name = fields.name.strip()
    slug = fields.slug.strip().lower()
    exclude_pk = current.pk if current is not None else None
    _check_name_and_slug(forbund, name, slug, exclude_pk, errors)
    owner_changed = current is None or current.owner_party_id != fields.owner_party.pk
    _check_parties(forbund, fields, owner_changed, errors)
    if fields.status not in InterventionStatus.values:
        errors["status"] = [_("Välj insatsens status.")]
    unknown = [code for code in fields.methods if code not in Method.values]
    if unknown:
        errors["methods"] = [_("Okänd metod: %(codes)s.") % {"codes": ", ".join(unknown)}]
    _check_period(fields, errors)
    _check_eligibility(fields, errors)
    raise_if(errors)
    return {
        "name": name,
        "slug": slug,
        "owner_party": fields.owner_party,
        "start_date": fields.start_date,
        "end_date": fields.end_date,
        "last_intake_date": fields.last_intake_date,
        "status": fields.status,
        "implemented_afterwards": fields.implemented_afterwards,
        # Stored in the fixed order of Method, so equal choices compare equal.
        "methods": [code for code in Method.values if code in set(fields.methods)],
        "min_age": fields.min_age,
        "max_age": fields.max_age,
        "min_parties_current": fields.min_parties_current,
        "exclusions": fields.exclusions.strip(),
        "requires_lss_daily_activity": fields.requires_lss_daily_activity,
        "requires_long_term_forsorjningsstod": fields.requires_long_term_forsorjningsstod,
        "requires_current_in_psychiatry": fields.requires_current_in_psychiatry,
        "requires_income_from_party": fields.requires_income_from_party,
        "follow_up_interval_weeks": fields.follow_up_interval_weeks,
        "coaches_share_caseload": fields.coaches_share_caseload,
    }


def _slug_taken() -> ValidationError:
    return ValidationError(
        {"slug": [_("Kortnamnet används redan av en annan insats. Välj ett annat.")]}
    )


# --- default structure --------------------------------------------------------------------


def _stored(names: Sequence[object]) -> list[str]:
    """The Swedish text of lazy default names: what is stored is Swedish, whatever the UI."""
    with override("sv"):
        return [str(name) for name in names]


def bip_indicators_create(*, intervention: Intervention) -> None:
    """BIP's indicators, unless the intervention already has indicators of its own."""
    if intervention.indicators.exists():
        return
    ProgressionIndicator.objects.bulk_create(
        ProgressionIndicator(intervention=intervention, name=name, order=order)
        for order, name in enumerate(_stored(BIP_INDICATORS), start=1)
    )


def _phases_and_ladder_create(intervention: Intervention, template: StructureTemplate) -> None:
    Phase.objects.bulk_create(
        Phase(intervention=intervention, name=name, order=order)
        for order, name in enumerate(_stored(template.phases), start=1)
    )
    LadderStep.objects.bulk_create(
        LadderStep(intervention=intervention, name=name, order=order)
        for order, name in enumerate(_stored(template.ladder), start=1)
    )


def default_activity_types_create(*, intervention: Intervention) -> None:
    """The förbund's default activity types: all of them (each marked with the way it belongs
    to) when the förbund has none; the IPS ones missing when an IPS-way intervention comes to
    a förbund that has no IPS activity type yet. A förbund's own list is otherwise left as
    it is."""
    forbund_id = intervention.forbund_id
    existing = ActivityType.objects.filter(forbund_id=forbund_id)
    if not existing.exists():
        wanted = activity_type_catalogue()
    elif intervention.follows_ips and not existing.filter(approach=ActivityApproach.IPS).exists():
        wanted = [item for item in activity_type_catalogue() if item[1] == ActivityApproach.IPS]
    else:
        return
    names = _stored([name for name, _approach in wanted])
    taken_names = {name.casefold() for name in existing.values_list("name", flat=True)}
    ActivityType.objects.bulk_create(
        ActivityType(forbund_id=forbund_id, name=name, approach=approach)
        for name, (_lazy, approach) in zip(names, wanted, strict=True)
        if name.casefold() not in taken_names
    )


def default_structure_create(*, intervention: Intervention) -> None:
    """The phases and ladder of the intervention's methods' template (``defaults.py``), BIP
    indicators (for BIP) and the förbund's default activity types. Also used by the demo."""
    _phases_and_ladder_create(intervention, structure_template_for(intervention.methods))
    if Method.BIP in intervention.methods:
        bip_indicators_create(intervention=intervention)
    default_activity_types_create(intervention=intervention)


def _is_untouched(intervention: Intervention, template: StructureTemplate) -> bool:
    """The phases and ladder are exactly the template's and no participant points at them."""
    for kind, names in (
        (StructureKind.PHASES, template.phases),
        (StructureKind.LADDER, template.ladder),
    ):
        spec = SPECS[kind]
        rows = list(
            items_of(spec, intervention.pk)
            .annotate(in_use=in_use_condition(spec))
            .values_list("name", "in_use")
        )
        if [name for name, _used in rows] != _stored(names) or any(used for _n, used in rows):
            return False
    return True


def structure_follow_methods(*, intervention: Intervention, old_methods: Sequence[str]) -> bool:
    """After the methods changed the way of working (e.g. IPS added to a new intervention):
    replace the phases and ladder by the new template's when they are still the old
    template's, untouched and unused; otherwise keep them (the administrator edits them by
    hand). Returns whether they were replaced."""
    old, new = structure_template_for(old_methods), structure_template_for(intervention.methods)
    if old.key == new.key or not _is_untouched(intervention, old):
        return False
    Phase.objects.filter(intervention=intervention).delete()
    LadderStep.objects.filter(intervention=intervention).delete()
    _phases_and_ladder_create(intervention, new)
    return True


# --- create and update --------------------------------------------------------------------


@transaction.atomic
def intervention_create(
    *, actor: User, forbund: Forbund, orientation: str, fields: InterventionFields
) -> Intervention:
    """A new intervention with the phases, ladder and activity types of its methods (IPS and
    Supported Employment: the IPS template) and, for BIP, the indicators."""
    require_admin(actor, forbund.pk)
    errors: Errors = {}
    if orientation not in Orientation.values:
        errors["orientation"] = [
            _("Välj om insatsen är individinriktad eller strukturövergripande.")
        ]
    try:
        values = _clean(forbund=forbund, fields=fields)
    except ValidationError as error:
        errors = {**error.message_dict, **errors}
    raise_if(errors)
    intervention = Intervention(forbund=forbund, orientation=orientation, **values)
    try:
        with transaction.atomic():
            intervention.save()
    except IntegrityError as error:  # a concurrent request took the slug
        raise _slug_taken() from error
    intervention.partner_parties.set(fields.partner_parties)
    default_structure_create(intervention=intervention)
    audit_change(
        actor=actor,
        action=AuditAction.CREATE,
        forbund=forbund,
        intervention=intervention,
        obj=intervention,
        detail="Insats skapad",
    )
    return intervention


@transaction.atomic
def intervention_update(
    *,
    actor: User,
    intervention: Intervention,
    expected_version: int,
    fields: InterventionFields,
    orientation: str | None = None,
) -> Intervention:
    """Edit an intervention. Its inriktning is fixed: asking to change it is refused."""
    require_admin(actor, intervention.forbund_id)
    if orientation is not None and orientation != intervention.orientation:
        raise ValidationError(
            {
                "orientation": [
                    _(
                        "Inriktningen kan inte ändras när insatsen väl är skapad. Skapa en ny "
                        "insats om inriktningen ska vara en annan."
                    )
                ]
            }
        )
    values = _clean(forbund=intervention.forbund, fields=fields, current=intervention)
    old_methods = list(intervention.methods or [])
    for name, value in values.items():
        setattr(intervention, name, value)
    try:
        with transaction.atomic():
            save_versioned(intervention, expected_version=expected_version, fields=EDITABLE_FIELDS)
    except IntegrityError as error:
        raise _slug_taken() from error
    intervention.partner_parties.set(fields.partner_parties)
    if Method.BIP in intervention.methods:
        bip_indicators_create(intervention=intervention)
    restructured = structure_follow_methods(intervention=intervention, old_methods=old_methods)
    if intervention.follows_ips:  # IPS added later: the förbund gets the IPS activity types
        default_activity_types_create(intervention=intervention)
    audit_change(
        actor=actor,
        action=AuditAction.UPDATE,
        forbund=intervention.forbund,
        intervention=intervention,
        obj=intervention,
        detail="Insats ändrad" + (", faser och stege efter metoden" if restructured else ""),
    )
    return intervention
