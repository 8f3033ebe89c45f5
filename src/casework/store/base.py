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
        self,
        engine: sa.Engine,
        url: str,
        user: User,
        keys: crypto.Keyring,
        store_id: str,
        kdf: KdfParams,
        *,
        epoch: int = 1,
        wrapping: bytes = b"",
        second_factor_roles: tuple[str, ...] = (),
    ) -> None:
        self.url = url
        self.user = user
        self._engine = engine
        self._shown = display_name(url)
        self._store_id = store_id
        self._kdf = kdf
        self._intake_sql = IntakeStatements(engine.dialect.name)
        self._use_keys(keys, epoch)
        self._wrapping = wrapping  # this session's Argon2id output: rewraps our own keys on rekey
        self._second_factor_roles = second_factor_roles
        # (sealed, plain) of the default list last seen: the same ciphertext needs no second AEAD open.
        self._default_list_seen: tuple[bytes, str] | None = None

    def _use_keys(self, keys: crypto.Keyring, epoch: int) -> None:
        self._keys = keys
        self._epoch = epoch
        text = keys.get("text")
        self._mac_key = None if text is None else crypto.content_mac_key(text)
        self._fingerprint_key = self._key("fingerprint")
        self._audit_keys = audit.AuditKeys.from_keyring(keys)

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
        audit.append_event(conn, self.user.username, action, target, details, self._audit_keys)

    # encryption ----------------------------------------------------------------
    def _key(self, name: str) -> bytes:
        """One of the store keys, if this role holds it (keys follow roles: see casework.store.keys)."""
        key = self._keys.get(name)
        if key is None:
            raise AccessDenied(f"user '{self.user.username}' (role {self.user.role}) holds no {name} key")
        return key

    def _seal(self, where: str, text: str) -> bytes:
        """Seal a record value (mentions, incidents, settings, testimony metadata) under the records key."""
        return crypto.seal_text(self._key("records"), text, where)

    def _unseal(self, where: str, sealed: bytes) -> str:
        return crypto.unseal_text(self._key("records"), sealed, where)

    def _content_mac_key(self) -> bytes:
        """The keyed-MAC subkey of the text key (duplicates, outlet names)."""
        if self._mac_key is None:
            raise AccessDenied(f"user '{self.user.username}' (role {self.user.role}) holds no text key")
        return self._mac_key

    def _identity_key(self) -> bytes:
        return self._key("identity")

    def close(self) -> None:
        """Release the connection pool; the store object cannot be used afterwards."""
        self._engine.dispose()
