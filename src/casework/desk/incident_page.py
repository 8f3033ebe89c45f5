"""Everything the web incident page shows about one incident, read in one place.

The page shows the record as the desk settles it: the incident's fields come from
:func:`casework.publish.export.incident_record` (the rule the exports use, here at
the finest precision: day and county, since the page is inside the desk), its
review state from :func:`casework.desk.review_state.review_states`, and its history
from the store's ``incident_history`` table. The web layer may not call the stages
itself (``tests/test_layers.py``), and one function keeps the page's reads together.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from casework.desk.review_state import review_states
from casework.model import Incident, ReviewState
from casework.publish.export import incident_record
from casework.store import CaseStore, IncidentEvent, StoredMention

__all__ = ["IncidentPage", "incident_page"]


@dataclass(frozen=True)
class IncidentPage:
    """One incident with its fields, review state, history and (up to a limit) its mentions."""

    incident: Incident
    record: dict[str, Any]
    review: ReviewState
    history: tuple[IncidentEvent, ...]
    mentions: tuple[StoredMention, ...]
    more: bool  # the incident has more mentions than were read


def incident_page(store: CaseStore, incident_id: str, *, limit: int = 200) -> IncidentPage:
    """Read one incident for display (NotFoundError when there is none by that id).

    Only this incident's rows are read: its mentions in one statement, the status of
    its members and the decisions among them for its review state.
    The fields are computed from the mentions shown (the first ``limit``), which for
    every incident below the limit are all of them.
    """
    incident = store.get_incident(incident_id)
    mentions = store.get_mentions(incident.mentions[:limit])  # one read; ids purged since the last run drop out
    record = incident_record(incident, [s.mention for s in mentions], "day", "county")
    review = review_states(store, [incident])[incident.incident_id]
    history = tuple(store.incident_history(incident.incident_id))
    return IncidentPage(incident, record, review, history, tuple(mentions), len(incident.mentions) > limit)
