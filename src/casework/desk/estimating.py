"""Estimates of unrecorded incidents from the store (or from a capture-history file).

One copy of "which list each mention belongs to" (its testimony's list) and of
"re-cluster at other thresholds with the saved model", for the CLI and any other
front end.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from casework.desk.linking import MODEL_SETTING, linkable_mentions, store_decisions
from casework.errors import EstimationError
from casework.estimate import Estimate, estimate_population, read_histories
from casework.estimate.strata import STRATA, StratumEstimate, estimate_strata, parse_periods, threshold_spread
from casework.link import link_mentions
from casework.store import CaseStore

__all__ = [
    "STRATA",
    "Estimate",
    "StratumEstimate",
    "estimate_file",
    "estimate_store",
    "parse_periods",
    "threshold_spread",
]


def estimate_file(path: Path, *, min_observed: int = 10, **options: Any) -> Estimate:
    """The estimate from a capture-history CSV (one 0/1 column per list and ``count``)."""
    return estimate_population(read_histories(path), min_observed=min_observed, **options)


def estimate_store(
    store: CaseStore, *, by: str | None = None, thresholds: Sequence[float] = (), **options: Any
) -> list[StratumEstimate]:
    """Estimates from the store's incidents (per stratum with ``by``; at each of ``thresholds``).

    Raises:
        EstimationError: no mention belongs to a testimony with a list.
    """
    list_of_testimony = {t.testimony_id: t.list_name for t in store.list_testimonies() if t.list_name}
    mentions = {m.mention_id: m for m in linkable_mentions(store) if m.mention_id}
    list_of_mention = {
        mid: list_of_testimony[m.testimony] for mid, m in mentions.items() if m.testimony in list_of_testimony
    }
    if not list_of_mention:
        raise EstimationError("no mention belongs to a testimony with a list: set lists at intake (--list)")
    store.audit("estimate.run", None, by=by or "", thresholds=",".join(f"{t:g}" for t in thresholds))
    if not thresholds:
        return estimate_strata(store.list_incidents(), list_of_mention, by=by, mentions=mentions, **options)
    linkage = link_mentions(
        list(mentions.values()), decisions=store_decisions(store), model_json=store.get_setting(MODEL_SETTING)
    )
    results: list[StratumEstimate] = []
    for t in thresholds:
        results += estimate_strata(
            linkage.clusters_at(t), list_of_mention, by=by, mentions=mentions, threshold=t, **options
        )
    return results
