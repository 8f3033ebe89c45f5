"""Findings 8 and 10: tidying the audit log, and free text in it.

Attacker: someone who can write the database (a reader with the file, a server
administrator) deletes the newest events, removes read events and recomputes the
chain, or re-attributes an event to someone else. Before: plain SHA-256 chaining
was recomputable by anyone and only a hand-noted head caught truncation.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlalchemy as sa
from tests.security.conftest import as_user

from casework.errors import AuditChainBroken
from casework.store import backup_store
from casework.store.audit import GENESIS
from casework.store.crypto import sha256_hex
from casework.store.engine import create_store_engine


def _busy_log(url: str) -> None:
    admin = as_user(url, "admin")
    try:
        admin.add_source("SRC-01")
        for n in range(12):
            admin.add_testimony(f"testimony number {n}".encode(), source="SRC-01")
        admin.get_testimony("T-0003")
    finally:
        admin.close()


def _sql(url: str, *statements: str) -> None:
    engine = create_store_engine(url, must_exist=True)
    try:
        with engine.begin() as conn:
            for statement in statements:
                conn.execute(sa.text(statement))
    finally:
        engine.dispose()


def test_truncating_the_tail_is_caught_by_the_anchor_beside_the_backup(desk: str, tmp_path: Path) -> None:
    _busy_log(desk)
    admin = as_user(desk, "admin")
    try:
        backup_store(admin, tmp_path / "desk.cwbackup")
        anchor = tmp_path / "desk.cwbackup.anchor"
        assert anchor.exists() and (anchor.stat().st_mode & 0o077) == 0
        head = json.loads(anchor.read_text())["event_id"]
        admin.check_audit_anchor(anchor)
    finally:
        admin.close()
    _sql(desk, f"DELETE FROM audit_events WHERE event_id > {head - 10}")
    admin = as_user(desk, "admin")
    try:
        assert admin.verify_audit().ok  # a shorter chain is still a chain ...
        with pytest.raises(AuditChainBroken, match="truncated"):
            admin.check_audit_anchor(anchor)  # ... but the anchor kept elsewhere says it was cut
    finally:
        admin.close()


def _rechain_without(url: str, action: str, reattribute: tuple[int, str] | None = None) -> None:
    """What the attacker does: drop events (or change one's user) and recompute every hash and link."""
    engine = create_store_engine(url, must_exist=True)
    try:
        with engine.begin() as conn:
            rows = [dict(r._mapping) for r in conn.execute(sa.text("SELECT * FROM audit_events ORDER BY event_id"))]
            conn.execute(sa.text("DELETE FROM audit_events"))
            prev, number = GENESIS, 0
            for row in rows:
                if row["action"] == action:
                    continue
                number += 1
                if reattribute and number == reattribute[0]:
                    row["username"] = reattribute[1]
                body = json.dumps([number, row["on_day"], row["username"], row["action"], row["target"], {}],
                                  sort_keys=True, separators=(",", ":"))
                row.update(event_id=number, prev_hash=prev, hash=sha256_hex(prev.encode() + body.encode()))
                prev = row["hash"]
                conn.execute(
                    sa.text(
                        "INSERT INTO audit_events (event_id, on_day, username, action, target, details, prev_hash, "
                        "hash, mac, mac_key) VALUES (:event_id, :on_day, :username, :action, :target, :details, "
                        ":prev_hash, :hash, :mac, :mac_key)"
                    ),
                    row,
                )
    finally:
        engine.dispose()


@pytest.mark.parametrize("tamper", ["remove read events", "re-attribute an event"])
def test_a_rechained_log_fails_verification(desk: str, tamper: str) -> None:
    _busy_log(desk)
    if tamper == "remove read events":
        _rechain_without(desk, "testimony.read")
    else:
        _rechain_without(desk, "no such action", reattribute=(5, "ana"))
    admin = as_user(desk, "admin")
    try:
        report = admin.verify_audit()
    finally:
        admin.close()
    assert not report.ok


def test_free_text_in_the_audit_log_is_sealed(desk: str) -> None:
    reason = "accepted: the nephew Kim Yong-nam agreed"
    admin = as_user(desk, "admin")
    try:
        admin.audit("publish", None, accept_risk=reason, address="203.0.113.77")
        admin.add_source("SRC-01")
        admin.add_testimony(b"words", source="SRC-01", list_name="musan-border-calls")
        shown = admin.audit_events(limit=3)
    finally:
        admin.close()
    assert any(e.details.get("accept_risk") == reason for e in shown)  # admins still read it
    engine = create_store_engine(desk, must_exist=True)
    try:
        with engine.connect() as conn:
            dump = " ".join(str(v) for r in conn.execute(sa.text("SELECT * FROM audit_events")) for v in r)
    finally:
        engine.dispose()
    for secret in ("Kim Yong-nam", "203.0.113.77", "musan-border-calls"):
        assert secret not in dump
