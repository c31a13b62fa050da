"""The employer's history as event rows (the model is Saleor's ``order/events.py``).

A row stores what happened (``event_type``) and its facts (``parameters``), never a
sentence: the sentence is rendered when the row is shown, in the reader's language, by
``render_employer_event``. Rows written before event types existed and whose text could not
be read back into facts keep that text in a ``note`` parameter, shown as it was written.

Parameters per type (dates as ISO strings, codes as stored in their models):

=======================  ==========================================================
``created``              ``name``
``demo_created``         (none)
``updated``              ``fields``: names of the changed Employer fields
``removed``              ``removed_on``
``contact_person_added``  ``title`` ("" when the person has no role)
``contact_person_changed``  ``title``, ``is_active``
``agreement_added``      ``status`` (AgreementStatus), ``agreed_on`` (or null)
``agreement_changed``    ``status``, ``agreed_on``
``contact_logged``       ``contact_kind`` (ContactKind), ``contacted_on``, ``purpose``
``note``                 ``note``: an old row's text
=======================  ==========================================================
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from samsyn.ips.models.employers import AgreementStatus, ContactKind, Employer


class EmployerEventType(models.TextChoices):
    CREATED = "created", _("Arbetsgivaren lades till")
    DEMO_CREATED = "demo_created", _("Tillagd som demodata")
    UPDATED = "updated", _("Uppgifterna ändrades")
    REMOVED = "removed", _("Borttagen ur företagsbanken")
    CONTACT_PERSON_ADDED = "contact_person_added", _("Kontaktperson tillagd")
    CONTACT_PERSON_CHANGED = "contact_person_changed", _("Kontaktperson ändrad")
    AGREEMENT_ADDED = "agreement_added", _("Överenskommelse tillagd")
    AGREEMENT_CHANGED = "agreement_changed", _("Överenskommelse ändrad")
    CONTACT_LOGGED = "contact_logged", _("Kontakt registrerad")
    NOTE = "note", _("Äldre historikrad")


# The names an ``updated`` event shows for the Employer fields it lists.
CHANGED_FIELD_LABELS = {
    "name": _("namn"),
    "organisationsnummer": _("organisationsnummer"),
    "sni_section": _("bransch"),
    "municipality_code": _("kommun"),
    "address": _("adress"),
    "description": _("beskrivning"),
    "added_on": pgettext_lazy("changed employer field", "tillagd"),
    "team_id": _("team"),
}


class EmployerEvent(models.Model):
    """The employer's history: one append-only row per change."""

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="events")
    occurred_at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    event_type = models.CharField(
        _("händelsetyp"), max_length=32, choices=EmployerEventType.choices
    )
    parameters = models.JSONField(_("uppgifter"), default=dict, blank=True)

    class Meta:
        verbose_name = _("händelse")
        verbose_name_plural = _("händelser")
        ordering = ["employer", "-occurred_at", "-id"]

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        """The row as a sentence in the active language."""
        return render_employer_event(self.event_type, self.parameters)


def _label(choices: type[models.TextChoices], code: Any) -> str:
    # A code no longer among the choices is shown as stored rather than hidden.
    try:
        return str(choices(code).label)
    except ValueError:
        return str(code or "")


def _updated(parameters: dict[str, Any]) -> str:
    names = parameters.get("fields") or []
    if not names:
        return gettext("Uppgifterna ändrades: inga ändringar")
    labels = ", ".join(str(CHANGED_FIELD_LABELS.get(name, name)) for name in names)
    return gettext("Uppgifterna ändrades: %(fields)s") % {"fields": labels}


def _contact_person(event_type: str, parameters: dict[str, Any]) -> str:
    title = parameters.get("title") or ""
    if event_type == EmployerEventType.CONTACT_PERSON_ADDED:
        if title:
            return gettext("Kontaktperson tillagd (%(title)s)") % {"title": title}
        return gettext("Kontaktperson tillagd (utan roll)")
    active = parameters.get("is_active", True)
    if title and active:
        return gettext("Kontaktperson ändrad (%(title)s)") % {"title": title}
    if title:
        return gettext("Kontaktperson ändrad (%(title)s, inaktiv)") % {"title": title}
    if active:
        return gettext("Kontaktperson ändrad (utan roll)")
    return gettext("Kontaktperson ändrad (utan roll, inaktiv)")


def _agreement(event_type: str, parameters: dict[str, Any]) -> str:
    values = {
        "status": _label(AgreementStatus, parameters.get("status")),
        "day": parameters.get("agreed_on") or "",
    }
    if event_type == EmployerEventType.AGREEMENT_ADDED:
        if values["day"]:
            return gettext("Överenskommelse tillagd: %(status)s %(day)s") % values
        return gettext("Överenskommelse tillagd: %(status)s") % values
    if values["day"]:
        return gettext("Överenskommelse ändrad: %(status)s %(day)s") % values
    return gettext("Överenskommelse ändrad: %(status)s") % values


def render_employer_event(event_type: str, parameters: dict[str, Any]) -> str:
    """The sentence for an event of ``event_type`` with ``parameters``, in the active language."""
    parameters = parameters or {}
    match event_type:
        case EmployerEventType.CREATED:
            return gettext("Arbetsgivaren lades till: %(name)s") % {
                "name": parameters.get("name", "")
            }
        case EmployerEventType.DEMO_CREATED:
            return gettext("Tillagd (demodata)")
        case EmployerEventType.UPDATED:
            return _updated(parameters)
        case EmployerEventType.REMOVED:
            return gettext("Borttagen ur företagsbanken från %(day)s") % {
                "day": parameters.get("removed_on", "")
            }
        case EmployerEventType.CONTACT_PERSON_ADDED | EmployerEventType.CONTACT_PERSON_CHANGED:
            return _contact_person(event_type, parameters)
        case EmployerEventType.AGREEMENT_ADDED | EmployerEventType.AGREEMENT_CHANGED:
            return _agreement(event_type, parameters)
        case EmployerEventType.CONTACT_LOGGED:
            return gettext("Kontakt (%(kind)s) %(day)s: %(purpose)s") % {
                "kind": _label(ContactKind, parameters.get("contact_kind")),
                "day": parameters.get("contacted_on", ""),
                "purpose": parameters.get("purpose", ""),
            }
    # ``note`` and anything unknown: the stored text as it was written.
    return str(parameters.get("note", ""))
