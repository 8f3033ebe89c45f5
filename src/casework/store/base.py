"""What every part of an unlocked store shares: the engine, the keys, transactions, audit."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa

from casework.errors import AccessDenied, InputError
from casework.store import access, audit, crypto
from casework.store.api import KdfParams, User
from casework.store.engine import display_name, transaction
from casework.store.intake_sql import IntakeStatements

_ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}$")


def check_identifier(value: str, what: str) -> str:
    """Pseudonyms, usernames and list names are short codes, never free text."""
    if not isinstance(value, str) or not _ID_PATTERN.match(value):
        raise InputError(f"{what}: must be 1-64 letters, digits, '-', '_' or '.', starting with a letter or digit")
    return value


class StoreBase:
    """An unlocked store acting as one user: one short transaction per public method."""

    url: str
    user: User

    def __init__(
        self, engine: sa.Engine, url: str, user: User, keys: crypto.Keyring, store_id: str, kdf: KdfParams
    ) -> None:
        self.url = url
        self.user = user
        self._engine = engine
        self._shown = display_name(url)
        self._keys = keys
        self._mac_key = crypto.content_mac_key(keys.data_key)
        self._fingerprint_key = crypto.subkey(keys.data_key, "identity-fingerprint/v1")
        self._store_id = store_id
        self._kdf = kdf
        self._intake_sql = IntakeStatements(engine.dialect.name)
        # (sealed, plain) of the default list last seen: the same ciphertext needs no second AEAD open.
        self._default_list_seen: tuple[bytes, str] | None = None

    def __repr__(self) -> str:
        return f"<CaseStore {self._shown} as {self.user.username} ({self.user.role})>"

    # transactions ------------------------------------------------------------
    @contextmanager
    def _read(self) -> Iterator[sa.Connection]:
        with transaction(self._engine, self._shown, write=False) as conn:
            yield conn

    @contextmanager
    def _write(self) -> Iterator[sa.Connection]:
        with transaction(self._engine, self._shown, write=True) as conn:
            yield conn

    def _require(self, action: str) -> None:
        access.require(self.user, action)

    def _audit(self, conn: sa.Connection, action: str, target: str | None = None, **details: str) -> None:
        audit.append_event(conn, self.user.username, action, target, details)

    # encryption ----------------------------------------------------------------
    def _seal(self, where: str, text: str) -> bytes:
        return crypto.seal_text(self._keys.data_key, text, where)

    def _unseal(self, where: str, sealed: bytes) -> str:
        return crypto.unseal_text(self._keys.data_key, sealed, where)

    def _identity_key(self) -> bytes:
        if self._keys.identity_key is None:
            raise AccessDenied(f"user '{self.user.username}' holds no key to the source identity compartment")
        return self._keys.identity_key

    def close(self) -> None:
        """Release the connection pool; the store object cannot be used afterwards."""
        self._engine.dispose()
