"""One incident per event a document tells, however many times it tells it (any language).

A report tells its incident in the headline, again in the lead, and again in the body
with more detail; a testimony comes back to an arrest after describing the family's
reaction. Each telling is found by a language reader sentence by sentence; this
module decides which tellings are the same incident and what the incident's fields
are, from what every telling says:

- Tellings of one type are one incident unless something sets them apart: an
  explicit date or place of their own that disagrees, different named victims, the
  text introducing another one ("another resident", "a second woman"), one being told
  as background and the other not, or (in desk testimonies) a long gap with other
  incidents in between.
- A headline only restates: it adds its evidence (and its place, when the body does
  not name one) to the body's incident of its type, and stands alone only when the
  body does not tell that type at all (a page cut off after its first lines).
- Fields are taken from what the tellings state themselves first (the most precise
  date, the most precise place), then from other incidents told in the same sentence
  ("two were shot and the third sentenced to life": one occasion, one date), then
  from the story around them (the date and place the narrative had reached), and last
  from where the source is.
- An incident is ``main`` unless every telling of it is background.

Language readers build :class:`Telling` records and call :func:`resolve_incidents`;
nothing here looks at words.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Literal

from casework.model import DatePrecision, EvidenceSpan, Mention, Place

__all__ = ["Telling", "resolve_incidents"]

TellingPart = Literal["headline", "story"]

_PRECISION_RANK = {"day": 3, "month": 2, "year": 1}


@dataclass(frozen=True)
class Telling:
    """One statement of an incident in one sentence, as a language reader found it.

    Attributes:
        mention: the incident as this sentence states it. ``date`` and ``place`` hold
            only what the sentence itself says (``None`` / empty when it says nothing);
            what the story supplies goes in ``story_date`` / ``story_place``.
        sentence: the sentence's index in the document (tellings come in this order).
        part: ``"headline"`` for a headline or sub-headline, else ``"story"``.
        story_date: the date the narrative had reached, with its precision, used only
            when no telling of the incident, and nothing told with it, states a date.
        story_place: where the narrative was set at this point, likewise.
        people: names of the people it happened to (folded), to keep apart incidents
            of one type that befell different named people.
        another: the text introduces it as a further incident of its kind ("another").
        background: told in passing (pluperfect, an earlier year, "previously").
        joins: a type whose incident, when one is told within reach, this telling is
            part of (a desk testimony's crowd made to watch belongs to the execution).
        refers: the telling only points back at an incident told before ("the executions
            took place in Chongjin"): it adds to one, and is dropped when there is none.
    """

    mention: Mention
    sentence: int
    part: TellingPart = "story"
    story_date: tuple[str, DatePrecision] | None = None
    story_place: Place | None = None
    people: frozenset[str] = frozenset()
    another: bool = False
    background: bool = False
    joins: str | None = None
    refers: bool = False


# An incident's date: value, precision, the words (when stated), the telling that states it.
_Dated = tuple[str | None, DatePrecision | None, str | None, "Telling | None"]


@dataclass
class _Incident:
    """Tellings of one incident, with what they state kept apart so that a check costs little.

    ``dates``, ``places`` and ``people`` hold the distinct values the tellings state;
    tellings that disagree start a new incident, so these stay short however long the text.
    """

    tellings: list[Telling] = field(default_factory=list)
    dates: set[str] = field(default_factory=set)
    places: set[Place] = field(default_factory=set)
    people: set[frozenset[str]] = field(default_factory=set)
    story_told: int = 0
    background_told: int = 0
    last_sentence: int = -1
    first_sentence: int = -1

    def add(self, telling: Telling) -> None:
        self.tellings.append(telling)
        if telling.mention.date is not None:
            self.dates.add(telling.mention.date)
        if _has_place(telling.mention.place):
            self.places.add(telling.mention.place)
        if telling.people:
            self.people.add(telling.people)
        if telling.part == "story":
            self.story_told += 1
            self.background_told += telling.background
        self.last_sentence = max(self.last_sentence, telling.sentence)
        self.first_sentence = (
            telling.sentence if self.first_sentence < 0 else min(self.first_sentence, telling.sentence)
        )

    @property
    def type(self) -> str:
        return self.tellings[0].mention.type

    @property
    def headline_only(self) -> bool:
        return self.story_told == 0

    @property
    def background(self) -> bool:
        return self.story_told > 0 and self.background_told == self.story_told

    def own_dates(self) -> list[Telling]:
        return [t for t in self.tellings if t.mention.date is not None]


# How many earlier incidents of its type a telling is compared with: enough for any real
# text, and a bound on the work for a hostile one.
_LOOK_BACK = 12


def resolve_incidents(
    tellings: Sequence[Telling], *, source_place: Place | None = None, reach: int | None = None
) -> list[Mention]:
    """The incidents ``tellings`` describe, one mention each, in order of first telling.

    Args:
        tellings: every telling the reader found, in document order.
        source_place: where the source is (a province or city), the last resort for
            an incident whose place nothing else gives.
        reach: when given, the text is read as told one event after another (a desk
            testimony): a telling continues an incident of its type only if that
            incident was last told at most this many sentences before, and a telling
            that states its own date starts a new incident. Without it (a report, which
            keeps returning to its one story) distance and dates alone separate nothing.

    Example:
        >>> from casework.model import Mention, Place
        >>> head = Telling(Mention("arrest", place=Place("Ryanggang", "Hyesan")), 0, part="headline")
        >>> lead = Telling(Mention("arrest", date="2020-05-03", date_precision="day"), 2)
        >>> [(m.type, m.date, m.place.county_or_city) for m in resolve_incidents([head, lead])]
        [('arrest', '2020-05-03', 'Hyesan')]
    """
    ordered = sorted(tellings, key=lambda t: (t.part == "headline", t.sentence))
    incidents: list[_Incident] = []
    by_type: dict[str, list[_Incident]] = {}
    for telling in ordered:
        target = _incident_for(telling, incidents, by_type, reach)
        if target is None and telling.refers:
            continue
        if target is None:
            target = _Incident()
            incidents.append(target)
            by_type.setdefault(telling.mention.type, []).append(target)
        target.add(telling)
    told_in_story = {i.type for i in incidents if not i.headline_only}
    incidents = [i for i in incidents if not (i.headline_only and i.type in told_in_story)]
    incidents.sort(key=lambda i: i.first_sentence)
    report = reach is None
    dates = _dates(incidents, report)
    companions = _companion_places(incidents)
    return [
        _mention(incident, dated, companion or source_place, report, companion is not None)
        for incident, dated, companion in zip(incidents, dates, companions, strict=True)
    ]


def _companion_places(incidents: list[_Incident]) -> list[Place | None]:
    """For an incident that states no place of its own: the place of another incident told in
    the same sentence ("crowds were made to watch as two women were executed in Chongjin")."""
    stated: dict[int, Place] = {}
    for incident in incidents:
        own = _own_place(incident.tellings)
        if own is None:
            continue
        for telling in incident.tellings:
            if telling.part == "story":
                stated.setdefault(telling.sentence, own)
    out: list[Place | None] = []
    for incident in incidents:
        if _own_place(incident.tellings) is not None:
            out.append(None)
            continue
        out.append(next((stated[t.sentence] for t in incident.tellings if t.part == "story" and t.sentence in stated),
                        None))  # fmt: skip
    return out


def _own_place(tellings: list[Telling]) -> Place | None:
    own = [t.mention.place for t in tellings if _has_place(t.mention.place)]
    return max(own, key=lambda p: (p.county_or_city is not None, p.site is not None)) if own else None


def _incident_for(
    telling: Telling, incidents: list[_Incident], by_type: dict[str, list[_Incident]], reach: int | None
) -> _Incident | None:
    """The incident this telling continues: the latest of its type it does not contradict."""
    if telling.joins is not None:
        for incident in reversed(by_type.get(telling.joins, [])[-_LOOK_BACK:]):
            if reach is not None and telling.sentence - incident.last_sentence > reach:
                break
            if _compatible(incident, telling):
                return incident
    story = telling.part == "story"
    for incident in reversed(by_type.get(telling.mention.type, [])[-_LOOK_BACK:]):
        if telling.another and story:
            return None
        if (
            reach is not None
            and story
            and (telling.sentence - incident.last_sentence > reach or telling.mention.date is not None)
        ):
            return None
        if _compatible(incident, telling):
            return incident
        if story and not incident.headline_only:
            return None  # the latest incident of its kind is another one: this starts a new one
    return None


def _compatible(incident: _Incident, telling: Telling) -> bool:
    if telling.part == "story" and incident.story_told and incident.background != telling.background:
        return False
    if telling.mention.date is not None and not all(_dates_agree(d, telling.mention.date) for d in incident.dates):
        return False
    if _has_place(telling.mention.place) and not all(_places_agree(p, telling.mention.place) for p in incident.places):
        return False
    return not (telling.people and any(not people & telling.people for people in incident.people))


def _dates_agree(a: str, b: str) -> bool:
    """Dates within a week of each other at their precision; two days further apart than the
    next day never agree (a report that tells one incident on the 6th and one on the 8th
    tells two; 'deported on the 27th, handed over on the 28th' is one incident going on)."""
    left, right = _interval(a), _interval(b)
    if len(a) == len(b) == 10 and left is not None and right is not None and abs((left[0] - right[0]).days) > 1:
        return False
    if left is None or right is None:
        return True
    gap = max((right[0] - left[1]).days, (left[0] - right[1]).days, 0)
    return gap <= 7


def _interval(value: str | None) -> tuple[date, date] | None:
    """The days an ISO value at any precision covers."""
    if not value:
        return None
    try:
        parts = [int(p) for p in value.split("-")]
        if len(parts) == 1:
            return date(parts[0], 1, 1), date(parts[0], 12, 31)
        if len(parts) == 2:
            last = calendar.monthrange(parts[0], parts[1])[1]
            return date(parts[0], parts[1], 1), date(parts[0], parts[1], last)
        day = date(parts[0], parts[1], parts[2])
    except ValueError:
        return None
    return day, day


def _has_place(place: Place) -> bool:
    return place.province is not None or place.county_or_city is not None or place.site is not None


def _places_agree(a: Place, b: Place) -> bool:
    if not _has_place(a) or not _has_place(b):
        return True
    if (a.province is None) != (b.province is None):
        return False  # one abroad, one in North Korea
    if a.province != b.province:
        return False
    if a.province is None:
        return a.site == b.site or None in (a.site, b.site)
    if a.county_or_city is None or b.county_or_city is None:
        return True
    return bool(set(a.county_or_city.split("; ")) & set(b.county_or_city.split("; ")))


def _best_date(incident: _Incident) -> Telling | None:
    """The telling whose own date is the most precise (the first such in the story)."""
    own = incident.own_dates()
    if not own:
        return None
    return max(own, key=lambda t: (_PRECISION_RANK.get(t.mention.date_precision or "", 0), t.part == "story",
                                   -t.sentence))  # fmt: skip


def _dates(incidents: list[_Incident], report: bool) -> list[_Dated]:
    """Each incident's date: its own, else that of an incident told in the same sentence, else the story's."""
    own = [_best_date(i) for i in incidents]
    by_sentence: dict[int, list[int]] = {}
    for index, incident in enumerate(incidents):
        for telling in incident.tellings:
            if telling.part == "story":
                by_sentence.setdefault(telling.sentence, []).append(index)
    out: list[_Dated] = []
    for index, incident in enumerate(incidents):
        best = own[index]
        if best is not None:
            out.append((best.mention.date, best.mention.date_precision, best.mention.date_text, best))
            continue
        companion = next(
            (
                own[other]
                for telling in incident.tellings
                for other in by_sentence.get(telling.sentence, [])
                if other != index and own[other] is not None
            ),
            None,
        )
        if companion is not None:
            out.append((companion.mention.date, companion.mention.date_precision, None, None))
            continue
        story = _story_date(incident, report)
        out.append((story[0], story[1], None, None) if story is not None else (None, None, None, None))
    return out


def _story_date(incident: _Incident, report: bool) -> tuple[str, DatePrecision] | None:
    """The story's date for an incident that states none: the most precise the story had reached.

    A report tells its story first in general terms ("seven people were arrested") and
    gives the day later ("the day of the incident was February 4"); every telling of the
    incident is about the same event, so the most precise story date among them is its
    date (the first one on a tie). A testimony tells events in order: the story's date at
    the first telling is the incident's.
    """
    tellings = sorted(incident.tellings, key=lambda t: (t.part == "headline", t.sentence))
    dated = [t.story_date for t in tellings if t.story_date is not None]
    if not report:
        dated = dated[:1] if tellings[0].story_date is not None else []
    if not dated:
        return None
    return max(dated, key=lambda d: _PRECISION_RANK.get(d[1], 0))


def _mention(
    incident: _Incident, dated_as: _Dated, fallback: Place | None, report: bool, companion: bool = False
) -> Mention:
    """The incident's mention; ``fallback`` is the place of an incident told with it (when
    ``companion``), which comes before the story's, else where the source is, which comes after."""
    value, precision, text, dated = dated_as
    tellings = sorted(incident.tellings, key=lambda t: (t.part == "headline", t.sentence))
    first = tellings[0]
    place = fallback if companion and fallback is not None else _place(tellings, fallback, report)
    evidence: list[EvidenceSpan] = []
    seen: set[tuple[str, int, int]] = set()
    for telling in tellings:
        for span in telling.mention.evidence:
            if span.field in ("date",) and telling is not dated:
                continue
            if span.field == "place" and not _same_place(telling.mention.place, place):
                continue
            key = (span.field, span.start, span.end)
            if key not in seen:
                seen.add(key)
                evidence.append(span)
    return replace(
        first.mention,
        date=value,
        date_text=text,
        date_precision=precision,
        place=place,
        perpetrator=next((t.mention.perpetrator for t in tellings if t.mention.perpetrator), None),
        victims=next(
            (t.mention.victims for t in tellings if t.mention.victims.count is not None), first.mention.victims
        ),  # fmt: skip
        relation=next((t.mention.relation for t in tellings if t.mention.relation != "unknown"), "unknown"),
        evidence=tuple(evidence),
        main=not incident.background,
    )


def _same_place(a: Place, b: Place) -> bool:
    return _has_place(a) and _places_agree(a, b)


def _place(tellings: list[Telling], source_place: Place | None, report: bool) -> Place:
    """The most precise place a telling states, else the story's place, else the source's.

    In a report every telling is of the one event, so the most precise story place among
    them counts; in a testimony, the story's place at the first telling.
    """
    own = _own_place(tellings)
    if own is not None:
        return own
    story = [t.story_place for t in (tellings if report else tellings[:1])
             if t.story_place is not None and _has_place(t.story_place)]  # fmt: skip
    if story:
        return max(story, key=lambda p: (p.county_or_city is not None, p.site is not None))
    return source_place or Place()
