"""The registration's förbund on activities, step records and indicator ratings: the key
they are partitioned by on PostgreSQL (samsyn/participants/models/partitioned.py)."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery

TABLES = ("activity", "steprecord", "indicatorrating")


def copy_forbund(apps, schema_editor):
    registrations = apps.get_model("participants", "Registration")
    for name in TABLES:
        model = apps.get_model("participants", name)
        forbund = registrations.objects.filter(pk=OuterRef("registration_id")).values(
            "intervention__forbund_id"
        )[:1]
        model.objects.using(schema_editor.connection.alias).update(forbund_id=Subquery(forbund))


def field(*, null: bool) -> models.ForeignKey:
    return models.ForeignKey(
        db_index=False,
        editable=False,
        null=null,
        on_delete=django.db.models.deletion.CASCADE,
        related_name="+",
        to="core.forbund",
        verbose_name="förbund",
    )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("participants", "0009_seed_words"),
    ]

    operations = [
        *(migrations.AddField(name, "forbund", field(null=True)) for name in TABLES),
        migrations.RunPython(copy_forbund, migrations.RunPython.noop, elidable=False),
        *(migrations.AlterField(name, "forbund", field(null=False)) for name in TABLES),
    ]
