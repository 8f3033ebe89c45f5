"""An estimate of unrecorded incidents as a report states it: never a bare number.

The estimation stage (:mod:`casework.estimate`) does the statistics; this module
computes the estimate from a snapshot's own incidents and lists (so the web app and
the CLI show the same thing) and formats it: the model-averaged estimate and its
interval first (the selected model's own interval ignores the uncertainty of choosing
the model and undercovers in simulation), then the selected model, observed total,
assumptions and warnings. When the stage refuses (fewer than three lists, too few
incidents, overlaps too sparse) its reason is shown instead.

Below the overall figure sits one row per incident type, estimated by the stage's
own stratification (:func:`casework.estimate.estimate_strata`): capture rates differ
between kinds of incident, so a pooled total hides which kinds go unrecorded. Each
row carries its interval or the stage's reason for refusing that type.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from casework.errors import EstimationError
from casework.model import Incident, Mention

if TYPE_CHECKING:
    from casework.estimate import Estimate, StratumEstimate
    from casework.store.api import TestimonyInfo

NO_LISTS = "no testimony is assigned to a list (documentation project), so there are no capture histories"


@dataclass(frozen=True)
class EstimateView:
    """Formatted parts of an estimate, ready for a template."""

    point: str
    interval: str
    level: str
    observed: int
    model: str
    selected: str
    lists: tuple[str, ...]
    method: str
    assumptions: tuple[str, ...]
    warnings: tuple[str, ...]


@dataclass(frozen=True)
class TypeEstimateView:
    """One incident type's row: the model-averaged estimate and interval, or the refusal reason."""

    type: str
    observed: int
    point: str
    interval: str
    reason: str


def _lists_of_mentions(mentions: Mapping[str, Mention], meta: Mapping[str, TestimonyInfo]) -> dict[str, str]:
    list_of_mention = {}
    for mention_id, mention in mentions.items():
        info = meta.get(mention.testimony or "")
        if info is not None and info.list_name:
            list_of_mention[mention_id] = info.list_name
    return list_of_mention


def estimate_incidents(
    incidents: Sequence[Incident], mentions: Mapping[str, Mention], meta: Mapping[str, TestimonyInfo]
) -> tuple[Estimate | None, str]:
    """The multiple systems estimate over the incidents, or ``None`` and the reason there is none.

    Each mention's list is its testimony's ``list_name``; an incident's capture history
    is the set of lists whose testimonies mention it.
    """
    from casework.estimate import estimate_population, histories_from_incidents

    list_of_mention = _lists_of_mentions(mentions, meta)
    if not incidents:
        return None, "there are no linked incidents"
    if not list_of_mention:
        return None, NO_LISTS
    try:
        return estimate_population(histories_from_incidents(incidents, list_of_mention)), ""
    except EstimationError as err:
        return None, str(err)


def estimate_incident_types(
    incidents: Sequence[Incident], mentions: Mapping[str, Mention], meta: Mapping[str, TestimonyInfo]
) -> tuple[StratumEstimate, ...]:
    """One estimate per incident type, each refused on its own with the stage's reason.

    Same incidents and lists as :func:`estimate_incidents`; an incident's type is the
    majority type of its mentions (the stage's rule). Empty when there are no incidents
    or no lists, as the overall note already says why.
    """
    from casework.estimate import estimate_strata

    list_of_mention = _lists_of_mentions(mentions, meta)
    if not incidents or not list_of_mention:
        return ()
    strata = estimate_strata(incidents, list_of_mention, by="type", mentions=mentions)
    return tuple(strata[1:])  # the first stratum is "all", the overall estimate shown above


def _number(value: float) -> str:
    return f"{round(value):,}" if math.isfinite(value) else "unbounded"


def _interval(pair: tuple[float, float]) -> str:
    return f"{_number(pair[0])}\u2013{_number(pair[1])}"


def model_label(name: str) -> str:
    """``A:B + C:D`` as a reader reads it: which pairs of lists the model lets depend on each other."""
    if name == "independence":
        return "independence of all lists"
    pairs = [p.strip().replace(":", " \u00d7 ") for p in name.split("+")]
    return "dependence between " + ", ".join(pairs)


def estimate_view(estimate: Estimate | None) -> EstimateView | None:
    """The estimate's parts as text (``None`` stays ``None``)."""
    if estimate is None:
        return None
    selected = estimate.selected
    return EstimateView(
        point=_number(estimate.averaged_n_hat),
        interval=_interval(estimate.averaged_interval),
        level=f"{round(estimate.level * 100)} %",
        observed=estimate.observed,
        model=model_label(selected.name),
        selected=f"{_number(selected.n_hat)} (interval {_interval(selected.interval)})",
        lists=estimate.lists,
        method=f"selected by {estimate.criterion.upper()}; {estimate.interval_method} intervals",
        assumptions=estimate.assumptions,
        warnings=estimate.warnings,
    )


def type_estimate_views(strata: Sequence[StratumEstimate]) -> list[TypeEstimateView]:
    """The per-type rows as text, most observed incidents first (ties by type)."""
    rows = []
    for stratum in sorted(strata, key=lambda s: (-s.histories.observed, s.stratum)):
        est = stratum.estimate
        rows.append(
            TypeEstimateView(
                type=stratum.stratum,
                observed=stratum.histories.observed,
                point=_number(est.averaged_n_hat) if est else "",
                interval=_interval(est.averaged_interval) if est else "",
                reason="" if est else (stratum.refused or "the estimation stage gave no estimate"),
            )
        )
    return rows
