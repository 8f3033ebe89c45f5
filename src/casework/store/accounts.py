"""Users, second factors, settings and the audit log, as seen from an unlocked store."""

from __future__ import annotations

from pathlib import Path

import pyotp
import sqlalchemy as sa

from casework.errors import AccessDenied, AuditChainBroken, DuplicateError, InputError, NotFoundError
from casework.store import audit, crypto
from casework.store.access import holds_identity_key
from casework.store.api import AuditEvent, AuditReport, User
from casework.store.base import StoreBase, check_identifier
from casework.store.keys import insert_user, wrapped_columns
from casework.store.schema import settings, users

SECRET_PREFIX = "secret."  # noqa: S105 - a settings name prefix, not a secret
LINKAGE_PREFIX = "link.private."
"""Settings holding decrypted mention fields for linkage (its feature cache): for those who link only."""


class AccountsMixin(StoreBase):
    # settings --------------------------------------------------------------------
    def get_setting(self, key: str) -> str | None:
        """A stored setting (values are sealed); ``secret.*`` settings are admin-only."""
        self._require("setting.read")
        if key.startswith(SECRET_PREFIX):
            self._require("secret_setting")
        if key.startswith(LINKAGE_PREFIX):
            self._require("link.read")
        with self._read() as conn:
            row = conn.execute(sa.select(settings.c.value_ct).where(settings.c.key == key)).first()
        return None if row is None else self._unseal(f"settings/{key}/value", row.value_ct)

    def set_setting(self, key: str, value: str) -> None:
        self._require("setting.write")
        if key.startswith(SECRET_PREFIX):
            self._require("secret_setting")
        if key.startswith(LINKAGE_PREFIX):
            self._require("link.write")
        sealed = self._seal(f"settings/{key}/value", value)
        with self._write() as conn:
            conn.execute(settings.delete().where(settings.c.key == key))
            conn.execute(settings.insert().values(key=key, value_ct=sealed))
            self._audit(conn, "setting.set", key)

    # users -----------------------------------------------------------------------
    def add_user(self, username: str, passphrase: str, role: str) -> User:
        """Create an account (admins only); it receives only the keys its role needs."""
        self._require("user.add")
        check_identifier(username, "username")
        with self._write() as conn:
            if conn.execute(sa.select(users.c.username).where(users.c.username == username)).first():
                raise DuplicateError(f"user {username} already exists")
            user = insert_user(conn, username, role, passphrase, self._keys, self._kdf, self._epoch)
            self._audit(conn, "user.add", username, role=role)
        return user

    def change_passphrase(self, new_passphrase: str) -> None:
        """Re-wrap the current user's keys under a new passphrase (unlocking proved the old one).

        The personal key is kept, so an enrolled second factor stays enrolled.
        """
        columns, wrapping = wrapped_columns(
            self.user.username, self.user.role, new_passphrase, self._keys, self._kdf, self._epoch,
            personal=self._keys.personal,
        )
        with self._write() as conn:
            conn.execute(users.update().where(users.c.username == self.user.username).values(**columns))
            self._audit(conn, "user.passphrase", self.user.username)
        self._wrapping = wrapping

    def set_user_passphrase(self, username: str, passphrase: str) -> None:
        """Reset another account's passphrase (admins only), e.g. when it was forgotten.

        The account gets a new personal key, so its second factor (sealed under the old
        one, which no admin can read) must be enrolled again.
        """
        self._require("user.add")
        if username == self.user.username:
            self.change_passphrase(passphrase)
            return
        with self._write() as conn:
            row = conn.execute(sa.select(users.c.role).where(users.c.username == username)).first()
            if row is None:
                raise NotFoundError(f"no user {username}")
            columns, _ = wrapped_columns(username, row.role, passphrase, self._keys, self._kdf, self._epoch)
            conn.execute(users.update().where(users.c.username == username).values(totp_ct=None, **columns))
            self._audit(conn, "user.passphrase", username)

    def remove_user(self, username: str, *, rekey: bool = False) -> None:
        """Delete an account and its wrapped keys (admins only; not oneself).

        Someone who once unlocked the store may have kept its keys. Removing an account
        that held the identity key therefore needs ``rekey=True``: new keys for
        everything, old wraps retired, in the same run (``casework user remove NAME --rekey``).
        """
        self._require("user.add")
        if username == self.user.username:
            raise InputError("user remove: an admin cannot remove their own account")
        with self._read() as conn:
            row = conn.execute(sa.select(users.c.role).where(users.c.username == username)).first()
        if row is None:
            raise NotFoundError(f"no user {username}")
        if holds_identity_key(row.role) and not rekey:
            raise InputError(
                f"user remove: {username} ({row.role}) held the source identity key; "
                f"remove with new keys: casework user remove {username} --rekey"
            )
        with self._write() as conn:
            conn.execute(users.delete().where(users.c.username == username))
            self._audit(conn, "user.remove", username, role=row.role)
        if rekey:
            self.rekey()

    def rekey(self) -> int:
        """New store keys, everything re-encrypted, old wraps retired (admins only); see casework.store.rotation."""
        from casework.store.rotation import rekey_store

        return rekey_store(self)

    def purge_testimony(self, testimony_id: str) -> tuple[int, int]:
        """Erase a testimony, all its versions and mentions (admins only); returns (versions, mentions)."""
        from casework.store.rotation import purge_testimony

        return purge_testimony(self, testimony_id)

    def purge_source(self, pseudonym: str) -> tuple[int, int]:
        """Erase a source, its identity and all its testimonies (admins only); returns (testimonies, mentions)."""
        from casework.store.rotation import purge_source

        return purge_source(self, pseudonym)

    def list_users(self) -> list[User]:
        self._require("user.list")
        with self._read() as conn:
            rows = conn.execute(sa.select(users.c.username, users.c.role).order_by(users.c.username)).all()
        return [User(row.username, row.role) for row in rows]

    # second factor -------------------------------------------------------------------
    def _totp_key(self) -> bytes:
        if self._keys.personal is None:
            raise AccessDenied("this session holds no personal key")
        return crypto.subkey(self._keys.personal, "totp")

    def totp_secret(self) -> str | None:
        """The current user's TOTP secret, if enrolled (sealed under their personal key: nobody else opens it)."""
        with self._read() as conn:
            row = conn.execute(sa.select(users.c.totp_ct).where(users.c.username == self.user.username)).first()
        if row is None:
            raise NotFoundError(f"no user {self.user.username}")
        if row.totp_ct is None:
            return None
        return crypto.unseal_text(self._totp_key(), row.totp_ct, f"users/{self.user.username}/totp")

    def set_totp_secret(self, secret: str | None) -> None:
        if secret is None and self.second_factor_required:
            raise InputError(f"second factor: required for role {self.user.role}; it can be replaced, not removed")
        where = f"users/{self.user.username}/totp"
        sealed = None if secret is None else crypto.seal_text(self._totp_key(), secret, where)
        with self._write() as conn:
            conn.execute(users.update().where(users.c.username == self.user.username).values(totp_ct=sealed))
            self._audit(conn, "user.totp", self.user.username, enrolled="yes" if secret else "no")

    @property
    def second_factor_required(self) -> bool:
        """True when this store requires TOTP of the current user's role (admins, source handlers by default)."""
        return self.user.role in self._second_factor_roles

    def verify_second_factor(self, code: str) -> bool:
        """Whether ``code`` is the current TOTP code (one 30-second step either side) of the enrolled secret."""
        secret = self.totp_secret()
        if not secret:
            return False
        return bool(pyotp.TOTP(secret).verify(code.strip(), valid_window=1))

    # audit -------------------------------------------------------------------------
    def audit(self, action: str, target: str | None = None, **details: str) -> None:
        """Record an event of another stage (export, publication); details are sealed (audit key)."""
        self._require("audit.write")
        with self._write() as conn:
            self._audit(conn, action, target, **details)

    def audit_events(self, limit: int = 100) -> list[AuditEvent]:
        self._require("audit.read")
        with self._read() as conn:
            return audit.recent_events(conn, limit, self._audit_keys)

    def verify_audit(self) -> AuditReport:
        """Recompute the chain and every MAC (needs the audit key, which readers do not hold)."""
        self._require("audit.verify")
        with self._read() as conn:
            return audit.verify_chain(conn, self._audit_keys)

    def find_audit_anchor(self, digest: str) -> int | None:
        """The event whose hash is ``digest``: an earlier head still in the chain, or ``None``."""
        self._require("audit.verify")
        with self._read() as conn:
            return audit.event_with_hash(conn, digest)

    def write_audit_anchor(self, path: str | Path) -> int:
        """Write the current head to ``path`` (an anchor to keep elsewhere); returns its event id."""
        self._require("audit.verify")
        with self._read() as conn:
            record = audit.head_anchor(conn, self._store_id)
        audit.write_anchor(Path(path), record)
        return int(record["event_id"])

    def check_audit_anchor(self, path: str | Path) -> int:
        """Raise :class:`AuditChainBroken` unless the anchored event is still in the chain, unchanged."""
        self._require("audit.verify")
        record = audit.read_anchor(Path(path))
        with self._read() as conn:
            problem = audit.check_anchor(conn, self._store_id, record)
        if problem is not None:
            raise AuditChainBroken(f"audit anchor {path}: {problem}", int(record["event_id"]))
        return int(record["event_id"])
