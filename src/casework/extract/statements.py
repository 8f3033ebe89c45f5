"""Which incident cues in a sentence state an incident, and which tell the same one.

A cue word is not yet a statement: "nobody was arrested" negates it, "people believe
she is held" hedges it, "since the arrests" points back at an incident already told,
"if a smuggler did not pay, we caught him" describes a habit, and a cue in quoted
speech that gives no date, place or count of its own is colour. These checks are
general features of how English reports are written, not lists of sentences.
Positions are looked up by bisection (:class:`Spans`) so that a sentence with
thousands of cues is still read in linear time.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from casework.extract.counts import CountMatch
from casework.extract.dates import DateMatch
from casework.extract.scanning import dispatched
from casework.extract.types import Trigger
from casework.gazetteer import PlaceMatch

__all__ = ["ABROAD_NAME", "CLAUSE_END", "HEDGES", "QUOTED", "Spans", "choose_cues", "refers_back", "stated_cues"]

# Matched on the folded (lower-case) body.
HEDGES = re.compile(
    dispatched(
        [
            "believe[sd]?", "may have", "might", "rumou?r(?:s|ed)?", "possibly", "perhaps", "probably",
            "not (?:yet )?known", "unclear", "it is feared", "suspect(?:s|ed)? that", "could be", "would be", "will be",
            "(?<!as )(?<!only )if (?:they|you|anyone|someone|a|an)", "nobody knows", "threaten(?:s|ed)?",
            "warn(?:s|ed)? that", "whoever", "anyone who", "(?:could|may|might|would|will|to) face",
            "(?:is|are) likely to", "alleged that",
        ]
    )
)  # fmt: skip

_PASSING = re.compile(r"\b(?:after|since|before|like)\s+the\s+\w+\s+(?:who|that)\s+(?:was|were|had been)\s+$", re.I)

# "to repatriate anyone caught", "arrest whoever": the cue has no victims, only a rule.
_ANYONE = re.compile(r"\s+(?:\w+\s+)?(?:anyone|anybody|everyone|whoever|all\s+those|those\s+who)\b", re.I)

_ANYONE_BEFORE = re.compile(r"\b(?:anyone|anybody|everyone|whoever|those)\s+$", re.I)

_INDIRECT = re.compile(r"\b(?:where|how|why|whether)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)

_ADJECTIVAL = re.compile(r"\b(?:the|those|these)\s+$", re.IGNORECASE)

_NEGATION = re.compile(r"\b(?:not|never|no one|nobody|no|without|n't)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)

# "that" is left out: far more often a conjunction ("reported that one such rally") than a pointer.
_BACK_REFERENCE = re.compile(r"\b(?:the|these|those|this|his|her|their|its)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)

_EVENT_HELD = re.compile(
    r"\b(?:rally|rallies|meetings?|trials?|demonstrations?|sessions?|ceremon\w+|events?|lectures?|elections?|games)"
    r"\s+(?:\w+\s+){0,4}$",
    re.IGNORECASE,
)

_NOMINAL = re.compile(
    r"^(?:arrests?|executions?|crackdown|rall(?:y|ies)|contributions?|levy|levies|bribes?|repatriations?)$", re.I
)

# Quoted speech of at least a few words; shorter quotes are scare quotes ("contribution").
QUOTED = re.compile(r"\"(?:[^\"\n ]{0,200} ){4}[^\"\n]{0,2000}\"|“(?:[^”\n ]{0,200} ){4}[^”\n]{0,2000}”")

_PEOPLE_BEFORE = re.compile(
    r"\b(?:people|men|women|persons|residents|smugglers|workers|students|traders|defectors|others|man|woman|"
    r"person|citizen|resident|soldier|boy|girl|those)\s+$",
    re.I,
)

_ABROAD_CUE = re.compile(
    r"\b(?:china|chinese|russia|russian|bridge|border|crossing|repatriat\w*|deport\w*|sent back|handed back)\b", re.I
)

_CONDITIONAL = re.compile(r"^\W*(?:if|whenever|unless)\b", re.I)

# How things are done, told in the present passive ("those caught are sent to camps", "they
# are branded traitors and shot"): a practice, not one incident, unless the sentence also
# tells something in the past or gives a date.
_PRESENT_PASSIVE = re.compile(
    r"\b(?:are|is)\s+(?:(?:\w+ly|also|then|often|always|usually|sometimes|typically)\s+)?(?!being\b|still\b|said\b|believed\b|reported\w*\b|thought\b|feared\b|known\b|"
    r"alleged\w*\b|suspected\b|expected\b|set\b|due\b|scheduled\b)(?:[a-z]+(?:ed|en)|sent|held|caught|shot|put|kept)\b",
    re.I,
)
# What the victim is charged with is the reason for a punishment, not a violation of its own:
# "charged with transferring money", "accused of smuggling", "for allegedly spying".
_CHARGED = re.compile(
    r"\b(?:charged\s+(?:\w+\s+)?with|charges?\s+of|accused\s+(?:\w+\s+)?of|convicted\s+(?:\w+\s+)?of|"
    r"guilty\s+of|suspicion\s+of|allegedly|for\s+having)\s+(?:\w+\s+){0,4}$",
    re.I,
)
# What a punishment was for, told after the punishment or the charge: "executed for taking
# bribes", "charged her with transferring money in return for cash", "convicted of beating a
# guard". Everything from such a marker to the next clause that tells what was done to them
# ("... and was sent to a camp") is the alleged offence; cues of the kinds an offence can be
# (bribery, beating, surveillance ...) are not violations there. Arrests, sentences, executions
# and families' punishments are never offences, so they stay.
_REASON = re.compile(
    r"\b(?:(?:charged|accused|convicted|suspected|indicted|guilty)\s+(?:\w+\s+){0,2}?(?:with|of)|"
    r"(?<!in\s)charges?\s+(?:of|that|including)|suspicion\s+of|on\s+(?:the\s+)?grounds?\s+(?:of|that)|allegedly|"
    r"(?:crimes?|offen[cs]es?)\s+(?:of|such\s+as|like|including)|"
    r"(?:executed|sentenced|arrested|detained|punished|shot|jailed|imprisoned|tried|killed|condemned|purged|"
    r"expelled|banished)\s+(?:[\w'-]+\s+){0,6}?for\s+"
    r"(?!(?:\d+|a|an|one|two|three|four|five|six|several|many|few|the\s+(?:past|last|next)|more|over|about|life|"
    r"up\s+to|at\s+least|nearly|almost)\b))",
    re.IGNORECASE,
)
_RESUMED = re.compile(
    r";|\s[-–—]\s|—|\b(?:and|but|then|before|after)\s+(?:\w+\s+)?(?:was|were|is|are|has|have|had|later|then|"
    r"subsequently|eventually)\b",
    re.IGNORECASE,
)
_OFFENCE_KINDS = frozenset(
    {"extortion_or_bribery", "torture_or_ill_treatment", "other", "surveillance", "disappearance",
     "forced_repatriation", "forced_labour_or_mobilisation"}
)  # fmt: skip

# "where they could face detention, torture and execution": everything after it is a prospect.
_FACING = re.compile(r"\b(?:could|may|might|would|will|to|risk)\s+fac(?:e|ing)\b", re.I)
_PAST_TENSE = re.compile(r"\b(?:was|were|had|did|(?:has|have) (?:\w+ )?been|last|ago|yesterday)\b", re.I)

_ATTENDANCE = re.compile(r"\b(?:watch|witness|attend|observe|gather|assembl|front of|looked on)", re.I)
_HELD_FOR = re.compile(
    r"\b(?:for (?:\d+|a|an|one|two|three|four|five|six|several|many|few) |days|weeks|months|years|camp|prison|"
    r"cent(?:re|er)|cell|jail|facilit|station|kyohwaso|kwanliso|jipkyulso|kuryujang)",
    re.I,
)
ABROAD_NAME = re.compile(
    r"\b(?:China|Chinese|Russia|Laos|Vietnam|Thailand|Mongolia|Shenyang|Yanji|Dandong|Beijing|Changbai|Tumen|"
    r"Hunchun|Vientiane|Vladivostok)\b"
)

CLAUSE_END = re.compile(r"[,;:]\s|\s(?:and|but|although|though|while|whereas)\s|\s[-–—]\s")


@dataclass(frozen=True)
class Spans:
    """Sorted, non-overlapping spans of one pattern over the body, searchable by position.

    Looking positions up by bisection keeps the work per cue logarithmic, so a
    sentence with thousands of cues (hostile input) is still read in linear time.
    """

    starts: list[int]
    ends: list[int]

    @classmethod
    def of(cls, pattern: re.Pattern[str], body: str, offset: int) -> Spans:
        spans = [(m.start() + offset, m.end() + offset) for m in pattern.finditer(body)]
        return cls([a for a, _ in spans], [b for _, b in spans])

    def covers(self, position: int) -> bool:
        i = bisect.bisect_left(self.starts, position) - 1
        return i >= 0 and self.starts[i] < position < self.ends[i]

    def last_end_before(self, position: int) -> int | None:
        i = bisect.bisect_right(self.ends, position) - 1
        return self.ends[i] if i >= 0 else None

    def first_start_after(self, position: int) -> int | None:
        i = bisect.bisect_left(self.starts, position)
        return self.starts[i] if i < len(self.starts) else None

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self.starts, end - 1) - 1
        return i >= 0 and self.ends[i] > start

    def any_start_within(self, left: int, right: int) -> bool:
        i = bisect.bisect_left(self.starts, left)
        return i < len(self.starts) and self.starts[i] < right


def stated_cues(
    text: str,
    content: str,
    start: int,
    end: int,
    triggers: list[Trigger],
    dates: list[DateMatch],
    places: list[PlaceMatch],
    victims: list[CountMatch],
    background: bool,
    structure: tuple[Spans, Spans, Spans],
    report: bool = False,
) -> list[Trigger]:
    """The cues of a sentence that state an incident, as opposed to hedging, pointing back or supposing.

    In a testimony, quoted speech that gives no date, place or count of its own is colour;
    in a published ``report`` the quoted source is who tells the story ("'Seven people
    were arrested,' a partner said"), so its cues count.
    """
    quoted, clauses, hedges = structure
    if _CONDITIONAL.match(content):
        return []  # "If a smuggler did not pay, we caught him": how things go, not one incident
    dated = any(not d.anaphoric and d.value is not None for d in dates)
    if not dated and _PRESENT_PASSIVE.search(content) and not _PAST_TENSE.search(content):
        return []  # "Those caught crossing are sent to camps": a practice, not an incident
    if any(t.type == "forced_repatriation" for t in triggers) and not _ABROAD_CUE.search(content):
        triggers = [t for t in triggers if t.type != "forced_repatriation"]
    specific = bool(dates or places or victims)
    triggers = [t for t in triggers if _stated(text, t, dated) and (report or specific or not quoted.covers(t.start))]
    if background and not dated:
        # "He had been caught carrying copper wire": how the victim came to be held,
        # part of the incident it explains, not an arrest of its own. In a report, an
        # arrest abroad ("refugees who had been arrested in China") is one: it happened
        # to them in another country, before and apart from what was done to them at home.
        triggers = [
            t for t in triggers
            if t.type != "arrest" or (report and ABROAD_NAME.search(text, t.end, min(end, t.end + 40)))
        ]  # fmt: skip
    triggers = [t for t in triggers if not _charged(text, start, t)]
    if any(t.type in _OFFENCE_KINDS for t in triggers):
        offence = _Offences(text, start, end)
        triggers = [t for t in triggers if t.type not in _OFFENCE_KINDS or not offence.covers(t)]
    facing = _FACING.search(text, start, end)
    if facing is not None:
        triggers = [t for t in triggers if t.start < facing.start()]
    return [t for t in triggers if not _speculative(t, start, end, clauses, hedges)]


def _charged(text: str, start: int, trigger: Trigger) -> bool:
    """True for a cue that names the charge ("accused of smuggling"), not what was done to them
    ("accused of spying and was then sent to a camp")."""
    charge = _CHARGED.search(text, max(start, trigger.start - 60), trigger.start)
    return charge is not None and _RESUMED.search(charge.group()) is None


class _Offences:
    """Where a sentence tells what a victim was punished or charged for (each pattern scanned once)."""

    def __init__(self, text: str, start: int, end: int) -> None:
        self.markers = [m.end() for m in _REASON.finditer(text, start, end)]
        self.resumed = [m.start() for m in _RESUMED.finditer(text, start, end)]

    def covers(self, trigger: Trigger) -> bool:
        """True when the cue comes after a reason marker with no clause telling a punishment between."""
        i = bisect.bisect_right(self.markers, trigger.start) - 1
        if i < 0:
            return False
        j = bisect.bisect_left(self.resumed, self.markers[i])
        return not (j < len(self.resumed) and self.resumed[j] < trigger.start)


def _speculative(trigger: Trigger, start: int, end: int, clauses: Spans, hedges: Spans) -> bool:
    """True when the clause of the cue is hedged ("people believe", "it is unclear", "will be")."""
    before = clauses.last_end_before(trigger.start)
    left = max(start, before if before is not None else start)
    after = clauses.first_start_after(trigger.end)
    right = min(end, after if after is not None else end)
    # A hedge inside the cue is the cue's own words ("nobody knows where she is" tells a disappearance).
    return hedges.any_start_within(left, trigger.start) or hedges.any_start_within(trigger.end, right)


def refers_back(text: str, trigger: Trigger) -> bool:
    """True for a noun cue pointing at an incident already told ("the executions took place in
    Chongjin", "their repatriation"): in a report it adds detail to that incident, never a new one."""
    before = text[max(0, trigger.start - 30) : trigger.start]
    words = trigger.text.lower().split()
    if not _NOMINAL.match(words[-1]):
        return False
    return words[0] in ("the", "this", "that", "these", "those") or bool(_BACK_REFERENCE.search(before))


def _stated(text: str, trigger: Trigger, dated: bool = False) -> bool:
    """False for a negated cue ("were not arrested") or a back-reference ("since the arrests")."""
    before = text[max(0, trigger.start - 30) : trigger.start]
    if _NEGATION.search(before) and not trigger.text.lower().startswith(("never", "has not", "have not", "had not")):
        return False
    if trigger.text.lower().startswith("held") and _EVENT_HELD.search(before):
        return False  # "the rally held at the factory": an event was held, not a person
    if _PASSING.search(before):
        return False  # "after the man who was caught earlier this month": a pointer, not a telling
    participle = trigger.text.lower().split()[0].endswith(("ed", "caught", "shot", "held", "sent", "taken"))
    if _ANYONE.match(text, trigger.end, trigger.end + 30) or (participle and _ANYONE_BEFORE.search(before)):
        return False
    if _INDIRECT.search(before):
        return False  # "where he is being held", "how I was caught": not a statement of the act
    if " " not in trigger.text and trigger.text.endswith("ed") and _ADJECTIVAL.search(before):
        return False  # "the arrested men's families"
    words = trigger.text.lower().split()
    if len(words) > 1 and words[0] in ("the", "this", "that", "these", "those") and _NOMINAL.match(words[-1]):
        return dated  # "since the execution" points back; "the execution in Kanggye in September" tells
    if trigger.text.lower() == "caught" and _PEOPLE_BEFORE.search(before):
        return False  # "about 20 people caught near the Yalu ... are being held": how they came to be held
    return not (_NOMINAL.match(words[-1]) and _BACK_REFERENCE.search(before))


def choose_cues(triggers: list[Trigger], text: str = "", report: bool = False) -> list[Trigger]:
    """One trigger per type, with the combinations that describe one incident collapsed.

    ``text`` (the whole text the offsets index) lets the words between cues decide: in a
    report an arrest abroad told before a repatriation is an incident of its own, and "detained"
    is a detention only when a facility or a length of time goes with it. In a published
    ``report`` the crowd made to watch an execution is an incident of its own (people
    mobilised), as reports and their annotators count it; a testimony tells it as part of
    the execution.
    """
    first: dict[str, Trigger] = {}
    for trigger in triggers:
        first.setdefault(trigger.type, trigger)
    kinds = set(first)
    arrest, held = first.get("arrest"), first.get("detention")
    if (
        arrest is not None
        and held is not None
        and arrest.start == held.start
        and not _HELD_FOR.search(text, held.start, held.end + 30)
    ):
        kinds.discard("detention")  # "detained by police in January": taken, nothing said of where or how long
    abroad_arrest = False
    if report and arrest is not None and "forced_repatriation" in first:
        abroad_arrest = bool(ABROAD_NAME.search(text, arrest.end, first["forced_repatriation"].start))
    if "execution" in kinds:
        kinds -= {"torture_or_ill_treatment", "other"}
        mobilised = first.get("forced_labour_or_mobilisation")
        if not (report and mobilised is not None and _ATTENDANCE.search(mobilised.text)):
            kinds.discard("forced_labour_or_mobilisation")
    if "punishment_of_family" in kinds:
        kinds -= {"disappearance", "arrest"}
    if "disappearance" in kinds and "arrest" in kinds:
        # Taken by a named agent and not back: an arrest whose outcome is not yet known.
        # Taken, and then gone without trace: a disappearance.
        kinds.discard("disappearance" if first["arrest"].text.lower().endswith(" by") else "arrest")
    if (
        "torture_or_ill_treatment" in kinds
        and first.get("detention")
        and first["detention"].start > first["torture_or_ill_treatment"].start
    ):
        kinds.discard("detention")
    if "forced_repatriation" in kinds and not (
        "arrest" in kinds and first["arrest"].start < first["forced_repatriation"].start and abroad_arrest
    ):
        kinds.discard("arrest")  # handed over at the border: the repatriation, not an arrest of its own
    if "extortion_or_bribery" in kinds:
        kinds.discard("surveillance")  # searches as the occasion for demanding money
    if len(kinds) > 1:
        kinds.discard("other")
    return sorted((first[k] for k in kinds), key=lambda t: (t.start, t.type))
