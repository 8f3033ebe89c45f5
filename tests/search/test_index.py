"""Search and facets: Korean and English terms, prefixes, facets, date ranges, sorting, paging."""

from __future__ import annotations

from datetime import date

import pytest

from casework import search
from casework.model import EvidenceSpan, Incident, Mention, Place
from casework.search import SearchIndex, SearchQuery, SearchRecord, desk_records, terms

KO_TEXT = "2023년 3월 혜산시에서 보위부가 여성 세 명을 체포했다."
EN_TEXT = "In March 2023 three women were arrested in Hyesan by the MSS."


def _mention(mid: str, tid: str, text: str, mtype: str, when: str, province: str, source: str) -> Mention:
    return Mention(
        type=mtype,
        date=when,
        place=Place(province, None, None),
        evidence=(EvidenceSpan("incident", 0, len(text), text),),
        testimony=tid,
        mention_id=mid,
        source=source,
    )


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    mentions = [
        (_mention("M-1", "T-1", KO_TEXT, "arrest", "2023-03", "Ryanggang", "SRC-01"), "accepted"),
        (_mention("M-2", "T-2", EN_TEXT, "arrest", "2023-03", "Ryanggang", "SRC-02"), "suggested"),
        (
            _mention(
                "M-3",
                "T-3",
                "A public execution at the Hoeryong market in 2021.",
                "execution",
                "2021",
                "North Hamgyong",
                "SRC-03",
            ),
            "rejected",
        ),
    ]
    testimonies = [
        search.TestimonyFacts("T-1", "SRC-01", date(2024, 3, 2), "ko", "desk", "phone"),
        search.TestimonyFacts("T-2", "SRC-02", date(2024, 3, 5), "en", "desk", "interview"),
        search.TestimonyFacts("T-3", "SRC-03", None, "en", "partner-ngo", None),
    ]
    incidents = [Incident("I-0001", ("M-1", "M-2"), grade="corroborated", sources=("SRC-01", "SRC-02"))]
    return SearchIndex(desk_records(mentions, testimonies, incidents))


def test_korean_words_are_found_by_their_stem_and_by_prefix(index: SearchIndex) -> None:
    assert "체포" in terms("체포했다")
    found = index.search(SearchQuery(text="혜산 체포", filters={"kind": frozenset({"mention"})}))
    assert [h.record_id for h in found.hits] == ["M-1"]


def test_english_prefix_and_every_term_must_match(index: SearchIndex) -> None:
    assert {h.record_id for h in index.search(SearchQuery(text="hyes")).hits} >= {"M-2", "I-0001"}
    assert index.search(SearchQuery(text="hyesan execution")).total == 0


def test_facets_count_the_matches_and_filter(index: SearchIndex) -> None:
    result = index.search(SearchQuery(filters={"kind": frozenset({"mention"})}))
    assert result.total == 3
    statuses = {v.value: v.count for v in result.facets["status"]}
    assert statuses == {"accepted": 1, "suggested": 1, "rejected": 1}
    languages = {v.value: v.count for v in result.facets["language"]}
    assert languages == {"en": 2, "ko": 1}
    narrowed = index.search(
        SearchQuery(filters={"kind": frozenset({"mention"}), "province": frozenset({"North Hamgyong"})})
    )
    assert [h.record_id for h in narrowed.hits] == ["M-3"]


def test_an_incident_has_every_source_of_its_mentions(index: SearchIndex) -> None:
    result = index.search(SearchQuery(filters={"kind": frozenset({"incident"}), "source": frozenset({"SRC-02"})}))
    assert [h.record_id for h in result.hits] == ["I-0001"]
    assert {v.value for v in result.facets["source"]} == {"SRC-01", "SRC-02"}


def test_date_range_overlaps_partial_dates(index: SearchIndex) -> None:
    found = index.search(
        SearchQuery(date_from="2021-06", date_to="2021-12-31", filters={"kind": frozenset({"mention"})})
    )
    assert [h.record_id for h in found.hits] == ["M-3"], "a mention dated 2021 may be in the second half of 2021"
    none = index.search(SearchQuery(date_from="2022-01-01", date_to="2022-12-31"))
    assert none.total == 0


def test_sorting_and_paging(index: SearchIndex) -> None:
    by_date = index.search(SearchQuery(filters={"kind": frozenset({"mention"})}, sort="date"))
    assert [h.record_id for h in by_date.hits] == ["M-3", "M-1", "M-2"]
    newest = index.search(SearchQuery(filters={"kind": frozenset({"mention"})}, sort="date", descending=True, limit=1))
    assert [h.record_id for h in newest.hits] == ["M-2"] and newest.total == 3
    second = index.search(SearchQuery(filters={"kind": frozenset({"mention"})}, sort="id", limit=1, offset=1))
    assert [h.record_id for h in second.hits] == ["M-2"]


def test_unknown_sort_or_facet_is_refused(index: SearchIndex) -> None:
    with pytest.raises(ValueError, match="sort"):
        index.search(SearchQuery(sort="salary"))
    with pytest.raises(ValueError, match="facet"):
        index.search(SearchQuery(filters={"colour": frozenset({"red"})}))


def test_many_records_page_exactly_like_a_full_sort() -> None:
    records = [
        SearchRecord("mention", f"M-{i:05d}", "x", f"arrest word{i % 7}", {"type": "arrest"}, f"20{10 + i % 13}")
        for i in range(2000)
    ]
    index = SearchIndex(records)
    query = SearchQuery(sort="date", limit=25, offset=50)
    expected = sorted(records, key=lambda r: (r.date, r.record_id))[50:75]
    assert index.search(query).hits == expected
