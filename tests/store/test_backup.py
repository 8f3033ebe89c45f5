"""Backups are encrypted, authenticated, and restore into an empty store exactly (across backends too)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from casework.errors import AccessDenied, AuthError, InputError, StoreError
from casework.model import EvidenceSpan, Incident, Mention, SourceIdentity
from casework.store import CaseStore, backup_store, open_store, restore_store
from casework.store.schema import TABLES, audit_events

PASS = "admin passphrase"


def _rows(url: str) -> dict[str, list[tuple[Any, ...]]]:
    engine = sa.create_engine(url if "://" in url else f"sqlite:///{url}")
    with engine.connect() as conn:
        out = {t.name: [tuple(r) for r in conn.execute(sa.select(t).order_by(*t.primary_key.columns))] for t in TABLES}
    engine.dispose()
    return out


def _fill(store: CaseStore) -> None:
    store.add_source("SRC-01", SourceIdentity("SRC-01", "name", "contact", "notes"))
    store.add_source("SRC-02")
    store.add_testimony("received: 2020-01-02\n\n소식통에 따르면".encode(), source="SRC-01", filename="k.txt")
    store.add_testimony(b"english words", source="SRC-02", channel="letter")
    store.correct_testimony("T-0002", b"english words, corrected")
    (mention_id,) = store.save_mentions("T-0001", [Mention("arrest", evidence=(EvidenceSpan("type", 0, 3, "rec"),))])
    store.save_incidents([Incident("I-1", (mention_id,))])
    store.set_setting("linkage.model", "{}")
    store.add_user("ana", "ana passphrase", "analyst")


def test_round_trip_is_exact(admin_store: CaseStore, tmp_path: Path) -> None:
    _fill(admin_store)
    backup = tmp_path / "desk.cwbackup"
    rows = backup_store(admin_store, backup)
    assert backup.read_bytes().startswith(b"CASEWORK-BACKUP/2\n")
    before = _rows(admin_store.url)
    target = str(tmp_path / "restored.db")
    assert restore_store(target, backup, PASS) == rows
    after = _rows(target)
    restore_event = after[audit_events.name].pop()
    assert restore_event[3] == "store.restore"
    assert after == before
    restored = open_store(target, "ana", "ana passphrase")
    assert restored.get_testimony("T-0001").text.endswith("소식통에 따르면")
    assert restored.verify_audit().ok
    restored.close()


def test_restore_refuses_wrong_passphrase_tampering_and_non_empty_targets(
    admin_store: CaseStore, tmp_path: Path
) -> None:
    _fill(admin_store)
    backup = tmp_path / "desk.cwbackup"
    backup_store(admin_store, backup)
    with pytest.raises(AuthError):
        restore_store(str(tmp_path / "a.db"), backup, "not the passphrase")
    with pytest.raises(AccessDenied):
        restore_store(str(tmp_path / "b.db"), backup, "ana passphrase", username="ana")
    damaged = tmp_path / "damaged.cwbackup"
    blob = bytearray(backup.read_bytes())
    blob[-10] ^= 0x01
    damaged.write_bytes(bytes(blob))
    with pytest.raises(StoreError, match="damaged or forged"):
        restore_store(str(tmp_path / "c.db"), damaged, PASS)
    (tmp_path / "plain.txt").write_text("hello")
    with pytest.raises(InputError, match="not a Casework backup"):
        restore_store(str(tmp_path / "d.db"), tmp_path / "plain.txt", PASS)
    with pytest.raises(StoreError, match="not empty"):
        restore_store(admin_store.url, backup, PASS)


def test_only_admins_back_up(admin_store: CaseStore, tmp_path: Path) -> None:
    admin_store.add_user("ana", "ana passphrase", "analyst")
    analyst = open_store(admin_store.url, "ana", "ana passphrase")
    with pytest.raises(AccessDenied):
        backup_store(analyst, tmp_path / "x.cwbackup")
    analyst.close()
    assert not (tmp_path / "x.cwbackup").exists()


def test_sqlite_backup_restores_into_postgresql(tmp_path: Path, pg_url: str) -> None:
    from casework.store import FAST_TEST_KDF, init_store

    source = str(tmp_path / "desk.db")
    init_store(source, "admin", PASS, kdf=FAST_TEST_KDF)
    store = open_store(source, "admin", PASS)
    _fill(store)
    backup = tmp_path / "desk.cwbackup"
    backup_store(store, backup)
    before = _rows(source)
    store.close()
    restore_store(pg_url, backup, PASS)
    after = _rows(pg_url)
    after[audit_events.name].pop()
    assert after == before
    restored = open_store(pg_url, "admin", PASS)
    assert restored.verify_audit().ok
    assert restored.get_source_identity("SRC-01").name == "name"
    restored.close()
