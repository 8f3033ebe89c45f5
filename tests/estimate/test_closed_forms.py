"""Two-list closed forms, checked against hand computation to 1e-9."""

from __future__ import annotations

import math

import pytest

from casework.errors import EstimationError
from casework.estimate import chapman, chapman_variance, lincoln_petersen, two_list_estimate


@pytest.mark.parametrize(
    ("n1", "n2", "m", "lp", "ch", "var"),
    [
        # n1*n2/m; (n1+1)(n2+1)/(m+1) - 1; (n1+1)(n2+1)(n1-m)(n2-m)/((m+1)^2 (m+2))
        (100, 80, 20, 400.0, 101 * 81 / 21 - 1, 101 * 81 * 80 * 60 / (21**2 * 22)),
        (1910, 1528, 382, 1910 * 1528 / 382, 1911 * 1529 / 383 - 1, 1911 * 1529 * 1528 * 1146 / (383**2 * 384)),
        (7, 5, 3, 35 / 3, 8 * 6 / 4 - 1, 8 * 6 * 4 * 2 / (16 * 5)),
        (10, 10, 10, 10.0, 10.0, 0.0),
    ],
)
def test_closed_forms_match_hand_computation(n1: int, n2: int, m: int, lp: float, ch: float, var: float) -> None:
    assert lincoln_petersen(n1, n2, m) == pytest.approx(lp, rel=0, abs=1e-9)
    assert chapman(n1, n2, m) == pytest.approx(ch, rel=0, abs=1e-9)
    assert chapman_variance(n1, n2, m) == pytest.approx(var, rel=0, abs=1e-9)


def test_hand_values_written_out() -> None:
    assert abs(lincoln_petersen(100, 80, 20) - 400.0) < 1e-9
    assert abs(chapman(100, 80, 20) - 388.57142857142856) < 1e-9
    assert abs(chapman_variance(100, 80, 20) - 4047.495361781076) < 1e-9


def test_chapman_is_finite_without_overlap_and_lincoln_petersen_refuses() -> None:
    assert chapman(10, 12, 0) == 11 * 13 - 1
    with pytest.raises(EstimationError, match="m=0"):
        lincoln_petersen(10, 12, 0)


@pytest.mark.parametrize(("n1", "n2", "m"), [(-1, 5, 0), (5, 5, 6), (3, 10, 4)])
def test_impossible_counts_are_refused(n1: int, n2: int, m: int) -> None:
    with pytest.raises(EstimationError):
        chapman(n1, n2, m)


def test_two_list_estimate_carries_its_warning_and_interval() -> None:
    est = two_list_estimate(("A", "B"), 100, 80, 20)
    assert est.observed == 160
    assert est.chapman_se == pytest.approx(math.sqrt(chapman_variance(100, 80, 20)))
    low, high = est.interval
    assert est.observed <= low < est.chapman < high
    assert "independence" in est.warning
    assert est.to_json()["warnings"] == [est.warning]
