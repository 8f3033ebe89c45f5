"""Sources as analysts see them (pseudonyms) and the identity compartment behind them.

Identities are sealed under the identity key, which only admins and source handlers
hold; every read of an identity is an audit event.
"""

from __future__ import annotations

import json

import sqlalchemy as sa

from casework.errors import DuplicateError, NotFoundError
from casework.model import Source, SourceIdentity
from casework.store import crypto, fingerprints
from casework.store.api import IdentityFingerprints
from casework.store.base import StoreBase, check_identifier
from casework.store.schema import identity_fingerprints, source_identities, sources, today_iso


def _identity_where(pseudonym: str) -> str:
    return f"source_identities/{pseudonym}/identity"


class SourcesMixin(StoreBase):
    def add_source(self, pseudonym: str, identity: SourceIdentity | None = None) -> Source:
        """Register a pseudonym, optionally with the identity behind it (handlers only)."""
        self._require("source.add")
        check_identifier(pseudonym, "source pseudonym")
        if identity is not None:
            self._require("identity.write")
        with self._write() as conn:
            if conn.execute(sa.select(sources.c.pseudonym).where(sources.c.pseudonym == pseudonym)).first():
                raise DuplicateError(f"source {pseudonym} already exists")
            conn.execute(sources.insert().values(pseudonym=pseudonym, created_on=today_iso()))
            self._audit(conn, "source.add", pseudonym)
            if identity is not None:
                self._store_identity(conn, pseudonym, identity)
        return Source(pseudonym)

    def set_source_identity(self, identity: SourceIdentity) -> None:
        """Record or replace the identity behind an existing pseudonym (handlers only)."""
        self._require("identity.write")
        with self._write() as conn:
            self._source_exists(conn, identity.pseudonym)
            self._store_identity(conn, identity.pseudonym, identity)

    def _store_identity(self, conn: sa.Connection, pseudonym: str, identity: SourceIdentity) -> None:
        payload = json.dumps({"name": identity.name, "contact": identity.contact, "notes": identity.notes})
        sealed = crypto.seal_text(self._identity_key(), payload, _identity_where(pseudonym))
        conn.execute(source_identities.delete().where(source_identities.c.pseudonym == pseudonym))
        conn.execute(
            source_identities.insert().values(pseudonym=pseudonym, identity_ct=sealed, updated_on=today_iso())
        )
        self._refresh_fingerprints(conn)
        self._audit(conn, "identity.write", pseudonym)

    def _refresh_fingerprints(self, conn: sa.Connection) -> None:
        """Rebuild the whole fingerprint table from every identity (inside the caller's transaction)."""
        key = self._identity_key()
        rows = conn.execute(sa.select(source_identities.c.pseudonym, source_identities.c.identity_ct)).all()
        identities = [self._open_identity(key, row.pseudonym, row.identity_ct) for row in rows]
        conn.execute(identity_fingerprints.delete())
        table = fingerprints.build_rows(self._fingerprint_key, identities)
        if table:
            conn.execute(identity_fingerprints.insert(), table)

    def identity_fingerprints(self) -> IdentityFingerprints:
        """Keyed fingerprints of every identity phrase, for checking drafts (every role; nothing is read).

        Example:
            prints = store.identity_fingerprints()
            prints.lookup("Kim Chol-su")  # "name" when that is a recorded source name
        """
        self._require("identity.fingerprints")
        with self._read() as conn:
            return fingerprints.load(conn, identity_fingerprints, self._fingerprint_key)

    def _source_exists(self, conn: sa.Connection, pseudonym: str) -> None:
        if not conn.execute(sa.select(sources.c.pseudonym).where(sources.c.pseudonym == pseudonym)).first():
            raise NotFoundError(f"unknown source {pseudonym}")

    def list_sources(self) -> list[Source]:
        self._require("source.list")
        with self._read() as conn:
            rows = conn.execute(sa.select(sources.c.pseudonym).order_by(sources.c.pseudonym)).all()
        return [Source(row.pseudonym) for row in rows]

    def get_source_identity(self, pseudonym: str) -> SourceIdentity:
        """The identity behind a pseudonym (admins and source handlers); the read is audited."""
        self._require("identity.read")
        key = self._identity_key()
        with self._write() as conn:
            self._source_exists(conn, pseudonym)
            row = conn.execute(
                sa.select(source_identities.c.identity_ct).where(source_identities.c.pseudonym == pseudonym)
            ).first()
            self._audit(conn, "identity.read", pseudonym)
        if row is None:
            return SourceIdentity(pseudonym)
        return self._open_identity(key, pseudonym, row.identity_ct)

    def list_source_identities(self) -> list[SourceIdentity]:
        """Every recorded identity (admins and source handlers); one audit event per identity read."""
        self._require("identity.read")
        key = self._identity_key()
        with self._write() as conn:
            rows = conn.execute(sa.select(source_identities).order_by(source_identities.c.pseudonym)).all()
            for row in rows:
                self._audit(conn, "identity.read", row.pseudonym)
        return [self._open_identity(key, row.pseudonym, row.identity_ct) for row in rows]

    @staticmethod
    def _open_identity(key: bytes, pseudonym: str, sealed: bytes) -> SourceIdentity:
        fields = json.loads(crypto.unseal_text(key, sealed, _identity_where(pseudonym)))
        return SourceIdentity(pseudonym, fields.get("name"), fields.get("contact"), fields.get("notes"))
