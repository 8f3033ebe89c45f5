"""The audit log: append-only, hash-chained, keyed-MAC'd events written in the same transaction as the change.

Threat addressed: a curious account, or someone with direct database access, who
reads testimony or changes records and then tidies the log.

* Each event commits to the previous event's hash, so editing or deleting an event in
  the middle breaks every later link; :func:`verify_chain` names the first broken event.
* Each event carries a keyed MAC over its hash under the **audit key**, which readers
  do not hold, so nobody without it can rewrite the chain from some point on (remove
  their read events, re-attribute an event) and recompute it. Readers' own events
  (logins, their passphrase) are MAC'd with a readers' subkey and verifying refuses
  that subkey for any other kind of event.
* Truncating the newest events leaves a valid chain: only an **anchor** (an earlier
  head kept outside the database: written beside every backup, and on demand by
  ``casework audit anchor FILE``) shows it; :func:`check_anchor` compares.
* Details (reasons for accepting a risk, client addresses, list names) and the exact
  time are **sealed**; plain are the event id, the day, the user, the action and the
  target id. The hash covers the details as written, not their ciphertext, so
  re-sealing under new keys (``casework rekey``) keeps every hash and every anchor.
"""

from __future__ import annotations

import base64
import json
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from casework.errors import InputError
from casework.store import crypto
from casework.store.api import AuditEvent, AuditReport
from casework.store.crypto import sha256_hex
from casework.store.schema import audit_events

GENESIS = "0" * 64
ANCHOR_FORMAT = "casework-audit-anchor/1"
_HEAD = sa.select(audit_events.c.event_id, audit_events.c.hash).order_by(audit_events.c.event_id.desc()).limit(1)
_APPEND = audit_events.insert()
# Canonical JSON (sorted keys, no spaces, ASCII), the encoder built once: json.dumps with options builds one per call.
_CANONICAL = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=True)
_quote = json.encoder.encode_basestring_ascii  # the C string encoder json itself uses
_AT = "_at"  # the exact time, inside the sealed details
# What a reader's own session may write; every other action needs the audit key.
READER_ACTIONS = frozenset(
    {
        "session.open",
        "session.second_factor_failed",
        "web.login",
        "web.login_failed",
        "web.logout",
        "user.passphrase",
        "user.totp",
    }
)


@dataclass(frozen=True, repr=False)
class AuditKeys:
    """MAC and sealing subkeys of the audit key (desk roles) and of the readers' key (all roles)."""

    audit_mac: bytes | None
    audit_seal: bytes | None
    reader_mac: bytes
    reader_seal: bytes

    @classmethod
    def from_keyring(cls, keyring: crypto.Keyring) -> AuditKeys:
        audit, records = keyring.get("audit"), keyring.get("records")
        if records is None:
            raise ValueError("every role holds the records key")
        reader = crypto.subkey(records, "audit/reader")
        return cls(
            None if audit is None else crypto.subkey(audit, "audit/mac"),
            None if audit is None else crypto.subkey(audit, "audit/seal"),
            crypto.subkey(reader, "audit/mac"),
            crypto.subkey(reader, "audit/seal"),
        )

    def __repr__(self) -> str:
        return f"AuditKeys(audit={'yes' if self.audit_mac else 'no'})"

    def writer(self) -> tuple[str, bytes, bytes]:
        if self.audit_mac is not None and self.audit_seal is not None:
            return "audit", self.audit_mac, self.audit_seal
        return "reader", self.reader_mac, self.reader_seal

    def for_kind(self, kind: str) -> tuple[bytes | None, bytes | None]:
        if kind == "reader":
            return self.reader_mac, self.reader_seal
        return self.audit_mac, self.audit_seal


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def event_hash(
    prev_hash: str, event_id: int, on_day: str, username: str, action: str, target: str | None, details: str
) -> str:
    """sha256(prev_hash || canonical JSON of the event's fields, details as written)."""
    body = _CANONICAL.encode([event_id, on_day, username, action, target, json.loads(details)])
    return sha256_hex(prev_hash.encode("ascii") + body.encode("ascii"))


def _new_event_hash(
    prev_hash: str, event_id: int, on_day: str, username: str, action: str, target: str | None, canonical: str
) -> str:
    """:func:`event_hash` of an event being written, whose details are :func:`canonical_details` output.

    The same bytes as :func:`event_hash` (a test checks), without parsing the details
    just written only to encode them again: the canonical text is its own encoding.
    Verifying keeps :func:`event_hash`, which re-encodes whatever is stored.
    """
    quoted = "null" if target is None else _quote(target)
    body = f"[{int(event_id)},{_quote(on_day)},{_quote(username)},{_quote(action)},{quoted},{canonical}]"
    return sha256_hex(prev_hash.encode("ascii") + body.encode("ascii"))


def canonical_details(details: dict[str, str]) -> str:
    return _CANONICAL.encode({str(k): str(v) for k, v in details.items()})


def _details_where(event_id: int) -> str:
    return f"audit_events/{event_id}/details"


def seal_details(seal_key: bytes, event_id: int, text: str) -> str:
    return base64.b64encode(crypto.seal_text(seal_key, text, _details_where(event_id))).decode("ascii")


def open_details(seal_key: bytes, event_id: int, stored: str) -> str:
    return crypto.unseal(seal_key, base64.b64decode(stored), _details_where(event_id)).decode("utf-8")


def next_event(
    head: tuple[int, str] | None,
    username: str,
    action: str,
    target: str | None,
    details: dict[str, str],
    keys: AuditKeys,
    at: str | None = None,
) -> dict[str, Any]:
    """The row of the event that follows ``head`` (the newest event's id and hash; ``None``: empty log).

    Shared by :func:`append_event` and the intake hot path, which reads the head in
    the same statement as its other look-ups; either way the caller holds the write lock.
    ``at`` (:func:`now_iso`) lets a change and its event carry the same instant.
    """
    event_id, prev = (1, GENESIS) if head is None else (int(head[0]) + 1, str(head[1]))
    at = at or now_iso()
    text = canonical_details({**details, _AT: at})
    kind, mac_key, seal_key = keys.writer()
    digest = _new_event_hash(prev, event_id, at[:10], username, action, target, text)
    return {
        "event_id": event_id,
        "on_day": at[:10],
        "username": username,
        "action": action,
        "target": target,
        "details": seal_details(seal_key, event_id, text),
        "prev_hash": prev,
        "hash": digest,
        "mac": crypto.mac_hex(mac_key, digest),
        "mac_key": kind,
    }


def append_event(
    conn: sa.Connection, username: str, action: str, target: str | None, details: dict[str, str], keys: AuditKeys
) -> int:
    """Add one event after the current head; the caller holds the write lock."""
    last = conn.execute(_HEAD).first()
    row = next_event(None if last is None else (last.event_id, last.hash), username, action, target, details, keys)
    conn.execute(_APPEND, row)
    return int(row["event_id"])


def _broken(count: int, event_id: int, why: str) -> AuditReport:
    return AuditReport(count, False, event_id, f"event {event_id}: {why}")


def verify_chain(conn: sa.Connection, keys: AuditKeys) -> AuditReport:
    """Walk the whole log in order and report the first event whose link, contents or MAC does not hold."""
    if keys.audit_mac is None:
        raise ValueError("verifying needs the audit key")
    expected_prev, expected_id, count = GENESIS, 1, 0
    for row in conn.execute(sa.select(audit_events).order_by(audit_events.c.event_id)):
        count += 1
        event_id = int(row.event_id)
        if event_id != expected_id:
            return _broken(count, event_id, f"expected event {expected_id} (missing events)")
        if row.prev_hash != expected_prev:
            return _broken(count, event_id, "does not link to the previous event")
        mac_key, seal_key = keys.for_kind(str(row.mac_key))
        if mac_key is None or seal_key is None:
            return _broken(count, event_id, "unknown MAC key")
        if row.mac_key == "reader" and row.action not in READER_ACTIONS:
            return _broken(count, event_id, f"'{row.action}' written with the readers' key")
        try:
            text = open_details(seal_key, event_id, row.details)
            recomputed = event_hash(row.prev_hash, event_id, row.on_day, row.username, row.action, row.target, text)
        except (crypto.DecryptionFailed, ValueError, TypeError):
            return _broken(count, event_id, "details fail to decrypt (altered)")
        if recomputed != row.hash:
            return _broken(count, event_id, "contents do not match its hash")
        if not crypto.equal_digests(crypto.mac_hex(mac_key, row.hash), str(row.mac)):
            return _broken(count, event_id, "MAC does not verify (rewritten without the audit key)")
        expected_prev = row.hash
        expected_id += 1
    return AuditReport(count, True, None, f"{count} events, chain intact, head {expected_prev}")


def remac_all(conn: sa.Connection, old: AuditKeys, new: AuditKeys) -> int:
    """Re-seal every event's details and recompute its MAC under new keys (hashes unchanged): ``rekey``."""
    rows = conn.execute(sa.select(audit_events).order_by(audit_events.c.event_id)).all()
    for row in rows:
        _, old_seal = old.for_kind(str(row.mac_key))
        mac_key, seal_key = new.for_kind(str(row.mac_key))
        if old_seal is None or mac_key is None or seal_key is None:
            raise ValueError("rekey needs the audit key")
        text = open_details(old_seal, int(row.event_id), row.details)
        conn.execute(
            audit_events.update()
            .where(audit_events.c.event_id == row.event_id)
            .values(details=seal_details(seal_key, int(row.event_id), text), mac=crypto.mac_hex(mac_key, row.hash))
        )
    return len(rows)


def recent_events(conn: sa.Connection, limit: int, keys: AuditKeys) -> list[AuditEvent]:
    """The newest ``limit`` events, oldest first, details opened."""
    rows = conn.execute(sa.select(audit_events).order_by(audit_events.c.event_id.desc()).limit(limit)).all()
    out: list[AuditEvent] = []
    for row in reversed(rows):
        _, seal_key = keys.for_kind(str(row.mac_key))
        try:
            details = dict(json.loads(open_details(seal_key, int(row.event_id), row.details))) if seal_key else {}
        except (crypto.DecryptionFailed, ValueError):
            details = {"error": "details fail to decrypt"}
        at = details.pop(_AT, None)
        out.append(
            AuditEvent(
                event_id=int(row.event_id),
                at=datetime.fromisoformat(at) if at else datetime.fromisoformat(row.on_day).replace(tzinfo=UTC),
                username=row.username,
                action=row.action,
                target=row.target,
                details=details,
            )
        )
    return out


def event_with_hash(conn: sa.Connection, digest: str) -> int | None:
    """The id of the event whose hash is ``digest`` (a head noted down earlier), if any."""
    row = conn.execute(sa.select(audit_events.c.event_id).where(audit_events.c.hash == digest.lower())).first()
    return None if row is None else int(row.event_id)


# anchors ----------------------------------------------------------------------------
def head_anchor(conn: sa.Connection, store_id: str) -> dict[str, Any]:
    """The current head as an anchor record (no content: ids and a hash)."""
    last = conn.execute(_HEAD).first()
    return {
        "format": ANCHOR_FORMAT,
        "store_id": store_id,
        "event_id": 0 if last is None else int(last.event_id),
        "hash": GENESIS if last is None else str(last.hash),
        "written": now_iso()[:10],
    }


def write_anchor(path: Path, record: dict[str, Any]) -> None:
    """Write an anchor file readable only by its owner, atomically."""
    temporary = path.with_name(path.name + ".partial")
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(handle, "w", encoding="ascii") as out:
        out.write(json.dumps(record, sort_keys=True) + "\n")
        out.flush()
        os.fsync(out.fileno())
    os.replace(temporary, path)


def read_anchor(path: Path) -> dict[str, Any]:
    try:
        record = json.loads(path.read_text(encoding="ascii"))
        if record.get("format") != ANCHOR_FORMAT:
            raise ValueError
        int(record["event_id"]), str(record["hash"]), str(record["store_id"])
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except (OSError, ValueError, KeyError, TypeError, UnicodeDecodeError):
        raise InputError(f"{path}: not a Casework audit anchor") from None
    return dict(record)


def check_anchor(conn: sa.Connection, store_id: str, record: dict[str, Any]) -> str | None:
    """``None`` when the anchored event is still in the chain unchanged, else why not (one line)."""
    if record["store_id"] != store_id:
        return "the anchor belongs to another store"
    event_id, digest = int(record["event_id"]), str(record["hash"]).lower()
    if event_id == 0:
        return None
    row = conn.execute(sa.select(audit_events.c.hash).where(audit_events.c.event_id == event_id)).first()
    if row is None:
        return f"event {event_id} of the anchor is missing (the log was truncated)"
    if row.hash != digest:
        return f"event {event_id} no longer has the anchored hash (the log was rewritten)"
    return None
