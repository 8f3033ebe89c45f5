"""Estimates per stratum, refusals per stratum, and the spread across thresholds."""

from __future__ import annotations

import pytest

from casework.errors import EstimationError
from casework.estimate import estimate_strata
from casework.estimate.strata import incident_strata, parse_periods, threshold_spread
from casework.model import Incident, Mention, Place


def synthetic(
    kind: str, province: str, start: int, counts: dict[str, int]
) -> tuple[list[Incident], dict[str, Mention], dict[str, str]]:
    """Incidents with capture patterns given as strings of list letters, e.g. {"AB": 5}."""
    incidents: list[Incident] = []
    mentions: dict[str, Mention] = {}
    lists: dict[str, str] = {}
    k = start
    for pattern, count in counts.items():
        for _ in range(count):
            ids = []
            for letter in pattern:
                mid = f"m{k}-{letter}"
                mentions[mid] = Mention(type=kind, date="2021-05", place=Place(province=province), mention_id=mid)
                lists[mid] = letter
                ids.append(mid)
            incidents.append(Incident(f"I{k}", tuple(ids)))
            k += 1
    return incidents, mentions, lists


ARRESTS = {"A": 40, "B": 30, "C": 35, "AB": 12, "AC": 14, "BC": 10, "ABC": 4}


def test_strata_are_estimated_or_refused_one_by_one() -> None:
    inc1, men1, lst1 = synthetic("arrest", "North Hamgyong", 0, ARRESTS)
    inc2, men2, lst2 = synthetic("execution", "Ryanggang", 10_000, {"A": 3, "B": 2})
    results = estimate_strata(inc1 + inc2, {**lst1, **lst2}, by="type", mentions={**men1, **men2})
    by_stratum = {r.stratum: r for r in results}
    assert list(by_stratum) == ["all", "arrest", "execution"]
    assert by_stratum["arrest"].estimate is not None
    assert by_stratum["arrest"].estimate.observed == sum(ARRESTS.values())
    assert by_stratum["execution"].estimate is None
    assert "list" in (by_stratum["execution"].refused or "")
    assert by_stratum["all"].histories.observed == sum(ARRESTS.values()) + 5
    assert by_stratum["execution"].to_json()["estimate"] is None


def test_region_groups_provinces() -> None:
    inc, men, _ = synthetic("arrest", "Rason", 0, {"AB": 1})
    assert incident_strata({m: i.incident_id for i in inc for m in i.mentions}, men, "region") == {
        "I0": "north-east border"
    }


def test_unknown_stratum_is_refused() -> None:
    inc, men, lst = synthetic("arrest", "Rason", 0, ARRESTS)
    with pytest.raises(EstimationError, match="unknown stratum"):
        estimate_strata(inc, lst, by="colour", mentions=men)


def test_threshold_spread_summarises_the_selected_estimates() -> None:
    inc, men, lst = synthetic("arrest", "Rason", 0, ARRESTS)
    clusters = {m: i.incident_id for i in inc for m in i.mentions}
    results = estimate_strata(clusters, lst, threshold=0.5) + estimate_strata(clusters, lst, threshold=0.9)
    spread = threshold_spread(results)
    assert spread["all"]["thresholds"] == [0.5, 0.9]
    assert spread["all"]["min"] == spread["all"]["max"]


def test_periods_group_years() -> None:
    inc, men, lst = synthetic("arrest", "Rason", 0, ARRESTS)
    results = estimate_strata(inc, lst, by="period", mentions=men, periods=parse_periods("2015-2019,2020-2023"))
    assert [r.stratum for r in results] == ["all", "2020-2023"]
    with pytest.raises(EstimationError, match="needs the periods"):
        estimate_strata(inc, lst, by="period", mentions=men)


@pytest.mark.parametrize(
    ("text", "message"), [("2019-2015", "ends before"), ("x", "not YEAR"), ("2010-2015,2015", "overlap")]
)
def test_bad_periods_are_refused(text: str, message: str) -> None:
    with pytest.raises(EstimationError, match=message):
        parse_periods(text)
