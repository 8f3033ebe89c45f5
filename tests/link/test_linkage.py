"""Linkage behaviour on small hand-made sets: constraints, decisions, edge sizes."""

from __future__ import annotations

from dataclasses import replace

import pytest

from casework.corroborate import grade_linkage
from casework.errors import LinkageError
from casework.link import Linkage, explain_pair, link_mentions
from casework.link.clusters import bridge_edges, cluster_mentions
from casework.model import GRADES, Incident, Mention, Place

from .mentions_factory import mention, small_desk


def _together(linkage: Linkage, a: str, b: str) -> bool:
    return linkage.assignment[a] == linkage.assignment[b]


def test_same_incident_from_several_sources_is_one_graded_incident() -> None:
    linkage = link_mentions(small_desk())
    assert _together(linkage, "a1", "a2") and _together(linkage, "a1", "a3")
    assert _together(linkage, "b1", "b2")
    assert not _together(linkage, "a1", "b1")
    graded, _ = grade_linkage(linkage)
    incident = next(i for i in graded if "a1" in i.mentions)
    assert incident.independent_sources == 3
    assert incident.grade == "well-corroborated"
    assert all(i.grade in GRADES for i in graded)
    assert [i.mentions for i in graded] == [i.mentions for i in linkage.incidents]
    assert [i.incident_id for i in linkage.incidents] == [f"I-{n:04d}" for n in range(1, len(linkage.incidents) + 1)]


def test_mentions_of_one_testimony_are_never_merged() -> None:
    twins = [mention("x1", "t1", "S1"), mention("x2", "t1", "S1"), mention("x3", "t2", "S2")]
    linkage = link_mentions(twins)
    assert not _together(linkage, "x1", "x2")
    assert linkage.clusters_at(0.0)["x1"] != linkage.clusters_at(0.0)["x2"]


def test_reviewer_decisions_win_over_the_model() -> None:
    desk = small_desk()
    rejected = link_mentions(desk, decisions=[("a1", "a2", "reject")])
    assert not _together(rejected, "a1", "a2")
    confirmed = link_mentions(desk, decisions=[("a1", "c1", "confirm")])
    assert _together(confirmed, "a1", "c1")
    assert ("a1", "c1") not in {(p.mention_a, p.mention_b) for p in confirmed.uncertain_pairs(0.0, 1.0)}


def test_empty_and_single_mention() -> None:
    empty = link_mentions([])
    assert empty.incidents == [] and empty.assignment == {} and empty.pairs == []
    single = link_mentions([mention("m1", "t1", "S1")])
    assert single.assignment == {"m1": "I-0001"}
    assert grade_linkage(single)[0][0].grade == "single-source"


def test_bad_mentions_are_refused_with_their_id() -> None:
    with pytest.raises(LinkageError, match="m1.*unknown type"):
        link_mentions([mention("m1", "t1", "S1", type="rumour")])
    with pytest.raises(LinkageError, match="m2.*impossible date"):
        link_mentions([mention("m2", "t1", "S1", date="2019-02-30")])
    with pytest.raises(LinkageError, match="duplicate"):
        link_mentions([mention("m3", "t1", "S1"), mention("m3", "t2", "S2")])


def test_clusters_at_other_thresholds_reuse_the_scored_pairs() -> None:
    linkage = link_mentions(small_desk())
    strict, loose = linkage.clusters_at(1.0), linkage.clusters_at(0.0)
    assert len(set(strict.values())) >= len(set(linkage.assignment.values())) >= len(set(loose.values()))
    uncertain = linkage.uncertain_pairs(0.0, 1.0)
    distances = [abs(p.match_weight) for p in uncertain]
    assert distances == sorted(distances)


def test_explain_pair_adds_up() -> None:
    desk = small_desk()
    linkage = link_mentions(desk)
    explained = explain_pair(desk, "a1", "a3", linkage.model_json)
    total = explained.prior_weight + sum(c.match_weight for c in explained.comparisons)
    assert total == pytest.approx(explained.match_weight, abs=1e-6)
    assert {c.comparison for c in explained.comparisons} >= {"date", "place", "incident_type"}
    with pytest.raises(LinkageError, match="zz"):
        explain_pair(desk, "a1", "zz", linkage.model_json)


def test_saved_model_is_reused() -> None:
    desk = small_desk()
    first = link_mentions(desk)
    again = link_mentions(desk, model_json=first.model_json)
    assert again.assignment == first.assignment
    assert again.model_json == first.model_json


def test_greedy_clustering_refuses_a_chain_through_one_testimony() -> None:
    groups = cluster_mentions(
        ["a", "b", "c"], {"a": "t1", "b": "t2", "c": "t1"}, [("a", "b", 0.99), ("b", "c", 0.98)], 0.9
    )
    assert groups == [["a", "b"], ["c"]]


def test_bridges_are_found() -> None:
    edges = [("a", "b"), ("b", "c"), ("a", "c"), ("c", "d")]
    assert bridge_edges(["a", "b", "c", "d"], edges) == [("c", "d")]
    assert bridge_edges(["a", "b", "c"], edges[:3]) == []


def test_a_bridge_alone_never_corroborates() -> None:
    from casework.link.linkage import ScoredPair, group_incidents

    desk = [m for m in small_desk() if m.mention_id in ("a1", "a2", "a3")]
    group = ["a1", "a2", "a3"]
    pairs = [ScoredPair("a1", "a2", 0.99, 7.0), ScoredPair("a2", "a3", 0.97, 5.0)]

    def graded(decisions: list[tuple[str, str, str]]) -> list[Incident]:
        incidents, assignment, sides = group_incidents([group], pairs, decisions, 0.95)
        return grade_linkage(Linkage(incidents, assignment, pairs, "", sides, mentions=desk))[0]

    incidents = graded([])
    assert "bridge-edge" in incidents[0].flags
    assert incidents[0].grade == "single-source"
    confirmed = graded([("a2", "a3", "confirm"), ("a1", "a2", "confirm")])
    assert "bridge-edge" not in confirmed[0].flags


def test_new_mentions_join_existing_incidents_without_rescoring_them() -> None:
    from casework.link.incremental import link_new_mentions, settled_incidents

    desk = small_desk()
    earlier = link_mentions([m for m in desk if m.mention_id != "a3"])
    kept = settled_incidents(earlier.incidents, desk, [])
    assert "a3" not in kept
    later = link_new_mentions(desk, kept, model_json=earlier.model_json)
    assert _together(later, "a1", "a3") and _together(later, "a1", "a2")
    assert all("a3" in (p.mention_a, p.mention_b) for p in later.pairs)
    full = link_mentions(desk, model_json=earlier.model_json)
    assert sorted(map(sorted, _groups(later))) == sorted(map(sorted, _groups(full)))
    rejected = settled_incidents(earlier.incidents, desk, [("a1", "a2", "reject")])
    assert "a1" not in rejected and "a2" not in rejected


def _groups(linkage: Linkage) -> list[list[str]]:
    out: dict[str, list[str]] = {}
    for mention_id, incident in linkage.assignment.items():
        out.setdefault(incident, []).append(mention_id)
    return list(out.values())


def _sited(m: Mention, site: str | None, province: str | None = None, county: str | None = None) -> Mention:
    return replace(m, place=Place(province, county, site))


def _place_level(mentions: list[Mention], a: str, b: str) -> str:
    explained = explain_pair(mentions, a, b, None)
    return next(c.level for c in explained.comparisons if c.comparison == "place")


def test_a_site_is_compared_when_no_province_is_said() -> None:
    """A report written abroad names the station where refugees were caught, and no province."""
    desk = small_desk()
    desk[0] = _sited(desk[0], "Shenyang railway station")
    desk[1] = _sited(desk[1], "Shenyang railway station")
    assert _place_level(desk, "a1", "a2") == "same county or city (or site, county unknown)"
    desk[1] = _sited(desk[1], "Yanji bus terminal")
    assert _place_level(desk, "a1", "a2") == "other sites, province said once"
    desk[1] = _sited(desk[1], None)
    assert _place_level(desk, "a1", "a2") == "province and site unknown"


def test_a_shared_site_weighs_more_except_a_place_of_custody() -> None:
    """Two executions at one airfield are one occasion; two executions in one prison need not be."""
    desk = small_desk()
    for index in (3, 4):  # b1, b2: the Hyesan execution
        desk[index] = _sited(desk[index], "Hyesan airfield", "Ryanggang", "Hyesan")
    assert _place_level(desk, "b1", "b2") == "same site in the same county or city (not a place of custody)"
    for site in ("Hyesan Prison No. 7", "혜산 집결소", "the provincial holding centre"):
        for index in (3, 4):
            desk[index] = _sited(desk[index], site, "Ryanggang", "Hyesan")
        assert _place_level(desk, "b1", "b2") == "same county or city (or site, county unknown)", site
