"""Which sentences of an English draft are about a source, and which part of each.

Whether a detail is risky depends on whom it describes. "A man in his thirties was
arrested" is the story; "our source, a woman in her sixties" is a lead to the person
who spoke. A sentence is *about a source* when it names one (our source, one of
them, a letter written by ..., SRC-14, "told us"), or when it continues one with a
pronoun or with a noun the previous source sentence introduced ("The nurse ...").

A source is also named by who they are to the desk rather than by a source noun: a
person "who reached us", "who passed on the account" or "who asked not to be named",
an attribution that follows the account (", said a woman who ..."), or a name the
draft says stands in for the source ("a man we will call Mr. Kim"). A pronoun goes on
naming the source until the account introduces someone it could refer to instead
("... a woman was sentenced. Her son ..."); when the source's sex is known, only a
pronoun of that sex continues the chain.

Within such a sentence the *region* about the source is the part before a reporting
verb ("Our source, a truck driver at the mine, | said soldiers ...") — what follows
"said" is the account, not the speaker. Sentences about the same person form a
*chain*, so the anonymity estimate multiplies only details of one person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from casework.publish.cues_en import desk_name_pattern
from casework.publish.prefilter import fold, gate_of
from casework.publish.sentences import Sentence

__all__ = ["Focus", "find_focus"]

_CAPS = r"(?:[A-Z][\w'’-]*\s+){0,3}"
_TO_US = r"(?:told|tells|spoke\s+to|talked\s+to|wrote\s+to|contacted)\s+(?:us|our\s+reporter)\b"
_SOURCE_NOUN = r"(?:source|informant|witness|eyewitness|interviewee|speaker|contact|resident|caller)"
_ANCHORS = (
    re.compile(
        rf"\b(?:our|the|one|a|an|another|this|that)\s+(?:(?:main|first|second|third|fourth|other|same|local|key|new"
        rf"|original)\s+)?{_CAPS}{_SOURCE_NOUN}\b(?!s\b)",
        re.IGNORECASE,
    ),
    re.compile(r"\bone\s+of\s+(?:the\s+two|the\s+three|our\s+sources|the\s+sources|the\s+witnesses)\b", re.I),
    re.compile(rf"\bone\s+of\s+the\s+[a-z]+s\s+{_TO_US}", re.I),
    re.compile(r"\baccording\s+to\s+(?:a|an|one|our)\s+(?!group\b|number\b|few\b|couple\b)[\w'’-]+", re.I),
    re.compile(r"^\W*the\s+other,", re.I),
    re.compile(
        r"\b(?:account|letter|testimony|message|call|first|second|third|other)\s+(?:came|comes|come)\s+from\b", re.I
    ),
    re.compile(r"\b(?:written|given|sent|told)\b[^.,]{0,30}\bby\s+(?:a|an|one|our)\b", re.I),
    re.compile(r"\bSRC-\d+\b"),
    re.compile(
        r"\b(?:told|tell|tells|telling|(?:spoke|speak|speaks|speaking|talk|talks|talked|talking|wrote|writes|write)\s+to"
        r"|contacted|contacts|called|calls|reached|reaches|phoned|phones|rang|rings|messaged|messages|sent|sends)"
        r"\s+(?:us|RFA|Casework|reporters|journalists|the\s+desk|this\s+(?:newspaper|paper|outlet|website)"
        r"|our\s+(?:reporters?|correspondents?|desk|staff|team|newsroom|office))\b",
        re.I,
    ),
    re.compile(
        r"^(?:[^—.\n]{0,60}—\s*)?[^\w\"“]*(?:a|an|one|our|another)\s+(?:[\w'’-]+[\s,]+){0,8}?(?:woman|man|person"
        r"|trader|worker|teacher|nurse"
        r"|farmer|driver|clerk|student|defector|refugee|escapee|returnee|inmate|prisoner|detainee|survivor|soldier"
        r"|miner|doctor)\b[^.]*?\b(?:said|says|told|described|recalled|explained)\b",
        re.I,
    ),
    # "..., a teacher in the city said." / "..., a man who works there told us."
    re.compile(
        r",\s+(?:a|an|one)\s+(?!group\b|number\b|few\b|couple\b)(?:[\w'’-]+\s+){0,7}?(?:said|says|told\s+us"
        r"|explained|added|reported)\W*$",
        re.I,
    ),
)
# Who a source is, as a noun: "the woman who reached us", "a relative of one of the detained, who asked ...".
PERSON_NOUN = (
    r"(?:woman|man|person|girl|boy|resident|relative|neighbou?r|friend|acquaintance|colleague|villager|local"
    r"|trader|worker|teacher|nurse|farmer|driver|clerk|student|defector|refugee|escapee|returnee|inmate|prisoner"
    r"|detainee|survivor|soldier|miner|doctor|official|cadre|engineer|cook|guard|vendor|merchant|smuggler|mother"
    r"|father|wife|husband|sister|brother|son|daughter|widow|pensioner|retiree|witness|source|contact|informant)"
)
# What a source does to the desk, or asks of it.
_CONTACT_VERB = (
    r"(?:told|tells|spoke|speaks|talked|talks|wrote|writes|reached|reaches|contacted|contacts|called|calls|phoned"
    r"|rang|messaged|sent|sends|passed|passes|relayed|relays|gave|gives|shared|shares|brought|brings|provided"
    r"|described|recounted|asked\s+(?:us\s+)?not\s+to\s+be|asked\s+(?:us\s+)?(?:that|for)|requested|declined\s+to"
    r"|agreed\s+to\s+(?:speak|talk|be\s+interviewed)|insisted\s+on\s+anonymity)"
)
_PERSON_WHO = re.compile(
    rf"\b(?:a|an|one|the|our|this|that|another)\s+(?:[\w'’-]+\s+){{0,3}}?{PERSON_NOUN}\b(?!s\b)[^.;]{{0,60}}?"
    rf"\bwho\s+(?:(?:also|first|later|then|has|had|have|recently|last)\s+)*{_CONTACT_VERB}\b",
    re.I,
)
# "..., said a woman who cooks for a crew." / "..., told us an engineer ...": the attribution follows the account.
_INVERTED = re.compile(
    rf"(?<=,\s)(?:said|says|told\s+(?:us|reporters|our\s+\w+)|explained|added|recalled|reported)\s+(?:(?:a|an|one"
    rf"|our|another)\s+(?!group\b|number\b|few\b|couple\b)|the\s+(?:[\w'’-]+\s+){{0,2}}?{PERSON_NOUN}\b(?!s\b))",
    re.I,
)
_FEMALE_NOUN = r"woman|girl|mother|wife|sister|daughter|widow|grandmother|aunt"
_MALE_NOUN = r"man|boy|father|husband|brother|son|grandfather|uncle"
_SEXED = re.compile(rf"\b(?:she|her|hers|herself|he|his|him|himself|{_FEMALE_NOUN}|{_MALE_NOUN})\b", re.I)
_OTHER_PERSON = re.compile(
    rf"\b(?:a|an|one\s+of\s+the|another)\s+(?:[\w'’-]+\s+){{0,2}}?({_FEMALE_NOUN}|{_MALE_NOUN}|person|prisoner"
    rf"|detainee|inmate|victim|accused|detained|arrested|defendant|official|officer|guard|soldier|student|teacher"
    rf"|farmer|worker|trader|driver|doctor|nurse)\b(?!s\b)",
    re.I,
)
_ANONYMITY = re.compile(
    r"\b(?:she|he)\s+(?:asked|requested)\s+(?:us\s+)?(?:not\s+to|that\s+(?:we|her|his)|anonymity)"
    r"|\b(?:speaking|spoke)\s+on\s+condition\s+of\s+anonymity",
    re.I,
)
_ACCORDING_THE = re.compile(rf"\baccording\s+to\s+the\s+(?:[\w'’-]+\s+){{0,2}}?{PERSON_NOUN}\b(?!s\b)", re.I)
_REPORTING = re.compile(
    r"\b(?:said|says|say|told|tells|added|recalled|described|explained|noted|claimed|insisted|put\s+the\s+(?:number"
    r"|date))\b",
    re.I,
)
_PERSON = re.compile(r"woman|man|person|girl|boy|young\s+man|young\s+woman", re.I)
_PRONOUN = re.compile(r"\b(?:he|she|his|her|him|hers|himself|herself)\b", re.I)
_DEFINITE_START = re.compile(r"^\W*the\s+(?:same\s+)?([a-z][\w-]*)\b", re.I)
_NEW_CHAIN = re.compile(r"\b(?:one|a|an|another|second|third|other|first)\b|SRC-\d+", re.I)


@dataclass(frozen=True)
class Focus:
    """A sentence about a source: its region about the source and its chain (one per person)."""

    sentence: Sentence
    region: tuple[int, int]
    chain: int


_PLURAL_BEFORE = re.compile(
    r"\b(?:people|residents|sources|others|witnesses|those|they|them|both|families|villagers|traders|workers|students"
    r"|officials|authorities|police|guards|we|relatives|neighbou?rs|defectors|refugees)"
    r"(?:\s+(?:in|from|of|at|near|across|around)\s+(?:the\s+)?[\w'’-]+(?:\s+[\w'’-]+)?)?"
    r"\s+(?:who\s+)?(?:had\s+|have\s+)?$",
    re.I,
)
# "one of them" names a source only right after a sentence that cites several people.
_PLURAL_CITED = re.compile(
    r"\b(?:according\s+to|told\s+us|spoke\s+to\s+us|said|say)\b[^.]*\b(?:two|three|four|several|people|residents"
    r"|sources|witnesses)\b|\b(?:two|three|four|several)\s+(?:people|residents|sources|witnesses|women|men)\b",
    re.I,
)
_ONE_OF_THEM = re.compile(r"^\W*one\s+of\s+them\b", re.I)
# "..., a farmer told us." / "..., according to a nurse.": the source is only the attribution at the end.
_ATTRIBUTION_START = re.compile(r",\s*(?:according\s+to\s+)?(?:[\w'’-]+\s+){0,8}$", re.I)
# "She said she ..." reports on the speaker herself: the account is part of what describes her.
_NOUN_ANCHOR = re.compile(r"(?:according|our|the|one|a|an|another|this|that|SRC-|said|says|told|explained|added"
                          r"|recalled|reported)", re.I)
_SELF_REPORT = re.compile(r"\s+(?:that\s+)?(?:she|he|I)\b", re.I)


_PLURAL_LOOKBACK = 160


_ANCHOR_GATES = tuple(
    (pattern, gate_of(pattern)) for pattern in (*_ANCHORS, _PERSON_WHO, _INVERTED, _ANONYMITY, _ACCORDING_THE)
)


def _anchor(text: str, names: re.Pattern[str] | None = None) -> re.Match[str] | None:
    """The earliest mention of a source in a sentence that is not part of a plural attribution.

    Each pattern stops at its first acceptable match (later ones start later), and the
    plural test looks only at the words just before the match, so a sentence is not
    rescanned from its start for every candidate.
    """
    folded = fold(text)
    patterns = [p for p, gate in _ANCHOR_GATES if gate.admits(text, folded)]
    if names is not None:
        patterns.append(names)
    best: re.Match[str] | None = None
    for pattern in patterns:
        for match in pattern.finditer(text):
            if best is not None and match.start() >= best.start():
                break
            if not _plural_before(text, match.start()):
                best = match
                break
    return best


def _plural_before(text: str, at: int) -> bool:
    """Whether the words just before ``at`` cite several people ("residents in Hyesan who ...")."""
    start = max(0, at - _PLURAL_LOOKBACK)
    if start > 0:
        space = re.compile(r"\s").search(text, start, at)
        start = space.end() if space else at
    return _PLURAL_BEFORE.search(text, start, at) is not None


def find_focus(text: str, sentences: list[Sentence]) -> list[Focus]:
    """The sentences of ``text`` about a source, in order.

    Example:
        >>> from casework.publish.sentences import split_sentences
        >>> draft = "Agents came. Our source, a nurse, said so. She is 40."
        >>> [draft[f.region[0]:f.region[1]] for f in find_focus(draft, split_sentences(draft))]
        ['Our source, a nurse, ', 'She is 40.']
    """
    out: list[Focus] = []
    recent: list[tuple[int, Focus]] = []
    chain = -1
    body = [s for s in sentences if not s.heading]
    names = desk_name_pattern(text)
    intruder: set[str] = set()  # sexes of people the account introduced since the last sentence about the source
    source_sex: str | None = None
    for index, sentence in enumerate(body):
        words = text[sentence.start : sentence.end]
        anchor = _anchor(words, names)
        if anchor is None and index > 0 and _ONE_OF_THEM.match(words):
            before = text[body[index - 1].start : body[index - 1].end]
            anchor = _ONE_OF_THEM.match(words) if _PLURAL_CITED.search(before) else None
        recent = [(i, f) for i, f in recent if index - i <= 2]
        continues = False
        if anchor is None and recent:
            previous = text[recent[-1][1].region[0] : recent[-1][1].region[1]].lower()
            definite = _DEFINITE_START.match(words)
            pronoun = _PRONOUN.search(words)
            if definite:
                continues = (
                    re.search(rf"\b{_stem(definite.group(1))}\w*", previous) is not None
                    or _PERSON.fullmatch(definite.group(1)) is not None
                )
            elif pronoun is not None:
                sexes = {_sex_of_pronoun(m.group()) for m in _PRONOUN.finditer(words)}
                continues = source_sex in sexes if source_sex else bool(sexes - intruder)
        if anchor is None and not continues:
            intruder |= _people_introduced(words)
            continue
        if anchor is not None and (chain < 0 or _NEW_CHAIN.search(anchor.group()) or not recent):
            chain += 1
            source_sex = None
        region = _region(words, anchor)
        source_sex = source_sex or _sex_named(words[region[0] : region[1]])
        focus = Focus(sentence, (sentence.start + region[0], sentence.start + region[1]), max(chain, 0))
        out.append(focus)
        recent.append((index, focus))
        intruder = _people_introduced(words[region[1] :])
    return out


def _sex_named(words: str) -> str | None:
    """The sex of the first person word in the source's part of a sentence, when it has one."""
    first = _SEXED.search(words)
    if first is None:
        return None
    return "f" if re.fullmatch(rf"she|her|hers|herself|{_FEMALE_NOUN}", first.group().lower()) else "m"


def _sex_of_pronoun(pronoun: str) -> str:
    return "f" if pronoun.lower().startswith(("she", "her")) else "m"


def _people_introduced(words: str) -> set[str]:
    """Sexes a later "she"/"he" could refer to among people the account itself introduces ("a woman was held").

    A pronoun after such a sentence is more likely to be that person than the source,
    so it does not continue the chain of sentences about the source.
    """
    sexes: set[str] = set()
    for match in _OTHER_PERSON.finditer(words):
        noun = match.group(1).lower()
        if re.fullmatch(_FEMALE_NOUN, noun):
            sexes.add("f")
        elif re.fullmatch(_MALE_NOUN, noun):
            sexes.add("m")
        else:
            sexes |= {"f", "m"}
    return sexes


def _stem(noun: str) -> str:
    """"The driver" continues a sentence about "a man who drives": compare the word without its agent ending."""
    word = noun.lower()
    stem = re.sub(r"(?:ers?|ors?|ists?|s)$", "", word)
    return re.escape(stem if len(stem) >= 4 else word)


def _region(words: str, anchor: re.Match[str] | None) -> tuple[int, int]:
    if anchor is not None and anchor.start() > 0:
        tail = _ATTRIBUTION_START.search(words, 0, anchor.start())
        if tail is not None and not _inside_quote(words[: tail.start()]):
            if words[tail.start() + 1 : anchor.start()].strip() or _NOUN_ANCHOR.match(anchor.group()):
                return tail.start() + 1, len(words)
    return _region_after(words, anchor)


def _region_after(words: str, anchor: re.Match[str] | None) -> tuple[int, int]:
    after = anchor.start() if anchor is not None else 0
    if anchor is not None and _REPORTING.match(words, anchor.start()):
        return 0, len(words)
    for verb in _REPORTING.finditer(words, after):
        if _inside_quote(words[: verb.start()]) or re.search(r"\bwho\s+(?:also\s+)?$", words[: verb.start()]):
            continue
        if _SELF_REPORT.match(words, verb.end()):
            return 0, _clause_end(words, verb.end())
        if verb.start() > after:
            return 0, verb.start()
        break
    return 0, len(words)


def _clause_end(words: str, at: int) -> int:
    """End of the reported clause that starts at ``at`` (before "; " or ", and ..." of another subject)."""
    stop = re.search(r";|,\s+(?:and\s+|but\s+)?(?:a|an|the|his|her|their)\s+", words[at:])
    return at + stop.start() if stop else len(words)


def _inside_quote(before: str) -> bool:
    return before.count('"') % 2 == 1 or before.count("“") > before.count("”")
