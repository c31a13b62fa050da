"""Open and overdue actions per team and per party, across the teams the user sees."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from samsyn.collaboration.models import ActionStatus, MeetingAction
from samsyn.collaboration.selectors.access import actions_visible_to, teams_visible_to
from samsyn.core.models import Party, Team, TeamMember, User


@dataclass
class ActionList:
    actions: list[MeetingAction]
    teams: list[Team]
    parties: list[Party]
    today: datetime.date

    @property
    def overdue(self) -> int:
        return sum(1 for action in self.actions if action.due_date < self.today)


def open_actions(
    *,
    actor: User,
    team_id: int | None = None,
    party_id: int | None = None,
    overdue_only: bool = False,
) -> QuerySet[MeetingAction]:
    today = timezone.localdate()
    actions = actions_visible_to(actor).filter(status=ActionStatus.OPEN)
    if team_id is not None:
        actions = actions.filter(meeting__team_id=team_id)
    if party_id is not None:
        actions = actions.filter(owner_party_id=party_id)
    if overdue_only:
        actions = actions.filter(due_date__lt=today)
    return actions.select_related("meeting__team", "owner_party", "responsible__user").order_by(
        "due_date", "id"
    )


def action_list(
    *,
    actor: User,
    team_id: int | None = None,
    party_id: int | None = None,
    overdue_only: bool = False,
) -> ActionList:
    """The list page: the filtered actions and the choices of its filters (three queries).
    A filter naming a team or party the user does not see is unknown: 404."""
    teams = list(teams_visible_to(actor).filter(is_active=True).order_by("name"))
    parties = list(
        Party.objects.filter(
            id__in=TeamMember.objects.filter(team__in=teams).values("party_id")
        ).order_by("name")
    )
    if team_id is not None and team_id not in {team.pk for team in teams}:
        raise Http404
    if party_id is not None and party_id not in {party.pk for party in parties}:
        raise Http404
    actions = open_actions(
        actor=actor, team_id=team_id, party_id=party_id, overdue_only=overdue_only
    )
    return ActionList(
        actions=list(actions),
        teams=teams,
        parties=parties,
        today=timezone.localdate(),
    )


def action_get(*, actor: User, action_id: int) -> MeetingAction:
    action = (
        actions_visible_to(actor)
        .select_related("meeting__team", "owner_party", "responsible__user")
        .filter(pk=action_id)
        .first()
    )
    if action is None:
        raise Http404
    return action
