"""Make the audit table append-only with database triggers (see samsyn/audit/append_only.py)."""

from django.db import migrations


def forwards(apps, schema_editor):
    from samsyn.audit.append_only import install_guard

    install_guard(schema_editor.connection)


def backwards(apps, schema_editor):
    from samsyn.audit.append_only import remove_guard

    remove_guard(schema_editor.connection, drop_function=True)


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
