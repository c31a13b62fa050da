"""The attendance form: for each member party of the team, present or absent, which of its
seats came, and a note. Built from the meeting page (selectors.meetings.MeetingPage)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from samsyn.collaboration.selectors.meetings import MeetingPage
from samsyn.collaboration.services.attendance import PartyAttendance
from samsyn.core.forms.base import SamsynForm

PRESENCE = [("1", _("Närvarande")), ("0", _("Frånvarande"))]


class AttendanceForm(SamsynForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, page: MeetingPage, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = page.meeting.version
        self.party_ids = [row.party.pk for row in page.parties]
        self.groups = []
        for row in page.parties:
            recorded = row.attendance
            key = f"party_{row.party.pk}"
            self.fields[key] = forms.ChoiceField(
                label=row.party.name,
                choices=PRESENCE,
                widget=forms.RadioSelect,
                initial="0" if recorded is not None and not recorded.present else "1",
            )
            self.fields[f"{key}_members"] = forms.MultipleChoiceField(
                label=_("Vilka kom för %(party)s") % {"party": row.party.name},
                choices=[(str(seat.pk), seat.display_name) for seat in row.seats],
                widget=forms.CheckboxSelectMultiple,
                required=False,
                initial=[str(m.pk) for m in recorded.members.all()] if recorded else [],
            )
            self.fields[f"{key}_note"] = forms.CharField(
                label=_("Kommentar"),
                required=False,
                max_length=200,
                initial=recorded.note if recorded else "",
            )
            self.groups.append((row, key))

    def saved_values(self) -> dict[str, Any]:
        """The values the page's meeting has saved (each field's initial), by field name."""
        return {name: field.initial for name, field in self.fields.items()}

    def bound_groups(self) -> list[tuple[Any, ...]]:
        return [
            (row, self[key], self[f"{key}_members"], self[f"{key}_note"])
            for row, key in self.groups
        ]

    def rows(self) -> list[PartyAttendance]:
        data = self.cleaned_data
        return [
            PartyAttendance(
                party_id=party_id,
                present=data[f"party_{party_id}"] == "1",
                member_ids=tuple(int(m) for m in data[f"party_{party_id}_members"]),
                note=data[f"party_{party_id}_note"],
            )
            for party_id in self.party_ids
        ]
