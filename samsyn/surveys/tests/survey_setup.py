"""Test helpers for surveys: a published instrument and an open survey for the world's
intervention, and one-time links for it."""

from __future__ import annotations

import datetime

from samsyn.conftest import World
from samsyn.surveys.models import Instrument, Survey
from samsyn.surveys.services.instruments import instrument_import, instrument_status_set
from samsyn.surveys.services.surveys import SurveyFields, survey_create, survey_status_set
from samsyn.surveys.services.tokens import token_batch_create
from samsyn.surveys.tests.setup import good_document, json_upload

# The exit form of good_document(): Q1 (scale 1–5) and KON (choice 1 or 2).
GOOD_ANSWER = {"q_Q1": "4", "q_KON": "1"}


def published_instrument(world: World) -> Instrument:
    instrument = instrument_import(
        actor=world["admin"], forbund=world.forbund, file=json_upload(good_document())
    )
    instrument_status_set(actor=world["admin"], instrument=instrument, status="publicerad")
    return instrument


def fields(instrument: Instrument, world: World, **changes: object) -> SurveyFields:
    values: dict[str, object] = {
        "name": "Avslutsenkät Testinsatsen",
        "instrument": instrument,
        "respondent_group": "deltagare_avslut",
        "interventions": [world.intervention],
        "period_from": datetime.date(2026, 1, 1),
        "period_to": datetime.date(2026, 12, 31),
        "target_answers": 40,
    }
    values.update(changes)
    return SurveyFields(**values)  # type: ignore[arg-type]


def open_survey(world: World, instrument: Instrument | None = None, **changes: object) -> Survey:
    instrument = instrument or published_instrument(world)
    survey = survey_create(
        actor=world["admin"], forbund=world.forbund, fields=fields(instrument, world, **changes)
    )
    return survey_status_set(actor=None, survey=survey, expected_version=1, status="oppen")


def links(survey: Survey, count: int = 3) -> list[str]:
    return token_batch_create(actor=None, survey=survey, count=count)
