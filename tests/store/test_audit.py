"""The audit log: every read and change is an event, and tampering is named by event id."""

from __future__ import annotations

import sqlalchemy as sa

from casework.model import SourceIdentity
from casework.store import CaseStore


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
