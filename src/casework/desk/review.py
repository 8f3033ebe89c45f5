"""People's decisions on machine output: mentions accepted, corrected or rejected; links decided.

The rules that keep review from contradicting itself live here once, for the CLI
and the web app alike: a mention is never "the same incident" as itself, two
mentions of one testimony are two incidents (a testimony that tells one event
twice is one mention), and splitting a mention off an incident is recorded as
decisions, not by editing the incident.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, replace

from casework.errors import InputError, NotFoundError
from casework.model import INCIDENT_TYPES, RELATIONS, Mention
from casework.store import CaseStore, LinkDecisionRecord, MentionStatus, StoredMention, allowed

__all__ = [
    "CORRECTABLE",
    "REVIEW_SORTS",
    "LinkConflict",
    "correct_field",
    "count_review_queue",
    "decide_link",
    "Implied",
    "link_conflicts",
    "review_mention",
    "review_queue",
    "score_mentions",
    "split_mention",
    "withdraw_link",
]


@dataclass(frozen=True)
class LinkConflict:
    """A "different incidents" decision whose two mentions confirmed links join anyway."""

    rejected: LinkDecisionRecord
    path: tuple[str, ...]  # the confirmed links from one mention to the other

    def line(self) -> str:
        r = self.rejected
        return (
            f"{r.mention_a} and {r.mention_b} were decided different incidents ({r.decided_by}, {r.decided_on}) "
            f"but confirmed links join them: {' = '.join(self.path)}"
        )


def _graph(pairs: Iterable[tuple[str, str]]) -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for a, b in pairs:
        graph.setdefault(a, set()).add(b)
        graph.setdefault(b, set()).add(a)
    return graph


def _path(graph: dict[str, set[str]], a: str, b: str) -> tuple[str, ...] | None:
    """The shortest chain of confirmed links from ``a`` to ``b`` (None: they are not joined)."""
    before: dict[str, str | None] = {a: None}
    todo = deque([a])
    while todo:
        at = todo.popleft()
        if at == b:
            chain = [b]
            while (step := before[chain[-1]]) is not None:
                chain.append(step)
            return tuple(reversed(chain))
        for nxt in sorted(graph.get(at, ())):
            if nxt not in before:
                before[nxt] = at
                todo.append(nxt)
    return None


def _conflicts(records: Iterable[LinkDecisionRecord]) -> list[LinkConflict]:
    records = list(records)
    graph = _graph((r.mention_a, r.mention_b) for r in records if r.decision == "confirm")
    found = []
    for r in records:
        if r.decision == "reject" and (path := _path(graph, r.mention_a, r.mention_b)) is not None:
            found.append(LinkConflict(r, path))
    return found


def link_conflicts(store: CaseStore) -> list[LinkConflict]:
    """Rejected pairs that confirmed links join: each must be resolved by withdrawing a decision."""
    return _conflicts(store.link_decision_records())


class Implied:
    """Which pairs reviewer decisions already settle, so review does not ask about them again.

    Two mentions joined by a chain of confirmed links are one incident; two mentions
    whose groups a "different incidents" decision separates are two.
    """

    def __init__(self, decisions: Iterable[tuple[str, str, str]]) -> None:
        decisions = list(decisions)
        graph = _graph((a, b) for a, b, d in decisions if d == "confirm")
        self.group: dict[str, int] = {}
        for start in sorted(graph):
            if start in self.group:
                continue
            number = len(self.group)
            todo = [start]
            while todo:
                at = todo.pop()
                if at not in self.group:
                    self.group[at] = number
                    todo.extend(graph[at])
        self.apart = {
            frozenset((self._of(a), self._of(b))) for a, b, d in decisions if d == "reject"
        }

    def _of(self, mention_id: str) -> int | str:
        return self.group.get(mention_id, mention_id)

    def settled(self, a: str, b: str) -> bool:
        ga, gb = self._of(a), self._of(b)
        return ga == gb or frozenset((ga, gb)) in self.apart


def decide_link(store: CaseStore, mention_a: str, mention_b: str, decision: str) -> None:
    """Record that two mentions describe one incident ("confirm") or two ("reject").

    Raises:
        InputError: a mention paired with itself, a confirmation of two mentions of
            one testimony, an unknown decision, or a mention that is not in the store
            (or was rejected).

    Example:
        >>> decide_link(store, "T-0001-1", "T-0004-2", "confirm")  # doctest: +SKIP
    """
    if decision not in ("confirm", "reject"):
        raise InputError(f"link decision {decision!r}: use confirm or reject")
    if mention_a == mention_b:
        raise InputError(f"link {mention_a} {mention_b}: a mention cannot be paired with itself")
    found = {}
    for mention_id in (mention_a, mention_b):
        try:
            stored = store.get_mention(mention_id)
        except NotFoundError:
            raise InputError(f"mention {mention_id} not found") from None
        if stored.status == "rejected":
            raise InputError(f"mention {mention_id} was rejected in review; it is not linked")
        if stored.status == "retired":
            raise InputError(f"mention {mention_id} belongs to a corrected testimony version; it is not linked")
        found[mention_id] = stored.mention
    same = found[mention_a].testimony == found[mention_b].testimony
    if decision == "confirm" and same:
        raise InputError(
            f"link {mention_a} {mention_b}: both are mentions of testimony {found[mention_a].testimony}; "
            "one testimony's mentions are different incidents (reject one mention if it repeats the other)"
        )
    records = store.link_decision_records()
    pair = tuple(sorted((mention_a, mention_b)))
    for r in records:
        if (r.mention_a, r.mention_b) == pair and r.decision != decision:
            raise InputError(
                f"link {mention_a} {mention_b}: already decided '{r.decision}' by {r.decided_by} on {r.decided_on}; "
                "withdraw that decision first"
            )
    others = [r for r in records if (r.mention_a, r.mention_b) != pair]
    new = LinkDecisionRecord(pair[0], pair[1], decision, "", "")  # type: ignore[arg-type]
    before = {(c.rejected.mention_a, c.rejected.mention_b) for c in _conflicts(others)}
    for conflict in _conflicts([*others, new]):
        if (conflict.rejected.mention_a, conflict.rejected.mention_b) not in before:
            raise InputError(f"link {mention_a} {mention_b}: contradicts earlier decisions: {conflict.line()}; "
                             "withdraw one of them first")
    store.save_link_decision(mention_a, mention_b, decision)  # type: ignore[arg-type]


def withdraw_link(store: CaseStore, mention_a: str, mention_b: str) -> LinkDecisionRecord:
    """Take back a link decision; the model decides that pair again at the next linkage run.

    Raises:
        InputError: there is no decision on that pair.
    """
    try:
        return store.withdraw_link_decision(mention_a, mention_b)
    except NotFoundError:
        raise InputError(f"link {mention_a} {mention_b}: no decision to withdraw") from None


REVIEW_SORTS: tuple[str, ...] = ("testimony", "confidence")
"""How the review queue can be sorted: testimony order, or the extractor's confidence (then testimony order)."""

SCORE_BATCH = 500


def score_mentions(store: CaseStore, status: MentionStatus | None = None) -> int:
    """Give a confidence score to every mention that has none (stored before scores existed); return how many.

    Extraction scores the mentions it saves; this catches up older ones and imported
    records, reading only the unscored (an index range) so that it costs nothing once done.
    """
    from casework.extract.confidence import mention_confidence  # here: the CLI imports this module at start-up

    done = 0
    while batch := store.list_mentions(status=status, unscored=True, limit=SCORE_BATCH):
        store.set_confidence({s.mention.mention_id or "": mention_confidence(s.mention) for s in batch})
        done += len(batch)
    return done


def review_queue(
    store: CaseStore,
    *,
    status: MentionStatus = "suggested",
    testimony_id: str | None = None,
    sort: str = "testimony",
    descending: bool = False,
    limit: int | None = None,
    offset: int = 0,
) -> list[StoredMention]:
    """One page of the review queue, as the web page and ``casework review mentions`` both list it.

    Sorted by confidence, mentions that have no score yet are scored first when the
    user may write (once: later calls find none); a reader sees them as the lowest.

    Raises:
        InputError: an unknown sort (one of :data:`REVIEW_SORTS`) or status.

    Example:
        >>> review_queue(store, sort="confidence", limit=50)  # doctest: +SKIP
    """
    if sort not in REVIEW_SORTS:
        raise InputError(f"review sort {sort!r}: expected one of {', '.join(REVIEW_SORTS)}")
    if sort == "confidence" and allowed(store.user, "mention.write"):
        score_mentions(store, status)
    return store.list_mentions(
        status=status,
        testimony_id=testimony_id,
        sort=sort,  # type: ignore[arg-type]
        descending=descending,
        limit=limit,
        offset=offset,
    )


_COUNTS: dict[tuple[str, str, str | None], tuple[str, int]] = {}  # (store url, status, testimony) -> (version, n)
_COUNTS_KEPT = 64


def count_review_queue(
    store: CaseStore, *, status: MentionStatus = "suggested", testimony_id: str | None = None
) -> int:
    """How many mentions :func:`review_queue` lists over all its pages, recounted only after a change.

    Why: counting one status reads its whole index range (about 1 ms per 50,000 mentions)
    on every page of the queue, while the store's version is one indexed lookup.
    """
    key = (store.url, status, testimony_id)
    version = store.review_version()
    kept = _COUNTS.get(key)
    if kept is not None and kept[0] == version:
        return kept[1]
    count = store.count_mentions(status=status, testimony_id=testimony_id)
    if len(_COUNTS) >= _COUNTS_KEPT:
        _COUNTS.clear()
    _COUNTS[key] = (version, count)
    return count


def review_mention(
    store: CaseStore, mention_id: str, status: MentionStatus, corrected: Mention | None = None
) -> None:
    """Accept or reject a suggested mention, optionally with corrected fields (then accepted)."""
    store.review_mention(mention_id, status=status, corrected=corrected)


def split_confirmations(store: CaseStore, incident_id: str, mention_id: str) -> list[LinkDecisionRecord]:
    """The "same incident" decisions a split of ``mention_id`` off ``incident_id`` would withdraw."""
    incident = store.get_incident(incident_id)
    if mention_id not in incident.mentions:
        raise NotFoundError(f"mention {mention_id} is not part of incident {incident_id}")
    members = set(incident.mentions)
    return [
        r
        for r in store.link_decision_records()
        if r.decision == "confirm" and mention_id in (r.mention_a, r.mention_b)
        and {r.mention_a, r.mention_b} <= members
    ]


def split_mention(
    store: CaseStore, incident_id: str, mention_id: str, *, withdraw_confirmed: bool = False
) -> list[str]:
    """Make one mention its own incident at the next linkage run; return the mentions it was split from.

    Recorded as "different incident" decisions against every other mention of the
    incident, so the next linkage run keeps it apart (and mints it a new id, see
    :mod:`casework.desk.identity`). A split never silently overrides a person's
    "same incident": when there is one, it is refused unless ``withdraw_confirmed``
    (the reviewer saw those decisions and confirmed the split), and then withdrawn.

    Raises:
        InputError: a confirmed link ties the mention to the incident and ``withdraw_confirmed`` is false,
            or confirmed links through other mentions would still join it.
    """
    incident = store.get_incident(incident_id)
    confirmed = split_confirmations(store, incident_id, mention_id)
    if confirmed and not withdraw_confirmed:
        first = confirmed[0]
        raise InputError(
            f"split {mention_id} off {incident_id}: {first.mention_a} and {first.mention_b} were confirmed as one "
            f"incident by {first.decided_by} on {first.decided_on}; confirm the split to withdraw "
            f"{'that decision' if len(confirmed) == 1 else f'those {len(confirmed)} decisions'}"
        )
    others = [m for m in incident.mentions if m != mention_id]
    kept = [r for r in store.link_decision_records() if r.decision == "confirm" and r not in confirmed]
    graph = _graph((r.mention_a, r.mention_b) for r in kept)
    for other in others:
        if (path := _path(graph, mention_id, other)) is not None:
            raise InputError(f"split {mention_id} off {incident_id}: confirmed links join it to {other}: "
                             f"{' = '.join(path)}; withdraw one of them first")
    for record in confirmed:
        store.withdraw_link_decision(record.mention_a, record.mention_b)
    for other in others:
        store.save_link_decision(mention_id, other, "reject")
    return others


CORRECTABLE: tuple[str, ...] = (
    "type", "date", "province", "county_or_city", "site", "perpetrator", "victims_count", "victims_description",
    "relation",
)
"""The fields of a mention a reviewer may correct (the web form's and ``casework review mentions --correct``)."""

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_PRECISION = {4: "year", 7: "month", 10: "day"}


def correct_field(mention: Mention, field: str, value: str) -> Mention:
    """``mention`` with one field set from a reviewer's text ("" clears it); the one place that checks it.

    Raises:
        InputError: an unknown field, or a value that field cannot take (named, with what it accepts).

    Example:
        >>> correct_field(Mention(type="arrest"), "date", "2019-02").date
        '2019-02'
    """
    value = value.strip()
    where = f"{mention.mention_id or 'mention'} field '{field}'"
    if field == "type":
        if value not in INCIDENT_TYPES:
            raise InputError(f"{where}: expected one of {', '.join(INCIDENT_TYPES)}")
        return replace(mention, type=value)
    if field == "relation":
        if value not in RELATIONS:
            raise InputError(f"{where}: expected one of {', '.join(RELATIONS)}")
        return replace(mention, relation=value)
    if field == "date":
        if value and not _DATE.match(value):
            raise InputError(f"{where}: expected YYYY, YYYY-MM or YYYY-MM-DD")
        return replace(mention, date=value or None, date_precision=_PRECISION.get(len(value)))  # type: ignore[arg-type]
    if field in ("province", "county_or_city", "site"):
        return replace(mention, place=replace(mention.place, **{field: value or None}))
    if field == "perpetrator":
        return replace(mention, perpetrator=value or None)
    if field == "victims_count":
        if value and not value.isdigit():
            raise InputError(f"{where}: expected a whole number")
        return replace(mention, victims=replace(mention.victims, count=int(value) if value else None))
    if field == "victims_description":
        return replace(mention, victims=replace(mention.victims, description=value or None))
    raise InputError(f"{where}: not a field a reviewer can correct (one of {', '.join(CORRECTABLE)})")
