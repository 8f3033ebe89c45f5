"""Fast batched Poisson log-linear fits, profile likelihood and parametric bootstrap.

statsmodels fits each model once for the reported table (:mod:`casework.estimate.population`).
Intervals need thousands of refits of the same tiny design (a profile likelihood is a
root search over the unobserved count; a bootstrap or a simulation study refits every
replicate), so this module runs Newton's method on many count vectors at once with
numpy. A test pins it to statsmodels on the Kosovo table.

The profile likelihood is Cormack's (1992): for a candidate total ``N`` the unobserved
cell gets ``N - n`` and the model is fitted to the complete ``2**k`` table; the
multinomial log-likelihood of the cell probabilities with ``N!/(N-n)!`` as the only
term depending on ``N`` directly is then maximised over the probabilities. The interval
is every ``N`` whose log-likelihood lies within ``chi2(1, level)/2`` of the top.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np
import numpy.typing as npt
from scipy.special import gammaln, xlogy
from scipy.stats import chi2, norm

__all__ = [
    "bootstrap_totals",
    "fit_poisson",
    "mata_interval",
    "profile_cdf",
    "profile_interval",
    "profile_loglik",
]

Array = npt.NDArray[np.float64]

UNBOUNDED_RATIO = 1e4
"""An upper limit beyond ``observed * UNBOUNDED_RATIO`` is reported as unbounded (infinite)."""

_BISECTIONS = 26


def fit_poisson(
    design: Array, counts: Array, start: Array | None = None, max_iter: int = 100, tol: float = 1e-10
) -> tuple[Array, Array]:
    """Poisson log-linear MLE for each row of ``counts`` (shape ``(R, cells)``) on one design.

    Newton's method with step halving; cells whose fitted mean tends to zero (a model
    on the boundary) converge in log-likelihood even as their coefficient runs off,
    which is all the unobserved-cell estimate needs.

    Returns:
        ``(beta, mu)`` with shapes ``(R, params)`` and ``(R, cells)``.
    """
    y = np.atleast_2d(counts).astype(float)
    n_rep, n_par = y.shape[0], design.shape[1]
    if start is None:
        beta = np.asarray(np.linalg.lstsq(design, np.log(y + 0.5).T, rcond=None)[0].T, dtype=float)
    else:
        beta = np.array(start, dtype=float, copy=True).reshape(n_rep, n_par)
    ridge = 1e-9 * np.eye(n_par)

    def loglik(b: Array) -> Array:
        eta = np.minimum(b @ design.T, 700.0)
        return np.asarray((y * eta - np.exp(eta)).sum(axis=1))

    current = loglik(beta)
    active = np.ones(n_rep, dtype=bool)
    for _ in range(max_iter):
        if not active.any():
            break
        b = beta[active]
        mu = np.exp(np.minimum(b @ design.T, 700.0))
        grad = (y[active] - mu) @ design
        hess = np.einsum("rc,ci,cj->rij", mu, design, design) + ridge * (1.0 + mu.sum(axis=1))[:, None, None]
        step = np.linalg.solve(hess, grad[..., None])[..., 0]
        old = current[active]
        scale = np.ones(len(b))
        new_b = b + step
        new = _loglik_rows(design, y[active], new_b)
        for _half in range(30):
            worse = new < old - 1e-12 * (1.0 + np.abs(old))
            if not worse.any():
                break
            scale[worse] *= 0.5
            new_b[worse] = b[worse] + scale[worse, None] * step[worse]
            new[worse] = _loglik_rows(design, y[active][worse], new_b[worse])
        idx = np.flatnonzero(active)
        beta[idx] = new_b
        current[idx] = new
        done = (np.abs(new - old) <= tol * (1.0 + np.abs(old))) & (np.abs(step).max(axis=1) * scale < 1e-6)
        done |= np.abs(new - old) <= 1e-13 * (1.0 + np.abs(old))
        active[idx[done]] = False
    mu = np.exp(np.minimum(beta @ design.T, 700.0))
    return beta, mu


def _loglik_rows(design: Array, y: Array, beta: Array) -> Array:
    eta = np.minimum(beta @ design.T, 700.0)
    return np.asarray((y * eta - np.exp(eta)).sum(axis=1))


def profile_loglik(
    design_full: Array, observed_counts: Array, totals: Array, start: Array | None = None
) -> tuple[Array, Array]:
    """Cormack's profile log-likelihood of the total ``N`` (up to a constant), for each replicate.

    Args:
        design_full: design over all ``2**k`` cells, the unobserved cell first.
        observed_counts: ``(R, 2**k - 1)`` counts of the observed cells.
        totals: ``(R,)`` candidate totals, each at least that replicate's observed total.
        start: warm-start coefficients.

    Returns:
        ``(loglik, beta)``.
    """
    y_obs = np.atleast_2d(observed_counts)
    n = y_obs.sum(axis=1)
    big_n = np.maximum(np.asarray(totals, dtype=float), n)
    unseen = big_n - n
    y = np.column_stack([unseen, y_obs])
    beta, mu = fit_poisson(design_full, y, start)
    prob = mu / mu.sum(axis=1, keepdims=True)
    ll = gammaln(big_n + 1) - gammaln(unseen + 1) + xlogy(y, prob).sum(axis=1)
    return ll, beta


def _bisect(design_full: Array, y_obs: Array, lo: Array, hi: Array, below: Array, beta: Array, crit: Array) -> Array:
    """Bisect on ``log(N - n + 1)`` for the crossing of ``loglik = crit``; ``below`` says which end is outside."""
    n = y_obs.sum(axis=1)
    t_lo, t_hi = np.log1p(lo - n), np.log1p(hi - n)
    for _ in range(_BISECTIONS):
        t_mid = 0.5 * (t_lo + t_hi)
        ll, beta = profile_loglik(design_full, y_obs, n + np.expm1(t_mid), beta)
        outside = ll < crit
        move_lo = outside == below
        t_lo = np.where(move_lo, t_mid, t_lo)
        t_hi = np.where(move_lo, t_hi, t_mid)
    return np.asarray(n + np.expm1(0.5 * (t_lo + t_hi)))


def profile_interval(
    design_full: Array, observed_counts: Array, n_hat: Array, level: float = 0.95
) -> tuple[Array, Array]:
    """Profile-likelihood interval for the total, per replicate; an unbounded upper limit is ``inf``.

    Example:
        see ``tests/estimate/test_population.py``.
    """
    y_obs = np.atleast_2d(observed_counts).astype(float)
    n = y_obs.sum(axis=1)
    n_hat = np.maximum(np.asarray(n_hat, dtype=float).reshape(-1), n)
    ll_hat, beta_hat = profile_loglik(design_full, y_obs, n_hat)
    crit = ll_hat - chi2.ppf(level, 1) / 2.0

    ll_n, _ = profile_loglik(design_full, y_obs, n, beta_hat)
    lower = np.where(ll_n >= crit, n, np.nan)
    need = np.isnan(lower)
    if need.any():
        lower[need] = _bisect(
            design_full, y_obs[need], n[need], n_hat[need], np.ones(need.sum(), bool), beta_hat[need], crit[need]
        )

    cap = n + np.maximum(n, 1.0) * UNBOUNDED_RATIO
    start, outside = n_hat.copy(), n + 2.0 * (n_hat - n) + 10.0
    searching = np.ones(len(n), dtype=bool)
    for _ in range(12):  # widen geometrically until the deviance crosses the cut or the cap is reached
        outside = np.minimum(outside, cap)
        ll_out, _ = profile_loglik(design_full, y_obs[searching], outside[searching], beta_hat[searching])
        crossed = np.zeros(len(n), dtype=bool)
        crossed[searching] = ll_out < crit[searching]
        widen = searching & ~crossed & (outside < cap)
        start = np.where(widen, outside, start)
        outside = np.where(widen, n + 4.0 * (outside - n), outside)
        searching = widen
        if not searching.any():
            break
    ll_cap, _ = profile_loglik(design_full, y_obs, outside, beta_hat)
    upper = np.where(ll_cap >= crit, np.inf, np.nan)
    need = np.isnan(upper)
    if need.any():
        upper[need] = _bisect(
            design_full, y_obs[need], start[need], outside[need], np.zeros(need.sum(), bool), beta_hat[need], crit[need]
        )
    return lower, upper


def profile_cdf(design_full: Array, observed_counts: Array, n_hat: float, ll_hat: float, total: float) -> float:
    """A confidence distribution from the signed root of the profile deviance: ``Phi(r(N))``.

    Used to average intervals over models by their tail areas (MATA, Turek and Fletcher 2012).
    """
    ll, _ = profile_loglik(design_full, observed_counts, np.array([total]))
    r = math.copysign(math.sqrt(max(0.0, 2.0 * (ll_hat - float(ll[0])))), total - n_hat)
    return float(norm.cdf(r))


def mata_interval(
    cdfs: Sequence[tuple[float, Callable[[float], float]]], observed: float, level: float
) -> tuple[float, float]:
    """Model-averaged tail-area interval: solve ``sum_m w_m F_m(N) = alpha/2`` and ``1 - alpha/2``.

    ``cdfs`` pairs each model's weight (summing to one) with its confidence distribution ``F_m``.
    """
    alpha = 1.0 - level

    def mixture(total: float) -> float:
        return sum(w * cdf(total) for w, cdf in cdfs)

    cap = observed + max(observed, 1.0) * UNBOUNDED_RATIO

    def solve(target: float) -> float:
        if mixture(observed) >= target:
            return observed
        if mixture(cap) < target:
            return math.inf
        t_lo, t_hi = 0.0, math.log1p(cap - observed)
        for _ in range(_BISECTIONS):
            t_mid = 0.5 * (t_lo + t_hi)
            if mixture(observed + math.expm1(t_mid)) < target:
                t_lo = t_mid
            else:
                t_hi = t_mid
        return observed + math.expm1(0.5 * (t_lo + t_hi))

    return solve(alpha / 2.0), solve(1.0 - alpha / 2.0)


def bootstrap_totals(
    design_obs: Array, design_full: Array, n_hat: float, beta: Array, replicates: int, rng: np.random.Generator
) -> Array:
    """Totals re-estimated on tables drawn from the fitted model (parametric bootstrap).

    Each replicate draws a complete table of ``round(n_hat)`` incidents with the fitted
    cell probabilities, hides the unobserved cell and refits the same model.
    """
    mu = np.exp(design_full @ beta)
    prob = mu / mu.sum()
    tables = rng.multinomial(int(round(n_hat)), prob, size=replicates).astype(float)
    y_obs = tables[:, 1:]
    ok = (y_obs @ design_obs > 0).all(axis=1)
    b, _ = fit_poisson(design_obs, y_obs)
    totals = y_obs.sum(axis=1) + np.exp(np.minimum(b[:, 0], 700.0))
    return np.where(ok, totals, np.inf)
