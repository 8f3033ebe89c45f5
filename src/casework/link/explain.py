"""Why two mentions were or were not linked: the match-weight breakdown of one pair.

A reviewer deciding a link needs to see which facts pushed the score up (same
county, same day) and which pulled it down (different perpetrators), as match
weights (log2 Bayes factors) that add up to the pair's total.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from casework.errors import LinkageError
from casework.link.engines import database_api
from casework.link.features import mention_rows
from casework.link.splink_model import rows_table, settings_for
from casework.model import Mention

__all__ = ["ComparisonWeight", "PairExplanation", "explain_pair"]


@dataclass(frozen=True)
class ComparisonWeight:
    comparison: str
    level: str
    match_weight: float


@dataclass(frozen=True)
class PairExplanation:
    mention_a: str
    mention_b: str
    prior_weight: float
    comparisons: tuple[ComparisonWeight, ...]
    match_weight: float
    match_probability: float
    same_testimony: bool

    def to_json(self) -> dict[str, Any]:
        return {
            "mentions": [self.mention_a, self.mention_b],
            "prior_weight": round(self.prior_weight, 3),
            "comparisons": [
                {"comparison": c.comparison, "level": c.level, "match_weight": round(c.match_weight, 3)}
                for c in self.comparisons
            ],
            "match_weight": round(self.match_weight, 3),
            "match_probability": round(self.match_probability, 6),
            "same_testimony": self.same_testimony,
        }


def _weight(m: float | None, u: float | None) -> float:
    if not m or not u:
        return 0.0
    return math.log2(m / u)


def explain_pair(mentions: Sequence[Mention], a: str, b: str, model_json: str | None) -> PairExplanation:
    """The match-weight breakdown for mentions ``a`` and ``b`` under a saved (or the prior) model.

    Args:
        mentions: the mentions linked together (their common words are judged
            against all of them, as in linking).
        a, b: the two mention ids.
        model_json: the trained model (``Linkage.model_json``); None uses the priors.

    Raises:
        LinkageError: an id is unknown.

    Example:
        >>> explain_pair(mentions, "t001-1", "t044-1", linkage.model_json).match_probability  # doctest: +SKIP
        0.998
    """
    ids = {m.mention_id for m in mentions}
    for mention_id in (a, b):
        if mention_id not in ids:
            raise LinkageError(f"mention {mention_id} not found")
    rows = {row["unique_id"]: row for row in mention_rows(mentions)}
    db_api = database_api("duckdb")
    settings = settings_for(db_api, len(rows), model_json)
    settings["retain_intermediate_calculation_columns"] = True
    from splink import Linker

    table = db_api.register(rows_table([rows[a], rows[b]]), dataset_display_name="pair")
    linker = Linker(table, settings, log_level=None)
    scored = linker.inference.score_pair(rows[a], rows[b]).as_record_list()[0]
    prior = settings["probability_two_random_records_match"]
    prior_weight = math.log2(prior / (1 - prior))
    parts: list[ComparisonWeight] = []
    for comparison in settings["comparisons"]:
        name = comparison["output_column_name"]
        gamma = scored.get(f"gamma_{name}")
        levels = comparison["comparison_levels"]
        counted = [level for level in levels if not level.get("is_null_level")]
        label, weight = "not compared", 0.0
        for level in levels:
            if level.get("is_null_level"):
                value = -1
            else:
                value = level.get("comparison_vector_value", len(counted) - 1 - counted.index(level))
            if value == gamma:
                label = level.get("label_for_charts", level["sql_condition"])
                weight = 0.0 if value == -1 else _weight(level.get("m_probability"), level.get("u_probability"))
                break
        parts.append(ComparisonWeight(name, label, weight))
    total = float(scored["match_weight"])
    by_id = {m.mention_id: m for m in mentions}
    return PairExplanation(
        mention_a=a,
        mention_b=b,
        prior_weight=prior_weight,
        comparisons=tuple(parts),
        match_weight=total,
        match_probability=float(scored["match_probability"]),
        same_testimony=by_id[a].testimony == by_id[b].testimony,
    )
