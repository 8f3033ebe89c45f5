"""Corroboration: independent sources, retellings and grades for each incident.

Public API: :func:`grade_incident` (a :class:`Corroboration` for one incident's
mentions), :func:`grade_linkage` (every incident of a linkage run),
:func:`is_retelling` and :func:`independent_sources`.
"""

from casework.corroborate.grades import (
    COUNT_FACTOR,
    DATE_TOLERANCE_DAYS,
    PUBLISHED_ONLY,
    Corroboration,
    disagreements,
    grade_incident,
)
from casework.corroborate.independence import independent_sources, is_retelling, retelling_cue
from casework.corroborate.linked import grade_linkage

__all__ = [
    "COUNT_FACTOR",
    "DATE_TOLERANCE_DAYS",
    "PUBLISHED_ONLY",
    "Corroboration",
    "disagreements",
    "grade_incident",
    "grade_linkage",
    "independent_sources",
    "is_retelling",
    "retelling_cue",
]
