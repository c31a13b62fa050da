"""The default activity types that train or test the ability to work before a job are offered
in step-by-step interventions only, not in IPS ones (docs/interventions.md). Rows a förbund
renamed keep "alla" and can be changed on the activity types page."""

from typing import Any

from django.db import migrations

# The Swedish names of defaults.TRAIN_THEN_PLACE_ACTIVITY_TYPES as they are stored.
TRAIN_THEN_PLACE = ("Kartläggning", "Social träning", "Arbetsprövning", "Arbetsträning", "Praktik")


def mark_train_then_place(apps: Any, schema_editor: Any) -> None:
    activity_type = apps.get_model("interventions", "ActivityType")
    activity_type.objects.filter(name__in=TRAIN_THEN_PLACE).update(approach="stegvis")


def unmark(apps: Any, schema_editor: Any) -> None:
    activity_type = apps.get_model("interventions", "ActivityType")
    activity_type.objects.filter(approach="stegvis").update(approach="alla")


class Migration(migrations.Migration):
    dependencies = [
        ("interventions", "0010_activitytype_approach"),
    ]

    operations = [
        migrations.RunPython(mark_train_then_place, unmark),
    ]
