"""Simulation study of the MSE estimator: bias and interval coverage on populations of known size.

Each scenario draws ``--replicates`` complete capture tables from a known process
(population size, capture probabilities, optional dependence between lists A and B,
optional heterogeneity), hides the unobserved cell and estimates the total the way
``casework.estimate`` does: every log-linear model of the class fitted, the lowest AIC
selected, AIC weights averaged, profile-likelihood intervals. Replicates are fitted
together (one batched Newton solve per model) so the whole study runs in minutes.

Rows per scenario:
  oracle       the true model's estimate and interval (only when the class contains it)
  selected     the AIC-selected model (what ``casework estimate`` reports as selected)
  averaged     the AIC-weighted average; interval by model-averaged tail areas (MATA)
  independence the baseline a naive analyst would use: independent lists

Target: coverage of the 95 % interval >= 0.90 where the model class contains the truth.
The heterogeneity scenario is outside the class (it induces dependence of every order)
and is there to show the bias honestly.

Usage: .venv/bin/python bench/estimate_sim.py [--replicates 200] [--seed 7]
"""

from __future__ import annotations

import argparse
import math
import time
from dataclasses import dataclass
from itertools import product

import numpy as np
from scipy.special import gammaln
from scipy.stats import norm

from casework.estimate import CaptureHistories, estimate_population
from casework.estimate.loglinear import UNBOUNDED_RATIO, fit_poisson, profile_interval, profile_loglik
from casework.estimate.models import ModelSpec, all_subsets, design_matrix, full_patterns
from casework.estimate.population import unobserved_estimable
from machine import load_line

LEVEL = 0.95


@dataclass(frozen=True)
class Scenario:
    name: str
    total: int
    probs: tuple[float, ...]
    ab_odds: float = 1.0  # odds ratio between lists A and B (1 = independent)
    hetero: tuple[float, float] | None = None  # (share of "visible" incidents, multiplier of their capture odds)

    @property
    def truth(self) -> ModelSpec | None:
        if self.hetero is not None:
            return None
        return ModelSpec(((0, 1),)) if self.ab_odds != 1.0 else ModelSpec(())

    def cell_probabilities(self) -> np.ndarray:
        full = full_patterns(len(self.probs))
        logit = np.log(np.array(self.probs) / (1 - np.array(self.probs)))

        def table(logits: np.ndarray) -> np.ndarray:
            weight = np.exp(full @ logits + math.log(self.ab_odds) * full[:, 0] * full[:, 1])
            return np.asarray(weight / weight.sum())

        if self.hetero is None:
            return table(logit)
        share, multiplier = self.hetero
        return share * table(logit + math.log(multiplier)) + (1 - share) * table(logit - math.log(multiplier))


SCENARIOS = [
    Scenario("3 lists, independent", 2000, (0.3, 0.25, 0.2)),
    Scenario("3 lists, A-B dependent (OR 3)", 2000, (0.3, 0.25, 0.2), ab_odds=3.0),
    Scenario("4 lists, independent", 2000, (0.2, 0.25, 0.3, 0.15)),
    Scenario("4 lists, A-B dependent (OR 3)", 2000, (0.2, 0.25, 0.3, 0.15), ab_odds=3.0),
    Scenario("5 lists, independent", 2000, (0.2, 0.15, 0.25, 0.1, 0.2)),
    Scenario("5 lists, A-B dependent (OR 3)", 2000, (0.2, 0.15, 0.25, 0.1, 0.2), ab_odds=3.0),
    Scenario("3 lists, heterogeneous (outside)", 2000, (0.25, 0.2, 0.2), hetero=(0.3, 3.0)),
    Scenario("4 lists, heterogeneous (outside)", 2000, (0.2, 0.2, 0.25, 0.15), hetero=(0.3, 3.0)),
]


def model_class(n_lists: int) -> list[ModelSpec]:
    """The library's class: all subsets up to four lists; for five, at most two interactions (no stepwise)."""
    return all_subsets(n_lists) if n_lists <= 4 else all_subsets(n_lists, 2)


def fit_class(models: list[ModelSpec], y_obs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """AIC and N_hat of every model for every replicate: arrays ``(models, R)``; unusable fits get AIC = inf."""
    n_lists = int(math.log2(y_obs.shape[1] + 1))
    patterns = full_patterns(n_lists)[1:]
    n = y_obs.sum(axis=1)
    const = gammaln(y_obs + 1).sum(axis=1)
    aic = np.full((len(models), len(y_obs)), np.inf)
    n_hat = np.full((len(models), len(y_obs)), np.inf)
    for k, spec in enumerate(models):
        design = design_matrix(patterns, spec)
        beta, mu = fit_poisson(design, y_obs)
        llf = (y_obs * np.log(np.maximum(mu, 1e-300))).sum(axis=1) - mu.sum(axis=1) - const
        ok = (y_obs @ design > 0).all(axis=1) & (beta[:, 0] < np.log(np.maximum(n, 1) * UNBOUNDED_RATIO))
        ok &= np.array([unobserved_estimable(design, row) for row in y_obs])
        aic[k] = np.where(ok, -2 * llf + 2 * design.shape[1], np.inf)
        n_hat[k] = np.where(ok, n + np.exp(np.minimum(beta[:, 0], 700)), np.inf)
    return aic, n_hat


def intervals_for(models: list[ModelSpec], which: np.ndarray, y_obs: np.ndarray, n_hat: np.ndarray) -> np.ndarray:
    """Profile intervals, replicate ``r`` using model ``which[r]``: array ``(R, 2)``."""
    n_lists = int(math.log2(y_obs.shape[1] + 1))
    out = np.full((len(y_obs), 2), np.nan)
    for k in np.unique(which):
        rows = np.flatnonzero(which == k)
        design_full = design_matrix(full_patterns(n_lists), models[k])
        lo, hi = profile_interval(design_full, y_obs[rows], n_hat[rows], LEVEL)
        out[rows, 0], out[rows, 1] = lo, hi
    return out


def mata_intervals(models: list[ModelSpec], weights: np.ndarray, y_obs: np.ndarray, n_hat: np.ndarray) -> np.ndarray:
    """Model-averaged tail-area intervals, all replicates bisected together: array ``(R, 2)``."""
    n_lists = int(math.log2(y_obs.shape[1] + 1))
    full = full_patterns(n_lists)
    n = y_obs.sum(axis=1)
    used = [k for k in range(len(models)) if (weights[k] >= 1e-4).any()]
    designs = {k: design_matrix(full, models[k]) for k in used}
    w = np.where(weights[used] >= 1e-4, weights[used], 0.0)
    w /= w.sum(axis=0, keepdims=True)
    tops = {k: profile_loglik(designs[k], y_obs, np.where(np.isfinite(n_hat[k]), n_hat[k], n))[0] for k in used}

    def mixture(total: np.ndarray) -> np.ndarray:
        acc = np.zeros(len(y_obs))
        for i, k in enumerate(used):
            active = w[i] > 0
            if not active.any():
                continue
            ll, _ = profile_loglik(designs[k], y_obs[active], total[active])
            r = np.sign(total[active] - n_hat[k][active]) * np.sqrt(np.maximum(0.0, 2 * (tops[k][active] - ll)))
            acc[active] += w[i, active] * norm.cdf(r)
        return acc

    cap = n + np.maximum(n, 1) * UNBOUNDED_RATIO
    out = np.zeros((len(y_obs), 2))
    for j, target in enumerate(((1 - LEVEL) / 2, 1 - (1 - LEVEL) / 2)):
        t_lo, t_hi = np.zeros(len(y_obs)), np.log1p(cap - n)
        for _ in range(30):
            t_mid = (t_lo + t_hi) / 2
            below = mixture(n + np.expm1(t_mid)) < target
            t_lo, t_hi = np.where(below, t_mid, t_lo), np.where(below, t_hi, t_mid)
        limit = n + np.expm1((t_lo + t_hi) / 2)
        out[:, j] = np.where(mixture(n) >= target, n, np.where(mixture(cap) < target, np.inf, limit))
    return out


def coverage(truth: int, interval: np.ndarray) -> float:
    return float(((interval[:, 0] <= truth) & (truth <= interval[:, 1])).mean())


def summarise(label: str, truth: int, n_hat: np.ndarray, interval: np.ndarray | None) -> str:
    finite = np.isfinite(n_hat)
    est = n_hat[finite]
    bias = est.mean() - truth
    rmse = math.sqrt(((est - truth) ** 2).mean())
    if interval is None:
        cover = width = unbounded = "-"
    else:
        cover = f"{coverage(truth, interval):.3f}"
        finite_width = interval[:, 1] - interval[:, 0]
        width = f"{np.median(finite_width[np.isfinite(finite_width)]):,.0f}" if np.isfinite(finite_width).any() else "-"
        unbounded = f"{int((~np.isfinite(interval[:, 1])).sum())}"
    return (
        f"  {label:<13} {est.mean():>9,.0f} {bias:>+8,.0f} {100 * bias / truth:>+7.1f}% {rmse:>8,.0f} "
        f"{cover:>8} {width:>9} {unbounded:>5}"
    )


def library_check(scenario: Scenario, y_obs: np.ndarray, selected_n_hat: float) -> str:
    """The batched path must agree with ``estimate_population`` on the first replicate."""
    k = len(scenario.probs)
    patterns = [tuple(int(v) for v in p) for p in product((0, 1), repeat=k) if any(p)]
    table = {p: int(c) for p, c in zip(patterns, y_obs, strict=True) if c}
    est = estimate_population(CaptureHistories(tuple("ABCDE"[:k]), table))
    if math.isclose(est.selected.n_hat, selected_n_hat, rel_tol=1e-6):
        return "agrees"
    if k >= 5 and est.selected.name.count(":") > 2:
        return f"differs: the library's stepwise path found {est.selected.name} ({est.selected.n_hat:,.0f})"
    return f"DIFFERS (library {est.selected.n_hat:,.1f} vs {selected_n_hat:,.1f})"


def run(scenario: Scenario, replicates: int, rng: np.random.Generator) -> tuple[list[str], dict[str, float]]:
    started = time.perf_counter()
    tables = rng.multinomial(scenario.total, scenario.cell_probabilities(), size=replicates).astype(float)
    y_obs = tables[:, 1:]
    models = model_class(len(scenario.probs))
    aic, n_hat = fit_class(models, y_obs)
    usable = np.isfinite(aic).any(axis=0)
    y_obs, aic, n_hat = y_obs[usable], aic[:, usable], n_hat[:, usable]
    chosen = aic.argmin(axis=0)
    cols = np.arange(len(y_obs))
    weights = np.exp(-0.5 * (aic - aic.min(axis=0)))
    weights /= weights.sum(axis=0)
    averaged = (weights * np.where(np.isfinite(n_hat), n_hat, 0.0)).sum(axis=0)

    lines: list[str] = []
    covered: dict[str, float] = {}

    def row(label: str, estimates: np.ndarray, interval: np.ndarray) -> None:
        lines.append(summarise(label, scenario.total, estimates, interval))
        covered[label] = coverage(scenario.total, interval)

    truth = scenario.truth
    if truth is not None:
        k = models.index(truth)
        row("oracle", n_hat[k], intervals_for(models, np.full(len(y_obs), k), y_obs, n_hat[k]))
    selected = n_hat[chosen, cols]
    row("selected", selected, intervals_for(models, chosen, y_obs, selected))
    row("averaged", averaged, mata_intervals(models, weights, y_obs, n_hat))
    indep = models.index(ModelSpec(()))
    row("independence", n_hat[indep], intervals_for(models, np.full(len(y_obs), indep), y_obs, n_hat[indep]))
    picked_truth = f"{(chosen == models.index(truth)).mean():.2f}" if truth is not None else "-"
    header = (
        f"{scenario.name}: N={scenario.total}, p={scenario.probs}, truth in class: {'yes' if truth else 'no'}, "
        f"{len(models)} models, {len(y_obs)} replicates ({replicates - len(y_obs)} refused), "
        f"AIC picked the true model {picked_truth}, mean observed {y_obs.sum(axis=1).mean():,.0f}, "
        f"library check {library_check(scenario, y_obs[0], float(selected[0]))}, "
        f"{time.perf_counter() - started:.1f} s"
    )
    return [header, *lines], covered


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replicates", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--only", default=None, help="run scenarios whose name contains this text")
    args = parser.parse_args()
    print(load_line("start"))
    print(f"MSE simulation study: {args.replicates} replicates per scenario, seed {args.seed}, 95% intervals")
    columns = f"{'mean N':>9} {'bias':>8} {'rel':>8} {'RMSE':>8} {'coverage':>8} {'med.width':>9} {'unbd':>5}"
    print(f"  {'estimator':<13} {columns}")
    in_class: dict[str, list[float]] = {}
    for index, scenario in enumerate(SCENARIOS):
        if args.only and args.only not in scenario.name:
            continue
        print()
        lines, covered = run(scenario, args.replicates, np.random.default_rng([args.seed, index]))
        for line in lines:
            print(line, flush=True)
        if scenario.truth is not None:
            for label, value in covered.items():
                in_class.setdefault(label, []).append(value)
    if in_class:
        print()
        print("target: coverage of the 95% interval >= 0.90 in every scenario whose truth is in the model class")
        for label, values in in_class.items():
            verdict = "meets" if min(values) >= 0.90 else "BELOW"
            note = " (the baseline; misspecified when two lists depend)" if label == "independence" else ""
            print(
                f"  {label:<13} lowest coverage {min(values):.3f} over {len(values)} scenarios: "
                f"{verdict} the target{note}"
            )


if __name__ == "__main__":
    main()
