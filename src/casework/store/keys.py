"""Wrapping the store keys for each user, and unlocking them with a passphrase.

Threat addressed: seizure, and guessing who has an account. A user's row holds the
data key (and, for admins and source handlers, the identity key) sealed under an
Argon2id key from that user's passphrase. A wrong passphrase and an unknown user
fail the same way, after the same key-derivation work (a dummy salt for unknown
users), so neither the message nor the timing says whether the account exists.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from casework.errors import AuthError, InputError
from casework.model import ROLES
from casework.store import crypto
from casework.store.access import holds_identity_key
from casework.store.api import KdfParams, User
from casework.store.audit import now_iso
from casework.store.schema import users

MIN_PASSPHRASE = 8
AUTH_FAILED = "wrong username or passphrase"


def check_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE:
        raise InputError(f"passphrase: at least {MIN_PASSPHRASE} characters")


def check_role(role: str) -> None:
    if role not in ROLES:
        raise InputError(f"role: expected one of {', '.join(ROLES)}")


def _where(username: str, key: str) -> str:
    return f"users/{username}/{key}"


def wrapped_keys(username: str, role: str, passphrase: str, keys: crypto.Keyring, kdf: KdfParams) -> dict[str, Any]:
    """The key columns of a user row: a fresh salt and the keys that role needs, wrapped."""
    check_role(role)
    check_passphrase(passphrase)
    salt = crypto.random_salt()
    wrapping = crypto.derive_key(passphrase, salt, kdf)
    identity_ct = None
    if holds_identity_key(role):
        if keys.identity_key is None:
            raise AuthError("this account cannot grant the source identity key")
        identity_ct = crypto.seal(wrapping, keys.identity_key, _where(username, "identity_key"))
    return {
        "kdf_ops": kdf.ops,
        "kdf_mem": kdf.mem_bytes,
        "salt": salt,
        "data_key_ct": crypto.seal(wrapping, keys.data_key, _where(username, "data_key")),
        "identity_key_ct": identity_ct,
    }


def wrap_for_user(
    conn: sa.Connection, username: str, role: str, passphrase: str, keys: crypto.Keyring, kdf: KdfParams
) -> User:
    """Insert a user row holding that user's wrapped copy of the keys their role needs."""
    columns = wrapped_keys(username, role, passphrase, keys, kdf)
    conn.execute(users.insert().values(username=username, role=role, totp_ct=None, created_at=now_iso(), **columns))
    return User(username, role)


def unlock(
    conn: sa.Connection, store_id: str, username: str, passphrase: str, default_kdf: KdfParams
) -> tuple[User, crypto.Keyring]:
    """The user and their keys, or :class:`AuthError` with one message for every failure."""
    row = conn.execute(sa.select(users).where(users.c.username == username)).first()
    if row is None:
        crypto.derive_key(passphrase, crypto.dummy_salt(store_id, username), default_kdf)
        raise AuthError(AUTH_FAILED)
    wrapping = crypto.derive_key(passphrase, row.salt, KdfParams(int(row.kdf_ops), int(row.kdf_mem)))
    try:
        data_key = crypto.unseal(wrapping, row.data_key_ct, _where(username, "data_key"))
        identity_key = (
            crypto.unseal(wrapping, row.identity_key_ct, _where(username, "identity_key"))
            if row.identity_key_ct is not None
            else None
        )
    except crypto.DecryptionFailed:
        raise AuthError(AUTH_FAILED) from None
    return User(username, row.role), crypto.Keyring(data_key, identity_key)
