"""Search and facets over a desk's records, in memory only (see :mod:`casework.search.index`)."""

from .index import FACETS, KINDS, SORTS, FacetValue, SearchIndex, SearchQuery, SearchRecord, SearchResult
from .records import TestimonyFacts, desk_records, mention_title, mention_words
from .tokens import terms

__all__ = [
    "FACETS",
    "KINDS",
    "SORTS",
    "FacetValue",
    "SearchIndex",
    "SearchQuery",
    "SearchRecord",
    "SearchResult",
    "TestimonyFacts",
    "desk_records",
    "mention_title",
    "mention_words",
    "terms",
]
