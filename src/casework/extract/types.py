"""English cues for the incident types: which words state which kind of incident.

Each cue is a short pattern over a clause (a verb group such as "were arrested",
"was sentenced to", "made every household hand over"), written from how reports of
the kind describe incidents in general, not from any particular report. Patterns use
only bounded repetition, so that the work per position is bounded whatever the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from casework.extract.scanning import dispatched
from casework.gazetteer.names import fold

__all__ = ["Trigger", "find_triggers"]

_FACILITY = (
    r"(?:kyohwaso|gyohwaso|prison|camp|gulag|labou?r[- ]training|dallyondae|dall?y[eo]+ndae|danry[eo]+ndae|"
    r"jipkyulso|jipgyulso|jip[kg]y[eu]o?lso|kwalliso|guryujang|holding cent(?:re|er)|"
    r"(?:education|training) (?:camp|unit|cent(?:re|er)|facilit(?:y|ies))|detention (?:house|ward)s?|"
    r"detention cent(?:re|er)|kwanliso|reform|re-?education|labou?r unit|kuryujang|jail|cell|penitentiary|"
    r"(?:labou?r|training|disciplinary|correctional|detention|holding) (?:cent(?:re|er)|facilit(?:y|ies)))"
)
_FAMILY = r"(?:famil(?:y|ies)|parents|wife|wives|husband|children|relatives|mother|father|brothers?|sisters?|sons?)"
_MONEY = (
    r"(?:(?:\d[\d,.]*|a few hundred|a few thousand|hundreds of|thousands of) ?(?:yuan|won|dollars|us dollars|rmb|usd|"
    r"euros?)|(?:usd|rmb|cny|kpw|krw|us\$|\$) ?\d[\d,.]*)"
)

_CUES: dict[str, tuple[str, ...]] = {
    "execution": (
        r"(?:publicly |summarily )?executed",
        r"(?:a |an |the )?(?:public |secret )?executions?(?! of (?:the |his |her )?(?:plan|order|dut))",
        r"shot (?:\w+ ){0,2}?dead",
        r"(?:were|was|been) (?:\w+ly )?shot(?! (?:and|but) (?:wounded|injured|survived))"
        r"(?! in the (?:leg|arm|foot|shoulder))",
        r"firing squad",
        r"put to death",
        r"hanged",
        r"shot (?:at )?(?:him|her|them|people|\w+ smugglers?)",
        r"watch (?:\w+ ){0,4}?(?:being )?(?:shot|executed|hanged)",
    ),
    "arrest": (
        r"arrest(?:ed|ing)?",
        r"(?:a |an )arrests?",
        r"detained",
        r"caught(?! (?:fire|cold|a cold|up|sight|on|a glimpse|fish|(?:the|his|her|their|my) (?:ear|eye|attention)))",
        r"(?<!infection )(?<!virus )(?<!disease )picked up",
        r"(?:taken|took|dragged|led) (?:\w+ ){0,3}?away",
        r"taken (?:in|by the|to the police)",
        r"rounded up",
        r"apprehended",
        r"called in by",
        r"(?:was|were) (?:also )?taken by",
        r"(?:taken|took|take|taking) (?:\w+ ){0,3}?into custody",
        r"(?:placed |put |remain |remains |remained |were |was |are |is |been )under (?:\w+ )?"
        r"(?:investigation|interrogation)",
        r"interrogated",
        r"dragged (?:\w+ ){0,3}?to (?:the|a|an) (?:\w+ ){0,3}?"
        r"(?:police|security|bowibu|station|ministry|department|office)",
    ),
    "detention": (
        r"sentenced",
        r"sent (?:\w+ ){0,2}?to (?:a |the )?(?:[\w'-]+ ){0,4}?" + _FACILITY,
        r"taken (?:straight |directly )?to (?:a |the )?(?:[\w'-]+ ){0,4}?" + _FACILITY,
        r"(?<!is )(?<!are )(?<!being )(?:held|locked up|detained) "
        r"(?!a |an |the |(?:\w+ )?(?:rall|meeting|trial|session|demonstr|lecture|event|ceremon))"
        r"(?:\w+ ){0,5}?(?:for|at|in)",
        r"kept (?:\w+ ){0,3}?in (?:a |the )?(?:[\w'-]+ ){0,3}?" + _FACILITY,
        r"(?:has|have|had) been held",
        r"(?:is|are) (?:being |still )?held (?:\w+ ){0,3}?(?:at|in) (?:a |the )?(?:[\w'-]+ ){0,4}?" + _FACILITY,
        r"(?:given|got|received|handed) (?:[\w'-]+ ){0,4}?(?:\w+-)?"
        r"(?:years?|months?|(?:life |prison |jail )?(?:sentences?|terms?))",
        r"serving (?:a |an |his |her |their )?(?:[\w'-]+ ){0,3}?(?:sentence|term)",
        r"(?:held|kept|remains?|remained|been|is|was|are|were) (?:\w+ ){0,2}?in (?:\w+ ){0,2}?custody",
        r"(?:confined|incarcerated|interned|remanded)",
        r"(?:placed|transferred|moved|dispatched) (?:\w+ ){0,2}?(?:in|into|to) (?:a |an |the )?(?:[\w'-]+ ){0,4}?"
        + _FACILITY,
        r"solitary confinement",
        r"serv(?:e|ed|es|ing) (?:\w+ )?time",
        r"(?:put|thrown|throw|threw|locked) (?:\w+ ){0,2}?in(?:to)? (?:a |the )?(?:[\w'-]+ ){0,3}?"
        r"(?:prison|jail|camp|cell)",
        r"behind bars",
        r"punished with (?:[\w'-]+ ){0,3}?(?:years?|months?|days?)",
        r"(?:spent|served) (?:\w+ ){0,3}?(?:in|at) (?:a |the )?(?:[\w'-]+ ){0,4}?" + _FACILITY,
        r"ended up in (?:a |the )?(?:[\w'-]+ ){0,4}?" + _FACILITY,
        r"detained (?:[\w'-]+ ){0,3}?for (?:\d+|a|an|one|two|three|four|five|six|several|ten|twenty) "
        r"(?:days?|weeks?|months?|years?)",
        r"imprisoned",
        r"jailed",
        r"quarantined",
        r"(?:in|into) quarantine",
    ),
    "disappearance": (
        r"(?<!all but )disappeared(?! from (?:\w+ )?(?:markets?|shelves|stores|shops|sale|view|circulation))",
        r"vanished",
        r"(?:went|gone|go) missing",
        r"never (?:came|come) (?:back|home)",
        r"never returned",
        r"never (?:been )?(?:seen|heard from) again",
        r"(?:has|have|had) not (?:come back|returned|been seen|been heard)",
        r"(?:has|have|had)(?:n't| not) come back",
        r"no one knows where",
        r"(?:whereabouts|fate)(?: of (?:[\w'-]+ ){0,3}?[\w'-]+)? "
        r"(?:are|is|remains?|remained|was|were) (?:still )?unknown",
        r"(?:has|have) been missing|missing since|(?:remains?|remained|still) missing",
        r"(?:no one|nobody) knows (?:what (?:happened|became)|where)",
        r"(?:no|lost) contact with (?:him|her|them) (?:ever )?since",
        r"(?:not|never) heard from (?:him|her|them) since",
    ),
    "torture_or_ill_treatment": (
        r"beat(?:en|ing|s)?(?! (?:the|a|its) (?:target|record|quota))",
        r"kicked",
        r"tortur\w*",
        r"made (?:\w+ ){0,4}?(?:kneel|stand|sit)",
        r"forced to (?:kneel|stand|sit)",
        r"had to sit",
        r"sit cross-legged",
        r"starv\w*",
        r"rations? (?:was|were) cut",
        r"whipped",
        r"raped",
        r"sexually (?:abused|assaulted)",
        r"died (?:in|at|after|during|from)",
        r"ill-?treat\w*",
        r"humiliat\w*",
        r"denied (?:food|medical|medicine|water)",
    ),
    "forced_labour_or_mobilisation": (
        r"mobili[sz]\w*",
        r"made to (?:build|work|cut|carry|clear|plant|dig|repair|attend|join|harvest|collect|gather|march|haul)",
        r"(?:forced|made|ordered|compelled|mobili[sz]ed|gathered|assembled|rounded up) (?:by (?:[\w'-]+ ){1,4})?"
        r"(?:[\w'-]+ ){0,3}?to (?:watch|witness|attend|observe)",
        r"in front of (?:a |an |the )?(?:crowds?|thousands|hundreds|dozens|\d[\d,]* |(?:local )?residents|"
        r"(?:\w+ ){0,2}?(?:spectators|onlookers|students|workers))",
        r"made to labou?r",
        r"forced to (?:work|build|labou?r|attend|join|carry|cut|dig|plant|gather|collect)",
        r"(?:had|have|has) to (?:send|plant|build|work|clear|attend|join|dig|carry|cut|collect)",
        r"sent (?:out )?to (?:the )?(?:farms?|construction|build|fields?|plant|harvest|work)",
        r"sent (?:\w+ ){0,5}?to (?:transplant|plant|harvest|weed|help with|build|work on|clear)",
        r"social labou?r",
        r"(?:was|were|is|are) (?:mandatory|compulsory) for",
        r"called (?:in|out|up) (?:all )?(?:the )?(?:\w+ )?(?:farmers|workers|residents|students|housewives|everyone)",
        r"(?:forced|unpaid|compulsory) (?:labou?r|rall(?:y|ies)|attendance)",
        r"double shifts",
        r"without (?:any )?pay",
        r"in rotation",
        r"mass games",
        r"(?:protest |denunciation )?rall(?:y|ies)",
        r"quota of (?:workers|people)",
        r"assigned to (?:work|labou?r)",
        r"kept (?:underground|at work)",
    ),
    "surveillance": (
        r"informants?",
        r"monitor\w*",
        r"surveil\w*",
        r"(?:checked|checking|checks|inspect\w*) (?:\w+ ){0,3}?(?:household|home|house|phone|television|radio)",
        r"(?:went|going) from house to house",
        r"(?:searched|searching|raided|raiding) (?:\w+ ){0,3}?(?:homes?|houses?|flats?|apartment|block|dormitor)",
        r"radio detection",
        r"(?:write|wrote|writing) down",
        r"report (?:on|weekly|every|anyone|any|who)",
        r"(?:to )?list every",
        r"patroll?(?:ed|ing)",
        r"stopping (?:young )?(?:people|residents|women|men)",
        r"crackdown",
        r"spot[- ]checks?",
        r"(?:called|calls) (?:\w+ ){0,3}?in every (?:week|month|day)",
        r"(?:calling|call|calls) in every",
        r"report (?:to the|strangers|visitors)",
        r"count(?:s|ing)? who",
        r"watch(?:ed|ing) (?:over )?(?:the|every|their|them|him|her)",
        r"(?:wire)?tap(?:ped|ping)",
        r"(?:signal|radio|wave|phone|mobile) detect\w*",
        r"(?:spied|spying|spies) on",
        r"track(?:ed|ing) (?:down )?(?:the |their |his |her )?(?:phones?|calls|movements|users?)",
    ),
    "forced_repatriation": (
        r"repatriat\w*",
        r"handed (?:\w+ ){0,4}?(?:back|over)",
        r"handed (?:\w+ ){0,4}?to (?:the )?(?:north korean|bowibu|state security|mss|ssd)",
        r"(?:sent|sending|deported) back",
        r"deported",
        r"forcibly returned",
        r"turn(?:ed|s|ing)? (?:\w+ ){0,4}?over to (?:the )?(?:north korea|pyongyang|north korean)",
    ),
    "extortion_or_bribery": (
        r"bribe[sd]?",
        r"bribery",
        r"extort\w*",
        r"fined",
        r"(?:a |the )fine of",
        r"contributions?",
        r"levy|levies",
        r"(?:pay|paid|paying|pays|took|taking|take|takes|demanded|demanding|hand over|handed over) (?:\w+ ){0,4}?"
        + _MONEY,
        r"made (?:\w+ ){0,3}?(?:hand over|pay|give|donate)",
        r"(?:had|forced|compelled) to (?:hand over|pay|give up|surrender) (?:[\w'-]+ ){0,4}?to (?:a |an |the )?"
        r"(?:[\w'-]+ ){0,2}?(?:agents?|officials?|officers?|police(?:men)?|guards?|bowiwon|soldiers?|cadres?)",
        r"(?:only )?if (?:they|you|he|she|we) (?:pay|paid)",
        r"unless (?:they|you|he|she|we) (?:pay|paid)",
        r"(?:paid|pay|pays) (?:the police|the guards|an officer|the officer|them|him) (?:every|each)",
        r"to be (?:left alone|excused)",
        r"demand(?:ing|ed|s)? (?:\w+ ){0,3}?(?:percent|share|cut|payment|money)",
        r"collect(?:ing|ed|s)? " + _MONEY,
        r"confiscat\w+ (?:[\w'-]+ ){0,3}?(?:money|cash|remittances?|savings|yuan|dollars|funds)",
        r"(?:took|take|takes|taking) (?:a |their |his |her )?(?:cut|share|percentage) of",
        r"only for money",
        r"in (?:exchange|return) for (?:money|cash|a bribe|(?:his |her |their )?(?:release|freedom|leniency))",
        r"(?:secure|buy|win|obtain|bought|secured) (?:his|her|their|the) (?:release|freedom)",
        r"paid (?:\w+ ){0,2}?off|kickbacks?|pay-?offs?|shakedowns?",
        r"seized (?:[\w'-]+ ){0,3}?(?:money|cash|remittances?|savings|earnings)",
        r"must pay",
    ),
    "punishment_of_family": (
        r"banish\w*",
        r"exil(?:ed|ing)",
        r"(?:took away|taken away|lost|stripped of) (?:\w+ ){0,2}?"
        r"(?:brother|sister|son|daughter|father|mother|husband|wife)'s (?:job|house|home|flat|party membership)",
        r"expell?ed",
        _FAMILY
        + r"(?:,? (?:[\w'-]+,? ){0,14}?)(?:were |was |have been |had been |are )?(?:sent away|moved out|moved to|"
        r"summoned|confess|self-criticism|closed|evicted|relocated|dismissed|demoted|lost (?:their|his|her) jobs?|"
        r"questioned|interrogated|not allowed to leave|forbidden to leave|barred from|"
        r"not been seen)",
    ),
    "other": (
        r"shot (?:and|but) (?:wounded|injured)",
        r"shot in the (?:leg|arm|foot|shoulder)",
        r"wounded",
        r"confiscat\w+",
        r"tear(?:ing)? down|torn down|demolish\w*",
        r"locked down",
        r"survived with (?:a |her |his )?(?:wound|injur\w*|gunshot)",
        r"(?:made|forced) to (?:\w+ )?(?:confess|read (?:\w+ ){0,2}?confession)",
        r"(?:forced|public|televised) confessions?",
        r"(?:undergoing|undergo|underwent|subjected to|sent for) (?:\w+ )?"
        r"(?:ideological|revolutionary) (?:education|training)",
        r"purged",
        r"(?:publicly|openly) tried",
        r"(?:public|open|mass) trials?",
    ),
}

_COMPILED = tuple((kind, re.compile(rf"\b(?:{'|'.join(cues)})\b")) for kind, cues in _CUES.items())
_KINDS = tuple(_CUES)


# One scan for all types: each scan of a text costs about the same whatever the
# pattern, so eleven scans cost eleven times one. Which types a match (and any cue
# starting inside it) belongs to is then decided on that short stretch only.
_ANY = re.compile(dispatched([cue for cues in _CUES.values() for cue in cues]))
_REACH = 300
_WORD_START = re.compile(r"\b\w")


@dataclass(frozen=True)
class Trigger:
    """Words in a clause that state an incident of ``type``; offsets into the searched text."""

    type: str
    start: int
    end: int
    text: str


def find_triggers(text: str, offset: int = 0, *, folded: str | None = None) -> list[Trigger]:
    """Every incident cue in ``text``, in order of position.

    Cues are matched on the folded text (``casework.gazetteer.names.fold``; pass it
    as ``folded`` when already computed), which is faster than ignoring case.

    Example:
        >>> [t.type for t in find_triggers("He was arrested and sentenced to five years.")]
        ['arrest', 'detention']
    """
    folded = fold(text) if folded is None else folded
    found: list[tuple[int, int, str]] = []
    for m in _ANY.finditer(folded):
        limit = min(len(folded), m.end() + _REACH)
        for word in _WORD_START.finditer(folded, m.start(), m.end()):
            for kind, regex in _COMPILED:
                other = regex.match(folded, word.start(), limit)
                if other is not None:
                    found.append((other.start(), other.end(), kind))
    found.sort()
    out: list[Trigger] = []
    last_end: dict[str, int] = {}
    for start, end, kind in found:
        if start < last_end.get(kind, -1):
            continue
        last_end[kind] = end
        out.append(Trigger(kind, start + offset, end + offset, text[start:end]))
    return out
