"""The vocabulary of Casework: sources, testimonies, mentions, incidents.

These are plain frozen dataclasses shared by every pipeline stage. Stages pass
them along; only :mod:`casework.store` persists them. ``Mention.to_json`` is the
extraction contract that ``casework extract --text`` prints and evaluation scripts
read, so its keys must not change casually.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, Literal

__all__ = [
    "CHANNELS",
    "ESTIMATE_STRATA",
    "GRADES",
    "INCIDENT_TYPES",
    "LINK_ENGINES",
    "RELATIONS",
    "ROLES",
    "ReviewState",
    "DatePrecision",
    "EvidenceSpan",
    "Incident",
    "Mention",
    "Place",
    "Source",
    "SourceIdentity",
    "Testimony",
    "Victims",
    "replace",
]

INCIDENT_TYPES: tuple[str, ...] = (
    "arrest",
    "detention",
    "disappearance",
    "execution",
    "torture_or_ill_treatment",
    "forced_labour_or_mobilisation",
    "surveillance",
    "forced_repatriation",
    "extortion_or_bribery",
    "punishment_of_family",
    "other",
)
RELATIONS: tuple[str, ...] = ("first-hand", "second-hand", "unknown")
CHANNELS: tuple[str, ...] = ("phone", "interview", "letter", "messaging")
ROLES: tuple[str, ...] = ("admin", "analyst", "source_handler", "reader")
GRADES: tuple[str, ...] = ("single-source", "corroborated", "well-corroborated", "contested")
# Named here, with the vocabulary, so that the CLI can offer them without loading Splink or statsmodels.
LINK_ENGINES: tuple[str, ...] = ("duckdb", "spark")
ESTIMATE_STRATA: tuple[str, ...] = ("type", "year", "period", "province", "region")

DatePrecision = Literal["day", "month", "year"]


@dataclass(frozen=True)
class EvidenceSpan:
    """Where a field's value came from: ``[start, end)`` into the testimony text as read."""

    field: str
    start: int
    end: int
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"field": self.field, "start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True)
class Place:
    """A place resolved against the gazetteer, with canonical English names."""

    province: str | None = None
    county_or_city: str | None = None
    site: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"province": self.province, "county_or_city": self.county_or_city, "site": self.site}


@dataclass(frozen=True)
class Victims:
    """Who suffered: the count as said, as a number, and a short description."""

    count: int | None = None
    count_text: str | None = None
    description: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"count": self.count, "count_text": self.count_text, "description": self.description}


@dataclass(frozen=True)
class Mention:
    """One incident as described in one testimony, with evidence for its fields.

    ``date`` is ISO at the precision the text allows (``YYYY-MM-DD``, ``YYYY-MM``,
    ``YYYY``) or ``None``; a day is never invented. ``main`` is False for an incident
    the text mentions only in passing (background to the story it tells), so that a
    report is matched to others by what it is about.
    """

    type: str
    date: str | None = None
    date_text: str | None = None
    date_precision: DatePrecision | None = None
    place: Place = field(default_factory=Place)
    perpetrator: str | None = None
    victims: Victims = field(default_factory=Victims)
    relation: str = "unknown"
    evidence: tuple[EvidenceSpan, ...] = ()
    testimony: str | None = None
    mention_id: str | None = None
    source: str | None = None
    depends_on: str | None = None
    main: bool = True

    def to_json(self) -> dict[str, Any]:
        """The extraction contract (plus ids when known)."""
        out: dict[str, Any] = {
            "testimony": self.testimony,
            "type": self.type,
            "date": self.date,
            "date_text": self.date_text,
            "date_precision": self.date_precision,
            "place": self.place.to_json(),
            "perpetrator": self.perpetrator,
            "victims": self.victims.to_json(),
            "relation": self.relation,
            "evidence": [e.to_json() for e in self.evidence],
            "main": self.main,
        }
        if self.mention_id is not None:
            out["mention"] = self.mention_id
        if self.source is not None:
            out["source"] = self.source
        if self.depends_on is not None:
            out["depends_on"] = self.depends_on
        return out

    @classmethod
    def from_json(cls, obj: dict[str, Any]) -> Mention:
        """Build from the contract's JSON; ``evidence`` may be dicts or plain strings."""
        place = obj.get("place") or {}
        victims = obj.get("victims") or {}
        spans: list[EvidenceSpan] = []
        for ev in obj.get("evidence") or ():
            if isinstance(ev, dict):
                spans.append(
                    EvidenceSpan(str(ev.get("field", "incident")), int(ev["start"]), int(ev["end"]), str(ev["text"]))
                )
        date_value = obj.get("date")
        precision = obj.get("date_precision")
        if precision is None and isinstance(date_value, str):
            precision = {10: "day", 7: "month", 4: "year"}.get(len(date_value))
        return cls(
            type=str(obj["type"]),
            date=date_value,
            date_text=obj.get("date_text"),
            date_precision=precision,
            place=Place(place.get("province"), place.get("county_or_city"), place.get("site")),
            perpetrator=obj.get("perpetrator"),
            victims=Victims(victims.get("count"), victims.get("count_text"), victims.get("description")),
            relation=str(obj.get("relation") or "unknown"),
            evidence=tuple(spans),
            testimony=obj.get("testimony"),
            mention_id=obj.get("mention"),
            source=obj.get("source"),
            depends_on=obj.get("depends_on"),
            main=obj.get("main") is not False,
        )


@dataclass(frozen=True)
class Source:
    """A person who gives testimony, as analysts see them: a pseudonym only."""

    pseudonym: str


@dataclass(frozen=True)
class SourceIdentity:
    """Who a source really is. Lives only in the separately keyed identity compartment."""

    pseudonym: str
    name: str | None = None
    contact: str | None = None
    notes: str | None = None


@dataclass(frozen=True)
class Testimony:
    """One report from one source, exactly as received; corrections are new versions.

    A published report also has ``published`` (``YYYY-MM-DD`` or ``YYYY-MM``),
    ``url`` and, for a re-report, ``depends_on``: the outlet (a source pseudonym)
    whose story it retells.
    """

    testimony_id: str
    source: str
    text: str
    sha256: str
    received: date | None = None
    channel: str | None = None
    language: str | None = None
    list_name: str | None = None
    filename: str | None = None
    version: int = 1
    supersedes: str | None = None
    published: str | None = None
    url: str | None = None
    depends_on: str | None = None


@dataclass(frozen=True)
class Incident:
    """A real event: the mentions that describe it and how well it is supported."""

    incident_id: str
    mentions: tuple[str, ...]
    grade: str = "single-source"
    sources: tuple[str, ...] = ()
    independent_sources: int = 0
    first_hand: int = 0
    flags: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReviewState:
    """How much of an incident a person has confirmed.

    ``mentions_confirmed``: its mentions a reviewer accepted (or corrected);
    ``links``: the links needed to join its mentions (one fewer than the mentions);
    ``links_confirmed``: how many of those a reviewer's "same incident" decisions
    supply. An incident is *reviewed* when a person confirmed all of both.
    """

    mentions: int
    mentions_confirmed: int
    links: int
    links_confirmed: int

    @property
    def reviewed(self) -> bool:
        return self.mentions_confirmed == self.mentions and self.links_confirmed == self.links
