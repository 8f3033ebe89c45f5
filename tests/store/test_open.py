"""Opening and creating stores: refusals are one-line errors, never a silently created file."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from casework.errors import InputError, NotAStoreError, StoreCorruptError, StoreError
from casework.store import FAST_TEST_KDF, init_store, open_store


def test_missing_file_is_not_created(tmp_path: Path) -> None:
    path = tmp_path / "nothing.db"
    with pytest.raises(NotAStoreError, match="no store here"):
        open_store(str(path), "admin", "whatever passphrase")
    assert not path.exists()


def test_foreign_sqlite_and_garbage(tmp_path: Path) -> None:
    foreign = tmp_path / "foreign.db"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE t (x)")
    with pytest.raises(NotAStoreError, match="not a Casework store"):
        open_store(str(foreign), "admin", "whatever passphrase")
    with pytest.raises(StoreError, match="not empty"):
        init_store(str(foreign), "admin", "admin passphrase", kdf=FAST_TEST_KDF)
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"\x13" * 4096)
    with pytest.raises(StoreCorruptError):
        open_store(str(garbage), "admin", "whatever passphrase")


def test_corrupted_pages_are_reported(tmp_path: Path) -> None:
    path = tmp_path / "desk.db"
    init_store(str(path), "admin", "admin passphrase", kdf=FAST_TEST_KDF)
    store = open_store(str(path), "admin", "admin passphrase")
    store.close()
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    blob = bytearray(path.read_bytes())
    blob[100:4096] = b"\xff" * (4096 - 100)  # the schema page
    path.write_bytes(bytes(blob))
    with pytest.raises(StoreCorruptError):
        open_store(str(path), "admin", "admin passphrase")


def test_init_twice_and_weak_passphrase(store_url: str) -> None:
    with pytest.raises(InputError, match="passphrase"):
        init_store(store_url, "admin", "short", kdf=FAST_TEST_KDF)
    init_store(store_url, "admin", "admin passphrase", kdf=FAST_TEST_KDF)
    with pytest.raises(StoreError, match="already a Casework store"):
        init_store(store_url, "admin", "admin passphrase", kdf=FAST_TEST_KDF)


def test_ciphertext_moved_to_another_row_fails_to_decrypt(tmp_path: Path) -> None:
    path = tmp_path / "desk.db"
    init_store(str(path), "admin", "admin passphrase", kdf=FAST_TEST_KDF)
    store = open_store(str(path), "admin", "admin passphrase")
    store.add_source("SRC-01")
    store.add_testimony(b"first", source="SRC-01")
    store.add_testimony(b"second", source="SRC-01")
    with sqlite3.connect(path) as conn:
        (raw,) = conn.execute("SELECT raw_ct FROM testimonies WHERE testimony_id = 'T-0001'").fetchone()
        conn.execute("UPDATE testimonies SET raw_ct = ? WHERE testimony_id = 'T-0002'", (raw,))
    with pytest.raises(StoreCorruptError, match="testimony T-0002 failed to decrypt"):
        store.get_testimony("T-0002")
    store.close()


@pytest.mark.parametrize(
    "url", ["mysql://someone@localhost/desk", "postgresql+nosuchdriver://x/y", "not a url://", "oracle://x"]
)
def test_unsupported_urls_are_one_line_errors(url: str) -> None:
    with pytest.raises(StoreError):
        open_store(url, "admin", "whatever passphrase")


def test_a_held_write_lock_is_a_one_line_error(store_url: str) -> None:
    """SQLite's busy timeout and PostgreSQL's lock timeout both end in StoreLockedError."""
    from casework.errors import StoreLockedError
    from casework.store.engine import transaction

    init_store(store_url, "admin", "admin passphrase", kdf=FAST_TEST_KDF)
    holder = open_store(store_url, "admin", "admin passphrase")
    waiter = open_store(store_url, "admin", "admin passphrase", busy_timeout_s=0.2)
    engine = holder._engine  # type: ignore[attr-defined]  # the test holds the lock itself
    with transaction(engine, "holder", write=True):
        with pytest.raises(StoreLockedError, match="locked by another process"):
            waiter.add_source("SRC-01")
    waiter.add_source("SRC-01")
    assert [s.pseudonym for s in holder.list_sources()] == ["SRC-01"]
    holder.close()
    waiter.close()
