"""Remove the open follow-ups after exit that were booked for anonymous registrations.

Nobody can call an anonymously registered person (no name, no contact details are stored),
yet exits used to book the 6- and 12-month phone follow-ups for them, and they counted in
"andel nådda". Exits no longer book them (services/exit.py, importing/storing.py). Here the
ones already booked and **not yet recorded** (``done_on`` empty) are deleted. A follow-up that
was already recorded is kept, because its answers must not be deleted, but it counts in no
figure (``PostExitFollowUp.objects.countable()``). See docs/participants-followup.md.

Irreversible in effect: reversing does nothing (the deleted rows held no answers).
"""

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor


def remove_open_anonymous_follow_ups(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    follow_up = apps.get_model("participants", "PostExitFollowUp")
    follow_up.objects.filter(registration__person__is_anonymous=True, done_on__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("participants", "0003_outcome_work_and_studies"),
    ]

    operations = [
        migrations.RunPython(remove_open_anonymous_follow_ups, migrations.RunPython.noop),
    ]
