"""English cue lexicon: the kinds of detail that narrow down who spoke.

Each :class:`Cue` is a pattern for one kind of quasi-identifier with its risk, the
reason shown to the editor, how far the flagged span reaches (the match, its clause,
or the source's part of the sentence) and the base-rate factor it contributes to the
anonymity-set estimate (see ``docs/publication.md``). The patterns describe kinds of
detail — an age, a workplace noun after an occupation, a relative abroad — never
sentences of any particular draft, because the check runs on unseen reports.

Most cues count only in sentences about a source (see :mod:`casework.publish.focus`):
the age of an executed man is the story, the age of the woman who told it is a lead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["CUES", "Cue", "DAY_DATE", "DESK_NAME", "FICTION", "KIN", "MONTH"]

MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
DAY_DATE = (
    rf"(?:{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?\b|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH}\b"
    rf"|\bthe\s+\d{{1,2}}(?:st|nd|rd|th)\b|\b(?:last|this\s+past|on)\s+{_WEEKDAY}\b|\byesterday\b)"
)
KIN = (
    r"(?:brothers?-in-law|sisters?-in-law|sons?-in-law|daughters?-in-law|mothers?-in-law|fathers?-in-law|in-laws"
    r"|mother|father|parents?|sons?|daughters?|sisters?|brothers?|siblings?|aunts?|uncles?|nieces?|nephews?"
    r"|cousins?|wife|husband|grand(?:mother|father|son|daughter|children|child)s?|children|child|relatives?"
    r"|family|stepmother|stepfather|fianc[ée]e?)"
)
_OCCUPATION = (
    r"(?:(?:school|shop|store|house|dock|rail|steel|farm|mine|head|book)?(?:trader|vendor|merchant|seller|stallholder|driver|worker|labou?rer|teacher|nurse|doctor|clerk|assistant"
    r"|operator|engineer|miner|farmer|fisherman|fishermen|soldier|cook|accountant|technician|mechanic|smuggler"
    r"|pharmacist|chemist|carpenter|tailor|porter|cadre|electrician|welder|cashier|secretary|researcher|lecturer"
    r"|professor|student|conductor|hairdresser|courier|keeper|baker|butcher|barber|seamstress|midwife|dentist"
    r"|librarian|surgeon|forester|herder|guard|manager|foreman|forewoman|supervisor))"
)
_WORKPLACE = (
    r"(?:market|stall|mine|plant|factory|complex|farm|hospital|clinic|school|university|college|pharmacy|company"
    r"|enterprise|restaurant|shop|store|office|cooperative|port|mill|works|smelter|kitchen|depot|yard|station"
    r"|brigade|workshop|warehouse|bank|hotel|customs|bakery|kindergarten|canteen|garage|furnace|laboratory|lab"
    r"|barracks|garrison|section|crew|unit)"
)
_ORDINAL = r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d{1,2}(?:st|nd|rd|th))"
_AGE_WORDS = (
    r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?"
)
_DET = r"(?:a|an|the|her|his|their|one|this|that|its)"
_HOUSING = (
    r"(?:street|block|building|stairwell|staircase|apartment|flat|village|neighbourhood|neighborhood|compound"
    r"|alley|lane|house|farmhouse)"
)


# A sentence about a drama, a film or a novel: its families and jobs are the plot's, not anyone's.
FICTION = re.compile(
    r"\b(?:dramas?|films?|movies?|series|episodes?|novels?|soap\s+operas?|TV\s+shows?|plot)\b|드라마|영화|연속극|소설",
    re.I,
)

# "whom we call Mrs. Ahn", "a man we will call Mr. Kim", "known to us as Kim", "code-named Swallow": a name the
# desk gave the source.
_NAME_CORE = r"((?:(?:Mr|Mrs|Ms|Miss|Dr)\.?\s+)?[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)"
_NAME = rf"[\"“']?{_NAME_CORE}"
DESK_NAME = re.compile(
    r"\b(?:(?:(?:whom|who|that)\s+)?[Ww]e\s+(?:will\s+|shall\s+|['’]ll\s+|are\s+going\s+to\s+|have\s+chosen\s+to\s+"
    r"|have\s+|are\s+|will\s+be\s+)?(?:call(?:ing)?|(?<=have\s)called|refer(?:red|ring)?\s+to\s+as|nam(?:e|ing))"
    r"(?:\s+(?:her|him|them))?(?:\s+(?:here|in\s+this\s+(?:report|article)))?"
    r"|(?:referred\s+to|identified|known)\s+(?:here|in\s+this\s+(?:report|article))\s+(?:only\s+)?as"
    r"|given\s+the\s+(?:pseudonym|name|alias)|known\s+to\s+(?:us|the\s+desk)\s+as|code-?\s?named"
    r"|(?:under|by)\s+the\s+(?:pseudonym|alias|code\s*name))"
    rf"\s+{_NAME}"
)
# "Mr. Kim (not his real name)": the name stands in for the source.
DESK_NAME_AFTER = re.compile(
    rf"\b{_NAME_CORE}\s*\((?:not\s+(?:her|his|their)\s+real\s+name|a\s+pseudonym|name\s+changed"
    r"|(?:her|his)\s+name\s+(?:has\s+been|was)\s+changed)\)"
)


def desk_name_pattern(text: str) -> re.Pattern[str] | None:
    """Every use of a name the draft says stands in for the source, or None when it gives none."""
    names = {m.group(1) for pattern in (DESK_NAME, DESK_NAME_AFTER) for m in pattern.finditer(text)}
    if not names:
        return None
    return re.compile(r"\b(?:" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")\b")


@dataclass(frozen=True)
class Cue:
    """One kind of risky detail.

    ``scope`` says what the flagged span covers: ``match`` (the words matched),
    ``segment`` (the clause around them), ``region`` (the part of the sentence about
    the source), ``sentence`` (all of it) or ``family`` (the whole sentence when a relative is its subject,
    else the clause). ``anywhere`` cues count outside sentences about a source.
    """

    name: str
    kind: str
    risk: str
    scope: str
    pattern: re.Pattern[str]
    why: str
    factor: str | None = None
    anywhere: bool = False


def _cue(name: str, kind: str, risk: str, scope: str, pattern: str, why: str, factor: str | None = None,
         *, anywhere: bool = False, flags: int = re.IGNORECASE) -> Cue:
    return Cue(name, kind, risk, scope, re.compile(pattern, flags), why, factor, anywhere)


CUES: tuple[Cue, ...] = (
    _cue("source_code", "source_code", "high", "match", r"\bSRC-\d+\b",
         "a desk pseudonym links this text to every other report from the same source", anywhere=True,
         flags=0),
    _cue("desk_id", "source_code", "high", "match", r"\b[TM]-\d{3,5}(?:-\d+)?\b",
         "an internal testimony or mention id links the text to the desk's records", anywhere=True, flags=0),
    _cue("exact_age", "age", "medium", "segment",
         rf"\b(?:\d{{1,2}}|{_AGE_WORDS})[- ]years?[- ]old\b|\b(?:now|aged|age)\s+(?:\d{{1,2}}\b(?![,.]\d)|{_AGE_WORDS})"
         rf"|\b(?:is|was|turned|turns)\s+{_AGE_WORDS}(?=\s*(?:[,.;]|and\b|years\b|$))|\bborn\s+in\s+(?:19|20)\d\d\b"
         r"|\b(?:is|was)\s+\d{2}\b(?![,.]\d)(?=\s*(?:[,.;]|and\b|years\b|$))",
         "an exact age keeps about one in fifty adults of a place", "age_year"),
    _cue("age_band", "age", "medium", "segment",
         r"\bin\s+(?:his|her|their)\s+(?:early\s+|late\s+|mid-)?(?:teens|twenties|thirties|forties|fifties|sixties"
         r"|seventies|eighties|[1-9]0s)\b",
         "an age band with sex and place narrows the group to a few in a hundred", "age_band"),
    _cue("workplace_at", "workplace", "high", "segment",
         rf"\b{_OCCUPATION}s?\b[^.;]{{0,25}}?\b(?:at|in|of)\s+(?:{_DET}\s+)?(?:[\w'’-]+\s+){{0,4}}?{_WORKPLACE}\b",
         "an occupation at one workplace: its staff and the security official attached to it know who that is",
         "workplace"),
    _cue("workplace_verb", "workplace", "high", "segment",
         rf"\b(?:works?|worked|working|employed|sells?|selling|sold|runs?|ran|teach(?:es)?|taught|teaching"
         rf"|nurses|nursed|cooks|cooked|cleans|cleaned|guards|guarded)\b[^.;]{{0,50}}?"
         rf"\b(?:at|in|from|beside|near|by)\s+(?:{_DET}\s+)?(?:[\w'’-]+\s+){{0,4}}?{_WORKPLACE}\b",
         "where someone works or trades is known to everyone who works or shops there", "workplace"),
    _cue("shift_work", "workplace", "high", "segment",
         r"\b(?:on|in|works?|worked|working)\s+(?:the|a|her|his)\s+(?:night|day|early|late|morning|evening|second|third)"
         r"\s+shift\b|\b(?:drives?|drove|driving)\s+(?:a|the|his|her)\s+(?:[\w-]+\s+){0,2}(?:lorry|truck|bus|van"
         r"|tractor|train|ferry|boat|taxi)\b",
         "a shift or a vehicle at one workplace is a short list of names", "workplace"),
    _cue("business_run", "workplace", "high", "segment",
         rf"\b(?:runs?|ran|running|owns?|owned|keeps?|kept)\s+(?:a|an|the|her|his)\s+(?:[\w-]+\s+){{0,2}}{_WORKPLACE}\b",
         "a business someone runs is known to every customer", "workplace"),
    _cue("works_there", "workplace", "medium", "segment",
         r"\b(?:works?|worked|working|employed)\s+there\b",
         "places the speaker in the workforce the story is about", "workplace"),
    _cue("named_enterprise", "workplace", "high", "match",
         r"\b(?:[A-Z][\w'’-]+\s+){1,4}(?:Complex|Factory|Mine|Farm|Works|Enterprise|Company|Plant|Corporation"
         r"|Cooperative|Smelter|Mill|(?:Station|Unit|Team|Brigade|Depot|Shop)\s+No\.\s*\d+)\b",
         "a named enterprise points to its workforce", "workplace", flags=0),
    _cue("rare_trade", "occupation", "high", "segment",
         r"\b(?:repairs?|repairing|fixes|fixing|mends)\s+(?:[a-z]+\s+){0,2}(?:computers?|phones?|radios?|televisions?"
         r"|TVs?|watches|bicycles?|engines?|machines?)\b",
         "a rare trade in one town is practised by a handful of people", "rare_trade"),
    _cue("occupation", "occupation", "low", "match",
         rf"\b(?:a|an)\s+(?:former\s+|retired\s+)?(?:[\w'’-]+\s+)?{_OCCUPATION}\b",
         "an occupation alone keeps many people, but it multiplies with the other details", "occupation"),
    _cue("routine", "other", "high", "segment",
         rf"\b(?:drives?|travels?|cross(?:es)?|calls?|contacts?|meets?|meeting|visits?|goes|comes)\b[^.;]{{0,60}}?"
         rf"(?:\bevery\s+(?:(?:other|second|third)\s+)?(?:{_WEEKDAY}|morning|night|evening|week|month|day)\b|\b{_WEEKDAY}s?\s+and\s+{_WEEKDAY}s?\b"
         rf"|\b(?:weekly|monthly|nightly)\b)",
         "a routine (who goes where, and when) can be watched and matched", "routine"),
    _cue("family_possessed", "family_relation", "medium", "family",
         rf"\b(?:his|her|whose|my|the\s+source's|our\s+source's|own)\s+(?:(?:own|younger|older|elder|eldest|youngest"
         rf"|late|two|three|only|former|ex-|first|second|twin)\s*)*(?:(?:wife|husband|mother|father|brother|sister)'s\s+)?{KIN}\b",
         "a named relative of the source is a second route to the source", "family"),
    _cue("family_abroad", "family_relation", "high", "segment",
         rf"\b(?:a|an|one)\s+(?:(?:younger|older|elder)\s+)?{KIN}\s+(?:(?:who\s+(?:lives|lived|has\s+lived|defected"
         rf"|fled|escaped|settled)\s+)?in|living\s+in|from)\s+(?:the\s+)?[A-Z]",
         "a relative abroad puts the family on the security police's list of defector families", "family_abroad"),
    _cue("family_household", "family_relation", "medium", "segment",
         rf"\b(?:looks?\s+after|looking\s+after|cares?\s+for|caring\s+for|lives?\s+with|living\s+with|raising|raises"
         rf"|supports?|with)\s+(?:a|an|her|his|two|three|twin|several|an\s+elderly|a\s+sick)\s+(?:[\w-]+\s+)?{KIN}\b"
         rf"|\b(?:is|was)\s+the\s+{KIN}\s+of\b",
         "the source's household narrows the families that fit", "family"),
    _cue("family_left", "family_relation", "high", "segment",
         rf"\b{KIN}\b[^.;]{{0,40}}?\b(?:went|gone|fled|defected|crossed|escaped|left)\s+(?:to|for|into)\s+(?:China"
         rf"|South\s+Korea|Seoul|the\s+South|Russia|Japan|abroad)\b",
         "a relative who left the country puts the family on the security police's list", "family_abroad"),
    _cue("family_has", "family_relation", "medium", "segment",
         rf"\b(?:has|have|had)\s+(?:a\s+|an\s+|two\s+|three\s+|several\s+)?(?:(?:younger|older|elder)\s+)?{KIN}\b",
         "the source's family composition narrows the households that fit", "family"),
    _cue("residence_micro", "small_place", "high", "segment",
         rf"\b(?:lives?|lived|living|stays?|stayed|staying)\b[^.;]{{0,40}}?(?:\bnext\s+door\b"
         rf"|\b(?:two|three|four|a\s+few)\s+(?:houses|doors|buildings|flats)\b|\bsame\s+(?:[\w'’-]+\s+){{0,2}}{_HOUSING}\b"
         rf"|\b(?:riverside\s+|small\s+)?(?:block|building|stairwell|flat|apartment)\b)",
         "one building or a few houses: the neighbours can be counted on one hand", "micro_place"),
    _cue("residence_named", "small_place", "high", "segment",
         r"\b(?:lives?|lived|living)\b[^.;]{0,40}?\b(?:[A-Z][\w'’]+-(?:dong|ri|gu)\b|village\b|neighbou?rhood\b)",
         "a neighbourhood or village of residence keeps a few thousand people at most", "neighbourhood"),
    _cue("same_place", "small_place", "high", "segment",
         rf"\b(?:from|in|of|at)\s+the\s+same\s+(?:[A-Z][\w'’-]+\s+)?(?:{_HOUSING}|work\s+unit|inminban)\b",
         "'the same' block, village or unit as someone named in the story points to a few households",
         "micro_place"),
    _cue("next_to", "small_place", "high", "segment",
         r"\b(?:building|house|flat|apartment|room|home)\s+next\s+door\b|\bnext\s+door\s+to\b"
         r"|\b(?:flat|house|room|building|apartment|home)\s+(?:near|beside|behind|opposite|next\s+to|above|below)\s+"
         r"(?:the\s+)?[A-Z]",
         "a vantage point next to the scene identifies one of a few neighbours", "micro_place"),
    _cue("named_small_place", "small_place", "medium", "match",
         r"\b[A-Z][a-z]+(?:-|\s)(?:dong|ri)\b|\b[A-Z][a-z]+\s+(?:village|neighbou?rhood)\b"
         r"|\b(?:hillside|hill|riverbank|roof)\s+(?:above|near|behind|of)\s+[A-Z][a-z]+",
         "a named neighbourhood, village or spot is far smaller than a county", "neighbourhood", flags=0),
    _cue("the_only", "unique_event_role", "high", "region",
         r"\bthe\s+only\b|\b[\w-]+'s\s+only\s+(?!son|daughter|child|brother|sister|relative)|\bthe\s+one\s+who\b|\bno\s+one\s+else\b|\b(?:shares?|shared)\s+with\s+(?:no\s+one|nobody)\b|\bnobody\s+else\b|\bthe\s+(?:first|last)\s+(?:one|person)\b",
         "being the only one who did or saw something identifies the person to everyone who was there", "unique"),
    _cue("role_head", "unique_event_role", "high", "segment",
         r"\b(?:head|chief|leader|secretary|organi[sz]er|captain|chair(?:man|woman)?|fore(?:man|woman)|manager|director"
         r"|deputy\s+\w+|supervisor|commander|principal)\s+of\s+(?:her|his|the|their|our|its|a|an)"
         r"\s+(?:own\s+)?\w+",
         "a post that one person holds in a unit names that person", "role"),
    _cue("role_possessive", "unique_event_role", "high", "region",
         r"\b(?:was|is|became)\s+the\s+[\w-]+'s\s+(?:[\w]+-)?(?:keeper|cook|driver|leader|head|secretary|guard"
         r"|accountant|clerk|doctor|treasurer|foreman|monitor|instructor"
         r"|nurse|cashier|messenger|interpreter|photographer|organi[sz]er)\b",
         "the one holder of a post in a group is known to the whole group", "unique"),
    _cue("role_act", "unique_event_role", "high", "region",
         r"\bwho\s+(?:organi[sz]ed|led|informed\s+on|filmed|recorded|photographed|denounced|spoke\s+up|ran\s+the|runs\s+the"
         r"|heads|headed|manages|managed|directs|directed|supervises|supervised|oversees|oversaw"
         r"|(?:is|was)\s+in\s+charge\s+of)\b",
         "the person who did this is known to everyone involved", "unique"),
    _cue("informant", "unique_event_role", "high", "region",
         r"\binformant\b|\binformer\b|\bmade\s+(?:her|him|me)\s+(?:report|inform|spy)\b|\brecruited\s+(?:her|him|me)\b",
         "the officer who ran an informant knows exactly who met him", "unique"),
    _cue("position", "unique_event_role", "medium", "region",
         r"\b(?:first|second|third|fourth|fifth|front|back|last)\s+row\b|\bplaced\s+at\s+the\s+front\b",
         "a seat or place at an event can be reconstructed from attendance lists", "position"),
    _cue("rare_escape", "unique_event_role", "high", "segment",
         r"\b(?:escaped|fled|defected|left)\b[^.;]{0,40}?\bby\s+(?:boat|sea|ship|plane|air)\b",
         "very few people leave this way each year; the event identifies them and their relatives", "rare_event"),
    _cue("own_case", "unique_event_role", "high", "segment",
         r"\bin\s+a\s+group\s+of\s+\w+\b|(?<!be\s)\bsentenced\s+to\b(?!\s+(?:a\s+)?(?:maximum|minimum|up\s+to))[^.;]{0,30}?"
         r"\b(?:years?|months?)\b",
         "group size and sentence match one case file", "case_file"),
    _cue("contact_device", "contact_channel", "high", "region",
         r"\b(?:Chinese|smuggled|illegal|foreign)\s+(?:mobile\s+|cell\s+)?(?:phone|handset|SIM)s?\b"
         r"|\b(?:WeChat|KakaoTalk|Kakao|Telegram|WhatsApp|QQ|messenger\s+app)\b|\bphone\s+kept\s+by\b"
         r"|\bphone\s+(?:(?:she|he)\s+)?(?:borrowed|borrows|rents|rented|hides|hid|hidden|bought|lent)\b",
         "the device or app used to reach us is what radio detection and phone inspections look for", "device"),
    _cue("contact_call", "contact_channel", "medium", "region",
         r"\b(?:in|during|over|by)\s+(?:a|an)\s+(?:(?:phone|video|voice|late-night|brief)\s+)?(?:call|message|text)s?\s+"
         r"(?:with|to)\s+(?:us|our\s+(?:reporter|correspondent|desk))\b",
         "a call with the desk on a given line is what radio detection looks for", "device"),
    _cue("contact_when", "exact_date", "medium", "segment",
         rf"\b(?:spoke|speaks|speaking|talked|talking|told\s+us|tells\s+us|called|calls|calling|contacted|contacts"
         rf"|reached\s+us|wrote|phoned|messaged|sent\s+us|rang|rings|came\s+to\s+(?:our|the)\s+(?:office|newsroom)"
         rf"|visited\s+us|met\s+(?:us|our\s+(?:reporter|correspondent|staff|team)))\b[^.;]{{0,60}}?\b(?:on\s+)?(?:the\s+(?:morning|afternoon"
         rf"|evening|night)\s+of\s+)?(?:{_WEEKDAY},?\s+)?{DAY_DATE}",
         "the day of a call can be matched to detection and call records", "contact_date"),
    _cue("contact_relay", "contact_channel", "medium", "region",
         r"\b(?:smuggled|taken)\s+(?:out|across)\b|\bcarried\s+(?:out\s+of|across)\b|\b(?:passed|relayed|repeated|forwarded)\s+(?:on\s+)?"
         r"(?:the|his|her|this|their)\s+account\b|\breached\s+us\b"
         rf"|\bthrough\s+(?:a|an|his|her|their)\s+(?:phone|friend|broker|courier|{KIN})\b",
         "how an account reached us describes a route that can be watched", None),
    _cue("own_departure", "exact_date", "medium", "segment",
         rf"\b(?:left|defected|escaped|fled|crossed\s+the\s+border)\b[^.;,]{{0,50}}?\b(?:in|at\s+the\s+(?:end|start"
         rf"|beginning)\s+of|in\s+the\s+(?:spring|summer|autumn|fall|winter)\s+of|early\s+in|late\s+in)\s+"
         rf"(?:{MONTH}\s+)?(?:19|20)\d\d\b",
         "the year someone left is in the security police's records of every family with a defector", "departure"),
    _cue("physical_trait", "physical_trait", "high", "segment",
         r"\b(?:scars?|limp(?:s|ing)?|missing\s+(?:a\s+)?(?:fingers?|teeth|tooth|eye|leg|arm|hand)|no\s+feeling\s+in"
         r"|lost\s+(?:a|an|his|her|two|three)\s+(?:fingers?|eye|leg|arm|hand|teeth)|tattoos?|burn\s+marks?|birthmark"
         r"|blind\s+in|walks\s+with\s+a|crutch(?:es)?|amputated|deformed|disfigured|walking\s+stick|wheelchair|moles?"
         r"|(?:crushed|maimed|mangled|withered)\s+(?:his|her)\s+(?:left\s+|right\s+)?(?:leg|arm|hand|foot|eye|fingers?)"
         r"|stutter(?:s|ing)?|stammer(?:s|ing)?|lisp|hunchback(?:ed)?|(?:deaf|blind)\s+in\s+one|hard\s+of\s+hearing)\b",
         "a visible trait is recorded and recognised", "trait"),
    _cue("known_saying", "verbatim_quote", "medium", "sentence",
         r"\b(?:a|her|his)\s+(?:favou?rite\s+|usual\s+|own\s+)?(?:phrase|saying|expression|catchphrase|joke|line)"
         r"\s+(?:that\s+)?(?:she|he)\s+(?:repeats|uses|often\s+uses|is\s+known\s+for|always\s+says)\b"
         r"|\b(?:as|like)\s+(?:she|he)\s+(?:always|often)\s+says\b",
         "words a person is known for saying identify them to everyone who has heard them", None),
    _cue("workplace_for", "workplace", "medium", "segment",
         r"\b(?:works?|worked|working|cooks?|cooked|cooking|drives?|drove|driving|cleans?|cleaned|cleaning|guards?"
         r"|guarded|labou?rs?|labou?red)\s+for\s+(?:a|an|the|one\s+of\s+the|his|her|its|their)\s+[\w'’-]+",
         "whom someone works for narrows the source to one employer's staff", "workplace"),
    _cue("tenure", "workplace", "high", "segment",
         r"\b(?:has|have|had)\s+(?:been\s+)?(?:work(?:ed|ing)|cook(?:ed|ing)|serv(?:ed|ing)|driv(?:en|ing)|taught"
         r"|teaching|sold|selling|traded|trading|run|running|kept|keeping|guarded|cleaned|mined|farmed|nursed)\b"
         r"[^.;]{0,70}?\b(?:since\b|for\s+(?:more\s+than\s+|over\s+|nearly\s+|almost\s+|about\s+|some\s+)?"
         r"(?:\d+|[a-z]+|a)\s+(?:years|decades|decade)\b)",
         "years in one job at one place: colleagues and customers know exactly who that is", "workplace"),
    _cue("numbered_unit", "workplace", "high", "segment",
         rf"\bNo\.\s*\d+\s+(?:[\w'’-]+\s+){{0,2}}?{_WORKPLACE}\b|\b{_WORKPLACE}\s+No\.\s*\d+\b"
         rf"|\b{_ORDINAL}\s+(?:[\w'’-]+\s+){{0,2}}?(?:unit|team|section|brigade|platoon|squad|ward|work\s+team"
         rf"|workshop|company)\b",
         "a numbered enterprise or unit has a known roster", "workplace"),
    _cue("former_workplace", "other", "medium", "segment",
         rf"\bwho\s+(?:left|quit|retired\s+from|was\s+(?:dismissed|fired|expelled|transferred)\s+from)\s+"
         rf"(?:the|a|an|his|her|its)\s+(?:[\w'’-]+\s+){{0,2}}?{_WORKPLACE}\b",
         "someone missing from one workplace since a given time is noticed by all its staff", "workplace"),
    _cue("graduate", "occupation", "medium", "segment",
         r"\bgraduate\s+of\s+(?:the\s+)?[A-Z][\w'’-]+",
         "one school's graduates in one trade are a short list", "rare_trade"),
    _cue("contact_time", "exact_date", "medium", "segment",
         r"\b(?:called|calls|phoned|rang|messaged|contacted|reached|spoke\s+to|talked\s+to|wrote\s+to|met)\s+"
         r"(?:us|our\s+\w+)\b[^.;]{0,30}?\b(?:at\s+(?:night|dawn|midnight|\d{1,2}(?::\d\d)?\s*(?:a\.?m\b\.?|p\.?m\b\.?"
         r"|o'clock))|in\s+the\s+(?:middle\s+of\s+the\s+night|early\s+hours|small\s+hours)|late\s+at\s+night"
         r"|last\s+(?:night|week|weekend|month)|(?:this|that)\s+(?:morning|evening|night)|yesterday)",
         "the time of a call can be matched to detection and call records", "contact_date"),
    _cue("relative_of_victim", "family_relation", "medium", "segment",
         rf"\b(?:a|an|the)\s+(?:close\s+)?{KIN}\s+of\s+(?:one\s+of\s+the\s+|a\s+|an\s+|the\s+)(?:[\w'’-]+\s+){{0,2}}?"
         r"(?:detained|arrested|accused|executed|victims?|prisoners?|detainees?|dead|deceased|missing|condemned)\b",
         "the relatives of a known detainee are a handful of people", "family"),
    _cue("residence_landmark", "small_place", "high", "segment",
         r"\b(?:lives?|lived|living|home|house|flat)\b[^.;]{0,40}?\b(?:near|beside|behind|opposite|next\s+to)\s+the\s+"
         r"(?:[\w'’-]+\s+){0,2}?(?:station|market|bridge|school|hospital|terminal|port|mine|factory|square|monument"
         r"|post\s+office)\b",
         "a home beside a landmark is one of a few houses", "micro_place"),
    _cue("told_reporters", "other", "medium", "segment",
         r"\b(?:told|spoke\s+to|talked\s+to|has\s+spoken\s+to)\s+(?:reporters|journalists|the\s+press|the\s+media"
         r"|foreign\s+media)\b",
         "being known to talk to the press marks the person", None),
    _cue("own_trip", "other", "medium", "region",
         r"\b(?:who\s+)?(?:recently\s+|just\s+|had\s+|has\s+)?(?:visited|travell?ed\s+(?:to|through)|returned\s+(?:from|to)"
         r"|came\s+back\s+from|went\s+(?:to|into)|crossed\s+(?:into|over\s+to)|arrived\s+in|spent\s+\w+\s+(?:days|weeks)\s+in)"
         r"\s+(?:the\s+)?[A-Z][\w'’-]+",
         "the source's own trip is in the travel-permit and border records", "routine"),
    _cue("reporter_trip", "other", "medium", "segment",
         r"\b(?:our|a|an|the|its|this\s+(?:paper|outlet)'s)\s+(?:[\w'’-]+\s+){0,2}?(?:reporter|correspondent|journalist"
         r"|stringer|undercover\s+\w+)\b[^.;]{0,60}?\b(?:visited|travell?ed\s+(?:to|through)|returned\s+from"
         r"|went\s+(?:to|into)|crossed\s+into|was\s+in|spent\s+\w+\s+(?:days|weeks)\s+in|met\s+(?:a|an|the)\s+\w+"
         r"\s+in)\s+(?:the\s+)?[A-Z][\w'’-]+",
         "a reporter's own movements lead back to the reporter and to everyone met on the way", None, anywhere=True),
    _cue("confided", "other", "medium", "segment",
         r"\b(?:told|confided\s+in|complained\s+to|said\s+to)\s+(?:a|an|his|her)\s+(?:close\s+|trusted\s+|old\s+)?"
         r"(?:acquaintance|friend|colleague|neighbou?r|co-?worker)\b",
         "a private remark to one person: the listener, or the speaker, becomes a target", None),
)
