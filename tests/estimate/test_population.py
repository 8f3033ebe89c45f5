"""Log-linear MSE: the Kosovo reference value, selection, averaging, intervals, refusals."""

from __future__ import annotations

import math
from itertools import product

import numpy as np
import pytest
import statsmodels.api as sm
from scipy.stats import chi2

from casework.errors import EstimationError
from casework.estimate import CaptureHistories, Estimate, estimate_population, read_histories
from casework.estimate.loglinear import fit_poisson, profile_interval, profile_loglik
from casework.estimate.models import ModelSpec, all_subsets, candidate_models, design_matrix, full_patterns
from conftest import need_shared


def expected_table(total: float, probs: tuple[float, ...], dependence: float = 1.0) -> CaptureHistories:
    """Rounded expected counts of an independent (or A-B dependent) capture process."""
    table: dict[tuple[int, ...], int] = {}
    raw = {}
    for pattern in product((0, 1), repeat=len(probs)):
        p = math.prod(q if x else 1 - q for q, x in zip(probs, pattern, strict=True))
        if pattern[0] and pattern[1]:
            p *= dependence
        raw[pattern] = p
    norm = sum(raw.values())
    for pattern, p in raw.items():
        if any(pattern):
            table[pattern] = round(total * p / norm)
    return CaptureHistories(tuple("ABCDEFG"[: len(probs)]), table)


@pytest.fixture(scope="module")
def kosovo() -> CaptureHistories:
    return read_histories(need_shared("data", "mse", "kosovo_4list.csv"))


@pytest.fixture(scope="module")
def kosovo_estimate(kosovo: CaptureHistories) -> Estimate:
    return estimate_population(kosovo)


def test_kosovo_independence_model_gives_7395(kosovo_estimate: Estimate) -> None:
    independence = next(m for m in kosovo_estimate.models if m.name == "independence")
    assert abs(independence.n_hat - 7395) <= 1
    assert independence.df == 10
    low, high = independence.interval
    assert kosovo_estimate.observed < low < independence.n_hat < high


def test_kosovo_fits_all_64_models_and_selects_the_lowest_aic(kosovo_estimate: Estimate) -> None:
    est = kosovo_estimate
    assert len(est.models) == 64
    assert est.selected.aic == min(m.aic for m in est.models)
    assert math.isclose(sum(m.weight for m in est.models), 1.0)
    assert est.averaged_n_hat == pytest.approx(sum(m.weight * m.n_hat for m in est.models))
    # the unstratified table: every estimate lies between the observed total and ~14,400
    assert all(4400 < m.n_hat < 14500 for m in est.models)
    low, high = est.averaged_interval
    assert low < est.averaged_n_hat < high
    assert est.to_json()["selected"]["name"] == est.selected.name


def test_bic_selects_by_bic() -> None:
    est = estimate_population(expected_table(1500, (0.3, 0.4, 0.5), dependence=2.0), criterion="bic")
    assert est.selected.bic == min(m.bic for m in est.models)


def test_numpy_fitter_agrees_with_statsmodels(kosovo: CaptureHistories) -> None:
    patterns, counts = kosovo.patterns().astype(float), kosovo.counts()
    for spec in all_subsets(4)[::7]:
        design = design_matrix(patterns, spec)
        reference = sm.GLM(counts, design, family=sm.families.Poisson()).fit()
        beta, mu = fit_poisson(design, counts[None])
        assert np.allclose(beta[0], reference.params, rtol=1e-6, atol=1e-6)
        assert np.allclose(mu[0], reference.mu, rtol=1e-6)


def test_profile_interval_limits_sit_at_the_chi_square_cut(kosovo: CaptureHistories) -> None:
    counts = kosovo.counts()[None]
    design_full = design_matrix(full_patterns(4), ModelSpec(()))
    n_hat = np.array([7394.586663])
    low, high = profile_interval(design_full, counts, n_hat)
    top = profile_loglik(design_full, counts, n_hat)[0][0]
    for limit in (low, high):
        drop = 2 * (top - profile_loglik(design_full, counts, limit)[0][0])
        assert drop == pytest.approx(chi2.ppf(0.95, 1), abs=1e-3)


def test_independent_lists_recover_the_total() -> None:
    est = estimate_population(expected_table(2000, (0.3, 0.4, 0.5)))
    independence = next(m for m in est.models if m.name == "independence")
    assert independence.n_hat == pytest.approx(2000, rel=0.01)
    assert len(est.models) == 8


def test_bootstrap_intervals_are_reproducible() -> None:
    table = expected_table(1000, (0.3, 0.4, 0.5))
    first = estimate_population(table, interval="bootstrap")
    again = estimate_population(table, interval="bootstrap")
    assert first.selected.interval == again.selected.interval
    low, high = first.selected.interval
    assert low < first.selected.n_hat < high
    assert first.to_json()["interval_method"] == "bootstrap"


def test_bootstrap_limits_never_fall_below_the_observed_total() -> None:
    table = CaptureHistories(("A", "B", "C"), {(0, 1, 0): 1, (0, 1, 1): 9, (1, 0, 1): 1, (1, 1, 0): 5, (1, 1, 1): 3})
    est = estimate_population(table, interval="bootstrap")
    assert all(m.interval[0] >= est.observed for m in est.models)
    assert est.averaged_interval[0] >= est.observed


def test_five_lists_use_a_restricted_documented_model_set() -> None:
    est = estimate_population(expected_table(3000, (0.3, 0.4, 0.5, 0.35, 0.45), dependence=2.0))
    assert 56 <= len(est.models) < 1024
    assert any("stepwise" in w for w in est.warnings)
    assert "A:B" in est.selected.name


def test_candidate_models_counts() -> None:
    assert len(candidate_models(3)) == 8
    assert len(candidate_models(4)) == 64
    assert len(candidate_models(5)) == 1 + 10 + 45


def test_refuses_two_lists() -> None:
    table = CaptureHistories(("A", "B"), {(1, 0): 30, (0, 1): 20, (1, 1): 10})
    with pytest.raises(EstimationError, match="at least three"):
        estimate_population(table)


def test_a_list_with_no_records_does_not_count_as_a_list() -> None:
    table = CaptureHistories(("A", "B", "C"), {(1, 0, 0): 30, (0, 1, 0): 20, (1, 1, 0): 10})
    with pytest.raises(EstimationError, match="2 list"):
        estimate_population(table)


def test_refuses_a_small_table() -> None:
    table = CaptureHistories(("A", "B", "C"), {(1, 0, 0): 3, (0, 1, 0): 2, (1, 1, 1): 1})
    with pytest.raises(EstimationError, match="only 6 incidents"):
        estimate_population(table)


def test_refuses_when_no_incident_is_on_two_lists() -> None:
    table = CaptureHistories(("A", "B", "C"), {(1, 0, 0): 30, (0, 1, 0): 20, (0, 0, 1): 25})
    with pytest.raises(EstimationError, match="more than one list"):
        estimate_population(table)


def test_refuses_when_overlaps_are_too_sparse() -> None:
    table = CaptureHistories(("A", "B", "C"), {(1, 0, 0): 30, (0, 1, 0): 20, (0, 0, 1): 25, (1, 1, 0): 2})
    with pytest.raises(EstimationError, match="only 2 incident.* too sparse"):
        estimate_population(table)


def test_models_whose_margin_is_empty_are_left_out_with_a_warning() -> None:
    table = CaptureHistories(("A", "B", "C"), {(1, 0, 0): 30, (0, 1, 0): 20, (0, 0, 1): 25, (1, 0, 1): 8, (0, 1, 1): 6})
    est = estimate_population(table)
    assert all("A:B" not in m.name for m in est.models)
    assert any("not identified" in w for w in est.warnings)


def test_models_that_zero_cells_leave_undetermined_are_left_out() -> None:
    counts = [0, 1, 4, 5, 1, 0, 2, 0, 0, 2, 3, 0, 0, 0, 1]
    patterns = [p for p in product((0, 1), repeat=4) if any(p)]
    table = CaptureHistories(("A", "B", "C", "D"), {p: c for p, c in zip(patterns, counts, strict=True) if c})
    est = estimate_population(table)
    assert "A:C + B:C + B:D + C:D" not in {m.name for m in est.models}
    assert any("not identified" in w for w in est.warnings)
    patterns_f, y = table.patterns().astype(float), table.counts()
    for m in est.models:  # every model kept has a unique estimate: statsmodels agrees with the batched solver
        spec = ModelSpec(tuple((table.lists.index(a), table.lists.index(b)) for a, b in
                               (t.split(":") for t in m.terms if ":" in t)))  # fmt: skip
        beta, _ = fit_poisson(design_matrix(patterns_f, spec), y[None])
        assert math.isclose(y.sum() + math.exp(beta[0, 0]), m.n_hat, rel_tol=1e-5)


def test_bad_options_are_refused() -> None:
    table = expected_table(1000, (0.3, 0.4, 0.5))
    with pytest.raises(EstimationError, match="criterion"):
        estimate_population(table, criterion="dic")
    with pytest.raises(EstimationError, match="interval"):
        estimate_population(table, interval="wald")


def test_unbounded_limits_are_null_in_json_and_words_in_the_table() -> None:
    from dataclasses import replace

    from casework.cli.estimate_cmds import format_estimate

    est = estimate_population(expected_table(1000, (0.3, 0.4, 0.5)))
    open_ended = replace(est.selected, interval=(900.0, math.inf))
    est = replace(est, selected=open_ended, models=[open_ended], averaged_interval=(900.0, math.inf))
    doc = est.to_json()
    assert doc["selected"]["interval"] == [900.0, None]
    assert doc["averaged"]["interval"] == [900.0, None]
    assert "[900, unbounded]" in format_estimate(est)
