"""Samsyn's own Swedish form messages (docs/development.md, "Messages"): every project form
uses them instead of Django's stock texts, reports share one year range, and a page shows
one error summary however many Django forms make up its <form>."""

from __future__ import annotations

import datetime
import importlib
import pkgutil
from collections.abc import Callable
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django import forms
from django.core.validators import MaxValueValidator
from django.template.loader import render_to_string
from django.test import Client

import samsyn
from samsyn.core.forms.base import SamsynForm, SamsynFormMixin
from samsyn.interventions.forms.money import SwedishDecimalField
from samsyn.stats import periods

SKIP = (".tests", ".browser_tests", ".migrations", "samsyn.settings", "samsyn.wsgi")


def _project_forms() -> list[type[forms.BaseForm]]:
    for module in pkgutil.walk_packages(samsyn.__path__, "samsyn."):
        if not any(part in module.name for part in SKIP):
            importlib.import_module(module.name)
    found: list[type[forms.BaseForm]] = []
    todo: list[type] = [forms.BaseForm]
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if cls.__module__.startswith("samsyn.") and ".tests" not in cls.__module__:
            found.append(cls)
    return found


def test_every_project_form_uses_samsyns_messages() -> None:
    project_forms = _project_forms()
    assert len(project_forms) > 100  # the walk found the forms
    outside = sorted(
        f"{cls.__module__}.{cls.__qualname__}"
        for cls in project_forms
        if not issubclass(cls, SamsynFormMixin)
    )
    assert outside == []


def test_forms_that_need_no_arguments_answer_too_long_text_in_plain_swedish() -> None:
    checked = 0
    for cls in _project_forms():
        try:
            form = cls()
        except (TypeError, ValueError, KeyError, AttributeError):
            continue  # needs the acting user, an intervention, ...
        form.full_clean()  # fields a form adds in its own __init__ get the messages here
        for name, field in form.fields.items():
            limit = getattr(field, "max_length", None)
            # A form's own max_length message (a one-time code's "sex siffror") stays.
            own = "max_length" in field.error_messages
            if type(field) is not forms.CharField or not limit or own:
                continue
            with pytest.raises(forms.ValidationError) as raised:
                field.run_validators("x" * (limit + 1))
            text = " ".join(raised.value.messages)
            assert "Texten får vara högst" in text and "Säkerställ" not in text, (cls, name)
            checked += 1
    assert checked > 10


class _Sample(SamsynForm):
    note = forms.CharField(max_length=4000)
    count = forms.IntegerField(min_value=0, max_value=9999)
    hours = forms.DecimalField(max_digits=4, decimal_places=1, required=False)
    day = forms.DateField(
        required=False, validators=[MaxValueValidator(datetime.date(2100, 12, 31))]
    )
    kind = forms.ChoiceField(choices=[("a", "A")], required=False)
    own = forms.CharField(max_length=3, required=False, error_messages={"max_length": "Egen."})


@pytest.mark.parametrize(
    ("data", "field", "message", "stock"),
    [
        (
            {"note": "x" * 5000},
            "note",
            "Texten får vara högst 4 000 tecken; nu är den 5 000.",
            "Säkerställ",
        ),
        ({"note": ""}, "note", "Fyll i det här fältet.", "Detta fält"),
        ({"count": "tolv"}, "count", "Ange ett heltal med siffror, till exempel 12.", "heltal."),
        ({"count": "12000"}, "count", "Ange högst 9 999.", "Säkerställ"),
        ({"count": "-1"}, "count", "Ange minst 0.", "Säkerställ"),
        ({"hours": "1234"}, "hours", "Talet är för stort: högst 999 före decimaltecknet.", "Säk"),
        ({"hours": "1.25"}, "hours", "Ange högst en decimal.", "Säkerställ"),
        ({"day": "15/3"}, "day", "Ange ett datum som ÅÅÅÅ-MM-DD, till exempel 2026-03-15.", "gil"),
        ({"day": "2101-01-01"}, "day", "Ange ett datum senast 2100-12-31.", "Kontrollera"),
        ({"kind": "b"}, "kind", "Välj ett av alternativen i listan.", "giltigt"),
        ({"own": "abcd"}, "own", "Egen.", "Texten"),
    ],
)
def test_samsyn_messages_replace_the_stock_ones(
    data: dict[str, str], field: str, message: str, stock: str
) -> None:
    form = _Sample(data={"note": "ok", "count": "1", **data})
    assert not form.is_valid()
    assert form.errors[field] == [message]
    assert stock not in " ".join(str(error) for error in form.errors[field])


def test_a_too_large_amount_says_so_and_not_enter_a_number() -> None:
    field = SwedishDecimalField()
    with pytest.raises(forms.ValidationError) as raised:
        field.clean("99 999 999 999 999 999")
    assert raised.value.messages == ["Beloppet är för stort: högst 9 999 999 999,99 kr."]
    with pytest.raises(forms.ValidationError) as raised:
        field.clean("mycket")
    assert "Ange ett tal" in raised.value.messages[0]
    assert field.clean("1 234,50") == Decimal("1234.50")


def test_one_year_range_for_every_report() -> None:
    from samsyn.interventions.models.finance import YEAR_VALIDATORS
    from samsyn.reporting.forms import forbund

    assert (periods.FIRST_YEAR, periods.LAST_YEAR) == (2000, 2100)
    assert (forbund.YEAR_MIN, forbund.YEAR_MAX) == (periods.FIRST_YEAR, periods.LAST_YEAR)
    limits = [validator.limit_value for validator in YEAR_VALIDATORS]
    assert limits == [periods.FIRST_YEAR, periods.LAST_YEAR]


class _Part(SamsynForm):
    name = forms.CharField(label="Namn")

    def clean(self) -> dict[str, object]:
        raise forms.ValidationError("Hela formuläret är fel.")


def test_a_form_made_of_several_parts_shows_one_error_summary() -> None:
    first, second = _Part(data={}), _Part(data={}, prefix="b")
    html = render_to_string(
        "participants/intake/_registration_form.html",
        {
            "referral": type("R", (), {"pk": 1})(),
            "consent_form": first,
            "baseline_form": second,
            "has_consent": True,
        },
    )
    assert html.count("Något behöver rättas") == 1
    assert html.count("Namn: Fyll i det här fältet.") == 2
    assert "Hela formuläret är fel." in html


def test_a_single_form_lists_form_wide_and_field_errors_in_one_box() -> None:
    html = render_to_string("includes/form.html", {"form": _Part(data={})})
    assert html.count("Något behöver rättas") == 1
    assert "Hela formuläret är fel." in html and 'href="#id_name"' in html


def test_intervention_without_a_party_requirement_says_so(
    world: object, as_persona: Callable[[str], Client]
) -> None:
    from django.urls import reverse

    intervention = world.intervention  # type: ignore[attr-defined]
    intervention.min_parties_current = 0
    intervention.save(update_fields=["min_parties_current"])
    html = (
        as_persona("insatsansvarig")
        .get(reverse("interventions:detail", args=[intervention.pk]))
        .content.decode()
    )
    assert "Inget krav" in html and "Minst 0" not in html


@pytest.mark.parametrize(
    ("step_forward", "answer"), [(None, "inget underlag ännu"), (False, "nej"), (True, "ja")]
)
def test_progress_says_what_a_step_forward_is(step_forward: bool | None, answer: str) -> None:
    page = SimpleNamespace(placement=None, step_forward=step_forward, step_chart=None)
    html = render_to_string("participants/journey/_progress.html", {"page": page})
    assert f"Steg framåt sedan start:\n    <strong>{answer}</strong>" in html
    assert "gått upp ett steg på stegen, nått ett delmål eller fått bättre skattningar" in html
    assert "Samsyns definition" not in html
