"""People's decisions on machine output: mentions accepted, corrected or rejected; links decided.

The rules that keep review from contradicting itself live here once, for the CLI
and the web app alike: a mention is never "the same incident" as itself, two
mentions of one testimony are two incidents (a testimony that tells one event
twice is one mention), and splitting a mention off an incident is recorded as
decisions, not by editing the incident.
"""

from __future__ import annotations

from casework.errors import InputError, NotFoundError
from casework.model import Mention
from casework.store import CaseStore, MentionStatus

__all__ = ["decide_link", "review_mention", "split_mention"]


def decide_link(store: CaseStore, mention_a: str, mention_b: str, decision: str) -> None:
    """Record that two mentions describe one incident ("confirm") or two ("reject").

    Raises:
        InputError: a mention paired with itself, a confirmation of two mentions of
            one testimony, an unknown decision, or a mention that is not in the store
            (or was rejected).

    Example:
        >>> decide_link(store, "T-0001-1", "T-0004-2", "confirm")  # doctest: +SKIP
    """
    if decision not in ("confirm", "reject"):
        raise InputError(f"link decision {decision!r}: use confirm or reject")
    if mention_a == mention_b:
        raise InputError(f"link {mention_a} {mention_b}: a mention cannot be paired with itself")
    found = {}
    for mention_id in (mention_a, mention_b):
        try:
            stored = store.get_mention(mention_id)
        except NotFoundError:
            raise InputError(f"mention {mention_id} not found") from None
        if stored.status == "rejected":
            raise InputError(f"mention {mention_id} was rejected in review; it is not linked")
        if stored.status == "retired":
            raise InputError(f"mention {mention_id} belongs to a corrected testimony version; it is not linked")
        found[mention_id] = stored.mention
    same = found[mention_a].testimony == found[mention_b].testimony
    if decision == "confirm" and same:
        raise InputError(
            f"link {mention_a} {mention_b}: both are mentions of testimony {found[mention_a].testimony}; "
            "one testimony's mentions are different incidents (reject one mention if it repeats the other)"
        )
    store.save_link_decision(mention_a, mention_b, decision)  # type: ignore[arg-type]


def review_mention(
    store: CaseStore, mention_id: str, status: MentionStatus, corrected: Mention | None = None
) -> None:
    """Accept or reject a suggested mention, optionally with corrected fields (then accepted)."""
    store.review_mention(mention_id, status=status, corrected=corrected)


def split_mention(store: CaseStore, incident_id: str, mention_id: str) -> list[str]:
    """Make one mention its own incident at the next linkage run; return the mentions it was split from.

    Recorded as "different incident" decisions against every other mention of the
    incident, so the next linkage run (which replaces all incidents) keeps it apart.
    """
    incident = store.get_incident(incident_id)
    if mention_id not in incident.mentions:
        raise NotFoundError(f"mention {mention_id} is not part of incident {incident_id}")
    others = [m for m in incident.mentions if m != mention_id]
    for other in others:
        store.save_link_decision(mention_id, other, "reject")
    return others
