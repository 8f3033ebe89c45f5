"""English testimony and reports -> incident mentions, with evidence spans.

The method is deliberately transparent, so that a researcher can see why a field has
its value: each sentence is searched for incident cues (:mod:`.types`); a cue that is
negated, hypothetical, generic or only refers back to an incident already told
("since the arrests") is dropped; the remaining cues are *tellings* whose date,
place, perpetrator and victims come from the same sentence when it states them, with
the running context of the text (the last date and place stated) kept beside them.
:mod:`.document` then decides which tellings are one incident and fills in what a
telling does not say from the others and from the story.

Two genres are read: desk testimonies (a header with a ``channel``), told as one
event after another, and published reports (no channel), laid out as a page with a
headline, captions and furniture (:mod:`.layout`) and telling one story several times.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from casework.extract.counts import CountMatch, find_victims
from casework.extract.dates import DateMatch, anchor_year, find_dates, iso
from casework.extract.document import Telling, resolve_incidents
from casework.extract.en_people import Named, find_people, victim_of
from casework.extract.en_places import (
    FOREIGN,
    foreign_place,
    is_metonym,
    is_source_place,
    joined_place,
    not_origin,
    places_and_sites,
)
from casework.extract.layout import PageLayout, read_layout
from casework.extract.relation import relation_of
from casework.extract.sentences import Sentence, reporting_frame_end, split_sentences
from casework.extract.statements import (
    ABROAD_NAME,
    CLAUSE_END,
    HEDGES,
    QUOTED,
    Spans,
    choose_cues,
    refers_back,
    stated_cues,
)
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
_PLUPERFECT = re.compile(
    r"\bhad (?:already )?(?:been )?(?:caught|arrested|detained|taken|picked up|seized|sent|sentenced|held)\b",
    re.IGNORECASE,
)
_SENT_TO = re.compile(
    r"\b(?:sent|taken|transferred|moved|held|locked up)\s+(?:\w+\s+){0,2}?(?:to|at|in)\s+(?:the\s+)?$", re.I
)
_RELATIVE = re.compile(r"\b(?:who|which)\s+(?:was|were|had been|has been|have been)\s+(?:\w+\s+)?$", re.I)
_ONE_NEWLINE = re.compile(r"(?<!\n)\n(?!\n)")
_TRIAL = re.compile(r"\btri(?:al|ed)\b", re.IGNORECASE)
_WATCHING = re.compile(r"\b(?:watch|attend|gathered|crowd|trial|witness)", re.IGNORECASE)
_ANOTHER = re.compile(
    r"\b(?:another|a second|a third|a separate|a further|a different)\s+(?!(?:\w+\s+){0,2}?"
    r"(?:source|official|report|resident who|informant|outlet|newspaper))",
    re.IGNORECASE,
)


@dataclass
class _Context:
    """What the text has established so far: the last date and place it stated."""

    date: DateMatch | None = None
    narrative: DateMatch | None = None
    place: PlaceMatch | None = None
    home: PlaceMatch | None = None
    testimony: str | None = None  # the channel when the text is a desk testimony
    place_sentence: int = -10
    place_people: frozenset[str] = frozenset()  # named people of the incidents told where the place was set
    source_place: PlaceMatch | None = None
    source_abroad: bool = False
    background: bool = False


@dataclass
class _Found:
    """What the finders found in the body, grouped by sentence index."""

    triggers: dict[int, list[Trigger]]
    dates: dict[int, list[DateMatch]]
    victims: dict[int, list[CountMatch]]
    places: dict[int, list[PlaceMatch]]
    organs: dict[int, list[OrganMatch]]
    sites: dict[int, list[SiteMatch]]
    people: dict[int, list[Named]]


def extract_english(
    text: str, received: date | None, body_offset: int = 0, channel: str | None = None
) -> list[Mention]:
    """Mentions in an English text; offsets are into ``text``, the whole file.

    ``channel`` is the desk channel of a testimony (``phone``, ``interview`` ...);
    without one the text is read as a published report.

    Every finder runs once over the body (on its folded form), and its results are
    then handed to the sentences they fall in: fewer passes, and the gazetteer sees
    the whole text when it resolves short or ambiguous names.

    Example:
        >>> ms = extract_english("Police arrested two men in Hyesan on the 3rd.", date(2020, 5, 9))
        >>> [(m.type, m.date, m.place.province, m.victims.count) for m in ms]
        [('arrest', '2020-05-03', 'Ryanggang', 2)]
    """
    body = text[body_offset:]
    folded = _ONE_NEWLINE.sub(" ", fold(body))  # a hard-wrapped line runs on: cues may span it
    gazetteer = load_gazetteer()
    report = channel is None
    page = read_layout(text, body_offset) if report else PageLayout(())
    sentences = _sentences(text, body_offset, page)
    starts = [sentence.start for sentence in sentences]

    def kept(items: list[_T]) -> dict[int, list[_T]]:
        story = [x for x in items if not page.is_furniture(x.start, x.end)]  # type: ignore[attr-defined]
        return _bucket(story, starts)

    all_sites = [_shift_site(x, body_offset) for x in gazetteer.find_sites(body)]
    places = [p for p in places_and_sites(body, body_offset, all_sites) if not is_metonym(text, p)]
    source_places = [p for p in places if report and is_source_place(text, p) and not page.is_furniture(p.start, p.end)]
    found = _Found(
        triggers=kept(find_triggers(body, body_offset, folded=folded)),
        dates=kept(find_dates(body, received, body_offset, folded=folded)),
        victims=kept(find_victims(body, body_offset, folded=folded)),
        places=kept([p for p in places if p not in source_places]),
        sites=kept(all_sites),
        people=kept([_shift_named(n, body_offset) for n in find_people(body)]),
        organs=kept(
            [_shift_organ(o, body_offset) for o in gazetteer.find_organs(body, received.year if received else None)]
        ),
    )
    context = _Context(testimony=channel)
    context.home = next((p for bucket in sorted(found.places) for p in found.places[bucket]), None)
    if source_places:
        context.source_place = source_places[0]
    structure = (Spans.of(QUOTED, body, body_offset), Spans.of(CLAUSE_END, body, body_offset),
                 Spans.of(HEDGES, folded, body_offset))  # fmt: skip
    reader = _Reader(text, received, channel in ("interview", "letter"), report, context, found, structure)
    for index, sentence in enumerate(sentences):
        part = page.part_at(sentence.start)
        if part in ("story", "headline"):
            reader.read(sentence, index, part == "headline")
    source = context.source_place
    return resolve_incidents(
        _without_told_trials(reader.tellings),
        source_place=Place(source.province, source.county_or_city) if report and source else None,
        reach=None if report else _CONTINUATION,
    )


def _without_told_trials(tellings: list[Telling]) -> list[Telling]:
    """A public trial is an incident of its own (``other``) only when the text does not say
    what it ended in: with an execution or a sentence told, it is their occasion."""
    outcomes = any(t.mention.type in ("execution", "detention") for t in tellings)
    if not outcomes:
        return tellings
    return [t for t in tellings if not (t.mention.type == "other" and _TRIAL.search(_cue_text(t)))]


def _cue_text(telling: Telling) -> str:
    return next((span.text for span in telling.mention.evidence if span.field == "type"), "")


def _sentences(text: str, body_offset: int, page: PageLayout) -> list[Sentence]:
    """Sentences of the body; on a page, each line apart and datelines cut off."""
    if not page.lines:
        return split_sentences(text, body_offset)
    out: list[Sentence] = []
    for line in page.lines:
        start = next((e for s, e in page.skipped if s == line.start), line.start)
        for sentence in split_sentences(text[: line.end], start):
            out.append(sentence)
    return out


def _bucket(items: list[_T], starts: list[int]) -> dict[int, list[_T]]:
    out: dict[int, list[_T]] = {}
    for item in items:
        index = bisect.bisect_right(starts, item.start) - 1  # type: ignore[attr-defined]
        out.setdefault(index, []).append(item)
    return out


@dataclass
class _Reader:
    """Reads sentences in order, keeping the context and collecting tellings."""

    text: str
    received: date | None
    first_person: bool
    report: bool
    context: _Context
    found: _Found
    structure: tuple[Spans, Spans, Spans]

    def __post_init__(self) -> None:
        self.tellings: list[Telling] = []

    def read(self, sentence: Sentence, index: int, headline: bool) -> None:
        text, context, found = self.text, self.context, self.found
        start = _frame_start(sentence)
        content = text[start : sentence.end]
        if not self.first_person and start > sentence.start and FOREIGN.search(text, sentence.start, start):
            context.source_abroad = True
        in_frame = [p for p in found.places.get(index, []) if p.start < start]
        if in_frame and not self.first_person and not self.report:
            context.source_place = in_frame[0]
        dates = []
        narrative = context.narrative
        for found_date in found.dates.get(index, []):
            pointing = found_date.anaphoric or found_date.vague
            if found_date.start < start or (found_date.value is None and not pointing):
                continue
            dates.append(anchor_year(found_date, narrative))
            if found_date.year_given and not headline:
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
        if not headline:
            context.background = background
        told = len(self.tellings)
        if triggers:
            victims = [v for v in found.victims.get(index, []) if v.start >= start]
            cues = triggers
            triggers = stated_cues(
                text, content, start, sentence.end, triggers, dates, places, victims, background, self.structure,
                self.report,
            )  # fmt: skip
            referring: set[Trigger] = set()
            if self.report and not headline and (places or dates):
                # "The executions took place in Chongjin": the place (or date) of an incident told before
                referring = {t for t in cues if t not in triggers and refers_back(text, t)}
                referring = {t for t in referring if t.type not in {x.type for x in triggers}}
                triggers = sorted([*triggers, *referring], key=lambda t: (t.start, t.type))
            if triggers:
                organs = [o for o in found.organs.get(index, []) if o.start >= start]
                foreign = FOREIGN.search(content)
                for trigger in choose_cues(triggers, text, self.report):
                    self._tell(
                        sentence, index, trigger, dates, places, organs, sites, victims, foreign, headline,
                        trigger in referring,
                    )  # fmt: skip
        if not headline:
            people = frozenset(name for t in self.tellings[told:] for name in t.people)
            _update_context(text, content, index, own_dates, places, background, len(self.tellings) > told, context,
                            people)  # fmt: skip

    def _tell(
        self,
        sentence: Sentence,
        index: int,
        trigger: Trigger,
        dates: list[DateMatch],
        places: list[PlaceMatch],
        organs: list[OrganMatch],
        sites: list[SiteMatch],
        victims: list[CountMatch],
        foreign: re.Match[str] | None,
        headline: bool,
        refers: bool = False,
    ) -> None:
        text, context = self.text, self.context
        evidence: list[EvidenceSpan] = [
            _span(text, "incident", sentence),
            _evidence(text, "type", trigger.start, trigger.end),
        ]
        date_match = _nearest([d for d in dates if not _UNTIL.match(d.text)] or dates, trigger.start)
        if (
            isinstance(date_match, DateMatch)
            and _RELATIVE.search(text, max(0, trigger.start - 30), trigger.start)
            and (date_match.start < trigger.start or "," in text[trigger.end : date_match.start])
        ):
            date_match = None  # "sentenced X, who was arrested in a raid, on Monday": the date is the sentence's
        date_value: str | None = None
        date_text: str | None = None
        precision: DatePrecision | None = None
        if isinstance(date_match, DateMatch) and date_match.value is not None:
            date_value, precision, date_text = date_match.iso, date_match.precision, date_match.text
            evidence.append(_evidence(text, "date", date_match.start, date_match.end))
        story_date = self._story_date()
        if isinstance(date_match, DateMatch) and date_match.vague:
            story_date = None  # "was recently sent to a camp": when is left open, not the story's last date
        elif isinstance(date_match, DateMatch) and date_match.value is None and context.date is not None:
            # "the same night": the date the story has reached, which a merge may refine
            if context.date.iso is not None and context.date.precision is not None:
                story_date = context.date.iso, context.date.precision

        people = victim_of(self.found.people.get(index, []), trigger.start, trigger.end, _frame_start(sentence), text)
        own_place, story_place = _place(text, trigger.type, places, foreign, context, evidence, sentence, index)
        if story_place is not None and people and context.place_people and not people & context.place_people:
            story_place = None  # where one named person was taken is not where another was
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
        relation = relation_of(sentence.text, self.first_person)
        place_for_relation = own_place or story_place or Place()
        if relation == "unknown" and (
            _relayed(context.source_place, place_for_relation)
            or (context.source_abroad and place_for_relation.province is not None)
        ):
            relation = "second-hand"
        evidence.append(_evidence(text, "relation", sentence.start, sentence.end))
        mention = Mention(
            type=trigger.type,
            date=date_value,
            date_text=date_text,
            date_precision=precision,
            place=own_place or Place(),
            perpetrator=perpetrator,
            victims=count,
            relation=relation,
            evidence=tuple(evidence),
        )
        attendance = trigger.type == "forced_labour_or_mobilisation" and _WATCHING.search(sentence.text)
        self.tellings.append(
            Telling(
                mention,
                index,
                part="headline" if headline else "story",
                story_date=story_date,
                story_place=story_place,
                people=people,
                another=bool(_ANOTHER.search(text, _frame_start(sentence), trigger.start)),
                background=context.background and not headline,
                joins="execution" if attendance and not self.report else None,
                refers=refers,
            )
        )

    def _story_date(self) -> tuple[str, DatePrecision] | None:
        """The date the narrative has reached, for a telling that states none."""
        context = self.context
        if context.date is not None and context.background and context.date.value is not None:
            # Told in the pluperfect: it happened before the story's time, how long before is not said.
            return iso(context.date.value, "year") or "", "year"
        if context.date is not None and context.date.iso is not None and context.date.precision is not None:
            return context.date.iso, context.date.precision
        if self.received is not None:
            return str(self.received.year), "year"
        return None


def _update_context(
    text: str,
    content: str,
    index: int,
    own_dates: list[DateMatch],
    places: list[PlaceMatch],
    background: bool,
    told: bool,
    context: _Context,
    people: frozenset[str] = frozenset(),
) -> None:
    """After a sentence: the date and place the story has now reached (``told``: it told an incident)."""
    starting = [d for d in own_dates if not _UNTIL.match(d.text)]
    if starting and not background:
        context.date = starting[0]
    for own in own_dates:
        if own.year_given and not background:
            context.narrative = own
    setting = [p for p in places if _SETTING.search(text, max(0, p.start - 12), p.start)]
    if setting and not told and _HEARSAY.search(content):
        setting = []  # "later we heard it was a village in South Hamgyong": not where the story is
    scene = [p for p in places if not_origin(text, p, "")]
    if setting or (scene and told):
        chosen = (setting or scene)[-1]
        # "in Hwajeon, in Ryanggang Province's Pochon County": the most specific place of the setting's province
        within = [p for p in scene if p.province == chosen.province and p.county_or_city is not None]
        context.place = chosen if chosen.county_or_city is not None or not within else within[-1]
        context.place_sentence = index
        context.place_people = people


def _nearest(items: list, at: int) -> object | None:  # type: ignore[type-arg]
    return min(items, key=lambda item: abs(item.start - at), default=None)


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
    sentence: Sentence,
    index: int,
) -> tuple[Place | None, Place | None]:
    """The sentence's own place (or a foreign place), and where the story is set: (own, story)."""
    excluded = [p for p in places if _NOT_THERE.search(text, max(0, p.start - 16), p.start)]
    places = [p for p in places if p not in excluded]
    if excluded and not places:
        return Place(), None  # "in places other than Pyongyang": somewhere, not there
    located = [p for p in places if not_origin(text, p, kind)]
    recent = context.testimony is None or index - context.place_sentence <= _RECENT
    fallback = context.place if recent else context.home
    if fallback is None and context.testimony is None and not ABROAD_NAME.search(text, sentence.start, sentence.end):
        # A report set in one place names it early, often not as "in X"; a sentence about
        # what happened abroad is not set there.
        fallback = context.home
    story = Place(fallback.province, fallback.county_or_city) if fallback is not None else None
    if not located and foreign is None and fallback is not None:
        places = []  # only where victims came from ("a young man from Hungnam"): the scene stays where it was
    if places and (located or foreign is None or kind == "forced_repatriation"):
        best = max(located or places, key=lambda p: (p.county_or_city is not None, -p.start))
        evidence.append(_evidence(text, "place", best.start, best.end))
        place = joined_place(text, best, located or places)
        if place.county_or_city is None and context.place is not None and context.place.province == best.province:
            place = Place(place.province, context.place.county_or_city)
        return place, story
    if foreign is not None and kind != "forced_repatriation":
        return foreign_place(foreign), story
    return None, story


# A place named this many sentences back still sets the scene; further back, the
# place where a testimony is set (its first place) is the better guess. A text that
# is not a desk testimony (an article: no header, no channel) moves between places
# and sources, so there the last place named is kept however far back. A testimony's
# telling continues an incident of its type told at most _CONTINUATION sentences back.
_RECENT = 2
_CONTINUATION = 2


@functools.lru_cache(maxsize=256)
def _frame_start(sentence: Sentence) -> int:
    """Where a sentence's reported content starts (cached: asked for every cue)."""
    return sentence.start + reporting_frame_end(sentence.text)


def _span(text: str, name: str, sentence: Sentence) -> EvidenceSpan:
    start = _frame_start(sentence)
    end = sentence.end
    while end > start and text[end - 1] in ".!?\"”’' ":
        end -= 1
    return _evidence(text, name, start, end)


def _evidence(text: str, name: str, start: int, end: int) -> EvidenceSpan:
    return EvidenceSpan(name, start, end, text[start:end])


def _shift_site(match: SiteMatch, offset: int) -> SiteMatch:
    return SiteMatch(
        match.start + offset, match.end + offset, match.text, match.site_id, match.name, match.province,
        match.county_or_city, match.perpetrator,
    )  # fmt: skip


def _shift_named(named: Named, offset: int) -> Named:
    return Named(named.start + offset, named.end + offset, named.key)


def _shift_organ(match: OrganMatch, offset: int) -> OrganMatch:
    return OrganMatch(match.start + offset, match.end + offset, match.text, match.organ_id, match.perpetrator)
