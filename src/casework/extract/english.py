"""English testimony -> incident mentions, sentence by sentence, with evidence spans.

The method is deliberately transparent, so that a researcher can see why a field has
its value: each sentence is searched for incident cues (:mod:`.types`); a cue that is
negated, hypothetical or only refers back to an incident already told ("since the
arrests") is dropped; the remaining cues become mentions whose date, place,
perpetrator and victims come from the same sentence when it states them, and from
the running context of the testimony (the last date and place stated) when it does
not. A sentence that only continues the previous incident (same type, no new date)
adds evidence to it instead of making a new mention.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field
from datetime import date
from typing import TypeVar

from casework.extract.counts import CountMatch, find_victims
from casework.extract.dates import DateMatch, anchor_year, find_dates, iso
from casework.extract.relation import relation_of
from casework.extract.sentences import Sentence, reporting_frame_end, split_sentences
from casework.extract.statements import CLAUSE_END, HEDGES, QUOTED, Spans, choose_cues, stated_cues
from casework.extract.types import Trigger, find_triggers
from casework.gazetteer import OrganMatch, PlaceMatch, SiteMatch, load_gazetteer
from casework.gazetteer.names import fold
from casework.gazetteer.organs import STATE_SECURITY
from casework.model import DatePrecision, EvidenceSpan, Mention, Place, Victims

__all__ = ["extract_english"]

_T = TypeVar("_T")

_BY = re.compile(r"\bby\s+(?:the\s+)?(?:\w+\s+)?$", re.IGNORECASE)
_UNTIL = re.compile(r"(?:until|till|to)\b", re.IGNORECASE)
_HEARSAY = re.compile(r"\b(?:heard|rumou?r\w*|accused|believed?|suspected|supposedly)\b", re.IGNORECASE)
_SETTING = re.compile(r"\b(?:in|at|near)\s+(?:the\s+)?(?:city\s+of\s+)?$", re.IGNORECASE)
_NOT_THERE = re.compile(
    r"\b(?:other than|except|except for|outside of|apart from|not in)\s+(?:the\s+)?$", re.IGNORECASE
)
_FOREIGN = re.compile(
    r"\b(?:in|at|near|outside) (?:the )?(?:city of )?"
    r"(?P<name>China|Shenyang|Yanji|Dandong|Tumen(?! River)|Changbai|Dalian|Beijing|Hunchun|Helong|Longjing|Jilin|"
    r"Laos|Thailand|Vietnam|Russia|Vladivostok|Mongolia)\b"
)
_CHINESE_CITIES = {"Shenyang", "Yanji", "Dandong", "Tumen", "Changbai", "Dalian", "Beijing", "Hunchun", "Helong"}
_CHINESE_CITIES |= {"Longjing", "Jilin"}
_PLUPERFECT = re.compile(
    r"\bhad (?:already )?(?:been )?(?:caught|arrested|detained|taken|picked up|seized|sent|sentenced|held)\b",
    re.IGNORECASE,
)
_SENT_TO = re.compile(
    r"\b(?:sent|taken|transferred|moved|held|locked up)\s+(?:\w+\s+){0,2}?(?:to|at|in)\s+(?:the\s+)?$", re.I
)
_WATCHING = re.compile(r"\b(?:watch|attend|gathered|crowd|trial|witness)", re.IGNORECASE)


@dataclass
class _Context:
    """What the testimony has established so far: the last date and place it stated."""

    date: DateMatch | None = None
    narrative: DateMatch | None = None
    place: PlaceMatch | None = None
    home: PlaceMatch | None = None
    testimony: str | None = None  # the channel when the text is a desk testimony
    place_sentence: int = -10
    source_place: PlaceMatch | None = None
    source_abroad: bool = False
    background: bool = False
    last: Mention | None = None
    last_sentence: int = -1
    mentions: list[Mention] = field(default_factory=list)
    sentence_of: list[int] = field(default_factory=list)  # the last sentence each mention was told in


def extract_english(
    text: str, received: date | None, body_offset: int = 0, channel: str | None = None
) -> list[Mention]:
    """Mentions in an English testimony; offsets are into ``text``, the whole file.

    Every finder runs once over the body (on its folded form), and its results are
    then handed to the sentences they fall in: fewer passes, and the gazetteer sees
    the whole testimony when it resolves short or ambiguous names.

    Example:
        >>> ms = extract_english("Police arrested two men in Hyesan on the 3rd.", date(2020, 5, 9))
        >>> [(m.type, m.date, m.place.province, m.victims.count) for m in ms]
        [('arrest', '2020-05-03', 'Ryanggang', 2)]
    """
    body = text[body_offset:]
    folded = fold(body)
    gazetteer = load_gazetteer()
    sentences = split_sentences(text, body_offset)
    starts = [sentence.start for sentence in sentences]
    all_sites = [_shift_site(x, body_offset) for x in gazetteer.find_sites(body)]
    found = _Found(
        triggers=_bucket(find_triggers(body, body_offset, folded=folded), starts),
        dates=_bucket(find_dates(body, received, body_offset, folded=folded), starts),
        victims=_bucket(find_victims(body, body_offset, folded=folded), starts),
        places=_bucket(_places_and_sites(body, body_offset, all_sites), starts),
        sites=_bucket(all_sites, starts),
        organs=_bucket(
            [_shift_organ(o, body_offset) for o in gazetteer.find_organs(body, received.year if received else None)],
            starts,
        ),
    )
    context = _Context()
    context.home = next((p for bucket in sorted(found.places) for p in found.places[bucket]), None)
    quoted = Spans.of(QUOTED, body, body_offset)
    clauses = Spans.of(CLAUSE_END, body, body_offset)
    hedges = Spans.of(HEDGES, folded, body_offset)
    first_person = channel in ("interview", "letter")
    context.testimony = channel
    for index, sentence in enumerate(sentences):
        _read_sentence(text, sentence, index, received, first_person, context, found, (quoted, clauses, hedges))
    return context.mentions


@dataclass
class _Found:
    """What the finders found in the body, grouped by sentence index."""

    triggers: dict[int, list[Trigger]]
    dates: dict[int, list[DateMatch]]
    victims: dict[int, list[CountMatch]]
    places: dict[int, list[PlaceMatch]]
    organs: dict[int, list[OrganMatch]]
    sites: dict[int, list[SiteMatch]]


def _bucket(items: list[_T], starts: list[int]) -> dict[int, list[_T]]:
    out: dict[int, list[_T]] = {}
    for item in items:
        index = bisect.bisect_right(starts, item.start) - 1  # type: ignore[attr-defined]
        out.setdefault(index, []).append(item)
    return out


def _read_sentence(
    text: str,
    sentence: Sentence,
    index: int,
    received: date | None,
    first_person: bool,
    context: _Context,
    found: _Found,
    structure: tuple[Spans, Spans, Spans],
) -> None:
    start = _frame_start(sentence)
    content = text[start : sentence.end]
    in_frame = [p for p in found.places.get(index, []) if p.start < start]
    if in_frame and not first_person:
        context.source_place = in_frame[0]
    elif not first_person and start > sentence.start and _FOREIGN.search(text, sentence.start, start):
        context.source_abroad = True
    dates = []
    narrative = context.narrative
    for found_date in found.dates.get(index, []):
        if found_date.start < start or (found_date.value is None and not found_date.anaphoric):
            continue
        dates.append(anchor_year(found_date, narrative))
        if found_date.year_given:
            narrative = found_date
    own_dates = [d for d in dates if not d.anaphoric and d.value is not None]
    places = found.places.get(index, [])
    sites = [x for x in found.sites.get(index, []) if x.start >= start]
    triggers = [t for t in found.triggers.get(index, []) if t.start >= start and t.end <= sentence.end]
    triggers += [
        Trigger("detention", x.start, x.end, x.text)
        for x in sites
        if _SENT_TO.search(text, max(start, x.start - 40), x.start)
    ]
    background = bool((triggers or own_dates) and _PLUPERFECT.search(content))
    context.background = background
    if triggers:
        victims = [v for v in found.victims.get(index, []) if v.start >= start]
        triggers = stated_cues(
            text, content, start, sentence.end, triggers, dates, places, victims, background, structure
        )
        if triggers:
            organs = [o for o in found.organs.get(index, []) if o.start >= start]
            foreign = _FOREIGN.search(content)
            for trigger in choose_cues(triggers):
                _add_mention(text, sentence, index, trigger, dates, places, organs, sites, victims, foreign, received,
                             first_person, context)  # fmt: skip
    _update_context(text, content, index, own_dates, places, background, context)


def _update_context(
    text: str,
    content: str,
    index: int,
    own_dates: list[DateMatch],
    places: list[PlaceMatch],
    background: bool,
    context: _Context,
) -> None:
    """After a sentence: the date and place the story has now reached."""
    starting = [d for d in own_dates if not _UNTIL.match(d.text)]
    if starting and not background:
        context.date = starting[0]
    for own in own_dates:
        if own.year_given and not background:
            context.narrative = own
    setting = [p for p in places if _SETTING.search(text, max(0, p.start - 12), p.start)]
    if setting and context.last_sentence != index and _HEARSAY.search(content):
        setting = []  # "later we heard it was a village in South Hamgyong": not where the story is
    scene = [p for p in places if _not_origin(text, p, "")]
    if setting or (scene and context.last_sentence == index):
        context.place = (setting or scene)[-1]
        context.place_sentence = index


def _nearest(items: list, at: int) -> object | None:  # type: ignore[type-arg]
    return min(items, key=lambda item: abs(item.start - at), default=None)


def _add_mention(
    text: str,
    sentence: Sentence,
    index: int,
    trigger: Trigger,
    dates: list[DateMatch],
    places: list[PlaceMatch],
    organs: list[OrganMatch],
    sites: list[SiteMatch],
    victims: list[CountMatch],
    foreign: re.Match[str] | None,
    received: date | None,
    first_person: bool,
    context: _Context,
) -> None:
    own_dates = [d for d in dates if not d.anaphoric]
    target = None if own_dates else _continued(context, index, trigger.type, sentence.text)
    if target is not None:
        previous = context.mentions[target]
        merged = Mention(**{**previous.__dict__, "evidence": (*previous.evidence, _span(text, "incident", sentence))})
        context.mentions[target] = merged
        context.last = merged
        context.last_sentence = index
        context.sentence_of[target] = index
        return

    evidence: list[EvidenceSpan] = [
        _span(text, "incident", sentence),
        _evidence(text, "type", trigger.start, trigger.end),
    ]
    date_match = _nearest([d for d in dates if not _UNTIL.match(d.text)] or dates, trigger.start)
    date_value: str | None
    date_text: str | None = None
    precision: DatePrecision | None
    if isinstance(date_match, DateMatch) and date_match.value is not None:
        date_value, precision, date_text = date_match.iso, date_match.precision, date_match.text
        evidence.append(_evidence(text, "date", date_match.start, date_match.end))
    elif isinstance(date_match, DateMatch) and context.date is not None:
        date_value, precision, date_text = context.date.iso, context.date.precision, date_match.text
        evidence.append(_evidence(text, "date", date_match.start, date_match.end))
    elif context.date is not None and context.background and context.date.value is not None:
        # Told in the pluperfect: it happened before the story's time, how long before is not said.
        date_value, precision = iso(context.date.value, "year"), "year"
    elif context.date is not None:
        date_value, precision = context.date.iso, context.date.precision
    elif received is not None:
        date_value, precision = iso(received, "year"), "year"
    else:
        date_value, precision = None, None

    place = _place(text, trigger.type, places, foreign, context, evidence, index)
    perpetrator = None
    organ = _agent(text, organs, trigger)
    if organ is not None:
        perpetrator = organ.perpetrator or (STATE_SECURITY if organ.organ_id == "mss_ambiguous" else None)
        if perpetrator:
            evidence.append(_evidence(text, "perpetrator", organ.start, organ.end))
    if perpetrator is None and trigger.type == "detention":
        perpetrator = _keeper(text, sites, trigger, evidence)
    victim = _nearest(victims, trigger.start)
    count = Victims()
    if isinstance(victim, CountMatch):
        count = Victims(victim.count, victim.text, victim.text)
        evidence.append(_evidence(text, "victims", victim.start, victim.end))
    relation = relation_of(sentence.text, first_person)
    if relation == "unknown" and (
        _relayed(context.source_place, place) or (context.source_abroad and place.province is not None)
    ):
        relation = "second-hand"
    evidence.append(_evidence(text, "relation", sentence.start, sentence.end))
    mention = Mention(
        type=trigger.type,
        date=date_value,
        date_text=date_text,
        date_precision=precision,
        place=place,
        perpetrator=perpetrator,
        victims=count,
        relation=relation,
        evidence=tuple(evidence),
    )
    context.mentions.append(mention)
    context.sentence_of.append(index)
    context.last = mention
    context.last_sentence = index


def _agent(text: str, organs: list[OrganMatch], trigger: Trigger) -> OrganMatch | None:
    """Who acted: "by X" after the cue, else the nearest organ before it (the subject), else after.

    Those who are told to act ("the bowibu told inminban heads to ...") are named
    after the agent, so an inminban head counts only when no other organ is named.
    """
    acting = [o for o in organs if o.perpetrator or o.organ_id == "mss_ambiguous"]
    principal = [o for o in acting if o.perpetrator != "Inminban head"] or acting
    by = [o for o in principal if o.start >= trigger.end and _BY.search(text, max(0, o.start - 8), o.start)]
    if by:
        return by[0]
    before = [o for o in principal if o.end <= trigger.start]
    if before:
        return before[-1]
    after = [o for o in principal if o.start >= trigger.start]
    return after[0] if after else None


def _keeper(text: str, sites: list[SiteMatch], trigger: Trigger, evidence: list[EvidenceSpan]) -> str | None:
    """A sentence to a facility without a named agent: the court sentences, the facility's organ holds."""
    if trigger.text.lower().startswith("sentenced"):
        return "Court"
    site = _nearest(sites, trigger.start)
    if isinstance(site, SiteMatch) and site.perpetrator:
        evidence.append(_evidence(text, "perpetrator", site.start, site.end))
        return site.perpetrator
    return None


def _continued(context: _Context, index: int, kind: str, sentence: str) -> int | None:
    """The mention this sentence goes on telling: same type, told in the last two sentences.

    Forced attendance at an execution belongs to the execution.
    """
    for position in range(len(context.mentions) - 1, -1, -1):
        told = context.sentence_of[position]
        if told < index - _CONTINUATION:
            break
        if told == index:
            continue
        candidate = context.mentions[position].type
        if candidate == kind or (
            candidate == "execution" and kind == "forced_labour_or_mobilisation" and _WATCHING.search(sentence)
        ):
            return position
    return None


def _relayed(source: PlaceMatch | None, place: Place) -> bool:
    """A source in one county telling of an incident in another is passing on what they heard."""
    if source is None or place.province is None:
        return False
    if source.level == "site" or source.province != place.province:
        return source.province is not None
    return None not in (source.county_or_city, place.county_or_city) and source.county_or_city != place.county_or_city


def _place(
    text: str,
    kind: str,
    places: list[PlaceMatch],
    foreign: re.Match[str] | None,
    context: _Context,
    evidence: list[EvidenceSpan],
    index: int,
) -> Place:
    """The sentence's own place, else a foreign place, else where the testimony is set."""
    excluded = [p for p in places if _NOT_THERE.search(text, max(0, p.start - 16), p.start)]
    places = [p for p in places if p not in excluded]
    if excluded and not places:
        return Place()  # "in places other than Pyongyang": somewhere, not there
    located = [p for p in places if _not_origin(text, p, kind)]
    recent = context.testimony is None or index - context.place_sentence <= _RECENT
    fallback = context.place if recent else context.home
    if not located and foreign is None and fallback is not None:
        places = []  # only where victims came from ("a young man from Hungnam"): the scene stays where it was
    if places and (located or foreign is None or kind == "forced_repatriation"):
        best = max(located or places, key=lambda p: (p.county_or_city is not None, -p.start))
        evidence.append(_evidence(text, "place", best.start, best.end))
        county = best.county_or_city
        if county is None and context.place is not None and context.place.province == best.province:
            county = context.place.county_or_city
        return Place(best.province, county)
    if foreign is not None and kind != "forced_repatriation":
        name = foreign.group("name")
        return Place(None, None, f"{name}, China" if name in _CHINESE_CITIES else name)
    if fallback is not None:
        return Place(fallback.province, fallback.county_or_city)
    return Place()


# A place named this many sentences back still sets the scene; further back, the
# place where a testimony is set (its first place) is the better guess. A text that
# is not a desk testimony (an article: no header, no channel) moves between places
# and sources, so there the last place named is kept however far back.
_RECENT = 2
_CONTINUATION = 2


def _not_origin(text: str, place: PlaceMatch, kind: str) -> bool:
    """False for "a woman from Hoeryong": where victims come from is not where it happened."""
    if kind in ("punishment_of_family", "forced_repatriation"):
        return True
    return not text[max(0, place.start - 5) : place.start].lower().endswith("from ")


def _places_and_sites(body: str, offset: int, sites: list[SiteMatch]) -> list[PlaceMatch]:
    """Places, and detention sites whose place is known (Jongo-ri is in Hoeryong)."""
    places = [_shift_place(p, offset) for p in load_gazetteer().find_places(body)]
    taken = Spans([p.start for p in places], [p.end for p in places])
    for site in sites:
        if site.province is None or taken.overlaps(site.start, site.end):
            continue
        places.append(
            PlaceMatch(
                site.start, site.end, site.text, site.site_id, "site", site.province, site.county_or_city, None, None
            )
        )
    return sorted(places, key=lambda p: p.start)


@functools.lru_cache(maxsize=256)
def _frame_start(sentence: Sentence) -> int:
    """Where a sentence's reported content starts (cached: asked for every mention and merge)."""
    return sentence.start + reporting_frame_end(sentence.text)


def _span(text: str, name: str, sentence: Sentence) -> EvidenceSpan:
    start = _frame_start(sentence)
    end = sentence.end
    while end > start and text[end - 1] in ".!?\"”’' ":
        end -= 1
    return _evidence(text, name, start, end)


def _evidence(text: str, name: str, start: int, end: int) -> EvidenceSpan:
    return EvidenceSpan(name, start, end, text[start:end])


def _shift_place(match: PlaceMatch, offset: int) -> PlaceMatch:
    return PlaceMatch(
        match.start + offset, match.end + offset, match.text, match.admin_id, match.level, match.province,
        match.county_or_city, match.lat, match.lon,
    )  # fmt: skip


def _shift_site(match: SiteMatch, offset: int) -> SiteMatch:
    return SiteMatch(
        match.start + offset, match.end + offset, match.text, match.site_id, match.name, match.province,
        match.county_or_city, match.perpetrator,
    )  # fmt: skip


def _shift_organ(match: OrganMatch, offset: int) -> OrganMatch:
    return OrganMatch(match.start + offset, match.end + offset, match.text, match.organ_id, match.perpetrator)
