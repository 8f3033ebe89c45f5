"""An estimate of unrecorded incidents as a report states it: never a bare number.

The estimation stage's :class:`casework.estimate.Estimate` is read by attribute, so
the report shows whatever the stage computed (selected model, interval, averaged
estimate, assumptions) and the standard caveats of multiple systems estimation
when the stage gives none.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

STANDARD_ASSUMPTIONS = (
    "closed population: no incidents enter or leave the population during the period",
    "perfect linkage: every incident is matched correctly across the lists",
    "dependence between lists only as the selected model allows",
    "the lists cover the same period, places and types of incident",
)


@dataclass(frozen=True)
class EstimateView:
    """Formatted parts of an estimate; ``interval`` is empty only if the stage gave none."""

    point: str
    interval: str
    level: str
    observed: int | None
    model: str
    averaged: str
    assumptions: tuple[str, ...]
    scope: str


def _first(obj: Any, names: Sequence[str]) -> Any:
    for name in names:
        value = obj.get(name) if isinstance(obj, dict) else getattr(obj, name, None)
        if value is not None:
            return value
    return None


def _number(value: Any) -> str:
    if isinstance(value, int | float):
        return f"{round(float(value)):,}"
    return str(value)


def _interval(obj: Any) -> tuple[str, str]:
    pair = _first(obj, ("interval", "ci", "confidence_interval"))
    if pair is None:
        low, high = _first(obj, ("lower", "low", "ci_low")), _first(obj, ("upper", "high", "ci_high"))
        pair = (low, high) if low is not None and high is not None else None
    if pair is None:
        return "", ""
    if not isinstance(pair, tuple | list):
        pair = (_first(pair, ("lower", "low")), _first(pair, ("upper", "high")))
    level = _first(obj, ("level", "confidence", "interval_level"))
    level_text = f"{round(float(level) * 100)} %" if isinstance(level, float) and level < 1 else "95 %"
    return f"{_number(pair[0])}\u2013{_number(pair[1])}", level_text


def estimate_view(estimate: Any) -> EstimateView | None:
    """The estimate's parts as text, or ``None`` when it has no point estimate."""
    if estimate is None:
        return None
    point = _first(estimate, ("n_hat", "N_hat", "estimate", "total", "N", "n"))
    if point is None:
        selected = _first(estimate, ("selected",))
        if selected is not None:
            return estimate_view_from(selected, estimate)
        return None
    return estimate_view_from(estimate, estimate)


def estimate_view_from(selected: Any, whole: Any) -> EstimateView | None:
    point = _first(selected, ("n_hat", "N_hat", "estimate", "total", "N", "n"))
    if point is None:
        return None
    interval, level = _interval(selected)
    averaged = _first(whole, ("averaged", "model_averaged", "average"))
    averaged_text = ""
    if averaged is not None:
        if isinstance(averaged, int | float):
            averaged_text = _number(averaged)
        else:
            avg_point = _first(averaged, ("n_hat", "N_hat", "estimate", "total"))
            avg_interval, avg_level = _interval(averaged)
            averaged_text = _number(avg_point) + (f" ({avg_level} interval {avg_interval})" if avg_interval else "")
    model = _first(selected, ("model", "model_name", "name")) or _first(whole, ("model", "selected_model"))
    assumptions = _first(whole, ("assumptions", "caveats")) or STANDARD_ASSUMPTIONS
    observed = _first(whole, ("observed", "observed_total", "n_observed"))
    scope = _first(whole, ("stratum", "scope", "label"))
    return EstimateView(
        point=_number(point),
        interval=interval,
        level=level,
        observed=int(observed) if isinstance(observed, int | float) else None,
        model=str(_first(model, ("name", "label")) or model) if model is not None else "",
        averaged=averaged_text,
        assumptions=tuple(str(a) for a in assumptions),
        scope=str(scope) if scope is not None else "",
    )
