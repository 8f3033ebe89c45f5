"""The audit log: append-only, hash-chained events written in the same transaction as the change.

Threat addressed: a curious account, or someone with direct database access, who
reads testimony or changes records and then tidies the log. Each event commits to
the previous event's hash, so editing or deleting an event in the middle breaks
every later link and :func:`verify_chain` names the first broken event id.

Limits (documented in docs/security.md): whoever can write the database can also
truncate the newest events, or rewrite the whole chain from some point onwards; the
chain makes that detectable only against a copy of an earlier head hash (a backup,
a printout of ``casework audit verify``). Targets and details are ids, never content.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from casework.store.api import AuditEvent, AuditReport
from casework.store.crypto import sha256_hex
from casework.store.schema import audit_events

GENESIS = "0" * 64
_HEAD = sa.select(audit_events.c.event_id, audit_events.c.hash).order_by(audit_events.c.event_id.desc()).limit(1)
_APPEND = audit_events.insert()


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def event_hash(
    prev_hash: str, event_id: int, at: str, username: str, action: str, target: str | None, details: str
) -> str:
    """sha256(prev_hash || canonical JSON of the event's fields)."""
    body = json.dumps(
        [event_id, at, username, action, target, json.loads(details)],
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=True,
    )
    return sha256_hex(prev_hash.encode("ascii") + body.encode("ascii"))


def canonical_details(details: dict[str, str]) -> str:
    return json.dumps({str(k): str(v) for k, v in details.items()}, sort_keys=True, separators=(",", ":"))


def next_event(
    head: tuple[int, str] | None, username: str, action: str, target: str | None, details: dict[str, str]
) -> dict[str, Any]:
    """The row of the event that follows ``head`` (the newest event's id and hash; ``None``: empty log).

    Shared by :func:`append_event` and the intake hot path, which reads the head in
    the same statement as its other look-ups; either way the caller holds the write lock.
    """
    event_id, prev = (1, GENESIS) if head is None else (int(head[0]) + 1, str(head[1]))
    at = now_iso()
    text = canonical_details(details)
    return {
        "event_id": event_id,
        "at": at,
        "username": username,
        "action": action,
        "target": target,
        "details": text,
        "prev_hash": prev,
        "hash": event_hash(prev, event_id, at, username, action, target, text),
    }


def append_event(conn: sa.Connection, username: str, action: str, target: str | None, details: dict[str, str]) -> int:
    """Add one event after the current head; the caller holds the write lock."""
    last = conn.execute(_HEAD).first()
    row = next_event(None if last is None else (last.event_id, last.hash), username, action, target, details)
    conn.execute(_APPEND, row)
    return int(row["event_id"])


def verify_chain(conn: sa.Connection) -> AuditReport:
    """Walk the whole log in order and report the first event whose link does not hold."""
    expected_prev = GENESIS
    expected_id = 1
    count = 0
    rows = conn.execute(sa.select(audit_events).order_by(audit_events.c.event_id))
    for row in rows:
        count += 1
        event_id = int(row.event_id)
        if event_id != expected_id:
            return AuditReport(
                count, False, event_id, f"event {event_id}: expected event {expected_id} (missing events)"
            )
        if row.prev_hash != expected_prev:
            return AuditReport(count, False, event_id, f"event {event_id}: does not link to the previous event")
        try:
            recomputed = event_hash(row.prev_hash, event_id, row.at, row.username, row.action, row.target, row.details)
        except (ValueError, TypeError):
            recomputed = ""
        if recomputed != row.hash:
            return AuditReport(count, False, event_id, f"event {event_id}: contents do not match its hash")
        expected_prev = row.hash
        expected_id += 1
    return AuditReport(count, True, None, f"{count} events, chain intact, head {expected_prev}")


def recent_events(conn: sa.Connection, limit: int) -> list[AuditEvent]:
    """The newest ``limit`` events, oldest first."""
    rows = conn.execute(sa.select(audit_events).order_by(audit_events.c.event_id.desc()).limit(limit)).all()
    return [
        AuditEvent(
            event_id=int(row.event_id),
            at=datetime.fromisoformat(row.at),
            username=row.username,
            action=row.action,
            target=row.target,
            details=dict(json.loads(row.details)),
        )
        for row in reversed(rows)
    ]


def event_with_hash(conn: sa.Connection, digest: str) -> int | None:
    """The id of the event whose hash is ``digest`` (a head noted down earlier), if any."""
    row = conn.execute(sa.select(audit_events.c.event_id).where(audit_events.c.hash == digest.lower())).first()
    return None if row is None else int(row.event_id)
