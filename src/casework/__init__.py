"""Casework: a documentation desk for testimony from closed countries.

The public API is re-exported here; each pipeline stage lives in its own package
(``store``, ``intake``, ``extract``, ``gazetteer``, ``link``, ``corroborate``,
``estimate``, ``publish``, ``report``, ``web``, ``cli``).
"""

from casework.errors import CaseworkError
from casework.model import EvidenceSpan, Incident, Mention, Place, Source, SourceIdentity, Testimony, Victims

__version__ = "0.1.0"

__all__ = [
    "CaseworkError",
    "EvidenceSpan",
    "Incident",
    "Mention",
    "Place",
    "Source",
    "SourceIdentity",
    "Testimony",
    "Victims",
    "__version__",
]
