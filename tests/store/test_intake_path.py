"""The intake hot path (driver statements) keeps the SQLAlchemy path's semantics, on both backends.

add_testimony sends its SQL straight to the DBAPI cursor (casework.store.intake_sql);
corrections still go through SQLAlchemy. These tests pin what must not drift between
the two: the stored values, the writer lock, one-line errors, the audit chain, and
settings changed between two adds.
"""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa

from casework.errors import NotFoundError, StoreLockedError
from casework.store import FAST_TEST_KDF, CaseStore, init_store, open_store
from casework.store.engine import transaction
from casework.store.schema import audit_events, testimonies

from .conftest import ADMIN_PASS


def _raw_rows(store: CaseStore) -> list[sa.Row[tuple[object, ...]]]:
    engine = store._engine  # type: ignore[attr-defined]  # the test looks beneath the API on purpose
    with engine.connect() as conn:
        return list(conn.execute(sa.select(testimonies).order_by(testimonies.c.seq)))


def test_driver_path_and_sqlalchemy_path_store_the_same_shapes(admin_store: CaseStore) -> None:
    admin_store.add_source("SRC-01")
    admin_store.add_testimony(b"first words", source="SRC-01", filename="a.txt", received=date(2019, 3, 5))
    admin_store.correct_testimony("T-0001", b"second words")  # the SQLAlchemy path copies the fields
    added, corrected = _raw_rows(admin_store)
    for column in ("received_month", "mention_seq"):
        assert getattr(added, column) == getattr(corrected, column), column
    assert added.received_month == "2019-03"
    first, second = admin_store.list_testimonies()
    for field in ("received", "channel", "language", "list_name", "source"):
        assert getattr(first, field) == getattr(second, field), field
    assert first.received == date(2019, 3, 5)
    assert (added.testimony_id, added.seq, added.version, added.superseded_by) == ("T-0001", 1, 1, "T-0002")
    assert isinstance(added.raw_ct, bytes) and b"first words" not in added.raw_ct
    assert admin_store.get_testimony("T-0001").filename == "a.txt"


def test_duplicate_and_add_are_audited_in_one_chain(admin_store: CaseStore) -> None:
    admin_store.add_source("SRC-01")
    admin_store.add_testimony(b"the same words", source="SRC-01")
    admin_store.add_testimony(b"the same words", source="SRC-01")
    with pytest.raises(NotFoundError):
        admin_store.add_testimony(b"other words", source="SRC-99")
    actions = [(e.action, e.target) for e in admin_store.audit_events(limit=10)]
    assert actions[-2:] == [("testimony.add", "T-0001"), ("testimony.duplicate", "T-0001")]
    assert admin_store.verify_audit().ok


def test_a_new_default_list_applies_to_the_next_add(admin_store: CaseStore) -> None:
    admin_store.add_source("SRC-01")
    admin_store.add_testimony(b"words one", source="SRC-01")
    admin_store.set_setting("default_list", "desk-phone")
    admin_store.add_testimony(b"words two", source="SRC-01")
    assert [t.list_name for t in admin_store.list_testimonies()] == ["desk", "desk-phone"]


def test_a_held_write_lock_stops_an_add_with_one_line_and_writes_nothing(store_url: str) -> None:
    init_store(store_url, "admin", ADMIN_PASS, kdf=FAST_TEST_KDF)
    holder = open_store(store_url, "admin", ADMIN_PASS)
    waiter = open_store(store_url, "admin", ADMIN_PASS, busy_timeout_s=0.2)
    try:
        holder.add_source("SRC-01")
        events_before = holder.verify_audit().events
        with transaction(holder._engine, "holder", write=True):  # type: ignore[attr-defined]
            with pytest.raises(StoreLockedError, match="locked by another process"):
                waiter.add_testimony(b"waiting words", source="SRC-01")
        assert holder.count_testimonies() == 0 and holder.verify_audit().events == events_before
        assert waiter.add_testimony(b"waiting words", source="SRC-01").testimony_id == "T-0001"
    finally:
        holder.close()
        waiter.close()


def test_audit_rows_written_by_the_driver_path_verify(admin_store: CaseStore) -> None:
    admin_store.add_source("SRC-01")
    for n in range(5):
        admin_store.add_testimony(f"words {n}".encode(), source="SRC-01")
    engine = admin_store._engine  # type: ignore[attr-defined]
    with engine.connect() as conn:
        rows = list(conn.execute(sa.select(audit_events).order_by(audit_events.c.event_id)))
    assert [row.event_id for row in rows] == list(range(1, len(rows) + 1))
    assert all(row.prev_hash == before.hash for before, row in zip(rows, rows[1:], strict=False))
    assert admin_store.verify_audit().ok


def test_a_folder_in_one_transaction_gives_each_file_its_own_outcome(admin_store: CaseStore) -> None:
    from casework.errors import InputError
    from casework.store import TestimonyInput

    admin_store.add_source("SRC-01")
    results = admin_store.add_testimonies(
        [
            TestimonyInput(b"a first account of the raid", source="SRC-01", filename="a.txt"),
            TestimonyInput(b"channel: carrier pigeon\n\nwords", source="SRC-01", filename="b.txt"),
            TestimonyInput(b"an account from nobody we know", source="SRC-77", filename="c.txt"),
            TestimonyInput(b"a first account of the raid", source="SRC-01", filename="d.txt"),
            TestimonyInput(b"a second account", source="SRC-01", filename="e.txt"),
        ]
    )
    first, bad_header, unknown, again, second = results
    assert isinstance(bad_header, InputError) and str(bad_header).startswith("b.txt: field 'channel'")
    assert isinstance(unknown, NotFoundError) and "SRC-77" in str(unknown)
    assert not isinstance(first, Exception) and not isinstance(again, Exception) and not isinstance(second, Exception)
    assert (first.testimony_id, first.duplicate) == ("T-0001", False)
    assert (again.testimony_id, again.duplicate) == ("T-0001", True)
    assert (second.testimony_id, second.duplicate) == ("T-0002", False)
    assert [t.filename for t in admin_store.list_testimonies()] == ["a.txt", "e.txt"]
    actions = [(e.action, e.target) for e in admin_store.audit_events(limit=3)]
    assert actions == [("testimony.add", "T-0001"), ("testimony.duplicate", "T-0001"), ("testimony.add", "T-0002")]
    assert admin_store.verify_audit().ok


def test_a_folder_that_cannot_commit_stores_nothing(store_url: str) -> None:
    from casework.store import TestimonyInput

    init_store(store_url, "admin", ADMIN_PASS, kdf=FAST_TEST_KDF)
    holder = open_store(store_url, "admin", ADMIN_PASS)
    waiter = open_store(store_url, "admin", ADMIN_PASS, busy_timeout_s=0.2)
    try:
        holder.add_source("SRC-01")
        with transaction(holder._engine, "holder", write=True):  # type: ignore[attr-defined]
            with pytest.raises(StoreLockedError):
                waiter.add_testimonies([TestimonyInput(f"words {n}".encode(), source="SRC-01") for n in range(3)])
        assert holder.count_testimonies() == 0
    finally:
        holder.close()
        waiter.close()
