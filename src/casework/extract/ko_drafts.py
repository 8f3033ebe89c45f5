"""Mentions being assembled from Korean clauses, merged when they tell one incident.

A report tells an incident in several clauses ("공개총살됐다 ... 총살을 집행했다 ...
총소리가 나자"). A new clause of the same type joins the last mention of that type
unless it states a different date or place of its own; a date or place carried
over from the story never separates two clauses, and an explicit one replaces a
carried-over one when the clauses merge.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from casework.extract.ko_counts import KoreanCount
from casework.extract.ko_dates import KoreanDate, Resolved
from casework.extract.ko_places import KoreanOrgan, KoreanPlace
from casework.model import EvidenceSpan, Mention, Place, Victims

__all__ = ["Draft", "Drafts"]


@dataclass
class Draft:
    """A mention being assembled; ``explicit_date`` is False for a date carried over from the story.

    ``implied_perpetrator`` is the actor the incident type itself implies when no
    organ is named (a forced repatriation from China is carried out by Chinese police).
    """

    type: str
    date: Resolved | None
    date_span: KoreanDate | None
    explicit_date: bool
    place: KoreanPlace | None
    fallback_place: Place | None
    organ: KoreanOrgan | None
    count: KoreanCount | None
    relation: str
    relation_span: tuple[int, int] | None
    evidence: list[tuple[str, int, int]] = field(default_factory=list)
    implied_perpetrator: str | None = None
    separate: bool = False
    trial: bool = False
    background: bool = False
    headline: bool = False

    def compatible(self, other: Draft, county: bool = True) -> bool:
        """Whether ``other`` can be more of this incident: no conflicting explicit date or place.

        Dates conflict unless equal or one plainly holds the other: a lead's "올해" and
        the body's "3월" tell one incident at two precisions, but "그해 여름" is not
        "2017년 1월" although both fall in 2017.
        """
        if self.explicit_date and other.explicit_date and self.date and other.date:
            if not (_holds(self, other) or _holds(other, self)):
                return False
        if self.place is not None and other.place is not None:
            a, b = self.place, other.place
            if a.foreign or b.foreign:
                return a.foreign == b.foreign
            if a.province != b.province:
                return False
            if county and a.county_or_city and b.county_or_city and a.county_or_city != b.county_or_city:
                return False
        return True

    def absorb(self, other: Draft) -> None:
        """Take ``other``'s evidence, and the fields it states that this mention lacks."""
        self.evidence.extend(other.evidence)
        self.background = self.background and other.background
        if (other.explicit_date and not self.explicit_date) or (self.date is None and other.date is not None):
            self.date, self.date_span, self.explicit_date = other.date, other.date_span, other.explicit_date
        if self.place is None and other.place is not None:
            self.place, self.fallback_place = other.place, None
        elif _narrows(self.place, other.place):
            self.place = other.place  # "함경북도에서" and the headline's "청진서": the city says more
        elif self.place is None and self.fallback_place is None:
            self.fallback_place = other.fallback_place
        if self.organ is None:
            self.organ = other.organ
        if self.count is None:
            self.count = other.count
        if self.relation == "unknown" and other.relation != "unknown":
            self.relation, self.relation_span = other.relation, other.relation_span

    def to_mention(self, text: str) -> Mention:
        """The finished mention, with one evidence span per field that has words behind it."""
        extra: list[tuple[str, int, int]] = []
        if self.date_span is not None and self.explicit_date:
            extra.append(("date", self.date_span.start, self.date_span.end))
        if self.place is not None:
            extra.append(("place", self.place.start, self.place.end))
        if self.organ is not None:
            extra.append(("perpetrator", self.organ.start, self.organ.end))
        if self.count is not None:
            extra.append(("victims", self.count.start, self.count.end))
        if self.relation_span is not None:
            extra.append(("relation", *self.relation_span))
        spans: list[tuple[str, int, int]] = []
        seen: set[tuple[str, int, int]] = set()
        for item in (*self.evidence, *extra):
            if item not in seen and item[1] < item[2]:
                seen.add(item)
                spans.append(item)
        if self.place is not None:
            place = Place(self.place.province, self.place.county_or_city, self.place.site)
        else:
            place = self.fallback_place or Place()
        count = self.count
        description = None
        if count is not None and count.text:
            noun = count.text.split(" ")[0]
            description = noun if not noun[0].isdigit() and noun != count.text else None
        return Mention(
            type=self.type,
            date=self.date.iso if self.date else None,
            date_text=self.date_span.text if self.date_span is not None and self.explicit_date else None,
            date_precision=self.date.precision if self.date else None,
            place=place,
            perpetrator=self.organ.perpetrator if self.organ else self.implied_perpetrator,
            victims=Victims(count.count if count else None, (count.text or None) if count else None, description),
            relation=self.relation,
            evidence=tuple(EvidenceSpan(name, s, e, text[s:e]) for name, s, e in spans),
            main=not self.background,
        )


def _narrows(place: KoreanPlace | None, other: KoreanPlace | None) -> bool:
    """Whether ``other`` names a city or county inside the province that ``place`` names alone."""
    return (
        place is not None
        and other is not None
        and not place.foreign
        and place.county_or_city is None
        and other.province == place.province
        and other.county_or_city is not None
    )


def _last_day(resolved: Resolved) -> date:
    """The last day a resolved date can denote."""
    if resolved.precision == "year":
        return resolved.first.replace(month=12, day=31)
    if resolved.precision == "month":
        return (resolved.first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    return resolved.first


def _holds(wide: Draft, narrow: Draft) -> bool:
    """Whether ``wide``'s date holds ``narrow``'s and says no more than its year or month (no season)."""
    if wide.date is None or narrow.date is None or not wide.date.contains(narrow.date):
        return True if wide.date == narrow.date else False
    return wide.date_span is None or "season" not in wide.date_span.kind


class Drafts:
    """The mentions of one testimony so far, with the last one of each type at hand."""

    def __init__(self) -> None:
        self.items: list[Draft] = []
        self._last: dict[str, Draft] = {}

    def last(self, type_: str) -> Draft | None:
        return self._last.get(type_)

    def add(self, draft: Draft) -> None:
        """Merge into the last mention of the same type when compatible, else start a new one."""
        target = self._last.get(draft.type)
        if target is not None and target.headline and not draft.headline and not draft.separate:
            # A headline compresses the article ("삼지연 방문에 … 주민 체포"): the article's
            # clause tells the incident, the headline only fills what it leaves out.
            if target.compatible(draft, county=False):
                draft.absorb(target)
                self.items = [draft if item is target else item for item in self.items]
                self._last[draft.type] = draft
                return
        if target is not None and not draft.separate and target.compatible(draft):
            target.absorb(draft)
            return
        self.items.append(draft)
        self._last[draft.type] = draft

    def mark_earlier_years(self, ref: date | None) -> None:
        """Incidents over a year before the report are background when the report also tells a recent one."""
        if ref is None:
            return
        year_ago = ref - timedelta(days=365)
        dated = [(d, d.date) for d in self.items if d.explicit_date and d.date is not None]
        if any(resolved.first > year_ago for _, resolved in dated):
            for draft, resolved in dated:
                if _last_day(resolved) < year_ago:
                    draft.background = True

    def settle_trials(self) -> None:
        """A public trial whose outcome is told is that outcome's evidence; one without an outcome stays ``other``."""
        outcomes = [d for d in self.items if d.type in ("execution", "detention")]
        kept: list[Draft] = []
        for draft in self.items:
            outcome = next((o for o in outcomes if o.compatible(draft)), None) if draft.trial else None
            if outcome is None:
                kept.append(draft)
            else:
                outcome.evidence.extend(draft.evidence)
                if outcome.place is None and draft.place is not None:
                    outcome.place, outcome.fallback_place = draft.place, None  # "재판은 평성시에서 열렸다"
                if not outcome.explicit_date and draft.explicit_date:
                    outcome.date, outcome.date_span, outcome.explicit_date = draft.date, draft.date_span, True
        self.items = kept
