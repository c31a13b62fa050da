"""The import page's form: the intervention to import into and the file."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy

from samsyn.core.files.tabular import check_import_size
from samsyn.core.forms.base import SamsynForm
from samsyn.interventions.models import Intervention
from samsyn.participants.importing.parsing import ImportFileError


class InterventionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.forbund.name})"


class ImportForm(SamsynForm):
    intervention = InterventionChoiceField(
        queryset=Intervention.objects.none(),
        label=gettext_lazy("Insats"),
        empty_label=None,
    )
    file = forms.FileField(
        label=gettext_lazy("Fil"),
        help_text=gettext_lazy(
            "CSV (UTF-8, semikolon eller komma mellan fälten) eller Excel (XLSX), högst 10 MB."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )

    def __init__(self, *args: Any, interventions: QuerySet[Intervention], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["intervention"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = interventions

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        try:
            check_import_size(upload.size)
        except ImportFileError as error:
            raise ValidationError(error.message) from None
        return upload
