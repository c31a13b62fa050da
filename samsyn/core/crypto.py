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

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

PREFIX = "enc1"
_NONCE_BYTES = 12


class DecryptionError(Exception):
    """A stored value could not be decrypted with any configured key."""


@dataclass(frozen=True)
class FieldKeyring:
    primary_id: str
    keys: dict[str, bytes]


def _decode_key(key_id: str, encoded: str) -> bytes:
    try:
        raw = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4))
    except (binascii.Error, ValueError) as exc:
        raise ImproperlyConfigured(f"Field key {key_id!r} is not valid base64.") from exc
    if len(raw) != 32:
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
        if not sep or not key_id or ":" in encoded or not key_id.isalnum():
            raise ImproperlyConfigured("SAMSYN_FIELD_KEYS entries look like id:base64key.")
        if key_id in keys:
            raise ImproperlyConfigured(f"Field key id {key_id!r} is listed twice.")
        keys[key_id] = _decode_key(key_id, encoded)
    return FieldKeyring(primary_id=entries[0].partition(":")[0], keys=keys)


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
    return value.split(":", 2)[1]


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
        raw = base64.urlsafe_b64decode(payload.encode("ascii"))
        opened = AESGCM(key).decrypt(raw[:_NONCE_BYTES], raw[_NONCE_BYTES:], context.encode())
    except (InvalidTag, binascii.Error, ValueError) as exc:
        raise DecryptionError("The value does not decrypt with its key.") from exc
    return opened.decode("utf-8")


@lru_cache(maxsize=4)
def _blind_key_for(encoded: str) -> bytes:
    if not encoded:
        raise ImproperlyConfigured("SAMSYN_BLIND_INDEX_KEY is not set.")
    raw = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4))
    if len(raw) < 32:
        raise ImproperlyConfigured("SAMSYN_BLIND_INDEX_KEY must be at least 32 bytes.")
    return raw


def blind_index(normalised: str, *, purpose: str) -> str:
    """Keyed hash of an already normalised value; ``purpose`` separates index families."""
    key = _blind_key_for(settings.SAMSYN_BLIND_INDEX_KEY)
    message = f"{purpose}\x00{normalised}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()
