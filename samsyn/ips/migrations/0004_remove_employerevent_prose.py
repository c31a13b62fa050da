"""Employer history rows get an event type and parameters (step 3 of 3: the prose goes).

The old columns get a default first, so that migrating backwards can add them again to a
table with rows before 0003 fills them in.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("ips", "0003_employerevent_prose_to_events"),
    ]

    operations = [
        migrations.AlterField(
            model_name="employerevent",
            name="description",
            field=models.CharField(default="", max_length=300),
        ),
        migrations.AlterField(
            model_name="employerevent",
            name="kind",
            field=models.CharField(default="", max_length=32),
        ),
        migrations.RemoveField(
            model_name="employerevent",
            name="description",
        ),
        migrations.RemoveField(
            model_name="employerevent",
            name="kind",
        ),
    ]
