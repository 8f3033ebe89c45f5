"""Corroboration grades: independence, retellings, first-hand accounts, disagreements, bridges."""

from __future__ import annotations

from casework.corroborate import grade_incident, is_retelling
from casework.model import EvidenceSpan, Mention, Place, Victims


def _m(
    mention_id: str,
    source: str,
    *,
    relation: str = "unknown",
    depends_on: str | None = None,
    type: str = "arrest",
    date: str | None = "2019-02",
    count: int | None = 3,
    evidence: str = "three women were taken",
) -> Mention:
    return Mention(
        type=type,
        date=date,
        place=Place("North Hamgyong", "Hoeryong"),
        victims=Victims(count),
        relation=relation,
        evidence=(EvidenceSpan("incident", 0, len(evidence), evidence),),
        testimony=f"t-{mention_id}",
        mention_id=mention_id,
        source=source,
        depends_on=depends_on,
    )


def test_one_source_is_single_source_even_when_told_twice() -> None:
    result = grade_incident([_m("a", "S1"), _m("b", "S1")])
    assert result.grade == "single-source"
    assert result.sources == ("S1",) and result.independent_sources == 1


def test_two_independent_sources_corroborate() -> None:
    result = grade_incident([_m("a", "S1"), _m("b", "S2")])
    assert result.grade == "corroborated" and result.independent_sources == 2


def test_well_corroborated_needs_three_and_a_first_hand_account() -> None:
    three = [_m("a", "S1"), _m("b", "S2"), _m("c", "S3")]
    assert grade_incident(three).grade == "corroborated"
    three[2] = _m("c", "S3", relation="first-hand")
    result = grade_incident(three)
    assert result.grade == "well-corroborated" and result.first_hand == 1


def test_retellings_are_not_independent() -> None:
    retold = _m("b", "S2", depends_on="t-a")
    result = grade_incident([_m("a", "S1"), retold])
    assert result.grade == "single-source" and result.retellings == ("b",)
    assert "retelling" in result.flags
    cue = _m("c", "S3", relation="second-hand", evidence="my cousin, who also told the reporters, saw it")
    assert is_retelling(cue)
    assert not is_retelling(_m("d", "S4", relation="second-hand"))
    assert is_retelling(_m("e", "S5", relation="second-hand"), "조카가 기자들에게도 이야기했다는 일")


def test_independent_sources_that_disagree_are_contested() -> None:
    result = grade_incident([_m("a", "S1"), _m("b", "S2", date="2019-09")])
    assert result.grade == "contested" and "date" in result.disagreements
    result = grade_incident([_m("a", "S1", count=1), _m("b", "S2", count=12)])
    assert result.grade == "contested" and "victim count" in result.disagreements
    result = grade_incident([_m("a", "S1"), _m("b", "S2", type="execution")])
    assert result.grade == "contested" and "type" in result.disagreements
    imprecise = grade_incident([_m("a", "S1", date="2019"), _m("b", "S2", date="2019-11-03", count=4)])
    assert imprecise.grade == "corroborated"


def test_a_bridge_caps_the_grade_at_its_best_side() -> None:
    mentions = [_m("a", "S1"), _m("b", "S2"), _m("c", "S3")]
    capped = grade_incident(mentions, bridge=True)
    assert capped.grade == "single-source" and "bridge-edge" in capped.flags
    sided = grade_incident(mentions, bridge=True, sides=[["a", "b"], ["c"]])
    assert sided.grade == "corroborated"


def test_spreads_are_reported() -> None:
    result = grade_incident([_m("a", "S1", date="2019-02-03", count=3), _m("b", "S2", date="2019-02-10", count=4)])
    assert result.date_spread_days == 7
    assert result.count_range == (3, 4)
    incident = result.to_incident("I-0001")
    assert incident.grade == "corroborated" and incident.independent_sources == 2
