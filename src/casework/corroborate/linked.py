"""Grade every incident of a linkage run: the step after linking.

Linkage says which mentions belong together and which incidents hang on a single
bridge edge; this module turns each into a graded :class:`~casework.model.Incident`
with its :class:`~casework.corroborate.grades.Corroboration` (independent sources,
retellings, disagreements). Kept apart from linkage so that data flows one way:
link, then corroborate.
"""

from __future__ import annotations

from casework.corroborate.grades import Corroboration, grade_incident
from casework.link import Linkage
from casework.model import Incident

__all__ = ["grade_linkage"]


def grade_linkage(
    linkage: Linkage, *, outlets: frozenset[str] = frozenset()
) -> tuple[list[Incident], dict[str, Corroboration]]:
    """The linkage's incidents graded, in the same order and with the same ids, and the details per id.

    ``outlets``: source pseudonyms that are news outlets; incidents told only by them
    are flagged ``published-reports-only``.

    Example:
        >>> incidents, details = grade_linkage(link_mentions(mentions))  # doctest: +SKIP
        >>> incidents[0].grade  # doctest: +SKIP
        'corroborated'
    """
    by_id = {m.mention_id: m for m in linkage.mentions if m.mention_id}
    texts = dict(linkage.testimony_texts)
    incidents: list[Incident] = []
    details: dict[str, Corroboration] = {}
    for incident in linkage.incidents:
        members = [by_id[m] for m in incident.mentions]
        sides = linkage.sides.get(incident.incident_id)
        if sides is not None:
            result = grade_incident(members, bridge=True, sides=sides, testimony_texts=texts, outlets=outlets)
        else:
            result = grade_incident(members, testimony_texts=texts, outlets=outlets)
        details[incident.incident_id] = result
        incidents.append(result.to_incident(incident.incident_id))
    return incidents, details
