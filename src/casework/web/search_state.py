"""Each web session's search index: built in the background, rebuilt when the store changed.

The index holds decrypted words of the store, so it lives on the
:class:`~casework.web.sessions.DeskSession` (dropped with the session's keys at logout
or expiry) and nowhere else. ``stamp`` records what the index was built from: the app's
change generation (bumped by every POST this app serves) and the store's counts (which
move when someone changes the store from elsewhere).
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field

from flask import Flask

from casework.desk import CaseStore, SearchIndex, build_search_index, search_stamp
from casework.web.sessions import DeskSession

log = logging.getLogger(__name__)
RECHECK_SECONDS = 5.0  # how often a session asks the store whether its counts moved


@dataclass
class DeskIndex:
    """One session's index and how it came to be."""

    index: SearchIndex | None = None
    stamp: tuple[int, ...] = ()
    building: bool = False
    built_in: float = 0.0  # seconds the last build took
    checked_at: float = 0.0
    failed: str | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)


def _generation(app: Flask) -> int:
    return int(app.extensions.get("casework_search_generation", 0))


def stale(app: Flask) -> None:
    """Something may have changed (a form was posted): every session's index is out of date."""
    app.extensions["casework_search_generation"] = _generation(app) + 1


def _stamp(app: Flask, store: CaseStore) -> tuple[int, ...]:
    return (_generation(app), *search_stamp(store))


def start_build(app: Flask, desk: DeskSession) -> DeskIndex:
    """The session's index state, starting a background (re)build when there is none or it is stale."""
    state: DeskIndex | None = getattr(desk, "search", None)
    if state is None:
        state = DeskIndex()
        desk.search = state
    now = time.monotonic()
    with state.lock:
        if state.building or (
            state.index is not None
            and now - state.checked_at < RECHECK_SECONDS
            and state.stamp[:1] == (_generation(app),)
        ):
            return state
        state.checked_at = now
        try:
            stamp = _stamp(app, desk.store)
        except Exception as err:  # noqa: BLE001 - a role without counts simply gets no search
            state.failed = type(err).__name__
            return state
        if state.index is not None and stamp == state.stamp:
            return state
        state.building = True
    thread = threading.Thread(target=_build, args=(state, desk, stamp), name="casework-search-index", daemon=True)
    thread.start()
    return state


def _build(state: DeskIndex, desk: DeskSession, stamp: tuple[int, ...]) -> None:
    started = time.perf_counter()
    try:
        index = build_search_index(desk.store)
    except Exception as err:  # noqa: BLE001 - logged by type only: the message may name records
        log.warning("search index build failed: %s", type(err).__name__)
        with state.lock:
            state.building, state.failed = False, type(err).__name__
        return
    with state.lock:
        if getattr(desk, "search", None) is state:  # the session may have ended meanwhile
            state.index, state.stamp, state.failed = index, stamp, None
            state.built_in = time.perf_counter() - started
        state.building = False
