"""The surveys app's offer on the participants' exit page: the exit form of each open
survey for participants at exit that covers the registration's intervention."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from samsyn.core.models import User
from samsyn.participants.exit_offers import ExitOffer
from samsyn.surveys.selectors.surveys import open_exit_surveys


def exit_survey_offers(actor: User, intervention_id: int) -> list[ExitOffer]:
    return [
        ExitOffer(
            title=_("Avslutsenkät: %(name)s") % {"name": survey.name},
            text=_(
                "Ge deltagaren en kod eller länk till enkäten. Den skapas nu, fungerar en gång "
                "och sparas inte med avslutet eller deltagaren."
            ),
            action=reverse("surveys:survey_exit_link", args=[survey.pk]),
            button=_("Skapa en kod att lämna över"),
        )
        for survey in open_exit_surveys(actor=actor, intervention_id=intervention_id)
    ]
