"""Corroboration grades: how well the mentions of one incident support it.

The rubric (docs/linkage.md explains it and its tie to the "reasonable grounds"
standard of the 2014 UN Commission of Inquiry on the DPRK):

- ``single-source``: fewer than two independent sources. A lead, not a finding.
- ``corroborated``: two or more independent sources agree on the key facts.
- ``well-corroborated``: three or more independent sources, at least one of them
  first-hand, agree on the key facts.
- ``contested``: two or more independent sources, but they disagree on a key fact
  (see :func:`disagreements`), so the incident needs a person to look again.

An incident held together by a bridge edge (one model link between two groups
of mentions) is graded on the better supported side alone, so that a single
machine-made link never turns two leads into a finding.

An incident whose every source is a news outlet (published reports, no testimony
of the desk's own) carries the flag ``published-reports-only``: readers of a
finding must know it rests on the press alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

from casework.corroborate.independence import independent_sources, is_retelling
from casework.model import GRADES, Incident, Mention
from casework.model.facts import date_interval, type_family

__all__ = [
    "COUNT_FACTOR",
    "DATE_TOLERANCE_DAYS",
    "PUBLISHED_ONLY",
    "Corroboration",
    "disagreements",
    "grade_incident",
]

DATE_TOLERANCE_DAYS = 45
"""Independent accounts whose date intervals are further apart than this disagree.

Measured between the intervals the dates denote ("2019" covers the whole year),
so an imprecise date never contradicts a precise one inside it; six weeks allows
"late February" against "early March" and a month's error in recall.
"""

PUBLISHED_ONLY = "published-reports-only"
"""Flag of an incident whose sources are all outlets (see the module docstring)."""

COUNT_FACTOR = 3.0
"""Victim counts disagree when the larger is more than three times the smaller
(and at least three apart): "about 10" vs "a dozen" agree, "one man" vs "five" do not."""


@dataclass(frozen=True)
class Corroboration:
    """The support behind one incident; ``to_incident`` gives the stored shape."""

    mentions: tuple[str, ...]
    sources: tuple[str, ...]
    independent: tuple[str, ...]
    first_hand: int
    retellings: tuple[str, ...]
    date_spread_days: int | None
    count_range: tuple[int, int] | None
    grade: str
    flags: tuple[str, ...]
    disagreements: tuple[str, ...]

    @property
    def independent_sources(self) -> int:
        return len(self.independent)

    def to_incident(self, incident_id: str) -> Incident:
        return Incident(
            incident_id=incident_id,
            mentions=self.mentions,
            grade=self.grade,
            sources=self.sources,
            independent_sources=self.independent_sources,
            first_hand=self.first_hand,
            flags=self.flags,
        )


def disagreements(mentions: Sequence[Mention]) -> list[str]:
    """Key facts on which two of ``mentions`` (from different sources) disagree.

    Key facts are the kind of act (its type family), when (interval gap beyond
    ``DATE_TOLERANCE_DAYS``) and how many victims (beyond ``COUNT_FACTOR``).
    """
    found: dict[str, None] = {}
    for a, b in combinations(mentions, 2):
        if a.source == b.source:
            continue
        if type_family(a.type) != type_family(b.type):
            found.setdefault("type", None)
        ia, ib = date_interval(a.date), date_interval(b.date)
        if ia and ib and max(ia[0] - ib[1], ib[0] - ia[1], 0) > DATE_TOLERANCE_DAYS:
            found.setdefault("date", None)
        ca, cb = a.victims.count, b.victims.count
        if ca and cb:
            low, high = sorted((ca, cb))
            if high > COUNT_FACTOR * low and high - low >= 3:
                found.setdefault("victim count", None)
    return list(found)


def _spreads(mentions: Sequence[Mention]) -> tuple[int | None, tuple[int, int] | None]:
    intervals = [i for i in (date_interval(m.date) for m in mentions) if i]
    spread = max(i[1] for i in intervals) - min(i[0] for i in intervals) if intervals else None
    counts = [m.victims.count for m in mentions if m.victims.count is not None]
    return spread, ((min(counts), max(counts)) if counts else None)


def _grade(independent: int, first_hand: int, disputed: bool) -> str:
    if independent >= 2 and disputed:
        return "contested"
    if independent >= 3 and first_hand >= 1:
        return "well-corroborated"
    if independent >= 2:
        return "corroborated"
    return "single-source"


def grade_incident(
    mentions: Sequence[Mention],
    *,
    bridge: bool = False,
    sides: Sequence[Sequence[str]] | None = None,
    testimony_texts: dict[str, str] | None = None,
    outlets: frozenset[str] = frozenset(),
) -> Corroboration:
    """Grade the support that ``mentions`` (one incident) give it.

    Args:
        mentions: the incident's mentions, with ``source`` and ``depends_on``.
        bridge: the mentions are held together by a bridge edge; the grade then
            rests on the best supported of ``sides`` (groups of mention ids on each
            side of the bridge), or on a single source when the sides are unknown.
        testimony_texts: testimony id -> text, to find retelling cues outside the
            evidence spans.
        outlets: source pseudonyms that are news outlets; an incident told only by
            them is flagged ``published-reports-only``.

    Example:
        >>> from casework.model import Mention
        >>> ms = [Mention("arrest", "2019-02", mention_id=f"m{i}", testimony=f"t{i}", source=f"S{i}")
        ...       for i in (1, 2)]
        >>> grade_incident(ms).grade
        'corroborated'
    """
    texts = testimony_texts or {}
    retold = {m.mention_id for m in mentions if m.mention_id and is_retelling(m, texts.get(m.testimony or "", None))}
    independent = independent_sources(mentions, retold)
    counted = [m for m in mentions if m.mention_id not in retold]
    first_hand = sum(1 for m in counted if m.relation == "first-hand")
    sources = tuple(dict.fromkeys(m.source for m in mentions if m.source))
    disputed = disagreements(counted)
    flags: list[str] = []
    support, support_first_hand = len(independent), first_hand
    if bridge:
        flags.append("bridge-edge")
        support, support_first_hand = 1, first_hand
        by_id = {m.mention_id: m for m in mentions}
        for side in sides or ():
            side_mentions = [by_id[i] for i in side if i in by_id and i not in retold]
            side_support = len(independent_sources(side_mentions, set()))
            if side_support > support:
                support = side_support
                support_first_hand = sum(1 for m in side_mentions if m.relation == "first-hand")
    grade = _grade(support, support_first_hand, bool(disputed))
    if retold:
        flags.append("retelling")
    if sources and all(source in outlets for source in sources):
        flags.append(PUBLISHED_ONLY)
    if disputed:
        flags.append("disagreement:" + ",".join(disputed))
    assert grade in GRADES
    spread, counts = _spreads(mentions)
    return Corroboration(
        mentions=tuple(m.mention_id for m in mentions if m.mention_id),
        sources=sources,
        independent=tuple(independent),
        first_hand=first_hand,
        retellings=tuple(sorted(retold, key=str)),
        date_spread_days=spread,
        count_range=counts,
        grade=grade,
        flags=tuple(flags),
        disagreements=tuple(disputed),
    )
