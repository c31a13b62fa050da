"""Forms of the contact log and of the yearly question in LSS daily activity."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samsyn.core.form_fields import model_choice_field
from samsyn.core.forms.base import SamsynForm
from samsyn.core.models import Party
from samsyn.participants.forms.intake import UNKNOWN_PARTY, DateInput
from samsyn.participants.models import RecipientCategory, WorkWish
from samsyn.participants.services.contacts import ContactEntry

DATE_ERRORS = {"invalid": _("Ange datumet som ÅÅÅÅ-MM-DD.")}


class ContactForm(SamsynForm):
    """One contact about the participant: a party, or another recipient by category and name."""

    contacted_on = forms.DateField(label=_("Datum"), widget=DateInput(), error_messages=DATE_ERRORS)
    party = forms.ModelChoiceField(
        label=_("Part"),
        queryset=Party.objects.none(),
        required=False,
        empty_label=_("Ingen part: en annan mottagare"),
        error_messages={"invalid_choice": UNKNOWN_PARTY},
    )
    recipient_category = forms.ChoiceField(
        label=_("Annan mottagare"),
        required=False,
        choices=[("", _("Välj slag av mottagare")), *RecipientCategory.choices],
        error_messages={"invalid_choice": _("Okänt slag av mottagare.")},
    )
    recipient_name = forms.CharField(
        label=_("Mottagarens namn"),
        required=False,
        max_length=200,
        help_text=_("Som det står i samtycket, till exempel skolans eller arbetsgivarens namn."),
    )
    purpose = forms.CharField(label=_("Syfte"), max_length=300)

    def __init__(self, *args: Any, parties: QuerySet[Party], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "party").queryset = parties
        self.fields["contacted_on"].initial = timezone.localdate()

    def entry(self) -> ContactEntry:
        data = self.cleaned_data
        return ContactEntry(
            contacted_on=data["contacted_on"],
            purpose=data["purpose"],
            party=data["party"],
            category="" if data["party"] else data["recipient_category"],
            name="" if data["party"] else data["recipient_name"],
        )


class WorkWishForm(SamsynForm):
    asked_on = forms.DateField(
        label=_("Frågat den"), widget=DateInput(), error_messages=DATE_ERRORS
    )
    answer = forms.ChoiceField(
        label=_("Vill du arbeta?"), choices=WorkWish.choices, widget=forms.RadioSelect
    )
    follow_up = forms.CharField(
        label=_("Uppföljning"),
        required=False,
        max_length=300,
        help_text=_("Vad som händer nu, till exempel samtal med IPS-coach eller LSS-handläggare."),
    )
    follow_up_on = forms.DateField(
        label=_("Uppföljning senast"),
        required=False,
        widget=DateInput(),
        error_messages=DATE_ERRORS,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["asked_on"].initial = timezone.localdate()
