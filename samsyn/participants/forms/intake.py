"""Forms of the intake: referral, decision, consent, registration.

Each form is one section of a page; a page may combine several inside one <form>. The
services do the real validation (so the API and imports get the same rules); these forms
parse the input and show the services' errors next to the right field.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samsyn.core.form_fields import choice_field, model_choice_field, set_choice_label
from samsyn.core.forms.base import SamsynForm
from samsyn.core.kommuner import MUNICIPALITIES
from samsyn.core.models import Party, Team, User
from samsyn.core.personnummer import PersonnummerFormField
from samsyn.participants.models import (
    Consent,
    EducationLevel,
    Gender,
    IncomeSource,
    Occupation,
    RecipientCategory,
)
from samsyn.participants.services.consent import ConsentTerms, RecipientTerm
from samsyn.participants.services.eligibility import CriteriaFacts
from samsyn.participants.services.persons import PersonDetails

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise

    Label = str | _StrPromise

UNKNOWN_PARTY = _("Okänd part: välj bland förbundets parter.")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("format", "%Y-%m-%d")
        super().__init__(**kwargs)


def _date_field(label: Label, *, required: bool = True, **kwargs: Any) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=DateInput(),
        error_messages={"invalid": _("Ange datumet som ÅÅÅÅ-MM-DD.")},
        **kwargs,
    )


def _parties_field(label: Label, *, required: bool = False) -> forms.ModelMultipleChoiceField:
    return forms.ModelMultipleChoiceField(
        label=label,
        queryset=Party.objects.none(),
        required=required,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": UNKNOWN_PARTY,
            "invalid_pk_value": UNKNOWN_PARTY,
            "required": _("Välj minst en part."),
        },
    )


def municipality_choices() -> list[tuple[str, Label]]:
    ordered = sorted(MUNICIPALITIES.items(), key=lambda item: item[1])
    return [("", _("Välj kommun")), *((code, f"{name} ({code})") for code, name in ordered)]


class IdentityMode:
    PERSONNUMMER = "personnummer"
    ANONYMOUS = "anonym"
    PROTECTED = "skyddad"


class IdentityForm(SamsynForm):
    """Who the person is: identified by personnummer, or anonymous (gender and birth year)."""

    identity = forms.ChoiceField(
        label=_("Identitet"),
        widget=forms.RadioSelect,
        initial=IdentityMode.PERSONNUMMER,
        choices=[
            (IdentityMode.PERSONNUMMER, _("Med personnummer eller samordningsnummer")),
            (IdentityMode.ANONYMOUS, _("Anonymt: bara kön och födelseår sparas")),
            (
                IdentityMode.PROTECTED,
                _("Skyddade personuppgifter: bara kön och födelseår sparas"),
            ),
        ],
    )
    personnummer = PersonnummerFormField(label=_("Personnummer"), required=False)
    first_name = forms.CharField(label=_("Förnamn"), required=False, max_length=100)
    last_name = forms.CharField(label=_("Efternamn"), required=False, max_length=100)
    gender = forms.ChoiceField(
        label=_("Kön"),
        required=False,
        choices=[("", _("Välj kön")), *Gender.choices],
        help_text=_("Bara utan personnummer; annars hämtas det från personnumret."),
    )
    birth_year = forms.IntegerField(
        label=_("Födelseår"),
        required=False,
        help_text=_("Bara utan personnummer."),
        error_messages={"invalid": _("Ange födelseåret med fyra siffror.")},
    )
    home_municipality_code = forms.ChoiceField(
        label=_("Hemkommun"), required=False, choices=municipality_choices
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["first_name"].widget.attrs["autocomplete"] = "off"
        self.fields["last_name"].widget.attrs["autocomplete"] = "off"

    def person_details(self) -> PersonDetails:
        data = self.cleaned_data
        mode = data["identity"]
        return PersonDetails(
            personnummer=data.get("personnummer"),
            first_name=(data.get("first_name") or "").strip(),
            last_name=(data.get("last_name") or "").strip(),
            gender=data.get("gender") or "",
            birth_year=data.get("birth_year"),
            home_municipality_code=data.get("home_municipality_code") or "",
            anonymous=mode == IdentityMode.ANONYMOUS,
            protected_identity=mode == IdentityMode.PROTECTED,
        )


class ReferralForm(SamsynForm):
    """Where the referral comes from and why."""

    referring_party = forms.ModelChoiceField(
        label=_("Anvisande part"),
        queryset=Party.objects.none(),
        empty_label=_("Välj part"),
        error_messages={"invalid_choice": UNKNOWN_PARTY},
    )
    team = forms.ModelChoiceField(
        label=_("Team"),
        queryset=Team.objects.none(),
        required=False,
        empty_label=_("Inget team"),
        help_text=_("Teamet där anvisningen togs upp, om den gjorde det."),
        error_messages={"invalid_choice": _("Okänt team: välj ett av förbundets team.")},
    )
    reason = forms.CharField(
        label=_("Anledning"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        help_text=_("Varför personen behöver insatsen. Skriv inte mer än som behövs."),
    )
    current_at_parties = _parties_field(_("Personen är aktuell hos"))
    income_sources = forms.MultipleChoiceField(
        label=_("Personens försörjning nu"),
        choices=IncomeSource.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Okänd försörjning.")},
    )
    has_lss_daily_activity = forms.BooleanField(
        label=_("Personen har LSS-beslut om daglig verksamhet"), required=False
    )
    has_long_term_forsorjningsstod = forms.BooleanField(
        label=_("Personen har långvarigt försörjningsstöd"), required=False
    )
    current_in_psychiatry = forms.BooleanField(
        label=_("Personen är aktuell i psykiatrin"), required=False
    )
    # The seeds' words are anvisning (seed 002) and aktualisering (seed 000); "anvisning" is what
    # many still say, so the help text names it too.
    referred_on = _date_field(
        _("Anvisningsdatum"),
        initial=timezone.localdate,
        help_text=_(
            "Dagen då personen anvisades eller aktualiserades till insatsen "
            "(kallas ibland ”remiss”)."
        ),
    )

    def criteria(self) -> CriteriaFacts:
        data = self.cleaned_data
        return CriteriaFacts(
            lss_daily_activity=data["has_lss_daily_activity"],
            long_term_forsorjningsstod=data["has_long_term_forsorjningsstod"],
            current_in_psychiatry=data["current_in_psychiatry"],
            income_sources=tuple(data.get("income_sources") or ()),
        )

    def __init__(
        self,
        *args: Any,
        parties: QuerySet[Party],
        referring_parties: QuerySet[Party],
        teams: QuerySet[Team],
        with_current_parties: bool = True,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "referring_party").queryset = referring_parties
        model_choice_field(self, "team").queryset = teams
        if with_current_parties:
            model_choice_field(self, "current_at_parties").queryset = parties
            self.fields["referred_on"].initial = timezone.localdate()
        else:
            # Direct registration: the baseline's incomes are the income sources.
            del self.fields["current_at_parties"]
            del self.fields["referred_on"]
            del self.fields["income_sources"]
        if len(referring_parties) == 1:
            self.fields["referring_party"].initial = referring_parties[0].pk


class AcknowledgeForm(SamsynForm):
    acknowledge_warnings = forms.BooleanField(
        label=_("Jag har läst varningarna och vill spara ändå"), required=False
    )


class ReferralDecisionForm(SamsynForm):
    ACCEPT = "accept"
    DECLINE = "decline"

    decision = forms.ChoiceField(
        label=_("Beslut"),
        widget=forms.RadioSelect,
        choices=[(ACCEPT, _("Anta")), (DECLINE, _("Avböj"))],
    )
    decision_reason = forms.CharField(
        label=_("Motivering"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Krävs när anvisningen avböjs."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


RECIPIENT_FIELD_PREFIX = "recipients_"


class ConsentForm(SamsynForm):
    """Which parties and other recipients may exchange information about the person, when;
    the signed form. Other recipients are entered per category, one name per line."""

    parties = _parties_field(_("Parter som får utbyta information"))
    valid_from = _date_field(_("Gäller från"))
    valid_to = _date_field(
        _("Gäller till"),
        required=False,
        help_text=_("Lämna tomt om samtycket gäller tills vidare."),
    )
    document = forms.FileField(
        label=_("Underskriven blankett"),
        help_text=_("PDF, JPEG eller PNG, högst 10 MB."),
        error_messages={
            "required": _("Ladda upp den underskrivna blanketten."),
            "empty": _("Filen är tom."),
        },
        widget=forms.ClearableFileInput(
            attrs={"accept": ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"}
        ),
    )

    def __init__(self, *args: Any, parties: QuerySet[Party], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "parties").queryset = parties
        self.fields["valid_from"].initial = timezone.localdate()
        for value, label in RecipientCategory.choices:
            self.fields[RECIPIENT_FIELD_PREFIX + value] = forms.CharField(
                label=label,
                required=False,
                max_length=4000,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text=_("Andra mottagare som samtycket gäller: ett namn per rad."),
            )

    def recipients(self) -> list[RecipientTerm]:
        terms: list[RecipientTerm] = []
        for value in RecipientCategory.values:
            text = self.cleaned_data.get(RECIPIENT_FIELD_PREFIX + value) or ""
            names = (line.strip() for line in text.splitlines())
            terms.extend(RecipientTerm(category=value, name=name) for name in names if name)
        return terms

    def terms(self) -> ConsentTerms:
        data = self.cleaned_data
        return ConsentTerms(
            parties=list(data["parties"]),
            recipients=self.recipients(),
            valid_from=data["valid_from"],
            valid_to=data["valid_to"],
            document=data["document"],
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("valid_from"), data.get("valid_to")
        if start and end and end < start:
            self.add_error("valid_to", _("Slutdatumet kan inte vara före startdatumet."))
        if "parties" in data and not data["parties"] and not self.recipients():
            self.add_error("parties", _("Välj minst en part eller mottagare som samtycket gäller."))
        return data


class ConsentWithdrawForm(SamsynForm):
    withdrawn_on = _date_field(_("Återkallat den"))
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["withdrawn_on"].initial = timezone.localdate()


class BaselineForm(SamsynForm):
    """Status at start (DOMAIN.md step 3)."""

    start_date = _date_field(_("Startdatum"))
    coach = forms.ModelChoiceField(
        label=_("Coach"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("Ingen coach ännu"),
        error_messages={"invalid_choice": _("Välj en coach som arbetar i insatsen.")},
    )
    incomes_before = forms.MultipleChoiceField(
        label=_("Försörjning före insatsen"),
        choices=IncomeSource.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Välj minst en försörjning före insatsen."),
            "invalid_choice": _("Okänd försörjning."),
        },
    )
    occupation_before = forms.ChoiceField(
        label=_("Sysselsättning före insatsen"),
        choices=[("", _("Välj sysselsättning")), *Occupation.choices],
    )
    education_level = forms.ChoiceField(
        label=_("Utbildningsnivå"), choices=EducationLevel.choices, initial=EducationLevel.OKAND
    )
    months_outside_labour_market = forms.IntegerField(
        label=_("Tid utanför arbetsmarknaden (månader)"),
        required=False,
        min_value=0,
        max_value=600,
    )
    current_at_parties = _parties_field(_("Personen är aktuell hos"))

    def __init__(
        self,
        *args: Any,
        parties: QuerySet[Party],
        coaches: QuerySet[User],
        default_coach: User | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "current_at_parties").queryset = parties
        model_choice_field(self, "coach").queryset = coaches
        set_choice_label(
            model_choice_field(self, "coach"), lambda user: user.get_full_name() or user.username
        )
        self.fields["start_date"].initial = timezone.localdate()
        if default_coach is not None:
            self.fields["coach"].initial = default_coach.pk


NO_CONSENT = "ingen"


def consent_label(consent: Consent) -> str:
    names = [party.name for party in consent.parties.all()]
    names += [str(recipient) for recipient in consent.recipients.all()]
    parties = ", ".join(names)
    period = consent.valid_from.isoformat()
    period += f" – {consent.valid_to.isoformat()}" if consent.valid_to else " –"
    return f"{period}: {parties}"


class ConsentChoiceForm(SamsynForm):
    """Which consent governs the registration, or none (then it is anonymous)."""

    consent = forms.ChoiceField(
        label=_("Samtycke"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Välj ett samtycke eller att skriva in personen anonymt.")},
    )

    def __init__(self, *args: Any, consents: list[Consent], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        usable = [
            consent
            for consent in consents
            if consent.withdrawn_on is None
            and (consent.valid_to is None or consent.valid_to >= today)
        ]
        self.consents = {str(consent.pk): consent for consent in usable}
        choices = [(key, consent_label(consent)) for key, consent in self.consents.items()]
        choices.append((NO_CONSENT, str(_("Inget samtycke: skriv in personen anonymt"))))
        choice_field(self, "consent").choices = choices
        # Erasing an identity cannot be undone: without a consent to offer, nothing is
        # pre-selected and the anonymous choice must be made on purpose.
        self.fields["consent"].initial = choices[0][0] if self.consents else None
        self.fields["consent"].help_text = _(
            "Utan samtycke tas personnummer och namn bort och bara kön, födelseår och "
            "hemkommun sparas."
        )

    def chosen(self) -> Consent | None:
        return self.consents.get(self.cleaned_data["consent"])
