"""A desk's testimonies, mentions and incidents as :class:`SearchRecord` rows.

Pure: it is given what the store returned and builds records; it reads nothing itself.
A mention is searched by its evidence (the words of the testimony each field came
from) and its fields; a testimony by its metadata, its mentions' evidence and, when
the caller could read it, its text; an incident by all of its mentions.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from casework.model import Incident, Mention

from .index import SearchRecord


@dataclass(frozen=True)
class TestimonyFacts:
    """What the index needs to know of a testimony (metadata only; text separately)."""

    testimony_id: str
    source: str
    received: date | None
    language: str | None
    list_name: str | None
    channel: str | None


def mention_words(mention: Mention) -> str:
    """The words a mention is found by: its evidence quotes and its fields."""
    parts = [span.text for span in mention.evidence]
    parts += [mention.type.replace("_", " "), mention.date_text or "", mention.perpetrator or ""]
    parts += [mention.place.province or "", mention.place.county_or_city or "", mention.place.site or ""]
    parts += [mention.victims.description or "", mention.victims.count_text or ""]
    parts += [mention.mention_id or "", mention.testimony or "", mention.source or ""]
    return " ".join(p for p in parts if p)


def mention_title(mention: Mention) -> str:
    """One line naming a mention by its fields (never quoting the testimony)."""
    place = ", ".join(p for p in (mention.place.site, mention.place.county_or_city, mention.place.province) if p)
    return " · ".join(p for p in (mention.type.replace("_", " "), mention.date or "", place) if p)


def desk_records(
    mentions: Sequence[tuple[Mention, str]],
    testimonies: Sequence[TestimonyFacts],
    incidents: Sequence[Incident],
    texts: Mapping[str, str] | None = None,
) -> list[SearchRecord]:
    """Every record of a desk, ready for :class:`~casework.search.index.SearchIndex`.

    Args:
        mentions: each stored mention with its review status.
        testimonies: metadata of every testimony version.
        incidents: the current incidents.
        texts: testimony texts by id, for roles that may read them; None to search metadata and evidence only.
    """
    by_testimony = {t.testimony_id: t for t in testimonies}
    incident_of: dict[str, Incident] = {}
    for incident in incidents:
        for mention_id in incident.mentions:
            incident_of[mention_id] = incident
    words_of_testimony: dict[str, list[str]] = defaultdict(list)
    by_id: dict[str, tuple[Mention, str]] = {}
    records: list[SearchRecord] = []
    for mention, status in mentions:
        mention_id = mention.mention_id or ""
        by_id[mention_id] = (mention, status)
        facts = by_testimony.get(mention.testimony or "")
        grade = incident_of[mention_id].grade if mention_id in incident_of else None
        words = mention_words(mention)
        words_of_testimony[mention.testimony or ""].append(words)
        records.append(
            SearchRecord(
                kind="mention",
                record_id=mention_id,
                title=mention_title(mention),
                text=words,
                facets={
                    "type": mention.type,
                    "province": mention.place.province,
                    "source": mention.source or (facts.source if facts else None),
                    "list": facts.list_name if facts else None,
                    "grade": grade,
                    "status": status,
                    "language": facts.language if facts else None,
                },
                date=mention.date,
            )
        )
    for facts in testimonies:
        text = (texts or {}).get(facts.testimony_id, "")
        own = [facts.testimony_id, facts.source, facts.channel or "", *words_of_testimony.get(facts.testimony_id, ())]
        records.append(
            SearchRecord(
                kind="testimony",
                record_id=facts.testimony_id,
                title=" · ".join(p for p in (facts.source, str(facts.received or ""), facts.list_name or "") if p),
                text=" ".join([*own, text]),
                facets={"source": facts.source, "list": facts.list_name, "language": facts.language},
                date=facts.received.isoformat() if facts.received else None,
            )
        )
    for incident in incidents:
        records.append(_incident_record(incident, [by_id[m] for m in incident.mentions if m in by_id], by_testimony))
    return records


def _incident_record(
    incident: Incident, members: Iterable[tuple[Mention, str]], by_testimony: Mapping[str, TestimonyFacts]
) -> SearchRecord:
    members = list(members)
    types = Counter(m.type for m, _ in members)
    dates = sorted(m.date for m, _ in members if m.date)
    provinces = sorted({m.place.province for m, _ in members if m.place.province})
    facts = [by_testimony[m.testimony] for m, _ in members if m.testimony is not None and m.testimony in by_testimony]
    main_type = types.most_common(1)[0][0] if types else None
    title = " · ".join(
        p for p in ((main_type or "").replace("_", " "), dates[0] if dates else "", ", ".join(provinces)) if p
    )
    return SearchRecord(
        kind="incident",
        record_id=incident.incident_id,
        title=title,
        text=" ".join([incident.incident_id, *(mention_words(m) for m, _ in members)]),
        facets={
            "type": sorted(types),
            "province": provinces,
            "source": sorted(set(incident.sources) | {m.source for m, _ in members if m.source}),
            "list": sorted({f.list_name for f in facts if f.list_name}),
            "grade": incident.grade,
            "status": sorted({status for _, status in members}),
            "language": sorted({f.language for f in facts if f.language}),
        },
        date=dates[0] if dates else None,
    )
