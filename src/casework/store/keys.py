"""Wrapping the store keys for each user by role, and unlocking them with a passphrase.

Threats addressed: seizure; a phished or weak account; a removed user; guessing who
has an account.

* **Keys follow roles** (:data:`ROLE_KEYS`): a reader's row wraps only the records and
  fingerprint keys, so a reader's passphrase and the database file open no testimony
  text, evidence span, identity, audit MAC or backup.
* **The role is bound into the wrap**: the associated data of a user's wrapped keys is
  ``users/<name>/keys/<role>/<epoch>``; a role changed in the table (reader -> admin)
  makes the unlock fail instead of granting anything.
* **Rotation** (``casework rekey``) bumps the key epoch; accounts other than the admin
  who rotates receive the new keys as a sealed box to their X25519 public key
  (``pending_ct``), which becomes an ordinary wrap at their next unlock.
* A wrong passphrase and an unknown user fail the same way, after the same Argon2id
  work (a dummy salt for unknown users).
"""

from __future__ import annotations

import base64
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from casework.errors import AuthError, InputError
from casework.model import ROLES
from casework.store import crypto, policy
from casework.store.api import KdfParams, User
from casework.store.schema import today_iso, users

AUTH_FAILED = "wrong username or passphrase"
_ALL_KEYS = crypto.KEY_NAMES
ROLE_KEYS: dict[str, tuple[str, ...]] = {
    "admin": _ALL_KEYS,
    "analyst": ("text", "records", "fingerprint", "audit"),
    "source_handler": ("text", "records", "identity", "fingerprint", "audit"),
    "reader": ("records", "fingerprint"),
}


def check_role(role: str) -> None:
    if role not in ROLES:
        raise InputError(f"role: expected one of {', '.join(ROLES)}")


def keys_where(username: str, role: str, epoch: int) -> str:
    return f"users/{username}/keys/{role}/{epoch}"


def personal_where(username: str) -> str:
    return f"users/{username}/personal"


def encode_keys(keys: Mapping[str, bytes]) -> bytes:
    return json.dumps({name: base64.b64encode(key).decode("ascii") for name, key in sorted(keys.items())}).encode()


def decode_keys(blob: bytes) -> dict[str, bytes]:
    return {str(name): base64.b64decode(value) for name, value in json.loads(blob).items()}


def keys_for_role(keyring: crypto.Keyring, role: str) -> dict[str, bytes]:
    """The subset of ``keyring`` that ``role`` holds; the granting account must hold all of it."""
    check_role(role)
    missing = [name for name in ROLE_KEYS[role] if keyring.get(name) is None]
    if missing:
        raise AuthError(f"this account cannot grant the keys of role {role}")
    return {name: keyring.keys[name] for name in ROLE_KEYS[role]}


@dataclass(frozen=True)
class Unlocked:
    """What a passphrase opened: the account, its keys, and its wrapping key for this session."""

    user: User
    keyring: crypto.Keyring
    wrapping: bytes
    converted: dict[str, Any] | None  # new columns when a pending wrap was turned into an ordinary one


def wrapped_columns(
    username: str,
    role: str,
    passphrase: str,
    keyring: crypto.Keyring,
    kdf: KdfParams,
    epoch: int,
    *,
    personal: bytes | None = None,
) -> tuple[dict[str, Any], bytes]:
    """The key columns of a user row (fresh salt and personal key unless kept; the role's keys wrapped)
    and the wrapping key they were sealed under."""
    role_keys = keys_for_role(keyring, role)
    policy.check_passphrase(passphrase, user_inputs=(username,))
    kdf = policy.wrapping_kdf(kdf)
    salt = crypto.random_salt()
    wrapping = crypto.derive_key(passphrase, salt, kdf)
    personal = personal or crypto.random_key()
    columns = {
        "kdf_ops": kdf.ops,
        "kdf_mem": kdf.mem_bytes,
        "salt": salt,
        "public_key": crypto.public_key(personal),
        "personal_ct": crypto.seal(wrapping, personal, personal_where(username)),
        "keys_ct": crypto.seal(wrapping, encode_keys(role_keys), keys_where(username, role, epoch)),
        "pending_ct": None,
    }
    return columns, wrapping


def pending_columns(username: str, role: str, public: bytes, keyring: crypto.Keyring, epoch: int) -> dict[str, Any]:
    """New keys for an account whose passphrase we do not have: a sealed box to its public key."""
    body = json.dumps(
        {"user": username, "role": role, "epoch": epoch, "keys": json.loads(encode_keys(keys_for_role(keyring, role)))}
    ).encode()
    return {"keys_ct": None, "pending_ct": crypto.seal_to(public, body)}


def rewrap_columns(username: str, role: str, wrapping: bytes, keyring: crypto.Keyring, epoch: int) -> dict[str, Any]:
    """The acting account's own wrap of new keys, under the wrapping key its passphrase gave this session."""
    return {
        "keys_ct": crypto.seal(wrapping, encode_keys(keys_for_role(keyring, role)), keys_where(username, role, epoch)),
        "pending_ct": None,
    }


def insert_user(
    conn: sa.Connection,
    username: str,
    role: str,
    passphrase: str,
    keyring: crypto.Keyring,
    kdf: KdfParams,
    epoch: int,
) -> User:
    """Insert a user row holding that user's wrapped copy of the keys their role needs."""
    columns, _ = wrapped_columns(username, role, passphrase, keyring, kdf, epoch)
    conn.execute(users.insert().values(username=username, role=role, totp_ct=None, created_on=today_iso(), **columns))
    return User(username, role)


def unlock(
    conn: sa.Connection, store_id: str, epoch: int, username: str, passphrase: str, default_kdf: KdfParams
) -> Unlocked:
    """The user and their keys, or :class:`AuthError` with one message for every failure."""
    row = conn.execute(sa.select(users).where(users.c.username == username)).first()
    if row is None:
        crypto.derive_key(passphrase, crypto.dummy_salt(store_id, username), default_kdf)
        raise AuthError(AUTH_FAILED)
    wrapping = crypto.derive_key(passphrase, row.salt, KdfParams(int(row.kdf_ops), int(row.kdf_mem)))
    converted = None
    try:
        personal = crypto.unseal(wrapping, row.personal_ct, personal_where(username))
        if row.keys_ct is not None:
            keys = decode_keys(crypto.unseal(wrapping, row.keys_ct, keys_where(username, row.role, epoch)))
        elif row.pending_ct is not None:
            keys = _open_pending(personal, row.pending_ct, username, row.role, epoch)
            converted = rewrap_columns(username, row.role, wrapping, crypto.Keyring(keys), epoch)
        else:
            raise AuthError(AUTH_FAILED)
    except (crypto.DecryptionFailed, ValueError, KeyError):
        raise AuthError(AUTH_FAILED) from None
    if set(keys) != set(ROLE_KEYS.get(row.role, ())):
        raise AuthError(AUTH_FAILED)
    return Unlocked(User(username, row.role), crypto.Keyring(keys, personal), wrapping, converted)


def _open_pending(personal: bytes, sealed: bytes, username: str, role: str, epoch: int) -> dict[str, bytes]:
    body = json.loads(crypto.open_sealed(personal, sealed))
    if body.get("user") != username or body.get("role") != role or body.get("epoch") != epoch:
        raise crypto.DecryptionFailed("pending keys for another account, role or epoch")
    return decode_keys(json.dumps(body["keys"]).encode())
