"""The roles of DOMAIN.md and what each may do, in one place."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    FORBUNDSADMIN = "forbundsadministrator", _("Förbundsadministratör")
    INSATSANSVARIG = "insatsansvarig", _("Insatsansvarig")
    COACH = "coach", _("Coach/handledare")
    HANDLAGGARE = "handlaggare", _("Handläggare (remittent)")
    STYRGRUPP = "styrgrupp", _("Styrgrupp/styrelse")
    GRANSKARE = "granskare", _("Granskare")


# Roles whose holders can reach personal data (participants, staff accounts or the access
# log); they must use two-factor authentication. Styrgrupp sees suppressed aggregates only.
ROLES_SEEING_PERSONAL_DATA = frozenset(
    {
        Role.FORBUNDSADMIN,
        Role.INSATSANSVARIG,
        Role.COACH,
        Role.HANDLAGGARE,
        Role.GRANSKARE,
    }
)

# Roles that see an intervention's figures exactly (no small-number suppression): its own
# staff and the förbund's administrator. A handläggare sees only the people they referred,
# so holding that role does not make the whole intervention's small counts visible.
ROLES_SEEING_EXACT_FIGURES = frozenset({Role.FORBUNDSADMIN, Role.INSATSANSVARIG, Role.COACH})

# Roles that always cover every intervention of their förbund: a membership in one of them
# cannot be limited to named interventions.
FORBUND_WIDE_ROLES = (Role.FORBUNDSADMIN, Role.STYRGRUPP)

# Roles that act on behalf of one party and so must name it in their membership.
ROLES_REQUIRING_PARTY = frozenset({Role.HANDLAGGARE})

# Roles that are granted only after a second person approves (issue #11, item 1): every role
# that sees personal data or the log, and the förbundsadministratör, who can grant roles.
# Styrgrupp sees suppressed aggregates only and takes effect at once.
ROLES_NEEDING_APPROVAL = frozenset(
    {
        Role.FORBUNDSADMIN,
        Role.INSATSANSVARIG,
        Role.COACH,
        Role.HANDLAGGARE,
        Role.GRANSKARE,
    }
)

# Roles that work with participants' personal data. The granskare reviews their access in the
# log, so one person never holds the granskare role and one of these in the same förbund.
ROLES_WORKING_WITH_PARTICIPANTS = frozenset({Role.INSATSANSVARIG, Role.COACH, Role.HANDLAGGARE})
