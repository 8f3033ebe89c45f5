"""Which mentions are independent evidence, and which retell another source's account.

Three people who heard the same story from one cousin are one source, not
three. A mention is a retelling when it says so in data (``depends_on`` names
the testimony it retells, or for a re-report the outlet it credits) or in words:
it is second-hand and its evidence says the teller also spoke to reporters or
that the account was told before ("she had also told the reporters",
"기자들에게도 이야기했다"). The same source telling the same incident twice is
counted once.

A retelling never counts for itself; it counts for its origin. An original report
and two re-reports crediting it are one source; two re-reports of a story whose
original the desk does not hold still rest on one source, the outlet they credit.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from casework.model import Mention

__all__ = ["RETELLING_CUES", "independent_sources", "is_retelling", "retelling_cue"]

RETELLING_CUES = re.compile(
    r"(also|already)\s+told\s+(the\s+)?(reporters?|journalists?|you|us)"
    r"|talks?\s+to\s+(reporters?|journalists?)"
    r"|told\s+you\s+about\s+before"
    r"|the\s+same\s+one\s+I\s+told"
    r"|기자(들)?에게(도)?\s*(이야기|말)"
    r"|기자(들)?와\s*(통화|연락)",
    re.IGNORECASE,
)


def retelling_cue(text: str | None) -> bool:
    """True when ``text`` says the account was also given to the desk by someone else."""
    return bool(text and RETELLING_CUES.search(text))


def is_retelling(mention: Mention, testimony_text: str | None = None) -> bool:
    """A mention that is not independent evidence: ``depends_on`` set, or a second-hand retelling cue.

    Args:
        mention: the mention to judge.
        testimony_text: the testimony's text when available; the cue is usually in
            the sentence that introduces the relative, outside the evidence span.
    """
    if mention.depends_on:
        return True
    if mention.relation != "second-hand":
        return False
    evidence = " ".join(span.text for span in mention.evidence)
    return retelling_cue(evidence) or retelling_cue(testimony_text)


def independent_sources(mentions: Sequence[Mention], retellings: set[str] | None = None) -> list[str]:
    """Distinct origins of ``mentions``, in first-seen order: sources of first tellings, then retold origins.

    A retelling with ``depends_on`` counts for what it retells: the source of the
    mention of that testimony when it is among ``mentions``, else the named source or
    outlet itself (once, however many retellings name it). A retelling known only
    from its wording names no origin and counts for nothing.
    """
    flagged = retellings if retellings is not None else {m.mention_id for m in mentions if is_retelling(m)}
    seen: dict[str, None] = {}
    for mention in mentions:
        if mention.mention_id in flagged or not mention.source:
            continue
        seen.setdefault(mention.source, None)
    source_of = {m.testimony: m.source for m in mentions if m.testimony and m.source}
    for mention in mentions:
        if mention.mention_id in flagged and mention.depends_on:
            origin = source_of.get(mention.depends_on) or mention.depends_on
            seen.setdefault(origin, None)
    return list(seen)
