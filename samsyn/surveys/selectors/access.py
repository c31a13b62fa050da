"""Who may see a survey's results and who may read its free-text answers (issue #13, item 4).

- Results (figures, always suppressed): the förbundsadministratör and the styrgrupp of the
  survey's förbund, and the insatsansvarig of one of the survey's interventions. A survey about
  the förbund itself (no interventions: board, managers) has no insatsansvarig.
- Free-text answers: the förbundsadministratör and the insatsansvarig as above, never the
  styrgrupp. Everybody else: 404.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from samsyn.core.models import Forbund, User
from samsyn.core.roles import Role
from samsyn.core.selectors.scoping import forbund_ids_for
from samsyn.core.web.http import found_or_404
from samsyn.interventions.models import Intervention
from samsyn.interventions.scoping import interventions_visible_to
from samsyn.surveys.models import Survey

RESULT_ROLES = (Role.FORBUNDSADMIN, Role.STYRGRUPP, Role.INSATSANSVARIG)


def _of_interventions(user: User) -> Q:
    links = Survey.interventions.through.objects.filter(
        intervention__in=interventions_visible_to(user, Role.INSATSANSVARIG)
    ).values("survey_id")
    return Q(id__in=links)


def surveys_with_results_for(user: User) -> QuerySet[Survey]:
    forbunds = forbund_ids_for(user, Role.FORBUNDSADMIN, Role.STYRGRUPP)
    return Survey.objects.filter(Q(forbund_id__in=forbunds) | _of_interventions(user))


def surveys_with_free_text_for(user: User) -> QuerySet[Survey]:
    forbunds = forbund_ids_for(user, Role.FORBUNDSADMIN)
    return Survey.objects.filter(Q(forbund_id__in=forbunds) | _of_interventions(user))


def survey_for_results(*, actor: User, survey_id: int) -> Survey:
    found = surveys_with_results_for(actor).select_related("forbund", "instrument")
    return found_or_404(found.filter(pk=survey_id).first())


def may_read_free_text(actor: User, survey: Survey) -> bool:
    return surveys_with_free_text_for(actor).filter(pk=survey.pk).exists()


def intervention_for_results(*, actor: User, intervention_id: int) -> Intervention:
    """The intervention whose survey results the user may see: the förbund's administrator
    and styrgrupp, and its insatsansvarig; 404 for everybody else."""
    found = interventions_visible_to(
        actor, Role.FORBUNDSADMIN, Role.STYRGRUPP, Role.INSATSANSVARIG
    ).select_related("forbund")
    return found_or_404(found.filter(pk=intervention_id).first())


def forbunds_with_results_for(actor: User) -> QuerySet[Forbund]:
    """Where the user sees the förbund's own surveys (board, managers): administrator and
    styrgrupp."""
    ids = forbund_ids_for(actor, Role.FORBUNDSADMIN, Role.STYRGRUPP)
    return Forbund.objects.filter(id__in=ids).order_by("name")
