"""The source's access to an event: first-hand, second-hand or unknown.

Cues are the speaker's own words: "I saw", "we were taken", "my cousin told me",
"I heard". Reporter-style texts ("the source said") mostly do not say how the source
knows, and then the relation stays ``unknown`` rather than being guessed.
"""

from __future__ import annotations

import re

__all__ = ["relation_of"]

_SECOND_HAND = re.compile(
    r"\b(?:I|we) (?:have |had |later )?(?:heard|was told|were told|learned|learnt)\b|\btold me\b|"
    r"\b(?:people|they|neighbours|neighbors|relatives|villagers|residents) (?:said|say|says|told)\b|"
    r"\baccording to (?:my|his|her|our|their|a) (?:relative|cousin|friend|neighbou?r|brother|sister|mother|father|"
    r"aunt|uncle|son|daughter|colleague|contact|acquaintance)|\bheard (?:from|that|about)\b|\brumou?rs?\b|"
    r"\bwhile I was away\b|\bword (?:is|was) that\b|\bsaw (?:him|her|them) (?:being )?taken\b|"
    r"\b(?:my|our|a|his|her) (?:\w+ )?(?:cousin|relative|friend|neighbou?r|brother|sister|mother|father|aunt|uncle|"
    r"son|daughter|husband|wife|colleague|contact|acquaintance)s? (?:said|says|wrote|told)\b|"
    r"\b(?:talking|complaining|whispering) (?:about|that)\b|"
    r"\bwho (?:speaks|talks|stays in touch) (?:regularly )?with\b",
    re.IGNORECASE,
)
_WITNESS = re.compile(r"\b(?:I|we) (?:saw|watched|witnessed|was there|were there|happened to be)\b", re.IGNORECASE)


def relation_of(clause: str, first_person_channel: bool) -> str:
    """``first-hand``, ``second-hand`` or ``unknown`` for a clause stating an incident.

    ``first_person_channel`` is true for interviews and letters, where the speaker
    tells their own story; in reporter-style calls and messages a first-person word
    is usually the reporter's ("told us"), so it proves nothing and the relation
    stays unknown unless the clause says how the source knows. Pass the clause after
    any reporting frame.

    Example:
        >>> relation_of("my cousin told me six students were taken", True)
        'second-hand'
    """
    if _SECOND_HAND.search(clause):
        return "second-hand"
    if _WITNESS.search(clause):
        return "first-hand"
    if first_person_channel:
        # An interview or a letter is the speaker's own story unless they say otherwise.
        return "first-hand"
    return "unknown"
