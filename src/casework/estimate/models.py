"""The hierarchical log-linear models that MSE chooses among, and their design matrices.

Every model has all main effects (each list's capture rate) plus a subset of two-way
interactions (dependence between a pair of lists). Three-way and higher terms are left
out: with ``k`` lists the saturated model has as many parameters as observed cells and
says nothing about the unobserved one. With three lists there are 8 models, with four
64; from five lists on the subsets explode (1,024 for five), so the candidates are
every model with at most :data:`MAX_INTERACTIONS_LARGE` interactions plus the path of
a forward stepwise search (see :func:`candidate_models` and docs/estimation.md).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import combinations, product

import numpy as np
import numpy.typing as npt

__all__ = [
    "MAX_INTERACTIONS_LARGE",
    "ModelSpec",
    "all_subsets",
    "candidate_models",
    "design_matrix",
    "full_patterns",
    "pairs",
]

MAX_INTERACTIONS_LARGE = 2
"""For five or more lists: every model with at most this many interactions is fitted."""

Pair = tuple[int, int]


@dataclass(frozen=True)
class ModelSpec:
    """One log-linear model: main effects of every list and the listed two-way interactions."""

    interactions: tuple[Pair, ...]

    def name(self, lists: Sequence[str]) -> str:
        """``independence`` or ``A:B + C:D``, the interactions in list order."""
        if not self.interactions:
            return "independence"
        return " + ".join(f"{lists[i]}:{lists[j]}" for i, j in self.interactions)

    def terms(self, lists: Sequence[str]) -> tuple[str, ...]:
        """Every term of the model, main effects first."""
        return tuple(lists) + tuple(f"{lists[i]}:{lists[j]}" for i, j in self.interactions)

    @property
    def n_params(self) -> int:
        """Without the main effects: interactions only; see :func:`design_matrix` for the full count."""
        return len(self.interactions)


def pairs(n_lists: int) -> list[Pair]:
    """Every pair of lists, in order."""
    return list(combinations(range(n_lists), 2))


def full_patterns(n_lists: int) -> npt.NDArray[np.float64]:
    """All ``2**k`` patterns, the unobserved (all-zero) one first, then as in ``CaptureHistories.patterns``."""
    return np.array(list(product((0, 1), repeat=n_lists)), dtype=float)


def design_matrix(patterns: npt.NDArray[np.float64], model: ModelSpec) -> npt.NDArray[np.float64]:
    """Columns: intercept, one per list, one per interaction (product of the two lists' indicators)."""
    cols = [np.ones(len(patterns)), *patterns.T]
    cols += [patterns[:, i] * patterns[:, j] for i, j in model.interactions]
    return np.column_stack(cols)


def all_subsets(n_lists: int, max_interactions: int | None = None) -> list[ModelSpec]:
    """Every model whose interactions are a subset of the pairs (optionally at most ``max_interactions``)."""
    ps = pairs(n_lists)
    top = len(ps) if max_interactions is None else min(max_interactions, len(ps))
    return [ModelSpec(tuple(c)) for k in range(top + 1) for c in combinations(ps, k)]


def forward_path(n_lists: int, score: Callable[[ModelSpec], float | None]) -> list[ModelSpec]:
    """Forward stepwise: from independence, add the interaction that lowers ``score`` most, until none does.

    ``score`` returns the criterion of a fitted model, or ``None`` when it cannot be fitted.
    """
    current = ModelSpec(())
    best = score(current)
    path = [current]
    if best is None:
        return path
    while True:
        remaining = [p for p in pairs(n_lists) if p not in current.interactions]
        trials = []
        for p in remaining:
            spec = ModelSpec(tuple(sorted((*current.interactions, p))))
            value = score(spec)
            if value is not None:
                trials.append((value, spec))
        if not trials:
            return path
        value, spec = min(trials, key=lambda t: t[0])
        if value >= best:
            return path
        best, current = value, spec
        path.append(spec)


def candidate_models(n_lists: int, score: Callable[[ModelSpec], float | None] | None = None) -> list[ModelSpec]:
    """The model class: all subsets for up to four lists; beyond, small models plus a stepwise path."""
    if n_lists <= 4:
        return all_subsets(n_lists)
    models = all_subsets(n_lists, MAX_INTERACTIONS_LARGE)
    if score is not None:
        seen = set(models)
        models += [m for m in forward_path(n_lists, score) if m not in seen]
    return models
