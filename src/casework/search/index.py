"""An in-memory search index with facets over a desk's records.

Threat addressed: a full-text index is a copy of testimony. Written to disk it would be
plaintext beside an encrypted store, so this index lives only in the memory of the
process that holds an unlocked store (one per web session, dropped at logout) and is
rebuilt from the store when needed. Misuse to avoid: never pickle, cache or log it.

The index is columnar (numpy): terms map to postings (record numbers and term counts);
each facet is a sparse record x value membership matrix (scipy), so a record may carry
several values (an incident told by several sources). A query scores by summed tf-idf
of its terms (every term must match; a term of three or more letters also matches the
words it begins), filters by facets and a date range, counts every facet over the
matches, and sorts by relevance, date, id or any facet, in a few milliseconds at
hundreds of thousands of records.
"""

from __future__ import annotations

import bisect
import math
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse

from .tokens import terms, terms_of_many

KINDS = ("incident", "mention", "testimony")
FACETS = ("kind", "type", "province", "source", "list", "grade", "status", "language")
SORTS = ("relevance", "date", "id", *FACETS)
PREFIX_MIN = 3  # query terms this long also match the longer words they begin
PREFIX_MIN_HANGUL = 2  # two Hangul syllables say as much as three Latin letters (혜산 -> 혜산시)


@dataclass(frozen=True)
class SearchRecord:
    """One searchable record: what is searched, what is shown and how it is faceted.

    ``facets`` maps a facet name to one value, several values or None; ``date`` is ISO at
    any precision (``2023``, ``2023-03``, ``2023-03-02``) or None.
    """

    kind: str
    record_id: str
    title: str
    text: str
    facets: Mapping[str, str | Sequence[str] | None] = field(default_factory=dict)
    date: str | None = None


@dataclass(frozen=True)
class SearchQuery:
    """What a person asked for. Unknown facet names or sort keys are refused by :meth:`SearchIndex.search`."""

    text: str = ""
    filters: Mapping[str, frozenset[str]] = field(default_factory=dict)
    date_from: str | None = None
    date_to: str | None = None
    sort: str = "relevance"
    descending: bool = False
    limit: int = 50
    offset: int = 0


@dataclass(frozen=True)
class FacetValue:
    value: str
    count: int
    selected: bool


@dataclass(frozen=True)
class SearchResult:
    total: int
    hits: list[SearchRecord]
    facets: dict[str, list[FacetValue]]


def _date_bounds(value: str | None) -> tuple[int, int]:
    """An ISO date at any precision as the first and last yyyymmdd it may mean; (-1, -1) if none."""
    if not value or not value[:4].isdigit():
        return -1, -1
    year = int(value[:4])
    if len(value) >= 7 and value[5:7].isdigit():
        month = int(value[5:7])
        if len(value) >= 10 and value[8:10].isdigit():
            day = year * 10000 + month * 100 + int(value[8:10])
            return day, day
        return year * 10000 + month * 100 + 1, year * 10000 + month * 100 + 31
    return year * 10000 + 101, year * 10000 + 1231


def _values(raw: str | Sequence[str] | None) -> tuple[str, ...]:
    if raw is None:
        return ()
    if isinstance(raw, str):
        return (raw,) if raw else ()
    return tuple(v for v in raw if v)


class SearchIndex:
    """The index of one desk's records, built once and queried many times.

    Args:
        records: every record to search (any order).

    Example:
        >>> index = SearchIndex([SearchRecord("mention", "M-1", "arrest", "arrest in Hyesan", {"type": "arrest"})])
        >>> index.search(SearchQuery(text="hyes")).total
        1
    """

    def __init__(self, records: Sequence[SearchRecord]) -> None:
        self.records = list(records)
        n = len(self.records)
        self.size = n
        postings: dict[str, Counter[int]] = defaultdict(Counter)
        for number, words in enumerate(terms_of_many(r.text for r in self.records)):
            for word in words:
                postings[word][number] += 1
        self._vocabulary = sorted(postings)
        self._docs: list[np.ndarray] = []
        self._weights: list[np.ndarray] = []
        for word in self._vocabulary:
            counts = postings[word]
            idf = math.log(1 + n / len(counts))
            self._docs.append(np.fromiter(counts.keys(), dtype=np.int32, count=len(counts)))
            self._weights.append(np.fromiter(counts.values(), dtype=np.float32, count=len(counts)) * idf)
        self._facet_values: dict[str, list[str]] = {}
        self._facet_matrix: dict[str, sparse.csr_matrix] = {}
        for facet in FACETS:
            self._build_facet(facet)
        bounds = [_date_bounds(r.date) for r in self.records]
        self._date_lo = np.array([lo for lo, _ in bounds], dtype=np.int64)
        self._date_hi = np.array([hi for _, hi in bounds], dtype=np.int64)
        self._rank: dict[str, np.ndarray] = {"id": self._ranks([r.record_id for r in self.records])}
        self._rank["date"] = self._ranks([(lo, hi) for lo, hi in bounds])
        for facet in FACETS:
            self._rank[facet] = self._ranks(
                [_values(r.facets.get(facet)) if facet != "kind" else (r.kind,) for r in self.records]
            )

    def _build_facet(self, facet: str) -> None:
        codes: dict[str, int] = {}
        rows: list[int] = []
        cols: list[int] = []
        for number, record in enumerate(self.records):
            values = (record.kind,) if facet == "kind" else _values(record.facets.get(facet))
            for value in values:
                rows.append(number)
                cols.append(codes.setdefault(value, len(codes)))
        data = np.ones(len(rows), dtype=np.float32)
        matrix = sparse.csr_matrix((data, (rows, cols)), shape=(self.size, max(len(codes), 1)))
        matrix.sum_duplicates()
        matrix.data[:] = 1.0
        self._facet_values[facet] = list(codes)
        self._facet_matrix[facet] = matrix

    @staticmethod
    def _ranks(keys: Sequence[object]) -> np.ndarray:
        order = sorted(range(len(keys)), key=keys.__getitem__)  # type: ignore[arg-type]
        rank = np.empty(len(keys), dtype=np.int64)
        rank[order] = np.arange(len(keys), dtype=np.int64)
        return rank

    def _term_scores(self, word: str) -> np.ndarray:
        """Score per record for one query term (zero where it does not occur)."""
        if len(word) >= (PREFIX_MIN_HANGUL if "\uac00" <= word[0] <= "\ud7a3" else PREFIX_MIN):
            start = bisect.bisect_left(self._vocabulary, word)
            end = bisect.bisect_left(self._vocabulary, word + "\U0010ffff")
            positions = range(start, end)
        else:
            position = bisect.bisect_left(self._vocabulary, word)
            found = position < len(self._vocabulary) and self._vocabulary[position] == word
            positions = range(position, position + 1) if found else range(0)
        if not positions:
            return np.zeros(self.size, dtype=np.float64)
        docs = np.concatenate([self._docs[i] for i in positions])
        weights = np.concatenate([self._weights[i] for i in positions])
        return np.bincount(docs, weights=weights, minlength=self.size)

    def search(self, query: SearchQuery) -> SearchResult:
        """The records that match ``query``, one page of them, and every facet's counts."""
        if query.sort not in SORTS:
            raise ValueError(f"unknown sort {query.sort!r}; use one of {', '.join(SORTS)}")
        unknown = sorted(set(query.filters) - set(FACETS))
        if unknown:
            raise ValueError(f"unknown facet {unknown[0]!r}; use one of {', '.join(FACETS)}")
        mask = np.ones(self.size, dtype=bool)
        score = np.zeros(self.size, dtype=np.float64)
        for word in dict.fromkeys(terms(query.text)):
            term = self._term_scores(word)
            mask &= term > 0
            score += term
        if query.date_from or query.date_to:
            low = _date_bounds(query.date_from)[0] if query.date_from else 0
            high = _date_bounds(query.date_to)[1] if query.date_to else 99991231
            mask &= (self._date_hi >= low) & (self._date_lo <= high) & (self._date_lo >= 0)
        facet_masks = {name: self._facet_mask(name, wanted) for name, wanted in query.filters.items() if wanted}
        matched = mask.copy()
        for facet_mask in facet_masks.values():
            matched &= facet_mask
        facets = {name: self._facet_counts(name, matched, query.filters.get(name, frozenset())) for name in FACETS}
        return SearchResult(int(matched.sum()), self._page(matched, score, query), facets)

    def _facet_mask(self, facet: str, wanted: frozenset[str]) -> np.ndarray:
        values = self._facet_values[facet]
        indicator = np.zeros(self._facet_matrix[facet].shape[1], dtype=np.float32)
        for i, value in enumerate(values):
            if value in wanted:
                indicator[i] = 1.0
        return np.asarray(self._facet_matrix[facet] @ indicator > 0).ravel()

    def _facet_counts(self, facet: str, matched: np.ndarray, selected: frozenset[str]) -> list[FacetValue]:
        counts = np.asarray(self._facet_matrix[facet].T @ matched.astype(np.float32)).ravel()
        out = [
            FacetValue(value, int(counts[i]), value in selected)
            for i, value in enumerate(self._facet_values[facet])
            if counts[i] > 0 or value in selected
        ]
        return sorted(out, key=lambda v: (-v.count, v.value))

    def _page(self, matched: np.ndarray, score: np.ndarray, query: SearchQuery) -> list[SearchRecord]:
        numbers = np.flatnonzero(matched)
        if numbers.size == 0 or query.limit <= 0:
            return []
        ids = self._rank["id"][numbers]
        if query.sort == "relevance":
            # Highest score first, then id; "descending" turns relevance upside down.
            key = -score[numbers] if not query.descending else score[numbers]
        else:
            key = self._rank[query.sort][numbers]
            key = -key if query.descending else key
        wanted = query.offset + query.limit
        if numbers.size > 2 * wanted:  # only the first page's worth needs sorting: partition first
            cut = np.partition(key, wanted - 1)[wanted - 1]
            keep = key <= cut
            numbers, key, ids = numbers[keep], key[keep], ids[keep]
        order = np.lexsort((ids, key))
        chosen = numbers[order[query.offset : wanted]]
        return [self.records[int(i)] for i in chosen]
