"""Unlocked stores of logged-in analysts, kept in server memory only.

Threat addressed: a stolen cookie or a seized disk must not yield the keys of the
store. The browser only ever holds a random session token (signed by Flask); the
unlocked :class:`~casework.store.api.CaseStore` it names lives in this process's
memory and is closed (its keys dropped) on logout, on idle timeout and at the end of
the absolute lifetime. Restarting the server logs everyone out, by design.

Misuse to avoid: never put a :class:`DeskSession` (or anything it holds) in the
Flask cookie session, and never log a token.
"""

from __future__ import annotations

import logging
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from casework.desk import CaseStore

log = logging.getLogger(__name__)

Clock = Callable[[], float]


@dataclass
class DeskSession:
    """One analyst's unlocked store and what the web app remembers for them between requests."""

    token: str
    store: CaseStore
    created: float
    last_seen: float
    second_factor_pending: bool = False
    pending_totp_secret: str | None = None  # during enrolment, before the first code confirms it
    must_enrol: bool = False  # the role requires a second factor that is not enrolled yet: enrolment only
    linkage: Any = None  # the last linkage run on the link review page (ids and scores only)
    search: Any = None  # the in-memory search index of this session (casework.web.search_state)

    @property
    def username(self) -> str:
        return self.store.user.username

    @property
    def role(self) -> str:
        return self.store.user.role


@dataclass
class DeskSessions:
    """Registry token -> :class:`DeskSession` with idle and absolute expiry.

    Args:
        idle_timeout: seconds without a request after which a session ends.
        lifetime: seconds after login after which a session ends regardless.
        pending_timeout: seconds a login may wait for its second factor.
        clock: monotonic seconds; tests pass a controllable clock.

    Example:
        >>> sessions = DeskSessions(idle_timeout=1800, lifetime=8 * 3600)  # doctest: +SKIP
        >>> token = sessions.open(store)  # doctest: +SKIP
    """

    idle_timeout: float
    lifetime: float
    pending_timeout: float = 300.0
    clock: Clock = time.monotonic
    _by_token: dict[str, DeskSession] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def open(self, store: CaseStore, *, second_factor_pending: bool = False) -> DeskSession:
        """Keep an unlocked store under a new random token."""
        now = self.clock()
        desk = DeskSession(
            token=secrets.token_urlsafe(32),
            store=store,
            created=now,
            last_seen=now,
            second_factor_pending=second_factor_pending,
        )
        with self._lock:
            self._by_token[desk.token] = desk
        return desk

    def get(self, token: str | None) -> DeskSession | None:
        """The live session for ``token`` (touching it), or None; expired ones are closed here."""
        if not token:
            return None
        self.sweep()
        with self._lock:
            desk = self._by_token.get(token)
            if desk is not None:
                desk.last_seen = self.clock()
            return desk

    def close(self, token: str, reason: str = "logout") -> None:
        """End a session: audit why, close the store, drop the keys."""
        with self._lock:
            desk = self._by_token.pop(token, None)
        if desk is not None:
            _close_store(desk, reason)

    def sweep(self) -> None:
        """Close every session past its idle timeout or lifetime."""
        now = self.clock()
        expired: list[tuple[DeskSession, str]] = []
        with self._lock:
            for token, desk in list(self._by_token.items()):
                reason = self._expiry_reason(desk, now)
                if reason:
                    expired.append((self._by_token.pop(token), reason))
        for desk, reason in expired:
            _close_store(desk, reason)

    def close_all(self) -> None:
        """Close every session (server shutdown)."""
        with self._lock:
            sessions = list(self._by_token.values())
            self._by_token.clear()
        for desk in sessions:
            _close_store(desk, "server stopped")

    def __len__(self) -> int:
        with self._lock:
            return len(self._by_token)

    def _expiry_reason(self, desk: DeskSession, now: float) -> str | None:
        if desk.second_factor_pending and now - desk.created > self.pending_timeout:
            return "second factor not given in time"
        if now - desk.last_seen > self.idle_timeout:
            return "idle timeout"
        if now - desk.created > self.lifetime:
            return "session lifetime over"
        return None


def _close_store(desk: DeskSession, reason: str) -> None:
    try:
        desk.store.audit("web.logout", None, reason=reason)
    except Exception as err:  # noqa: BLE001 - closing must go on; the audit failure is logged by type only
        log.warning("could not audit the end of a web session: %s", type(err).__name__)
    try:
        desk.store.close()
    except Exception as err:  # noqa: BLE001
        log.warning("could not close a store at the end of a web session: %s", type(err).__name__)
    desk.linkage = None
    desk.search = None
    desk.pending_totp_secret = None
