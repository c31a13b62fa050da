"""An instrument in use is never edited in place; a new version copies it whole."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from samsyn.audit.models import AuditEvent
from samsyn.conftest import World
from samsyn.core.versioning import StaleEditError
from samsyn.surveys.models import Instrument, InstrumentStatus, RespondentGroup, Survey
from samsyn.surveys.services.instruments import (
    instrument_import,
    instrument_new_version,
    instrument_status_set,
    instrument_update,
)
from samsyn.surveys.tests.setup import good_document, json_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def instrument(world: World) -> Instrument:
    return instrument_import(
        actor=world["admin"], forbund=world.forbund, file=json_upload(good_document())
    )


def _use(world: World, instrument: Instrument) -> Survey:
    survey = Survey.objects.create(
        forbund=world.forbund,
        name="Deltagarenkät",
        instrument=instrument,
        respondent_group=RespondentGroup.PARTICIPANT_EXIT,
        period_from=datetime.date(2026, 1, 1),
        period_to=datetime.date(2026, 6, 30),
        target_answers=40,
    )
    survey.interventions.add(world.intervention)
    return survey


def _edit(world: World, instrument: Instrument, name: str = "Nytt namn") -> Instrument:
    return instrument_update(
        actor=world["admin"],
        instrument=instrument,
        expected_row_version=instrument.row_version,
        name=name,
        description="",
        source=instrument.source,
    )


def test_a_draft_not_in_use_is_edited_in_place(world: World, instrument: Instrument) -> None:
    edited = _edit(world, instrument)
    assert edited.name == "Nytt namn" and edited.row_version == 2
    assert edited.version == 1  # the instrument's own version does not move


def test_a_stale_edit_is_refused(world: World, instrument: Instrument) -> None:
    _edit(world, Instrument.objects.get(pk=instrument.pk))
    with pytest.raises(StaleEditError):
        _edit(world, instrument, name="Annat")
    assert Instrument.objects.get(pk=instrument.pk).name == "Nytt namn"


def test_an_instrument_in_use_is_not_edited(world: World, instrument: Instrument) -> None:
    _use(world, instrument)
    with pytest.raises(ValidationError) as refused:
        _edit(world, instrument)
    assert refused.value.code == "in_use"
    assert Instrument.objects.get(pk=instrument.pk).name == "Provinstrument"


def test_a_published_instrument_is_not_edited(world: World, instrument: Instrument) -> None:
    instrument_status_set(
        actor=world["admin"], instrument=instrument, status=InstrumentStatus.PUBLISHED
    )
    with pytest.raises(ValidationError):
        _edit(world, instrument)


def test_new_version_copies_everything(world: World, instrument: Instrument) -> None:
    survey = _use(world, instrument)
    copy = instrument_new_version(actor=world["admin"], instrument=instrument)
    assert (copy.key, copy.version, copy.previous_version) == ("prov", 2, instrument)
    assert copy.status == InstrumentStatus.DRAFT and copy.forbund == world.forbund
    old = {q.code: q for q in instrument.questions.all()}
    for question in copy.questions.prefetch_related("scale_steps", "choices", "groups"):
        before = old[question.code]
        assert question.pk != before.pk
        assert (question.text, question.kind, question.positive_steps) == (
            before.text,
            before.kind,
            before.positive_steps,
        )
        assert [s.value for s in question.scale_steps.all()] == [
            s.value for s in before.scale_steps.all()
        ]
        assert [c.label for c in question.choices.all()] == [c.label for c in before.choices.all()]
    q1 = copy.questions.get(code="Q1")
    assert q1.indicator is not None and q1.indicator.instrument == copy
    survey.refresh_from_db()
    assert survey.instrument == instrument  # the survey keeps the version it was sent with
    assert AuditEvent.objects.filter(object_id=str(copy.pk), detail__startswith="new version")
    assert _edit(world, copy).name == "Nytt namn"  # the new draft is editable


def test_others_may_not_version_or_edit(world: World, instrument: Instrument) -> None:
    for name in ("insatsansvarig", "styrgrupp", "outsider"):
        with pytest.raises(Http404):
            instrument_new_version(actor=world[name], instrument=instrument)
        with pytest.raises(Http404):
            instrument_update(
                actor=world[name],
                instrument=instrument,
                expected_row_version=1,
                name="x",
                description="",
                source="x",
            )
    assert Instrument.objects.count() == 1


def test_status_moves_only_forward(world: World, instrument: Instrument) -> None:
    with pytest.raises(ValidationError):
        instrument_status_set(
            actor=world["admin"], instrument=instrument, status=InstrumentStatus.RETIRED
        )
    instrument_status_set(
        actor=world["admin"], instrument=instrument, status=InstrumentStatus.PUBLISHED
    )
    instrument_status_set(
        actor=world["admin"], instrument=instrument, status=InstrumentStatus.RETIRED
    )
    assert Instrument.objects.get(pk=instrument.pk).status == InstrumentStatus.RETIRED
