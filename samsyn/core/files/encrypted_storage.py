"""Uploaded documents encrypted at rest with the field key ring (AES-256-GCM).

Signed consent forms, agreements and evidence are as sensitive as the encrypted database
fields, so they are sealed with the same keys (``core.crypto``) before they reach the disk
and opened only when a download view (which checks scope and writes the audit event) reads
them. Files are written 0600 in 0700 directories (settings). A file stored before encryption
existed still opens; ``rotate_field_keys`` seals it, and re-seals files of retired keys.
"""

from __future__ import annotations

import io
import os
import tempfile
from typing import IO, Any

from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage

from samsyn.core import crypto


class EncryptedFileSystemStorage(FileSystemStorage):
    def _save(self, name: str, content: File[Any]) -> str:
        # Uploads are at most SAMSYN_MAX_UPLOAD_BYTES (10 MiB): sealing in memory is fine.
        content.seek(0)
        sealed = crypto.encrypt_file_bytes(content.read())
        return super()._save(name, ContentFile(sealed))  # type: ignore[misc]  # django-stubs lack _save

    def _open(self, name: str, mode: str = "rb") -> File[Any]:
        if mode != "rb":
            raise ValueError("Encrypted documents are opened for reading only ('rb').")
        blob = self._read_raw(name)
        plain = crypto.decrypt_file_bytes(blob) if crypto.is_encrypted_file(blob) else blob
        return File(io.BytesIO(plain), name=name)

    def size(self, name: str) -> int:
        stored = super().size(name)
        with open(self.path(name), "rb") as handle:
            head = handle.read(len(crypto.FILE_MAGIC) + 1 + 255)
        if not crypto.is_encrypted_file(head):
            return stored
        return stored - crypto.file_overhead(crypto.file_key_id(head))

    def needs_sealing(self, name: str) -> bool:
        """True for a file stored in clear or sealed with a key other than the primary."""
        blob = self._read_raw(name)
        if not crypto.is_encrypted_file(blob):
            return True
        return crypto.file_key_id(blob) != crypto.keyring().primary_id

    def reseal(self, name: str) -> bool:
        """Seal ``name`` with the primary key if it is not already; True if it was rewritten.

        The new content goes to a temporary file in the same folder and replaces the old one
        in one rename, so a crash never leaves half a document."""
        if not self.needs_sealing(name):
            return False
        blob = self._read_raw(name)
        plain = crypto.decrypt_file_bytes(blob) if crypto.is_encrypted_file(blob) else blob
        path = self.path(name)
        handle, temporary = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".reseal-")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(crypto.encrypt_file_bytes(plain))
            os.chmod(temporary, self.file_permissions_mode or 0o600)
            os.replace(temporary, path)
        except BaseException:
            if os.path.exists(temporary):
                os.remove(temporary)
            raise
        return True

    def _read_raw(self, name: str) -> bytes:
        raw: IO[bytes]
        with super()._open(name, "rb") as raw:  # type: ignore[misc]  # django-stubs lack _open
            return raw.read()
