"""Who may see and do what with a team's meetings: one place for the rules of
docs/collaboration.md, so pages, the API and services agree.

- A user who holds a seat in a team (``TeamMember.user``) sees its meetings, attendance,
  decisions, actions and minutes, as long as the user has an active role in the team's
  förbund that works with the förbund's people (not only styrgrupp or granskare);
- the förbundsadministratör sees every team of the förbund and manages its meetings;
- a seat marked ``is_coordinator`` makes its user the team's coordinator: plans meetings,
  takes attendance, records decisions and actions, drafts and approves the minutes;
- the styrgrupp sees the figures only (no meetings, cases or notes), even when seated in a
  team; the granskare sees the log only.

Everything else is outside scope: the selectors leave it out, so views answer 404.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from samsyn.collaboration.models import Meeting, MeetingAction
from samsyn.core.models import Team, TeamMember, User
from samsyn.core.roles import Role
from samsyn.core.selectors.scoping import forbund_ids_for

# Roles under which a seat opens the team's meetings. Styrgrupp reads figures only and the
# granskare reads the log only, so a seat held under those roles alone opens nothing.
SEATED_ROLES = (Role.FORBUNDSADMIN, Role.INSATSANSVARIG, Role.COACH, Role.HANDLAGGARE)


def _seats(user: User) -> QuerySet[TeamMember]:
    """The user's seats in teams of förbund where the user works with people."""
    if not user.is_authenticated or not user.is_active:
        return TeamMember.objects.none()
    return TeamMember.objects.filter(
        user=user, team__forbund_id__in=forbund_ids_for(user, *SEATED_ROLES)
    )


def seated_teams(user: User) -> QuerySet[Team]:
    """Teams where the user holds a seat under a role that works with people (no styrgrupp or
    granskare seat): the only ones whose cases the user reaches (docs/collaboration-cases.md)."""
    return Team.objects.filter(id__in=_seats(user).values("team_id"))


def admin_forbund_ids(user: User) -> QuerySet[Any]:
    return forbund_ids_for(user, Role.FORBUNDSADMIN)


def teams_visible_to(user: User) -> QuerySet[Team]:
    """Teams where the user holds a seat, plus every team of förbund the user administers."""
    return Team.objects.filter(
        Q(id__in=_seats(user).values("team_id")) | Q(forbund_id__in=admin_forbund_ids(user))
    )


def teams_coordinated_by(user: User) -> QuerySet[Team]:
    """Teams whose meetings the user manages: seats marked coordinator, plus every team of
    förbund the user administers."""
    coordinated = _seats(user).filter(is_coordinator=True).values("team_id")
    return Team.objects.filter(Q(id__in=coordinated) | Q(forbund_id__in=admin_forbund_ids(user)))


def coordinates(user: User, team_id: int) -> bool:
    return teams_coordinated_by(user).filter(pk=team_id).exists()


def meetings_visible_to(user: User) -> QuerySet[Meeting]:
    return Meeting.objects.filter(team__in=teams_visible_to(user))


def actions_visible_to(user: User) -> QuerySet[MeetingAction]:
    return MeetingAction.objects.filter(meeting__team__in=teams_visible_to(user))


def may_update_action_status(user: User, action: MeetingAction) -> bool:
    """The team's coordinators, and the user holding the responsible seat (the one who does
    the work marks it done)."""
    if coordinates(user, action.meeting.team_id):
        return True
    return action.responsible_id is not None and (
        _seats(user).filter(pk=action.responsible_id).exists()
    )
