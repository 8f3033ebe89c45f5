"""Properties over random tables: refuse cleanly or give intervals that contain their estimates."""

from __future__ import annotations

import math
from itertools import product

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casework.errors import EstimationError
from casework.estimate import CaptureHistories, estimate_population


@st.composite
def tables(draw: st.DrawFn, k: int) -> CaptureHistories:
    patterns = [p for p in product((0, 1), repeat=k) if any(p)]
    counts = draw(st.lists(st.integers(0, 60), min_size=len(patterns), max_size=len(patterns)))
    return CaptureHistories(tuple("ABCD"[:k]), dict(zip(patterns, counts, strict=True)))


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables(3))
def test_three_list_estimates_are_refused_or_coherent(table: CaptureHistories) -> None:
    check(table)


@pytest.mark.slow
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables(4))
def test_four_list_estimates_are_refused_or_coherent(table: CaptureHistories) -> None:
    check(table)


def check(table: CaptureHistories) -> None:
    try:
        est = estimate_population(table)
    except EstimationError as err:
        assert "\n" not in str(err)
        return
    assert math.isclose(sum(m.weight for m in est.models), 1.0)
    for m in est.models:
        low, high = m.interval
        assert est.observed <= low <= m.n_hat * (1 + 1e-6)
        assert m.n_hat <= high * (1 + 1e-6)
    low, high = est.averaged_interval
    assert est.observed <= low <= high
