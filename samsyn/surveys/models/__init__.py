"""Models of the surveys app: instruments (versioned questionnaires) and surveys with their
one-time links and anonymous answers."""

from samsyn.surveys.models.instruments import (
    Choice,
    Indicator,
    Instrument,
    InstrumentStatus,
    Question,
    QuestionGroup,
    QuestionKind,
    RespondentGroup,
    ScaleStep,
)
from samsyn.surveys.models.references import NationalReference
from samsyn.surveys.models.surveys import (
    Answer,
    Response,
    ResponseChannel,
    Survey,
    SurveyStatus,
    SurveyToken,
)

__all__ = [
    "Answer",
    "Choice",
    "Indicator",
    "Instrument",
    "InstrumentStatus",
    "NationalReference",
    "Question",
    "QuestionGroup",
    "QuestionKind",
    "RespondentGroup",
    "Response",
    "ResponseChannel",
    "ScaleStep",
    "Survey",
    "SurveyStatus",
    "SurveyToken",
]
