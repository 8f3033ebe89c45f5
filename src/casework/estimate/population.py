"""How many incidents there were, recorded or not: log-linear multiple systems estimation.

Each candidate model (:mod:`casework.estimate.models`) is fitted to the observed cells
with statsmodels' Poisson GLM; its estimate of the unobserved cell is ``exp(intercept)``
because that cell's design row is the intercept alone. The selected model minimises AIC
or BIC; the averaged estimate weights every model by ``exp(-delta/2)``. Intervals come
from the profile likelihood of each model (or a parametric bootstrap) and, for the
average, from model-averaged tail areas. Nothing here is a bare number: every estimate
carries its interval, its model and the assumptions it rests on.
"""

from __future__ import annotations

import logging
import math
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import numpy as np
import statsmodels.api as sm

from casework.errors import EstimationError
from casework.estimate.histories import CaptureHistories
from casework.estimate.loglinear import (
    UNBOUNDED_RATIO,
    bootstrap_totals,
    mata_interval,
    profile_cdf,
    profile_interval,
    profile_loglik,
)
from casework.estimate.models import ModelSpec, candidate_models, design_matrix, full_patterns

__all__ = ["ASSUMPTIONS", "Estimate", "ModelFit", "estimate_population", "unobserved_estimable"]

logger = logging.getLogger(__name__)

ASSUMPTIONS: tuple[str, ...] = (
    "closed population: every incident in the period and stratum could have been recorded by every list",
    "perfect linkage: each incident is recognised on every list that recorded it, and distinct incidents "
    "are never merged",
    "list dependence only as modelled: lists are independent apart from the two-way interactions of the "
    "model; no three-way dependence",
    "homogeneity: incidents that are easier to record for every list act as positive dependence and bias "
    "the estimate low; stratify where capture rates differ",
)
CRITERIA = ("aic", "bic")
INTERVALS = ("profile", "bootstrap")
MIN_OBSERVED = 10
MIN_OVERLAP = 3
"""Fewer incidents seen on two or more lists than this and every estimate is a guess with an unbounded interval."""
MIN_WEIGHT = 1e-4
BOOTSTRAP_REPLICATES = 999


@dataclass(frozen=True)
class ModelFit:
    """One fitted log-linear model: its estimate of the total, its interval and its fit."""

    name: str
    terms: tuple[str, ...]
    n_hat: float
    unobserved: float
    aic: float
    bic: float
    deviance: float
    df: int
    interval: tuple[float, float]
    weight: float = 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "terms": list(self.terms),
            "n_hat": self.n_hat,
            "unobserved": self.unobserved,
            "interval": [_finite(v) for v in self.interval],
            "aic": self.aic,
            "bic": self.bic,
            "deviance": self.deviance,
            "df": self.df,
            "weight": self.weight,
        }


@dataclass(frozen=True)
class Estimate:
    """Everything a reader needs to judge an MSE estimate: models, choice, average, caveats."""

    lists: tuple[str, ...]
    observed: int
    models: list[ModelFit]
    selected: ModelFit
    averaged_n_hat: float
    averaged_interval: tuple[float, float]
    criterion: str
    interval_method: str
    level: float
    assumptions: tuple[str, ...] = ASSUMPTIONS
    warnings: tuple[str, ...] = field(default_factory=tuple)

    def to_json(self) -> dict[str, Any]:
        """Stable JSON: ``null`` stands for an unbounded interval limit."""
        return {
            "lists": list(self.lists),
            "observed": self.observed,
            "criterion": self.criterion,
            "interval_method": self.interval_method,
            "level": self.level,
            "selected": self.selected.to_json(),
            "averaged": {
                "n_hat": self.averaged_n_hat,
                "interval": [_finite(v) for v in self.averaged_interval],
            },
            "models": [m.to_json() for m in self.models],
            "assumptions": list(self.assumptions),
            "warnings": list(self.warnings),
        }


def _finite(value: float) -> float | None:
    return value if math.isfinite(value) else None


@dataclass
class _Fitted:
    spec: ModelSpec
    beta: np.ndarray
    n_hat: float
    llf: float
    deviance: float
    df: int
    n_params: int


def _fit_model(spec: ModelSpec, lists: tuple[str, ...], patterns: np.ndarray, counts: np.ndarray) -> _Fitted | str:
    """Fit one model with statsmodels, or say in a few words why it is not identified."""
    design = design_matrix(patterns, spec)
    if np.linalg.matrix_rank(design) < design.shape[1]:
        return "rank deficient"
    margins = counts @ design
    if (margins[1:] <= 0).any():
        bad = spec.terms(lists)[int(np.flatnonzero(margins[1:] <= 0)[0])]
        return f"no incident on {bad}"
    if not unobserved_estimable(design, counts):
        return "zero cells leave the unobserved cell undetermined"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            result = sm.GLM(counts, design, family=sm.families.Poisson()).fit()
        except (ValueError, np.linalg.LinAlgError) as err:
            return f"fit failed ({type(err).__name__})"
    beta = np.asarray(result.params, dtype=float)
    observed = float(counts.sum())
    if not np.isfinite(beta).all() or beta[0] > math.log(max(observed, 1.0) * UNBOUNDED_RATIO):
        return "unobserved cell diverges"
    return _Fitted(
        spec,
        beta,
        observed + math.exp(beta[0]),
        float(result.llf),
        float(result.deviance),
        int(round(result.df_resid)),
        design.shape[1],
    )


def unobserved_estimable(design: np.ndarray, counts: np.ndarray) -> bool:
    """Whether the data pin down the unobserved cell under this model, zero cells notwithstanding.

    With empty cells the maximum likelihood may lie on the boundary, where only the
    parameters in the row space of the design restricted to the non-empty cells are
    determined. The unobserved cell's row is the intercept alone, so its estimate is
    unique exactly when that row lies in that space; otherwise every value fits equally
    well and a solver would return whichever it stopped at.
    """
    support = design[counts > 0]
    intercept = np.zeros((1, design.shape[1]))
    intercept[0, 0] = 1.0
    return bool(np.linalg.matrix_rank(np.vstack([support, intercept])) == np.linalg.matrix_rank(support))


# Every hierarchical log-linear model over the lists is fitted and compared; their number grows
# faster than exponentially (a 6-list table did not finish in 2 minutes on 2 cores, 5 lists took ~40 s).
MAX_ESTIMATION_LISTS = 5


def _check_identifiable(histories: CaptureHistories, min_observed: int) -> CaptureHistories:
    usable = histories.without_empty_lists()
    if len(usable.lists) > MAX_ESTIMATION_LISTS:
        raise EstimationError(
            f"{len(usable.lists)} lists with records; estimation compares every model and is limited to "
            f"{MAX_ESTIMATION_LISTS} lists: merge related lists or leave some out"
        )
    if len(usable.lists) < 3:
        raise EstimationError(
            f"{len(usable.lists)} list(s) with records; an estimate of unrecorded incidents needs at least three "
            "(with two it would have to assume the lists found incidents independently of each other)"
        )
    if usable.observed < min_observed:
        raise EstimationError(f"only {usable.observed} incidents observed; an estimate needs at least {min_observed}")
    overlap = sum(c for p, c in usable.table.items() if sum(p) >= 2)
    if overlap == 0:
        raise EstimationError("no incident is recorded by more than one list: the overlaps cannot identify a model")
    if overlap < MIN_OVERLAP:
        raise EstimationError(
            f"only {overlap} incident(s) recorded by more than one list (at least {MIN_OVERLAP} needed): "
            "the overlaps are too sparse to identify a model"
        )
    return usable


def estimate_population(
    histories: CaptureHistories,
    *,
    criterion: str = "aic",
    interval: str = "profile",
    level: float = 0.95,
    min_observed: int = MIN_OBSERVED,
    seed: int = 20261126,
) -> Estimate:
    """Estimate the total number of incidents, recorded or not, from three or more overlapping lists.

    Args:
        histories: the capture-history table.
        criterion: ``aic`` or ``bic``, for selection and for the averaging weights.
        interval: ``profile`` (profile likelihood) or ``bootstrap`` (parametric).
        level: confidence level of every interval.
        min_observed: refuse tables with fewer observed incidents.
        seed: the bootstrap's random seed (results are reproducible).

    Raises:
        EstimationError: fewer than three lists, too few incidents, or overlaps too sparse.

    Example:
        >>> est = estimate_population(read_histories(Path("kosovo_4list.csv")))
        >>> round(next(m for m in est.models if m.name == "independence").n_hat)
        7395
    """
    if criterion not in CRITERIA:
        raise EstimationError(f"unknown criterion {criterion!r}; expected one of {', '.join(CRITERIA)}")
    if interval not in INTERVALS:
        raise EstimationError(f"unknown interval method {interval!r}; expected one of {', '.join(INTERVALS)}")
    if not 0.5 <= level < 1.0:
        raise EstimationError(f"confidence level {level} must be in [0.5, 1)")
    usable = _check_identifiable(histories, min_observed)
    notes: list[str] = []
    if usable.lists != histories.lists:
        dropped = sorted(set(histories.lists) - set(usable.lists))
        notes.append(f"lists with no records were left out: {', '.join(dropped)}")
    lists, patterns, counts = usable.lists, usable.patterns().astype(float), usable.counts()
    observed = float(counts.sum())
    log_n = math.log(observed)

    fitted: dict[ModelSpec, _Fitted] = {}
    refused: dict[ModelSpec, str] = {}

    def score(spec: ModelSpec) -> float | None:
        if spec not in fitted and spec not in refused:
            outcome = _fit_model(spec, lists, patterns, counts)
            if isinstance(outcome, str):
                refused[spec] = outcome
            else:
                fitted[spec] = outcome
        fit = fitted.get(spec)
        if fit is None:
            return None
        return -2 * fit.llf + (2.0 if criterion == "aic" else log_n) * fit.n_params

    specs = candidate_models(len(lists), score)
    for spec in specs:
        score(spec)
    if ModelSpec(()) not in fitted:
        raise EstimationError(
            f"the independence model cannot be fitted ({refused.get(ModelSpec(()), 'unknown')}): "
            "the overlaps are too sparse to identify a model"
        )
    if refused:
        notes.append(
            f"{len(refused)} of {len(specs)} models not identified and left out (e.g. "
            f"{next(iter(refused)).name(lists)}: {next(iter(refused.values()))})"
        )
    if len(lists) > 4:
        notes.append(
            f"{len(lists)} lists: models with at most 2 interactions plus a forward stepwise path "
            f"({len(specs)} models), not all {2 ** (len(lists) * (len(lists) - 1) // 2)}"
        )

    order = [s for s in specs if s in fitted]
    scores = np.array([score(s) for s in order], dtype=float)
    weights = np.exp(-0.5 * (scores - scores.min()))
    weights /= weights.sum()
    full = full_patterns(len(lists))
    n_hats = np.array([fitted[s].n_hat for s in order])
    averaged = float(weights @ n_hats)

    intervals, cdf_handles = _intervals(order, fitted, patterns, full, counts, level, interval, seed)
    fits = [
        ModelFit(
            name=s.name(lists),
            terms=s.terms(lists),
            n_hat=fitted[s].n_hat,
            unobserved=fitted[s].n_hat - observed,
            aic=-2 * fitted[s].llf + 2 * fitted[s].n_params,
            bic=-2 * fitted[s].llf + log_n * fitted[s].n_params,
            deviance=fitted[s].deviance,
            df=fitted[s].df,
            interval=intervals[i],
            weight=float(weights[i]),
        )
        for i, s in enumerate(order)
    ]
    keep = [(float(w), h) for w, h in zip(weights, cdf_handles, strict=True) if w >= MIN_WEIGHT]
    total_w = sum(w for w, _ in keep)
    avg_interval = mata_interval([(w / total_w, h) for w, h in keep], observed, level)
    selected = fits[int(np.argmin(scores))]
    if not all(math.isfinite(v) for v in (*selected.interval, *avg_interval)):
        notes.append("an interval has no upper limit: the data cannot rule out a much larger total")
    if selected.df == 0:
        notes.append("the selected model is saturated (no degrees of freedom left): its fit cannot be checked")
    logger.debug("estimated %d models over %d lists", len(fits), len(lists))
    return Estimate(
        lists=lists,
        observed=int(observed),
        models=fits,
        selected=selected,
        averaged_n_hat=averaged,
        averaged_interval=avg_interval,
        criterion=criterion,
        interval_method=interval,
        level=level,
        warnings=tuple(notes),
    )


def _intervals(
    order: list[ModelSpec],
    fitted: dict[ModelSpec, _Fitted],
    patterns: np.ndarray,
    full: np.ndarray,
    counts: np.ndarray,
    level: float,
    method: str,
    seed: int,
) -> tuple[list[tuple[float, float]], list[Callable[[float], float]]]:
    """Each model's interval, and a handle for its confidence distribution (for averaging)."""
    out: list[tuple[float, float]] = []
    handles: list[Callable[[float], float]] = []
    rng = np.random.default_rng(seed)
    for spec in order:
        fit = fitted[spec]
        design_full = design_matrix(full, spec)
        if method == "profile":
            lo, hi = profile_interval(design_full, counts[None], np.array([fit.n_hat]), level)
            ll_hat = float(profile_loglik(design_full, counts[None], np.array([fit.n_hat]))[0][0])
            out.append((float(lo[0]), float(hi[0])))
            handles.append(partial(profile_cdf, design_full, counts[None], fit.n_hat, ll_hat))
        else:
            totals = np.sort(
                bootstrap_totals(
                    design_matrix(patterns, spec), design_full, fit.n_hat, fit.beta, BOOTSTRAP_REPLICATES, rng
                )
            )
            alpha = 1.0 - level
            lo_q, hi_q = np.quantile(totals, [alpha / 2, 1 - alpha / 2], method="inverted_cdf")
            observed = float(counts.sum())
            upper = float(hi_q) if hi_q <= observed + max(observed, 1.0) * UNBOUNDED_RATIO else math.inf
            out.append((max(float(lo_q), observed), upper))
            handles.append(partial(_bootstrap_cdf, totals))
    return out, handles


def _bootstrap_cdf(totals: np.ndarray, total: float) -> float:
    return float(np.searchsorted(totals, total, side="right") / len(totals))
