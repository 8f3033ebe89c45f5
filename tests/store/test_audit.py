"""The audit log: every read and change is an event, and tampering is named by event id."""

from __future__ import annotations

import hashlib
import json

import sqlalchemy as sa
from hypothesis import given
from hypothesis import strategies as st

from casework.model import SourceIdentity
from casework.store import CaseStore, audit


def _engine(store: CaseStore) -> sa.Engine:
    return sa.create_engine(store.url if "://" in store.url else f"sqlite:///{store.url}")


def test_reads_and_changes_are_events(admin_store: CaseStore) -> None:
    admin_store.add_source("SRC-01", SourceIdentity("SRC-01", name="x"))
    admin_store.add_testimony(b"words", source="SRC-01")
    admin_store.get_testimony("T-0001")
    admin_store.get_source_identity("SRC-01")
    admin_store.audit("publish.export", "D-01", draft="D-01")
    actions = [(e.action, e.target) for e in admin_store.audit_events(limit=6)]
    assert actions == [
        ("source.add", "SRC-01"),
        ("identity.write", "SRC-01"),
        ("testimony.add", "T-0001"),
        ("testimony.read", "T-0001"),
        ("identity.read", "SRC-01"),
        ("publish.export", "D-01"),
    ]
    report = admin_store.verify_audit()
    assert report.ok and report.first_broken is None and report.events >= 8


def test_an_edited_event_is_named(admin_store: CaseStore) -> None:
    admin_store.add_source("SRC-01")
    admin_store.add_testimony(b"words", source="SRC-01")
    admin_store.get_testimony("T-0001")
    target = next(e.event_id for e in admin_store.audit_events() if e.action == "testimony.read")
    engine = _engine(admin_store)
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE audit_events SET username = 'someone' WHERE event_id = :id"), {"id": target})
    engine.dispose()
    report = admin_store.verify_audit()
    assert (report.ok, report.first_broken) == (False, target)
    assert f"event {target}" in report.message


def test_a_deleted_event_is_named_by_the_next_id(admin_store: CaseStore) -> None:
    admin_store.add_source("SRC-01")
    admin_store.add_source("SRC-02")
    admin_store.add_source("SRC-03")
    events = admin_store.audit_events()
    middle = events[len(events) // 2].event_id
    engine = _engine(admin_store)
    with engine.begin() as conn:
        conn.execute(sa.text("DELETE FROM audit_events WHERE event_id = :id"), {"id": middle})
    engine.dispose()
    assert admin_store.verify_audit().first_broken == middle + 1


@given(
    st.integers(min_value=1, max_value=10**12),
    st.text(max_size=20),
    st.text(max_size=20),
    st.one_of(st.none(), st.text(max_size=20)),
    st.dictionaries(st.text(max_size=10), st.text(max_size=30), max_size=4),
)
def test_the_writers_hash_is_the_verifiers_hash(
    event_id: int, username: str, action: str, target: str | None, details: dict[str, str]
) -> None:
    """Events are hashed on writing without re-parsing their details; verifying re-encodes them: same hash."""
    text = audit.canonical_details(details)
    args = ("ab" * 32, event_id, "2026-12-02", username, action, target, text)
    assert audit._new_event_hash(*args) == audit.event_hash(*args)
    old_style = json.dumps(
        [event_id, "2026-12-02", username, action, target, json.loads(text)],
        sort_keys=True, separators=(",", ":"), ensure_ascii=True,
    )
    assert audit.event_hash(*args) == hashlib.sha256(("ab" * 32 + old_style).encode("ascii")).hexdigest()
