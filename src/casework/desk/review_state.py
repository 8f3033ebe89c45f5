"""Review state: how much of each incident a person has confirmed, for reports, exports and pages.

A linked incident is a machine suggestion until a person has accepted each of its
mentions and confirmed the links that join them. Reports, the public dataset and the
web incident list all say "x of y incidents reviewed" from :func:`review_states`, and
can be limited to reviewed incidents.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from casework.model import Incident, ReviewState
from casework.store import CaseStore

__all__ = ["review_states", "reviewed_line", "reviewed_only"]


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
    """incident id -> its :class:`~casework.model.ReviewState` (reads statuses and decisions, no text)."""
    incidents = store.list_incidents() if incidents is None else incidents
    accepted = store.mention_ids(status="accepted")
    confirmed: dict[str, set[str]] = {}
    for a, b in store.confirmed_links():
        confirmed.setdefault(a, set()).add(b)
        confirmed.setdefault(b, set()).add(a)
    out = {}
    for incident in incidents:
        members = list(dict.fromkeys(incident.mentions))
        out[incident.incident_id] = ReviewState(
            mentions=len(members),
            mentions_confirmed=sum(m in accepted for m in members),
            links=max(len(members) - 1, 0),
            links_confirmed=_joined(members, confirmed),
        )
    return out


def reviewed_only(incidents: Sequence[Incident], states: Mapping[str, ReviewState]) -> list[Incident]:
    """The incidents a person has fully reviewed."""
    return [i for i in incidents if (s := states.get(i.incident_id)) is not None and s.reviewed]


def reviewed_line(states: Mapping[str, ReviewState]) -> str:
    """The plain sentence every output uses, e.g. "3 of 21 incidents reviewed by a person"."""
    done = sum(s.reviewed for s in states.values())
    return f"{done} of {len(states)} incidents reviewed by a person"
