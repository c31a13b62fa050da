"""Forms of the förbundsadministratör's pages.

They only collect and type the input; the rules (organisationsnummer, unique names, which
party a role needs, password strength) live in core.services so every caller gets the same
checks and messages. A form for several förbund shows a förbund field only to an
administrator of more than one.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from samsyn.core.form_fields import form_field, model_choice_field, set_choice_label
from samsyn.core.forms.base import SamsynForm
from samsyn.core.models import Forbund, Party, PartyKind, TeamKind, User
from samsyn.core.roles import Role
from samsyn.core.selectors.intervention_scope import intervention_model


def _blank(choices: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
    return [("", _("– välj –")), *choices]


def _no_autofill(**attrs: str) -> forms.TextInput:
    # The administrator types someone else's details: the browser must not offer its own.
    return forms.TextInput(attrs={"autocomplete": "off", **attrs})


class VersionField(forms.IntegerField):
    widget = forms.HiddenInput

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(min_value=0, **kwargs)


class ForbundChoiceForm(SamsynForm):
    """Adds a choice of förbund when the administrator has more than one."""

    forbund = forms.ModelChoiceField(
        label=_("Förbund"), queryset=Forbund.objects.none(), empty_label=_("– välj –")
    )

    def __init__(self, *args: Any, forbunds: list[Forbund], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.forbunds = forbunds
        if len(forbunds) > 1:
            field = model_choice_field(self, "forbund")
            field.queryset = Forbund.objects.filter(pk__in=[f.pk for f in forbunds])
            self.order_fields(["forbund"])
        else:
            del self.fields["forbund"]

    @property
    def multiple_forbund(self) -> bool:
        return len(self.forbunds) > 1

    def chosen_forbund(self) -> Forbund:
        if self.multiple_forbund:
            return self.cleaned_data["forbund"]
        return self.forbunds[0]


class PartyChoiceField(forms.ModelChoiceField):
    def __init__(self, *args: Any, show_forbund: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.show_forbund = show_forbund

    def label_from_instance(self, obj: Party) -> str:
        return f"{obj.name} ({obj.forbund.name})" if self.show_forbund else obj.name


class PartyForm(ForbundChoiceForm):
    kind = forms.ChoiceField(label=_("Typ av part"), choices=_blank(PartyKind.choices))
    name = forms.CharField(label=_("Namn"), max_length=200)
    organisationsnummer = forms.CharField(
        label=_("Organisationsnummer"),
        max_length=13,
        help_text=_("Tio siffror, till exempel 212000-1876."),
        widget=_no_autofill(inputmode="numeric"),
    )
    municipality_code = forms.CharField(
        label=_("Kommunkod"),
        max_length=4,
        required=False,
        help_text=_("Fyra siffror, till exempel 1780. Fylls bara i för kommuner."),
        widget=_no_autofill(inputmode="numeric"),
    )


class PartyEditForm(PartyForm):
    version = VersionField()


class TeamForm(ForbundChoiceForm):
    name = forms.CharField(label=_("Namn"), max_length=200)
    kind = forms.ChoiceField(label=_("Typ av team"), choices=_blank(TeamKind.choices))
    description = forms.CharField(
        label=_("Beskrivning"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    meeting_interval_weeks = forms.IntegerField(
        label=_("Mötesintervall (veckor)"),
        required=False,
        min_value=1,
        max_value=52,
        help_text=_("Hur ofta teamet brukar träffas, i veckor."),
    )


class TeamEditForm(TeamForm):
    is_active = forms.BooleanField(label=_("Teamet är aktivt"), required=False)
    version = VersionField()


class TeamMemberForm(SamsynForm):
    user = forms.ModelChoiceField(
        label=_("Användare"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("– person utan inloggning –"),
        help_text=_(
            "Välj en användare i förbundet, eller lämna tomt och fyll i namn för en person "
            "utan inloggning."
        ),
    )
    name = forms.CharField(
        label=_("Namn (person utan inloggning)"),
        max_length=200,
        required=False,
        widget=_no_autofill(),
    )
    email = forms.EmailField(
        label=_("E-post (person utan inloggning)"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    phone = forms.CharField(
        label=_("Telefon (person utan inloggning)"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "type": "tel"}),
    )
    party = PartyChoiceField(
        label=_("Part"),
        queryset=Party.objects.none(),
        empty_label=_("– välj –"),
        help_text=_("Den part personen företräder i teamet."),
    )
    function = forms.CharField(
        label=_("Funktion"),
        max_length=120,
        required=False,
        help_text=_("Till exempel ordförande, sekreterare eller handläggare."),
    )

    def __init__(
        self, *args: Any, users: QuerySet[User], parties: QuerySet[Party], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "user").queryset = users
        set_choice_label(model_choice_field(self, "user"), _user_label)
        model_choice_field(self, "party").queryset = parties


def _user_label(user: User) -> str:
    full_name = user.get_full_name()
    return f"{full_name} ({user.username})" if full_name else user.username


class AccountForm(SamsynForm):
    username = forms.CharField(
        label=_("Användarnamn"),
        max_length=150,
        help_text=_("Bokstäver, siffror och tecknen @ . + - _"),
        widget=_no_autofill(autocapitalize="none", spellcheck="false"),
    )
    first_name = forms.CharField(label=_("Förnamn"), max_length=150, widget=_no_autofill())
    last_name = forms.CharField(label=_("Efternamn"), max_length=150, widget=_no_autofill())
    email = forms.EmailField(
        label=_("E-post"), widget=forms.EmailInput(attrs={"autocomplete": "off"})
    )


class AccountEditForm(AccountForm):
    version = VersionField()


class MembershipFieldsMixin(SamsynForm):
    role = forms.ChoiceField(label=_("Roll"), choices=_blank(Role.choices))
    party = PartyChoiceField(
        label=_("Part"),
        queryset=Party.objects.none(),
        required=False,
        empty_label=_("– ingen part –"),
        help_text=_("Obligatoriskt för handläggare: den part som anvisar."),
    )
    interventions = forms.ModelMultipleChoiceField(
        label=_("Begränsa till insatser"),
        queryset=intervention_model()._default_manager.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Gäller insatsansvarig, coach och handläggare. Kryssa inte i någon för att "
            "rollen ska gälla alla förbundets insatser."
        ),
    )

    def set_membership_choices(
        self,
        *,
        parties: QuerySet[Party],
        interventions: QuerySet[Any],
        show_forbund: bool,
    ) -> None:
        party_field = form_field(self, "party", PartyChoiceField)
        party_field.queryset = parties
        party_field.show_forbund = show_forbund
        if interventions.exists():
            model_choice_field(self, "interventions").queryset = interventions
            if show_forbund:
                set_choice_label(
                    model_choice_field(self, "interventions"),
                    lambda i: f"{i.name} ({i.forbund.name})",
                )
        else:
            del self.fields["interventions"]

    def membership_values(self) -> dict[str, Any]:
        return {
            "role": self.cleaned_data["role"],
            "party": self.cleaned_data.get("party"),
            "interventions": list(self.cleaned_data.get("interventions") or []),
        }


class MembershipForm(ForbundChoiceForm, MembershipFieldsMixin):
    pass


class UserCreateForm(ForbundChoiceForm, AccountForm, MembershipFieldsMixin):
    """No password here: the person chooses one through the activation link."""

    field_order = [
        "forbund",
        "username",
        "first_name",
        "last_name",
        "email",
        "role",
        "party",
        "interventions",
    ]


class SmallCountLimitForm(SamsynForm):
    """The förbund's limit for small-count suppression (3 or 5)."""

    small_count_limit = forms.TypedChoiceField(
        label=_("Gräns för små antal"),
        choices=[(3, _("3 (antal 1–2 döljs)")), (5, _("5 (antal 1–4 döljs)"))],
        coerce=int,
        error_messages={"invalid_choice": _("Gränsen kan bara vara 3 eller 5.")},
    )
    version = VersionField()


class GrantRefusalForm(SamsynForm):
    reason = forms.CharField(
        label=_("Skäl till avslag"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Skriv varför begäran avslås.")},
    )
