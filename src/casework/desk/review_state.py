"""Review state: how much of each incident a person has confirmed, for reports, exports and pages.

A linked incident is a machine suggestion until a person has accepted each of its
mentions and confirmed the links that join them. Reports, the public dataset and the
web incident list all say "x of y incidents reviewed" from :func:`review_states`, and
can be limited to reviewed incidents.

Cost: an incident's state needs the status of its own mentions and the confirmed links
among them, all plain columns. A page of incidents therefore reads only its members'
rows (:meth:`~casework.store.CaseStore.mention_statuses`); a whole-desk call reads the
two tables once. Which incidents are fully reviewed, over the whole desk, needs every
incident (their membership is sealed), so :func:`desk_review` keeps that answer per
store and recomputes it only when the store has changed since
(:meth:`~casework.store.CaseStore.review_version`).
"""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from casework.model import Incident, ReviewState
from casework.store import CaseStore

__all__ = [
    "DeskFigures",
    "DeskReview",
    "count_reviewed_incidents",
    "desk_figures",
    "desk_review",
    "review_states",
    "reviewed_incidents",
    "reviewed_line",
    "reviewed_only",
]

MEMBERS_BY_ID = 5000
"""Up to this many member mentions their rows are read by id; beyond, whole tables once (fewer statements)."""


def _joined(members: Sequence[str], confirmed: Mapping[str, set[str]]) -> int:
    """How many links confirmed decisions supply among ``members``: members minus confirmed groups."""
    inside = set(members)
    seen: set[str] = set()
    groups = 0
    for start in members:
        if start in seen:
            continue
        groups += 1
        todo = [start]
        while todo:
            at = todo.pop()
            if at in seen:
                continue
            seen.add(at)
            todo.extend(n for n in confirmed.get(at, ()) if n in inside and n not in seen)
    return len(inside) - groups


def review_states(store: CaseStore, incidents: Sequence[Incident] | None = None) -> dict[str, ReviewState]:
    """incident id -> its :class:`~casework.model.ReviewState` (reads statuses and decisions, no text).

    With ``incidents`` given (a page, one incident), only their mentions' rows are read.
    """
    incidents = store.list_incidents() if incidents is None else incidents
    members = [m for incident in incidents for m in incident.mentions]
    if len(members) <= MEMBERS_BY_ID:
        accepted = {m for m, status in store.mention_statuses(members).items() if status == "accepted"}
        pairs = store.confirmed_links_among(members)
    else:
        accepted = store.mention_ids(status="accepted")
        pairs = store.confirmed_links()
    confirmed: dict[str, set[str]] = {}
    for a, b in pairs:
        confirmed.setdefault(a, set()).add(b)
        confirmed.setdefault(b, set()).add(a)
    out = {}
    for incident in incidents:
        unique = list(dict.fromkeys(incident.mentions))
        out[incident.incident_id] = ReviewState(
            mentions=len(unique),
            mentions_confirmed=sum(m in accepted for m in unique),
            links=max(len(unique) - 1, 0),
            links_confirmed=_joined(unique, confirmed),
        )
    return out


def reviewed_only(incidents: Sequence[Incident], states: Mapping[str, ReviewState]) -> list[Incident]:
    """The incidents a person has fully reviewed."""
    return [i for i in incidents if (s := states.get(i.incident_id)) is not None and s.reviewed]


def reviewed_line(states: Mapping[str, ReviewState]) -> str:
    """The plain sentence every output uses, e.g. "3 of 21 incidents reviewed by a person"."""
    done = sum(s.reviewed for s in states.values())
    return f"{done} of {len(states)} incidents reviewed by a person"


@dataclass(frozen=True)
class DeskReview:
    """The whole desk's review state in brief: how many incidents, and which are fully reviewed."""

    total: int
    reviewed: tuple[str, ...]  # incident ids, in the store's list order


_LOCK = threading.Lock()
_KEPT: dict[str, tuple[str, DeskReview]] = {}  # store url -> (review_version, summary)
_KEPT_STORES = 8


def desk_review(store: CaseStore) -> DeskReview:
    """Which incidents of the whole desk a person has fully reviewed, recomputed only after a change.

    Why: the answer needs every incident (decrypting each: their mentions are sealed),
    which at 100,000 mentions costs far more than a page; pages ask for it on every
    request, the store changes far less often. The kept answer holds incident ids only.
    """
    version = store.review_version()  # also the role check: incident.read
    with _LOCK:
        kept = _KEPT.get(store.url)
    if kept is not None and kept[0] == version:
        return kept[1]
    incidents = store.list_incidents()
    states = review_states(store, incidents)
    summary = DeskReview(len(incidents), tuple(i.incident_id for i in reviewed_only(incidents, states)))
    with _LOCK:
        if len(_KEPT) >= _KEPT_STORES and store.url not in _KEPT:
            _KEPT.pop(next(iter(_KEPT)))
        _KEPT[store.url] = (version, summary)
    return summary


def reviewed_incidents(store: CaseStore, *, limit: int | None = None, offset: int = 0) -> list[Incident]:
    """The fully reviewed incidents, one page of them (only that page is read and decrypted)."""
    chosen = desk_review(store).reviewed
    return store.get_incidents(chosen[offset : None if limit is None else offset + limit])


def count_reviewed_incidents(store: CaseStore) -> int:
    """How many incidents a person has fully reviewed (as :func:`reviewed_incidents` lists)."""
    return len(desk_review(store).reviewed)


@dataclass(frozen=True)
class DeskFigures:
    """What the desk holds and what waits for a person: the front page's counts."""

    testimonies: int
    mentions: int
    awaiting_review: int  # suggested mentions
    incidents: int


_FIGURES: dict[str, tuple[str, DeskFigures]] = {}  # store url -> (review_version, figures)


def desk_figures(store: CaseStore) -> DeskFigures:
    """The desk's counts, recounted only after the store changed (every role may read them).

    Why: counting 100,000 mentions twice and every testimony and incident costs several
    milliseconds per front page; one lookup of the store's version tells whether the last
    counts still hold.
    """
    version = store.review_version()
    with _LOCK:
        kept = _FIGURES.get(store.url)
    if kept is not None and kept[0] == version:
        return kept[1]
    figures = DeskFigures(
        store.count_testimonies(),
        store.count_mentions(),
        store.count_mentions(status="suggested"),
        store.count_incidents(),
    )
    with _LOCK:
        if len(_FIGURES) >= _KEPT_STORES and store.url not in _FIGURES:
            _FIGURES.pop(next(iter(_FIGURES)))
        _FIGURES[store.url] = (version, figures)
    return figures
