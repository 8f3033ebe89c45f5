"""Stable incident ids: a cited incident number keeps meaning the same event across linkage runs.

Linkage numbers its clusters afresh each run; the desk maps them onto the incidents
already saved before anything is written, by shared membership:

* each earlier incident follows the new cluster that holds most of its mentions;
* when several earlier incidents follow the same cluster (a merge), the oldest id
  (the lowest number) carries on and the others are recorded as merged into it;
* a cluster that no earlier incident follows gets a new id, recorded as split from
  the earlier incident it shares most mentions with (or as created);
* an earlier incident none of whose mentions is linked any more is retired.

So a split keeps the id on the part holding most of the old mentions and mints a
new one for the rest. Ids are never reused. :func:`resolve_ids` follows the history
to the incident a cited id now belongs to (public exports call it ``superseded_by``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

from casework.model import Incident
from casework.store import IncidentEvent

__all__ = ["keep_ids", "next_number", "resolve_ids"]

_NUMBER = re.compile(r"^I-(\d+)$")


def _number(incident_id: str) -> int | None:
    match = _NUMBER.match(incident_id)
    return int(match.group(1)) if match else None


def _age(incident_id: str) -> tuple[int, str]:
    """Sort key: lower numbers were minted earlier; ids of another form sort after, by text."""
    number = _number(incident_id)
    return (number, "") if number is not None else (1 << 62, incident_id)


def next_number(known_ids: Iterable[str]) -> int:
    """The first number after every id ever used (ids are never reused)."""
    return max((n for n in map(_number, known_ids) if n is not None), default=0) + 1


def keep_ids(
    previous: Sequence[Incident], incidents: Sequence[Incident], known_ids: Iterable[str] = ()
) -> tuple[list[Incident], list[IncidentEvent]]:
    """``incidents`` (fresh from linkage) renumbered to keep ``previous`` ids, and the history of the change.

    ``known_ids`` are all ids ever used (the history), so that a minted id is new.
    The result keeps the order of ``incidents``; the events are in a fixed order
    (by new id, then by old id), so the same runs give the same history.

    Example:
        >>> old = [Incident("I-0001", ("a", "b")), Incident("I-0002", ("c",))]
        >>> new, events = keep_ids(old, [Incident("I-0001", ("c", "a", "b"))])
        >>> new[0].incident_id, [(e.incident_id, e.event, e.other_id) for e in events]
        ('I-0001', [('I-0001', 'changed', None), ('I-0002', 'merged', 'I-0001')])
    """
    clusters = [frozenset(i.mentions) for i in incidents]
    where = {m: n for n, members in enumerate(clusters) for m in members}
    overlaps: dict[str, dict[int, int]] = {}
    for old in previous:
        counts: dict[int, int] = {}
        for mention_id in old.mentions:
            if mention_id in where:
                counts[where[mention_id]] = counts.get(where[mention_id], 0) + 1
        overlaps[old.incident_id] = counts

    def first_mention(n: int) -> str:
        return min(clusters[n]) if clusters[n] else ""

    claimants: dict[int, list[str]] = {}
    for old_id, counts in overlaps.items():
        if counts:
            best = min(counts, key=lambda n: (-counts[n], first_mention(n), n))
            claimants.setdefault(best, []).append(old_id)

    number = next_number([*known_ids, *(i.incident_id for i in previous)])
    old_members = {i.incident_id: frozenset(i.mentions) for i in previous}
    ids: list[str] = []
    events: list[IncidentEvent] = []
    for n, members in enumerate(clusters):
        claim = sorted(claimants.get(n, []), key=_age)
        if claim:
            kept = claim[0]
            ids.append(kept)
            if old_members[kept] != members:
                events.append(IncidentEvent(kept, "changed", None, len(members)))
            events.extend(IncidentEvent(other, "merged", kept, None) for other in claim[1:])
            continue
        new_id = f"I-{number:04d}"
        number += 1
        ids.append(new_id)
        origins = [old_id for old_id, counts in overlaps.items() if n in counts]
        if origins:
            origin = min(origins, key=lambda o: (-overlaps[o][n], _age(o)))
            events.append(IncidentEvent(new_id, "split", origin, len(members)))
        else:
            events.append(IncidentEvent(new_id, "created", None, len(members)))
    events.extend(
        IncidentEvent(old_id, "retired", None, 0) for old_id, counts in overlaps.items() if not counts
    )
    events.sort(key=lambda e: (_age(e.incident_id), e.event))
    return [replace(i, incident_id=new) for i, new in zip(incidents, ids, strict=True)], events


def resolve_ids(history: Sequence[IncidentEvent], current: Iterable[str]) -> dict[str, str | None]:
    """Every id the history names -> the current incident it now belongs to (None: retired).

    A current id resolves to itself; a merged id follows its merges to the incident
    that carries on; an id whose last event is ``retired`` resolves to None.

    Example:
        >>> events = [IncidentEvent("I-0002", "merged", "I-0001"), IncidentEvent("I-0001", "merged", "I-0003")]
        >>> resolve_ids(events, ["I-0003"])["I-0002"]
        'I-0003'
    """
    live = set(current)
    last: dict[str, IncidentEvent] = {}
    for event in history:
        last[event.incident_id] = event
    resolved: dict[str, str | None] = {i: i for i in live}
    for start in last:
        seen: set[str] = set()
        at: str | None = start
        while at is not None and at not in live and at not in seen:
            seen.add(at)
            step = last.get(at)
            at = step.other_id if step is not None and step.event == "merged" else None
        resolved[start] = at if at in live else None
    return resolved
