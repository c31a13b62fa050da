"""Employer history rows get an event type and parameters (step 1 of 3: the new columns)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("ips", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="employerevent",
            name="event_type",
            field=models.CharField(
                choices=[
                    ("created", "Arbetsgivaren lades till"),
                    ("demo_created", "Tillagd som demodata"),
                    ("updated", "Uppgifterna ändrades"),
                    ("removed", "Borttagen ur företagsbanken"),
                    ("contact_person_added", "Kontaktperson tillagd"),
                    ("contact_person_changed", "Kontaktperson ändrad"),
                    ("agreement_added", "Överenskommelse tillagd"),
                    ("agreement_changed", "Överenskommelse ändrad"),
                    ("contact_logged", "Kontakt registrerad"),
                    ("note", "Äldre historikrad"),
                ],
                default="note",
                max_length=32,
                verbose_name="händelsetyp",
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="employerevent",
            name="parameters",
            field=models.JSONField(blank=True, default=dict, verbose_name="uppgifter"),
        ),
    ]
