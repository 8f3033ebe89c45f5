"""Rotation and erasure: new keys for a whole store (rekey) and purging a testimony or a source.

Why rekey: someone who once unlocked the store (a removed handler, a lost laptop whose
passphrase was phished) may have kept its keys, and an older backup still wraps them
under that person's passphrase. ``rekey`` draws new keys, re-encrypts every sealed
value in one transaction, re-MACs the audit log (its hashes and anchors stay valid),
rewraps the acting admin's keys under their passphrase and gives every other account
its new keys as a sealed box to the account's public key (``pending_ct``), opened and
turned into an ordinary wrap at that account's next unlock. Old wraps are retired: the
key epoch is part of every wrap's associated data.

Why purge: a source may ask to be forgotten, or a testimony may endanger someone if it
is ever read. Purging deletes the rows (SQLite zeroes freed pages: ``secure_delete``),
checkpoints the WAL so no older page survives beside the database, and leaves one audit
event with ids and counts. Backups made before the purge still hold what was purged;
docs/security.md says how to handle them.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from casework.errors import AuditChainBroken, NotFoundError
from casework.model import SourceIdentity
from casework.store import audit, crypto, fingerprints
from casework.store.keys import pending_columns, rewrap_columns
from casework.store.schema import (
    casework_meta,
    identity_fingerprints,
    incidents,
    link_decisions,
    mentions,
    outlets,
    settings,
    source_identities,
    sources,
    testimonies,
    users,
)

if TYPE_CHECKING:
    from casework.store.base import StoreBase

log = logging.getLogger(__name__)


def _reseal(
    conn: sa.Connection,
    table: sa.Table,
    key_column: str,
    column: str,
    where: Callable[[Any], str],
    old: bytes,
    new: bytes,
) -> None:
    pk = table.c[key_column]
    for row in conn.execute(sa.select(pk, table.c[column]).where(table.c[column].is_not(None))).all():
        value = crypto.unseal(old, row[1], where(row[0]))
        conn.execute(table.update().where(pk == row[0]).values({column: crypto.seal(new, value, where(row[0]))}))


def rekey_store(store: StoreBase) -> int:
    """Rotate every store key (admins only); returns the new key epoch."""
    store._require("user.add")
    old = store._keys
    new = crypto.Keyring({name: crypto.random_key() for name in crypto.KEY_NAMES}, old.personal)
    epoch = store._epoch + 1
    with store._write() as conn:
        report = audit.verify_chain(conn, store._audit_keys)
        if not report.ok:
            raise AuditChainBroken(f"rekey refused: audit chain broken: {report.message}", report.first_broken)
        text_old, text_new = store._key("text"), new.keys["text"]
        rec_old, rec_new = store._key("records"), new.keys["records"]
        for column in ("raw", "sha256", "filename"):
            _reseal(conn, testimonies, "testimony_id", f"{column}_ct",
                    lambda t, c=column: f"testimonies/{t}/{c}", text_old, text_new)  # type: ignore[misc]
        _reseal(conn, testimonies, "testimony_id", "meta_ct", lambda t: f"testimonies/{t}/meta", rec_old, rec_new)
        _reseal(conn, testimonies, "testimony_id", "url_ct", lambda t: f"testimonies/{t}/url", rec_old, rec_new)
        _reseal(conn, outlets, "pseudonym", "name_ct", lambda p: f"outlets/{p}/name", rec_old, rec_new)
        mac_key = crypto.content_mac_key(text_new)
        for row in conn.execute(sa.select(testimonies.c.seq, testimonies.c.testimony_id, testimonies.c.raw_ct)).all():
            raw = crypto.unseal(text_new, row.raw_ct, f"testimonies/{row.testimony_id}/raw")
            conn.execute(
                testimonies.update()
                .where(testimonies.c.seq == row.seq)
                .values(content_mac=crypto.content_mac(mac_key, raw))
            )
        for outlet in conn.execute(sa.select(outlets.c.pseudonym, outlets.c.name_ct)).all():
            name = crypto.unseal_text(rec_new, outlet.name_ct, f"outlets/{outlet.pseudonym}/name")
            mac = crypto.content_mac(mac_key, b"outlet\x00" + name.casefold().encode("utf-8"))
            conn.execute(outlets.update().where(outlets.c.pseudonym == outlet.pseudonym).values(name_mac=mac))
        _reseal(conn, mentions, "mention_id", "payload_ct", lambda m: f"mentions/{m}/payload", rec_old, rec_new)
        _reseal(conn, mentions, "mention_id", "evidence_ct", lambda m: f"mentions/{m}/evidence", text_old, text_new)
        _reseal(conn, incidents, "incident_id", "payload_ct", lambda i: f"incidents/{i}/payload", rec_old, rec_new)
        _reseal(conn, settings, "key", "value_ct", lambda k: f"settings/{k}/value", rec_old, rec_new)
        _reseal(conn, source_identities, "pseudonym", "identity_ct",
                lambda p: f"source_identities/{p}/identity", store._key("identity"), new.keys["identity"])
        _rebuild_fingerprints(conn, new.keys["identity"], new.keys["fingerprint"])
        new_audit = audit.AuditKeys.from_keyring(new)
        audit.remac_all(conn, store._audit_keys, new_audit)
        for row in conn.execute(sa.select(users.c.username, users.c.role, users.c.public_key)).all():
            if row.username == store.user.username:
                columns = rewrap_columns(row.username, row.role, store._wrapping, new, epoch)
            else:
                columns = pending_columns(row.username, row.role, bytes(row.public_key), new, epoch)
            conn.execute(users.update().where(users.c.username == row.username).values(**columns))
        conn.execute(casework_meta.update().where(casework_meta.c.key == "key_epoch").values(value=str(epoch)))
        store._use_keys(new, epoch)
        store._audit(conn, "store.rekey", None, epoch=str(epoch))
    store._default_list_seen = None
    log.info("store keys rotated to epoch %d", epoch)
    return epoch


def _rebuild_fingerprints(conn: sa.Connection, identity_key: bytes, fingerprint_key: bytes) -> None:
    rows = conn.execute(sa.select(source_identities.c.pseudonym, source_identities.c.identity_ct)).all()
    found: list[SourceIdentity] = []
    for row in rows:
        fields = json.loads(
            crypto.unseal_text(identity_key, row.identity_ct, f"source_identities/{row.pseudonym}/identity")
        )
        found.append(SourceIdentity(row.pseudonym, fields.get("name"), fields.get("contact"), fields.get("notes")))
    conn.execute(identity_fingerprints.delete())
    table = fingerprints.build_rows(fingerprint_key, found)
    if table:
        conn.execute(identity_fingerprints.insert(), table)


# purge -------------------------------------------------------------------------------
def _version_chain(conn: sa.Connection, testimony_id: str) -> list[str]:
    """Every version linked to ``testimony_id`` by corrections, both ways."""
    rows = {
        str(r.testimony_id): r
        for r in conn.execute(
            sa.select(testimonies.c.testimony_id, testimonies.c.supersedes, testimonies.c.superseded_by)
        ).all()
    }
    if testimony_id not in rows:
        raise NotFoundError(f"no testimony {testimony_id}")
    chain, todo = set(), [testimony_id]
    while todo:
        current = todo.pop()
        if current in chain or current not in rows:
            continue
        chain.add(current)
        todo.extend(v for v in (rows[current].supersedes, rows[current].superseded_by) if v)
    return sorted(chain)


def _delete_testimonies(store: StoreBase, conn: sa.Connection, ids: list[str], pseudonym: str | None) -> int:
    """Delete testimonies, their mentions and link decisions, and take them out of incidents."""
    mention_ids = [
        str(m) for m in conn.execute(sa.select(mentions.c.mention_id).where(mentions.c.testimony_id.in_(ids))).scalars()
    ]
    gone = set(mention_ids)
    if mention_ids:
        conn.execute(
            link_decisions.delete().where(
                link_decisions.c.mention_a.in_(mention_ids) | link_decisions.c.mention_b.in_(mention_ids)
            )
        )
        conn.execute(mentions.delete().where(mentions.c.mention_id.in_(mention_ids)))
    for row in conn.execute(sa.select(incidents.c.incident_id, incidents.c.payload_ct)).all():
        where = f"incidents/{row.incident_id}/payload"
        payload = json.loads(store._unseal(where, row.payload_ct))
        kept = [m for m in payload["mentions"] if m not in gone]
        sources_kept = [s for s in payload.get("sources", []) if s != pseudonym]
        if kept == payload["mentions"] and sources_kept == payload.get("sources", []):
            continue
        if not kept:
            conn.execute(incidents.delete().where(incidents.c.incident_id == row.incident_id))
            continue
        payload.update(mentions=kept, sources=sources_kept)
        conn.execute(
            incidents.update()
            .where(incidents.c.incident_id == row.incident_id)
            .values(payload_ct=store._seal(where, json.dumps(payload)))
        )
    conn.execute(testimonies.delete().where(testimonies.c.testimony_id.in_(ids)))
    return len(mention_ids)


def purge_testimony(store: StoreBase, testimony_id: str) -> tuple[int, int]:
    """Erase a testimony with all its versions and mentions (admins only); returns (versions, mentions)."""
    store._require("purge")
    with store._write() as conn:
        ids = _version_chain(conn, testimony_id)
        count = _delete_testimonies(store, conn, ids, None)
        store._audit(conn, "testimony.purge", testimony_id, versions=str(len(ids)), mentions=str(count))
    scrub(store)
    return len(ids), count


def purge_source(store: StoreBase, pseudonym: str) -> tuple[int, int]:
    """Erase a source: identity, fingerprints, every testimony and mention (admins only)."""
    store._require("purge")
    with store._write() as conn:
        if not conn.execute(sa.select(sources.c.pseudonym).where(sources.c.pseudonym == pseudonym)).first():
            raise NotFoundError(f"unknown source {pseudonym}")
        ids = []
        for row in conn.execute(sa.select(testimonies.c.testimony_id, testimonies.c.meta_ct)).all():
            meta = json.loads(store._unseal(f"testimonies/{row.testimony_id}/meta", row.meta_ct))
            if meta.get("source") == pseudonym:
                ids.append(str(row.testimony_id))
        count = _delete_testimonies(store, conn, ids, pseudonym) if ids else 0
        conn.execute(source_identities.delete().where(source_identities.c.pseudonym == pseudonym))
        _rebuild_fingerprints(conn, store._key("identity"), store._key("fingerprint"))
        conn.execute(sources.delete().where(sources.c.pseudonym == pseudonym))
        store._audit(conn, "source.purge", pseudonym, testimonies=str(len(ids)), mentions=str(count))
    scrub(store)
    return len(ids), count


def scrub(store: StoreBase) -> None:
    """Leave no copy of deleted rows beside the database: the WAL is checkpointed and truncated (SQLite),
    dead row versions are vacuumed (PostgreSQL)."""
    engine = store._engine
    if engine.dialect.name == "sqlite":
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    else:
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            for table in (testimonies, mentions, incidents, link_decisions, source_identities, sources,
                          identity_fingerprints):
                conn.exec_driver_sql(f"VACUUM {table.name}")
