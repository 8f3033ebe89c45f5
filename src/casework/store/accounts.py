"""Users, second factors, settings and the audit log, as seen from an unlocked store."""

from __future__ import annotations

import sqlalchemy as sa

from casework.errors import DuplicateError, InputError, NotFoundError
from casework.store import audit
from casework.store.api import AuditEvent, AuditReport, User
from casework.store.base import StoreBase, check_identifier
from casework.store.keys import wrap_for_user, wrapped_keys
from casework.store.schema import settings, users

SECRET_PREFIX = "secret."  # noqa: S105 - a settings name prefix, not a secret


class AccountsMixin(StoreBase):
    # settings --------------------------------------------------------------------
    def get_setting(self, key: str) -> str | None:
        """A stored setting (values are sealed); ``secret.*`` settings are admin-only."""
        self._require("setting.read")
        if key.startswith(SECRET_PREFIX):
            self._require("secret_setting")
        with self._read() as conn:
            row = conn.execute(sa.select(settings.c.value_ct).where(settings.c.key == key)).first()
        return None if row is None else self._unseal(f"settings/{key}/value", row.value_ct)

    def set_setting(self, key: str, value: str) -> None:
        self._require("setting.write")
        if key.startswith(SECRET_PREFIX):
            self._require("secret_setting")
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
            user = wrap_for_user(conn, username, role, passphrase, self._keys, self._kdf)
            self._audit(conn, "user.add", username, role=role)
        return user

    def change_passphrase(self, new_passphrase: str) -> None:
        """Re-wrap the current user's keys under a new passphrase (unlocking proved the old one)."""
        self._rewrap(self.user.username, new_passphrase)

    def set_user_passphrase(self, username: str, passphrase: str) -> None:
        """Reset another account's passphrase (admins only), e.g. when it was forgotten."""
        self._require("user.add")
        self._rewrap(username, passphrase)

    def _rewrap(self, username: str, passphrase: str) -> None:
        with self._write() as conn:
            row = conn.execute(sa.select(users.c.role).where(users.c.username == username)).first()
            if row is None:
                raise NotFoundError(f"no user {username}")
            columns = wrapped_keys(username, row.role, passphrase, self._keys, self._kdf)
            conn.execute(users.update().where(users.c.username == username).values(**columns))
            self._audit(conn, "user.passphrase", username)

    def remove_user(self, username: str) -> None:
        """Delete an account and its wrapped keys (admins only; not oneself).

        Keys are not rotated: someone who once unlocked the store may have kept the data
        key. Rotation means a new store, restored from a backup by the remaining admins.
        """
        self._require("user.add")
        if username == self.user.username:
            raise InputError("user remove: an admin cannot remove their own account")
        with self._write() as conn:
            if conn.execute(users.delete().where(users.c.username == username)).rowcount == 0:
                raise NotFoundError(f"no user {username}")
            self._audit(conn, "user.remove", username)

    def list_users(self) -> list[User]:
        self._require("user.list")
        with self._read() as conn:
            rows = conn.execute(sa.select(users.c.username, users.c.role).order_by(users.c.username)).all()
        return [User(row.username, row.role) for row in rows]

    def totp_secret(self) -> str | None:
        """The current user's TOTP secret, if enrolled (sealed under the data key)."""
        with self._read() as conn:
            row = conn.execute(sa.select(users.c.totp_ct).where(users.c.username == self.user.username)).first()
        if row is None:
            raise NotFoundError(f"no user {self.user.username}")
        return None if row.totp_ct is None else self._unseal(f"users/{self.user.username}/totp", row.totp_ct)

    def set_totp_secret(self, secret: str | None) -> None:
        sealed = None if secret is None else self._seal(f"users/{self.user.username}/totp", secret)
        with self._write() as conn:
            conn.execute(users.update().where(users.c.username == self.user.username).values(totp_ct=sealed))
            self._audit(conn, "user.totp", self.user.username, enrolled="yes" if secret else "no")

    # audit -------------------------------------------------------------------------
    def audit(self, action: str, target: str | None = None, **details: str) -> None:
        """Record an event of another stage (export, publication); pass ids, never content."""
        self._require("audit.write")
        with self._write() as conn:
            self._audit(conn, action, target, **details)

    def audit_events(self, limit: int = 100) -> list[AuditEvent]:
        self._require("audit.read")
        with self._read() as conn:
            return audit.recent_events(conn, limit)

    def verify_audit(self) -> AuditReport:
        self._require("audit.verify")
        with self._read() as conn:
            return audit.verify_chain(conn)

    def find_audit_anchor(self, digest: str) -> int | None:
        """The event whose hash is ``digest``: an earlier head still in the chain, or ``None``.

        A head hash noted down (or kept with a backup) and later missing means the log
        was truncated or rewritten from that point on.
        """
        self._require("audit.verify")
        with self._read() as conn:
            return audit.event_with_hash(conn, digest)
