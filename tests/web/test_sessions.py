"""The server-side registry of unlocked stores: expiry closes the store and audits why."""

from __future__ import annotations

from casework.store import open_store
from casework.web.sessions import DeskSessions

from .desk import PASSPHRASES, Clock


def test_sweep_closes_idle_and_old_sessions_and_audits_the_reason(store_path: str, ids: dict[str, str]) -> None:
    clock = Clock()
    sessions = DeskSessions(idle_timeout=120, lifetime=300, pending_timeout=100, clock=clock)
    idle = sessions.open(open_store(store_path, "ana", PASSPHRASES["ana"]))
    busy = sessions.open(open_store(store_path, "rita", PASSPHRASES["rita"]))
    pending = sessions.open(open_store(store_path, "sam", PASSPHRASES["sam"]), second_factor_pending=True)
    for _ in range(6):  # active every 50 s up to the lifetime (300 s)
        clock.advance(50)
        assert sessions.get(busy.token) is busy
    assert sessions.get(idle.token) is None and sessions.get(pending.token) is None
    clock.advance(50)
    sessions.sweep()
    assert len(sessions) == 0 and sessions.get(busy.token) is None
    admin = open_store(store_path, "admin", PASSPHRASES["admin"])
    reasons = {e.username: e.details.get("reason") for e in admin.audit_events(limit=100) if e.action == "web.logout"}
    admin.close()
    assert reasons == {
        "ana": "idle timeout",
        "rita": "session lifetime over",
        "sam": "second factor not given in time",
    }


def test_unknown_or_empty_tokens_find_nothing() -> None:
    sessions = DeskSessions(idle_timeout=60, lifetime=300)
    assert sessions.get(None) is None and sessions.get("") is None and sessions.get("forged") is None
