"""The employer contact log: who logs for whom, scope of the named participant, audit, and
the lists per employer, per coach and per participant."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from samsyn.audit.models import AuditEvent
from samsyn.conftest import World
from samsyn.core.roles import Role
from samsyn.core.tests.factories import MembershipFactory, UserFactory
from samsyn.ips.models import EmployerContact, EmployerEvent
from samsyn.ips.selectors.employers import (
    contacts_of_coach,
    contacts_of_employer,
    contacts_of_registration,
)
from samsyn.ips.services.contacts import ContactFields, contact_create
from samsyn.ips.tests.employer_setup import ips_world, make_employer
from samsyn.participants.models import ConsentRecipient
from samsyn.participants.models.choices import RecipientCategory
from samsyn.participants.tests.factories import ConsentFactory, RegistrationFactory

__all__ = ["ips_world"]
pytestmark = pytest.mark.django_db
DAY = datetime.date(2025, 3, 3)


def contact(world: World, employer_id: int, **changes: object) -> ContactFields:
    values: dict[str, Any] = {
        "employer_id": employer_id,
        "intervention_id": world.intervention.pk,
        "contacted_on": DAY,
        "kind": "besok",
        "purpose": "Presentera IPS",
    }
    values.update(changes)
    return ContactFields(**values)


def test_coach_logs_own_general_contact(ips_world: World) -> None:
    employer = make_employer(ips_world)
    made = contact_create(actor=ips_world["coach"], fields=contact(ips_world, employer.pk))
    assert made.coach == ips_world["coach"] and made.registration is None
    assert EmployerEvent.objects.filter(employer=employer, event_type="contact_logged").count() == 1
    event = AuditEvent.objects.get(object_type="ips.EmployerContact")
    assert event.participant_ref == "" and event.role == "coach"


def _consenting(registration, employer):
    """A consent of the registration's person that names the employer as a recipient."""
    consent = ConsentFactory(
        person=registration.person,
        intervention=registration.intervention,
        valid_from=datetime.date(2020, 1, 1),
    )
    ConsentRecipient.objects.create(
        consent=consent, category=RecipientCategory.ARBETSGIVARE, name=employer.name.upper()
    )
    return registration


def test_contact_for_participant_is_audited_with_pseudonym(ips_world: World) -> None:
    employer = make_employer(ips_world)
    registration = RegistrationFactory(
        intervention=ips_world.intervention, coach=ips_world["coach"]
    )
    _consenting(registration, employer)
    made = contact_create(
        actor=ips_world["coach"],
        fields=contact(ips_world, employer.pk, registration_id=registration.pk),
    )
    event = AuditEvent.objects.get(object_type="ips.EmployerContact", object_id=str(made.pk))
    assert event.participant_ref == registration.person.pseudonym


def test_participant_outside_scope_refused(ips_world: World) -> None:
    employer = make_employer(ips_world)
    other_coach = UserFactory()
    registration = RegistrationFactory(intervention=ips_world.intervention, coach=other_coach)
    with pytest.raises(ValidationError) as caught:
        contact_create(
            actor=ips_world["coach"],
            fields=contact(ips_world, employer.pk, registration_id=registration.pk),
        )
    assert "registration" in caught.value.message_dict
    assert not EmployerContact.objects.exists()


def test_coach_may_not_log_for_another_coach(ips_world: World) -> None:
    employer = make_employer(ips_world)
    colleague = UserFactory()
    MembershipFactory(
        user=colleague,
        forbund=ips_world.forbund,
        role=Role.COACH,
        interventions=[ips_world.intervention],
    )
    with pytest.raises(ValidationError) as caught:
        contact_create(
            actor=ips_world["coach"], fields=contact(ips_world, employer.pk, coach_id=colleague.pk)
        )
    assert caught.value.message_dict["coach"] == ["Du kan bara registrera dina egna kontakter."]
    made = contact_create(
        actor=ips_world["insatsansvarig"],
        fields=contact(ips_world, employer.pk, coach_id=colleague.pk),
    )
    assert made.coach == colleague


def test_validation(ips_world: World) -> None:
    employer = make_employer(ips_world)
    future = datetime.date.today() + datetime.timedelta(days=2)
    with pytest.raises(ValidationError) as caught:
        contact_create(
            actor=ips_world["coach"],
            fields=contact(
                ips_world,
                employer.pk,
                contacted_on=future,
                kind="brev",
                purpose="",
                intervention_id=ips_world.other_intervention.pk,
            ),
        )
    assert set(caught.value.message_dict) == {"contacted_on", "kind", "purpose", "intervention"}


@pytest.mark.parametrize("persona", ["handlaggare", "styrgrupp", "granskare", "outsider"])
def test_outside_bank_404(ips_world: World, persona: str) -> None:
    employer = make_employer(ips_world)
    with pytest.raises(Http404):
        contact_create(actor=ips_world[persona], fields=contact(ips_world, employer.pk))


def test_lists_hide_participant_from_those_who_cannot_see_it(ips_world: World) -> None:
    employer = make_employer(ips_world)
    registration = RegistrationFactory(
        intervention=ips_world.intervention, coach=ips_world["coach"]
    )
    _consenting(registration, employer)
    contact_create(
        actor=ips_world["coach"],
        fields=contact(ips_world, employer.pk, registration_id=registration.pk),
    )
    coach_rows = contacts_of_employer(actor=ips_world["coach"], employer=employer)
    admin_rows = contacts_of_employer(actor=ips_world["admin"], employer=employer)
    assert coach_rows[0].participant == registration.person.display_name
    assert admin_rows[0].participant == "" and admin_rows[0].hidden_participant
    assert len(contacts_of_coach(actor=ips_world["coach"])) == 1
    assert contacts_of_coach(actor=ips_world["insatsansvarig"]) == []
    assert (
        len(contacts_of_registration(actor=ips_world["coach"], registration_id=registration.pk))
        == 1
    )
    with pytest.raises(Http404):
        contacts_of_registration(actor=ips_world["admin"], registration_id=registration.pk)


def test_a_participant_is_named_to_an_employer_only_with_consent(ips_world: World) -> None:
    """#10 item 10: the participant's consent must name the employer (category
    "arbetsgivare") on the contact's day; otherwise nothing is stored and the coach is told
    how to go on."""
    employer = make_employer(ips_world)
    registration = RegistrationFactory(
        intervention=ips_world.intervention, coach=ips_world["coach"]
    )
    fields = contact(ips_world, employer.pk, registration_id=registration.pk)
    with pytest.raises(ValidationError) as caught:
        contact_create(actor=ips_world["coach"], fields=fields)
    assert "omfattar inte kontakt med" in caught.value.message_dict["registration"][0]
    assert not EmployerContact.objects.exists()
    # Another employer named in the consent does not cover this one.
    consent = ConsentFactory(
        person=registration.person,
        intervention=registration.intervention,
        valid_from=datetime.date(2020, 1, 1),
    )
    ConsentRecipient.objects.create(
        consent=consent, category=RecipientCategory.ARBETSGIVARE, name="Någon annan AB"
    )
    with pytest.raises(ValidationError):
        contact_create(actor=ips_world["coach"], fields=fields)
    ConsentRecipient.objects.create(
        consent=consent, category=RecipientCategory.ARBETSGIVARE, name=employer.name
    )
    assert contact_create(actor=ips_world["coach"], fields=fields).registration == registration
