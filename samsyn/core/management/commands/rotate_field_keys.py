"""Re-encrypt every encrypted field value, and every uploaded document, with the primary
(first) key of SAMSYN_FIELD_KEYS (documents stored in clear before encryption are sealed too).

Run after putting a new key first in SAMSYN_FIELD_KEYS (keeping the old ones after it). Once
it reports nothing left to rotate, the old keys can be removed. See
docs/security/identity-and-encryption.md.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS, models, transaction
from django.db.models import ExpressionWrapper, F, TextField

from samsyn.core import crypto
from samsyn.core.fields import EncryptedTextField
from samsyn.core.files.encrypted_storage import EncryptedFileSystemStorage

DEFAULT_BATCH_SIZE = 500


@dataclass
class ModelTally:
    rows: int = 0
    values: int = 0


def encrypted_fields_by_model() -> dict[type[models.Model], list[EncryptedTextField]]:
    """Every concrete model with the encrypted fields stored in its own table."""
    found: dict[type[models.Model], list[EncryptedTextField]] = {}
    for model in apps.get_models():
        meta = model._meta
        if meta.proxy or not meta.managed:
            continue
        # A field inherited from a concrete parent lives in the parent's table: skip it here.
        fields = [
            field
            for field in meta.concrete_fields
            if isinstance(field, EncryptedTextField) and field.model is model
        ]
        if fields:
            found[model] = fields
    return found


def _raw_name(field: EncryptedTextField) -> str:
    return f"_raw_{field.attname}"


def _raw_batches(
    model: type[models.Model],
    fields: list[EncryptedTextField],
    *,
    using: str,
    batch_size: int,
    lock: bool,
) -> Iterator[list[tuple[Any, ...]]]:
    """(pk, stored value, ...) rows in primary-key order, without decrypting anything."""
    # Wrapping the column as a plain TextField skips the field's decrypting converter.
    raw = {_raw_name(f): ExpressionWrapper(F(f.attname), output_field=TextField()) for f in fields}
    queryset = model._base_manager.using(using).annotate(**raw).order_by("pk")
    if lock:
        # Nobody may change these rows between our read and our write.
        queryset = queryset.select_for_update()
    last_pk: Any = None
    while True:
        page = queryset if last_pk is None else queryset.filter(pk__gt=last_pk)
        batch = list(page.values_list("pk", *raw)[:batch_size])
        if not batch:
            return
        yield batch
        last_pk = batch[-1][0]


def _reencrypt(
    model: type[models.Model], fields: list[EncryptedTextField], row: tuple[Any, ...]
) -> tuple[models.Model | None, int]:
    """An unsaved instance carrying the plaintexts of ``row``, or None if nothing is stale."""
    pk, *stored = row
    stale = sum(1 for value in stored if crypto.needs_rotation(value))
    if not stale:
        return None, 0
    instance = model(pk=pk)
    for field, value in zip(fields, stored, strict=True):
        # Saving the plaintext encrypts it again with the primary key.
        plain = crypto.decrypt(value, context=field.encryption_context) if value else value
        setattr(instance, field.attname, plain)
    return instance, stale


def rotate_model(
    model: type[models.Model],
    fields: list[EncryptedTextField],
    *,
    using: str = DEFAULT_DB_ALIAS,
    batch_size: int = DEFAULT_BATCH_SIZE,
    dry_run: bool = False,
) -> ModelTally:
    """Re-encrypt the stale values of one model, all or nothing."""
    tally = ModelTally()
    with transaction.atomic(using=using):
        batches = _raw_batches(model, fields, using=using, batch_size=batch_size, lock=not dry_run)
        for batch in batches:
            changed = []
            for row in batch:
                try:
                    instance, stale = _reencrypt(model, fields, row)
                except crypto.DecryptionError as exc:
                    raise CommandError(
                        f"{model._meta.label} pk={row[0]}: {exc} Nothing in this model was "
                        "changed. Add the missing key to SAMSYN_FIELD_KEYS and run again."
                    ) from exc
                if instance is not None:
                    changed.append(instance)
                    tally.rows += 1
                    tally.values += stale
            if changed and not dry_run:
                model._base_manager.using(using).bulk_update(
                    changed, [f.attname for f in fields], batch_size=batch_size
                )
    return tally


def file_fields_by_model() -> dict[type[models.Model], list[models.FileField]]:
    """Every concrete model with file fields of its own whose storage seals documents."""
    found: dict[type[models.Model], list[models.FileField]] = {}
    for model in apps.get_models():
        meta = model._meta
        if meta.proxy or not meta.managed:
            continue
        fields = [
            field
            for field in meta.concrete_fields
            if isinstance(field, models.FileField)
            and field.model is model
            and isinstance(field.storage, EncryptedFileSystemStorage)
        ]
        if fields:
            found[model] = fields
    return found


def rotate_files(
    model: type[models.Model], fields: list[models.FileField], *, using: str, dry_run: bool
) -> int:
    """Seal every stored document of ``model`` with the primary key; how many were (or, in a
    dry run, would be) rewritten. A missing file is reported, not fatal."""
    rewritten = 0
    for field in fields:
        storage = field.storage
        assert isinstance(storage, EncryptedFileSystemStorage)
        names = (
            model._base_manager.using(using)
            .exclude(**{field.attname: ""})
            .values_list(field.attname, flat=True)
            .iterator()
        )
        for name in names:
            if not storage.exists(name):
                continue
            try:
                stale = storage.needs_sealing(name)
                if stale and not dry_run:
                    storage.reseal(name)
            except crypto.DecryptionError as exc:
                raise CommandError(
                    f"{model._meta.label} file {name}: {exc} Add the missing key to "
                    "SAMSYN_FIELD_KEYS and run again."
                ) from exc
            rewritten += int(stale)
    return rewritten


class Command(BaseCommand):
    help = (
        "Re-encrypt every encrypted field value that was not encrypted with the first key in "
        "SAMSYN_FIELD_KEYS. Each model is rotated in one transaction."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Only count (and test-decrypt) what would be re-encrypted; change nothing.",
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=DEFAULT_BATCH_SIZE,
            help=f"Rows read and written per query (default {DEFAULT_BATCH_SIZE}).",
        )
        parser.add_argument(
            "--database", default=DEFAULT_DB_ALIAS, help="Database alias (default: default)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        dry_run: bool = options["dry_run"]
        batch_size: int = options["batch_size"]
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        try:
            primary = crypto.keyring().primary_id
        except ImproperlyConfigured as exc:
            raise CommandError(str(exc)) from exc
        verb = "would re-encrypt" if dry_run else "re-encrypted"
        self.stdout.write(f"Primary key id: {primary}" + (" (dry run)" if dry_run else ""))
        total = ModelTally()
        for model, fields in encrypted_fields_by_model().items():
            tally = rotate_model(
                model,
                fields,
                using=options["database"],
                batch_size=batch_size,
                dry_run=dry_run,
            )
            total.rows += tally.rows
            total.values += tally.values
            self.stdout.write(
                f"{model._meta.label}: {verb} {tally.values} value(s) in {tally.rows} row(s)"
            )
        files = 0
        for model, file_fields in file_fields_by_model().items():
            count = rotate_files(model, file_fields, using=options["database"], dry_run=dry_run)
            files += count
            self.stdout.write(f"{model._meta.label}: {verb} {count} document(s)")
        summary = (
            f"Total: {verb} {total.values} value(s) in {total.rows} row(s) and {files} document(s)."
        )
        self.stdout.write(self.style.SUCCESS(summary))
