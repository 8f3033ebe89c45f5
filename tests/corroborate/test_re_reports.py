"""A re-reported story is graded from one independent source: the outlet it came from."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from casework.corroborate import PUBLISHED_ONLY, grade_incident
from casework.desk import link_store
from casework.model import EvidenceSpan, Mention, Place, Victims
from casework.store import FAST_TEST_KDF, CaseStore, init_store, open_store

ORIGINAL = (
    "outlet: Daily NK\npublished: 2021-07-20\n\n"
    "A source in North Hamgyong told Daily NK that security agents arrested a money broker in Hoeryong on July 12."
)
RE_REPORTS = (
    "outlet: Example Post\npublished: 2021-07-21\n\n"
    "Security agents arrested a money broker in Hoeryong on July 12, Daily NK reported.",
    "outlet: 예시일보\npublished: 2021-07-22\n\n"
    "함경북도 회령에서 보위부가 송금 브로커를 체포했다고 북한 전문매체 데일리NK가 21일 보도했다.",
)


@pytest.fixture
def admin_store(store_url: str) -> Iterator[CaseStore]:
    init_store(store_url, "admin", "admin passphrase", kdf=FAST_TEST_KDF)
    store = open_store(store_url, "admin", "admin passphrase")
    try:
        yield store
    finally:
        store.close()


def _m(mention_id: str, source: str, depends_on: str | None = None) -> Mention:
    return Mention("arrest", "2021-07-12", mention_id=mention_id, testimony=f"T-{mention_id}", source=source,
                   depends_on=depends_on)


def test_an_original_and_two_re_reports_are_one_source() -> None:
    result = grade_incident(
        [_m("a", "OUT-001"), _m("b", "OUT-002", "OUT-001"), _m("c", "OUT-003", "OUT-001")],
        outlets=frozenset({"OUT-001", "OUT-002", "OUT-003"}),
    )
    assert result.independent == ("OUT-001",)
    assert result.grade == "single-source"
    assert "retelling" in result.flags and PUBLISHED_ONLY in result.flags


def test_re_reports_without_their_original_still_rest_on_one_source() -> None:
    result = grade_incident([_m("b", "OUT-002", "OUT-001"), _m("c", "OUT-003", "OUT-001")])
    assert result.independent == ("OUT-001",) and result.grade == "single-source"


def test_a_re_report_and_an_independent_account_corroborate() -> None:
    result = grade_incident([_m("b", "OUT-002", "OUT-001"), _m("d", "SRC-07")], outlets=frozenset({"OUT-002"}))
    assert result.independent == ("SRC-07", "OUT-001") and result.grade == "corroborated"
    assert PUBLISHED_ONLY not in result.flags


def test_a_re_reported_story_in_a_store_is_graded_from_one_independent_source(admin_store: CaseStore) -> None:
    """Three reports through intake, extraction-shaped mentions, linkage and grading."""
    added = [admin_store.add_testimony(ORIGINAL.encode(), filename="original.txt")]
    added += [admin_store.add_testimony(text.encode(), filename=f"re{i}.txt") for i, text in enumerate(RE_REPORTS)]
    for result in added:
        text = admin_store.get_testimony(result.testimony_id).text
        start = text.index("\n\n") + 2
        mention = Mention(
            "arrest",
            "2021-07-12",
            place=Place("North Hamgyong", "Hoeryong"),
            perpetrator="Ministry of State Security",
            victims=Victims(1, "a money broker" if "broker" in text else "송금 브로커", "money broker"),
            evidence=(EvidenceSpan("incident", start, len(text), text[start:]),),
        )
        admin_store.save_mentions(result.testimony_id, [mention])
    infos = admin_store.list_testimonies()
    assert [i.depends_on is not None for i in infos] == [False, True, True]
    assert len({i.source for i in infos}) == 3
    link_store(admin_store)
    [incident] = [i for i in admin_store.list_incidents() if len(i.mentions) == 3]
    assert incident.independent_sources == 1
    assert incident.grade == "single-source"
    assert PUBLISHED_ONLY in incident.flags
