"""Places, state organs and detention sites of North Korea, with their spellings.

Built from the packaged copy of the shared gazetteer (``data/``, CC BY 4.0, see
``data/NOTICE.md``). Extraction uses it to find names in text and to turn any
spelling into the canonical English names that mentions carry.
"""

from __future__ import annotations

from casework.gazetteer.core import Gazetteer, OrganMatch, PlaceMatch, SiteMatch, load_gazetteer
from casework.gazetteer.organs import PERPETRATORS, perpetrator_of
from casework.model import Place

__all__ = [
    "PERPETRATORS",
    "Gazetteer",
    "OrganMatch",
    "Place",
    "PlaceMatch",
    "SiteMatch",
    "load_gazetteer",
    "perpetrator_of",
]
