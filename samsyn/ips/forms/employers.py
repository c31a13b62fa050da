"""Forms of the employer bank and the contact log: they collect and type the input; the rules
live in samsyn/ips/services/employers.py and contacts.py."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samsyn.core.form_fields import choice_field, model_choice_field, set_choice_label
from samsyn.core.forms.base import SamsynForm
from samsyn.core.models import Forbund, Team, User
from samsyn.interventions.forms.fields import DateInput, VersionField
from samsyn.interventions.models import Intervention
from samsyn.interventions.municipalities import municipality_choices
from samsyn.ips.models import (
    AgreementStatus,
    ContactKind,
    Employer,
    EmployerAgreement,
    EmployerContactPerson,
    SniSection,
)
from samsyn.ips.services.contacts import ContactFields
from samsyn.ips.services.employers import AgreementFields, ContactPersonFields, EmployerFields
from samsyn.participants.models import Registration


class EmployerForm(SamsynForm):
    name = forms.CharField(label=_("Namn"), max_length=200)
    organisationsnummer = forms.CharField(
        label=_("Organisationsnummer"),
        max_length=13,
        help_text=_("Tio siffror, till exempel 556036-0793."),
    )
    sni_section = forms.ChoiceField(label=_("Bransch (SNI 2007)"), choices=())
    municipality_code = forms.ChoiceField(label=_("Kommun"), choices=())
    address = forms.CharField(label=_("Adress"), max_length=200, required=False)
    description = forms.CharField(
        label=_("Beskrivning"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Till exempel vilka arbetsuppgifter som finns. Inga uppgifter om deltagare."),
    )
    added_on = forms.DateField(label=_("Tillagd i företagsbanken"), widget=DateInput())
    team = forms.ModelChoiceField(
        label=_("Team"),
        queryset=Team.objects.none(),
        required=False,
        empty_label=_("Hela förbundets företagsbank"),
    )

    def __init__(self, *args: Any, forbund: Forbund, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "sni_section").choices = [("", _("Välj bransch")), *SniSection.choices]
        choice_field(self, "municipality_code").choices = [
            ("", _("Välj kommun")),
            *municipality_choices(),
        ]
        model_choice_field(self, "team").queryset = Team.objects.filter(forbund=forbund).order_by(
            "name"
        )
        if not self.is_bound and "added_on" not in self.initial:
            self.initial["added_on"] = timezone.localdate()

    def employer_fields(self) -> EmployerFields:
        data = self.cleaned_data
        team = data.get("team")
        return EmployerFields(
            name=data["name"],
            organisationsnummer=data["organisationsnummer"],
            sni_section=data["sni_section"],
            municipality_code=data["municipality_code"],
            address=data.get("address", ""),
            description=data.get("description", ""),
            added_on=data["added_on"],
            team_id=team.pk if team else None,
        )


class EmployerEditForm(EmployerForm):
    version = VersionField()

    @classmethod
    def for_employer(cls, employer: Employer) -> EmployerEditForm:
        initial = {name: getattr(employer, name) for name in EmployerFields.__dataclass_fields__}
        initial.pop("team_id")
        initial.update(team=employer.team_id, version=employer.version)
        return cls(initial=initial, forbund=employer.forbund)


class EmployerRemoveForm(SamsynForm):
    version = VersionField()
    removed_on = forms.DateField(label=_("Borttagen från"), widget=DateInput(), required=False)


class ContactPersonForm(SamsynForm):
    name = forms.CharField(label=_("Namn"), max_length=200)
    title = forms.CharField(label=_("Roll"), max_length=120, required=False)
    phone = forms.CharField(label=_("Telefon"), max_length=40, required=False)
    email = forms.CharField(label=_("E-post"), max_length=254, required=False)
    is_active = forms.BooleanField(label=_("Aktiv kontaktperson"), required=False, initial=True)

    def person_fields(self) -> ContactPersonFields:
        data = self.cleaned_data
        return ContactPersonFields(
            name=data["name"],
            title=data.get("title", ""),
            phone=data.get("phone", ""),
            email=data.get("email", ""),
            is_active=bool(data.get("is_active")),
        )


class ContactPersonEditForm(ContactPersonForm):
    version = VersionField()

    @classmethod
    def for_person(cls, person: EmployerContactPerson) -> ContactPersonEditForm:
        initial = {name: getattr(person, name) for name in ContactPersonFields.__dataclass_fields__}
        return cls(initial={**initial, "version": person.version})


class AgreementForm(SamsynForm):
    status = forms.ChoiceField(label=_("Status"), choices=AgreementStatus.choices)
    agreed_on = forms.DateField(label=_("Datum"), widget=DateInput(), required=False)
    ends_on = forms.DateField(label=_("Gäller till"), widget=DateInput(), required=False)
    content = forms.CharField(
        label=_("Innehåll"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    document = forms.FileField(
        label=_("Dokument"),
        required=False,
        help_text=_("PDF, JPEG, PNG eller Word (.docx), högst 10 MB."),
    )

    def agreement_fields(self) -> AgreementFields:
        data = self.cleaned_data
        return AgreementFields(
            status=data["status"],
            agreed_on=data.get("agreed_on"),
            ends_on=data.get("ends_on"),
            content=data.get("content", ""),
        )


class AgreementEditForm(AgreementForm):
    version = VersionField()

    @classmethod
    def for_agreement(cls, agreement: EmployerAgreement) -> AgreementEditForm:
        initial = {name: getattr(agreement, name) for name in AgreementFields.__dataclass_fields__}
        return cls(initial={**initial, "version": agreement.version})


class ContactForm(SamsynForm):
    contacted_on = forms.DateField(label=_("Datum"), widget=DateInput())
    kind = forms.ChoiceField(label=_("Kontaktsätt"), choices=ContactKind.choices)
    intervention = forms.ModelChoiceField(label=_("Insats"), queryset=Intervention.objects.none())
    coach = forms.ModelChoiceField(
        label=_("Coach"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("Du själv om inget annat väljs. Bara insatsansvarig kan välja en annan coach."),
    )
    registration = forms.ModelChoiceField(
        label=_("För deltagare"),
        queryset=Registration.objects.none(),
        required=False,
        empty_label=_("Allmän kontakt, ingen enskild deltagare"),
    )
    purpose = forms.CharField(label=_("Syfte"), max_length=300)
    outcome = forms.CharField(
        label=_("Resultat"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    next_step = forms.CharField(label=_("Nästa steg"), max_length=300, required=False)
    next_step_on = forms.DateField(label=_("Nästa steg senast"), widget=DateInput(), required=False)

    def __init__(
        self,
        *args: Any,
        interventions: list[Intervention],
        coaches: Any,
        registrations: Any,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        ids = [intervention.pk for intervention in interventions]
        model_choice_field(self, "intervention").queryset = Intervention.objects.filter(id__in=ids)
        model_choice_field(self, "coach").queryset = coaches
        set_choice_label(
            model_choice_field(self, "coach"), lambda user: user.get_full_name() or user.username
        )
        model_choice_field(self, "registration").queryset = registrations
        set_choice_label(model_choice_field(self, "registration"), _registration_label)
        if not self.is_bound:
            self.initial.setdefault("contacted_on", timezone.localdate())
            self.initial.setdefault("kind", ContactKind.FACE_TO_FACE)
            if len(interventions) == 1:
                self.initial.setdefault("intervention", interventions[0].pk)

    def contact_fields(self, employer_id: int) -> ContactFields:
        data = self.cleaned_data
        coach, registration = data.get("coach"), data.get("registration")
        return ContactFields(
            employer_id=employer_id,
            intervention_id=data["intervention"].pk,
            contacted_on=data["contacted_on"],
            kind=data["kind"],
            purpose=data["purpose"],
            coach_id=coach.pk if coach else None,
            registration_id=registration.pk if registration else None,
            outcome=data.get("outcome", ""),
            next_step=data.get("next_step", ""),
            next_step_on=data.get("next_step_on"),
        )


def _registration_label(registration: Registration) -> str:
    return f"{registration.person.display_name} ({registration.intervention.name})"
