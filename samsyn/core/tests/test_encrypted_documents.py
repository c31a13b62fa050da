"""Uploaded documents are encrypted at rest with the field key ring (#11, item 3)."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.test import override_settings

from samsyn.core import crypto
from samsyn.core.files.encrypted_storage import EncryptedFileSystemStorage

CONTENT = b"%PDF-1.7 underskriven samtyckesblankett \xc3\xa5\xc3\xa4\xc3\xb6"


def _key(byte: bytes) -> str:
    return base64.urlsafe_b64encode(byte * 32).decode()


OLD = f"old:{_key(b'o')}"
NEW = f"new:{_key(b'n')}"


@pytest.fixture
def storage(tmp_path: Path) -> EncryptedFileSystemStorage:
    return EncryptedFileSystemStorage(location=tmp_path)


def test_a_saved_document_is_sealed_on_disk_and_opens_in_clear(storage, tmp_path):
    name = storage.save("samtycken/blankett.pdf", ContentFile(CONTENT))
    blob = (tmp_path / name).read_bytes()
    assert blob.startswith(crypto.FILE_MAGIC)
    assert CONTENT not in blob and b"%PDF" not in blob
    with storage.open(name) as handle:
        assert handle.read() == CONTENT
    assert storage.size(name) == len(CONTENT)


def test_documents_are_written_for_the_service_account_only(storage, tmp_path):
    name = storage.save("samtycken/blankett.pdf", ContentFile(CONTENT))
    assert (tmp_path / name).stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "samtycken").stat().st_mode & 0o777 == 0o700


def test_a_changed_byte_makes_the_document_refuse_to_open(storage, tmp_path):
    name = storage.save("a.pdf", ContentFile(CONTENT))
    path = tmp_path / name
    blob = bytearray(path.read_bytes())
    blob[-1] ^= 1
    path.write_bytes(bytes(blob))
    with pytest.raises(crypto.DecryptionError):
        storage.open(name)


def test_documents_open_for_reading_only(storage):
    name = storage.save("a.pdf", ContentFile(CONTENT))
    with pytest.raises(ValueError, match="reading only"):
        storage.open(name, "wb")


def test_a_document_stored_before_encryption_still_opens_and_is_sealed_by_reseal(storage, tmp_path):
    (tmp_path / "gammal.pdf").write_bytes(CONTENT)
    assert storage.open("gammal.pdf").read() == CONTENT
    assert storage.needs_sealing("gammal.pdf")
    assert storage.reseal("gammal.pdf") is True
    assert (tmp_path / "gammal.pdf").read_bytes().startswith(crypto.FILE_MAGIC)
    assert storage.open("gammal.pdf").read() == CONTENT
    assert storage.reseal("gammal.pdf") is False


def test_reseal_moves_a_document_to_the_new_primary_key(storage):
    with override_settings(SAMSYN_FIELD_KEYS=OLD):
        name = storage.save("a.pdf", ContentFile(CONTENT))
    with override_settings(SAMSYN_FIELD_KEYS=f"{NEW},{OLD}"):
        assert storage.needs_sealing(name)
        assert storage.reseal(name) is True
        assert not storage.needs_sealing(name)
    # The old key can go: the document opens with the new one alone.
    with override_settings(SAMSYN_FIELD_KEYS=NEW):
        assert storage.open(name).read() == CONTENT
