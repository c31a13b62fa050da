"""Encryption of identifying fields (AES-256-GCM) and the blind index for look-ups.

A stored value looks like ``enc1:<key id>:<base64 of nonce + ciphertext>``. The key id names
which of the configured keys encrypted it, so keys can rotate: new values use the first key
in SAMSYN_FIELD_KEYS, and any listed key still decrypts. The associated data binds a
ciphertext to its column, so a value copied into another column does not decrypt.

The blind index is an HMAC-SHA256 of a normalised value (for example a 12-digit
personnummer) under a separate key: equal inputs give equal indexes, so an exact look-up
works in SQL, while the index alone reveals nothing without the key.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

PREFIX = "enc1"
_NONCE_BYTES = 12
_KEY_BYTES = 32
_MAX_KEY_ID_LENGTH = 16


class DecryptionError(Exception):
    """A stored value could not be decrypted with any configured key."""


@dataclass(frozen=True)
class FieldKeyring:
    primary_id: str
    keys: dict[str, bytes]


def _b64decode_key(encoded: str) -> bytes:
    """Decode URL-safe (or standard) base64, padding optional, refusing stray characters."""
    padded = encoded + "=" * (-len(encoded) % 4)
    return base64.b64decode(padded.encode("ascii"), altchars=b"-_", validate=True)


def _decode_key(key_id: str, encoded: str) -> bytes:
    try:
        raw = _b64decode_key(encoded)
    except (binascii.Error, ValueError) as exc:
        raise ImproperlyConfigured(f"Field key {key_id!r} is not valid base64.") from exc
    if len(raw) != _KEY_BYTES:
        raise ImproperlyConfigured(f"Field key {key_id!r} must be 32 bytes (AES-256).")
    return raw


def parse_keyring(spec: str) -> FieldKeyring:
    """Parse ``id:base64,id:base64``; the first entry is the key that encrypts."""
    entries = [item.strip() for item in (spec or "").split(",") if item.strip()]
    if not entries:
        raise ImproperlyConfigured(
            "SAMSYN_FIELD_KEYS is not set: identifying fields cannot be encrypted."
        )
    keys: dict[str, bytes] = {}
    for entry in entries:
        key_id, sep, encoded = entry.partition(":")
        if not sep or not encoded or ":" in encoded or not _valid_key_id(key_id):
            raise ImproperlyConfigured(
                "SAMSYN_FIELD_KEYS entries look like id:base64key, where the id is 1-16 "
                "ASCII letters or digits."
            )
        if key_id in keys:
            raise ImproperlyConfigured(f"Field key id {key_id!r} is listed twice.")
        keys[key_id] = _decode_key(key_id, encoded)
    return FieldKeyring(primary_id=entries[0].partition(":")[0], keys=keys)


def _valid_key_id(key_id: str) -> bool:
    return 0 < len(key_id) <= _MAX_KEY_ID_LENGTH and key_id.isascii() and key_id.isalnum()


@lru_cache(maxsize=8)
def _keyring_for(spec: str) -> FieldKeyring:
    return parse_keyring(spec)


def keyring() -> FieldKeyring:
    return _keyring_for(settings.SAMSYN_FIELD_KEYS)


def encrypt(plaintext: str, *, context: str) -> str:
    ring = keyring()
    nonce = os.urandom(_NONCE_BYTES)
    sealed = AESGCM(ring.keys[ring.primary_id]).encrypt(
        nonce, plaintext.encode("utf-8"), context.encode("utf-8")
    )
    payload = base64.urlsafe_b64encode(nonce + sealed).decode("ascii")
    return f"{PREFIX}:{ring.primary_id}:{payload}"


def is_encrypted(value: str) -> bool:
    return value.startswith(f"{PREFIX}:")


def key_id_of(value: str) -> str:
    """The id of the key that encrypted ``value``; DecryptionError if it is not encrypted."""
    prefix, sep, rest = value.partition(":")
    key_id = rest.partition(":")[0]
    if prefix != PREFIX or not sep or not key_id:
        raise DecryptionError("Not an encrypted value.")
    return key_id


def needs_rotation(value: str | None) -> bool:
    """True for a stored non-empty value that the primary key did not encrypt."""
    if not value:
        return False
    return key_id_of(value) != keyring().primary_id


def decrypt(value: str, *, context: str) -> str:
    try:
        prefix, key_id, payload = value.split(":", 2)
    except ValueError as exc:
        raise DecryptionError("Not an encrypted value.") from exc
    if prefix != PREFIX:
        raise DecryptionError("Unknown encryption format.")
    key = keyring().keys.get(key_id)
    if key is None:
        raise DecryptionError(f"No configured key with id {key_id!r}.")
    try:
        raw = base64.b64decode(payload.encode("ascii"), altchars=b"-_", validate=True)
        opened = AESGCM(key).decrypt(raw[:_NONCE_BYTES], raw[_NONCE_BYTES:], context.encode())
    except (InvalidTag, binascii.Error, ValueError) as exc:
        raise DecryptionError("The value does not decrypt with its key.") from exc
    return opened.decode("utf-8")


# --- files ---------------------------------------------------------------------------------
# An uploaded document on disk: FILE_MAGIC, one byte giving the key id's length, the key id,
# the nonce, then AES-256-GCM's ciphertext and tag. The associated data is the magic and the
# key id, so neither can be altered without the file failing to decrypt.
FILE_MAGIC = b"SAMSYNF1"
_TAG_BYTES = 16


def encrypt_file_bytes(plaintext: bytes) -> bytes:
    """A document's content sealed with the primary field key."""
    ring = keyring()
    key_id = ring.primary_id.encode("ascii")
    header = FILE_MAGIC + bytes([len(key_id)]) + key_id
    nonce = os.urandom(_NONCE_BYTES)
    return header + nonce + AESGCM(ring.keys[ring.primary_id]).encrypt(nonce, plaintext, header)


def is_encrypted_file(blob: bytes) -> bool:
    return blob.startswith(FILE_MAGIC)


def file_key_id(blob: bytes) -> str:
    """The id of the key that sealed a document; DecryptionError if it is not sealed."""
    if not is_encrypted_file(blob) or len(blob) <= len(FILE_MAGIC):
        raise DecryptionError("Not an encrypted file.")
    length = blob[len(FILE_MAGIC)]
    return blob[len(FILE_MAGIC) + 1 : len(FILE_MAGIC) + 1 + length].decode("ascii", "replace")


def file_overhead(key_id: str) -> int:
    """How many bytes sealing adds to a document (header, nonce and tag)."""
    return len(FILE_MAGIC) + 1 + len(key_id) + _NONCE_BYTES + _TAG_BYTES


def decrypt_file_bytes(blob: bytes) -> bytes:
    key_id = file_key_id(blob)
    key = keyring().keys.get(key_id)
    if key is None:
        raise DecryptionError(f"No configured key with id {key_id!r}.")
    header_end = len(FILE_MAGIC) + 1 + len(key_id.encode("ascii"))
    header, nonce = blob[:header_end], blob[header_end : header_end + _NONCE_BYTES]
    try:
        return AESGCM(key).decrypt(nonce, blob[header_end + _NONCE_BYTES :], header)
    except InvalidTag as exc:
        raise DecryptionError("The file does not decrypt with its key.") from exc


@lru_cache(maxsize=4)
def _blind_key_for(encoded: str) -> bytes:
    if not encoded:
        raise ImproperlyConfigured("SAMSYN_BLIND_INDEX_KEY is not set.")
    try:
        raw = _b64decode_key(encoded)
    except (binascii.Error, ValueError) as exc:
        raise ImproperlyConfigured("SAMSYN_BLIND_INDEX_KEY is not valid base64.") from exc
    if len(raw) < _KEY_BYTES:
        raise ImproperlyConfigured("SAMSYN_BLIND_INDEX_KEY must be at least 32 bytes.")
    return raw


def blind_index(normalised: str, *, purpose: str) -> str:
    """Keyed hash of an already normalised value; ``purpose`` separates index families."""
    key = _blind_key_for(settings.SAMSYN_BLIND_INDEX_KEY)
    message = f"{purpose}\x00{normalised}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def clear_key_caches() -> None:
    """Forget parsed keys (tests, or after changing settings inside a running process)."""
    _keyring_for.cache_clear()
    _blind_key_for.cache_clear()


@checks.register(checks.Tags.security)
def check_field_keys(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """Refuse to start with malformed keys, rather than failing at the first save."""
    problems: list[checks.CheckMessage] = []
    for number, setting, parse in (
        (1, "SAMSYN_FIELD_KEYS", _keyring_for),
        (2, "SAMSYN_BLIND_INDEX_KEY", _blind_key_for),
    ):
        value = getattr(settings, setting, "")
        if not value and settings.DEBUG:
            problems.append(
                checks.Warning(f"{setting} is not set.", id=f"samsyn.crypto.W00{number}")
            )
            continue
        try:
            parse(value)
        except ImproperlyConfigured as exc:
            problems.append(checks.Error(str(exc), id=f"samsyn.crypto.E00{number}"))
    return problems
