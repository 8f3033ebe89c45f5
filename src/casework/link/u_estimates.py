"""u probabilities for a desk of any size: counted on the pairs the model scores, pulled towards priors.

A u probability says how often two mentions of *different* incidents agree at a
level ("same county", "within a week"). Splink estimates it from random pairs,
which works for a large archive. A small desk breaks it three times:

* random pairs include pairs of mentions of one testimony, which are never
  candidates (blocking excludes them) and nearly always share county and month;
  in a desk of 21 mentions they are a tenth of all pairs and made "same county"
  look common. Up to ``EXACT_U_UP_TO`` mentions we therefore count every pair of
  mentions from different testimonies, exactly, instead of sampling.
* true matches are a larger share of a small desk's pairs and sit in the rare
  agreement levels; each pair is counted as a non-match only by its prior
  probability of being one (``candidate_pair_u``).
* a few hundred pairs cannot measure a rare level at all (same day, u = 0.001,
  is seen once in a thousand pairs). The counted values are averaged with the
  prior u values as if the priors were ``PRIOR_U_PAIRS`` pairs, the same way EM's
  m values are pulled towards the m priors.

Above ``EXACT_U_UP_TO`` the million sampled pairs are used as they are, without
the priors: even a weight of 1,000 pairs adds about u_prior / 1,000 to every
level, which swamps a level seen a few times per million pairs (an invented
detail word shared: 8e-6 became 2e-4) and at a million mentions took ~5 bits
from the best evidence and made EM underflow (pairwise F1 0.90 -> 0.52).
"""

from __future__ import annotations

import logging
from typing import Any

log = logging.getLogger(__name__)

__all__ = ["EXACT_U_UP_TO", "PRIOR_U_PAIRS", "candidate_pair_u", "shrink_u_to_priors"]

PRIOR_U_PAIRS = 1_000
"""Weight of the u priors, in pairs. The rarest level we name (same day, u = 0.001) is
seen about once in 1,000 pairs of different incidents, so fewer pairs cannot measure it."""

EXACT_U_UP_TO = 1_500
"""Up to this many mentions (about 1.1 million pairs) u is counted on all pairs of
different testimonies and pulled towards the priors; above, Splink's random sampling
is used as it is (pairs within one testimony are then a negligible share)."""

LevelCounts = dict[str, list[float | None]]


def candidate_pair_u(settings: dict[str, Any], table: Any) -> tuple[LevelCounts, float]:
    """u per comparison level counted on every pair of mentions from different testimonies.

    Returns (comparison name -> u per level in the settings' order, None for the
    null level; number of pairs counted, in non-match weight). Each pair counts
    as a non-match by its prior probability of being one (1 - match probability
    under ``settings``): u is how often *different* incidents agree, and on a
    small desk the true matches crowd its rarest levels. On 132 mentions of real
    published reports (a story retold by three outlets shares whole sentences)
    counting them as non-matches made "eight or more words shared" as common as
    "four to seven" (u 0.005), weighing 4.6 bits, and left retellings unlinked.
    """
    from splink import Linker

    counting = dict(settings)
    counting["blocking_rules_to_generate_predictions"] = [{"blocking_rule": "l.testimony <> r.testimony"}]
    counting["retain_matching_columns"] = True  # the gamma (level) columns come with the matching columns
    linker: Any = Linker(table, counting, log_level=None)
    predictions = linker.inference.predict(warning_mode="never")
    names = [c["output_column_name"] for c in settings["comparisons"]]
    out: LevelCounts = {}
    total_pairs = 0.0
    for comparison in settings["comparisons"]:
        name = comparison["output_column_name"]
        sql = (
            f"select gamma_{name} as g, sum(1 - match_probability) as n"
            f" from {predictions.physical_name} group by gamma_{name}"
        )
        frame = linker.misc.query_sql(sql, output_type="pandas")
        counts = {int(g): float(n) for g, n in zip(frame["g"], frame["n"], strict=True)}
        total_pairs = max(total_pairs, sum(counts.values()))
        observed = sum(n for g, n in counts.items() if g >= 0)
        levels = comparison["comparison_levels"]
        value = len([level for level in levels if not level.get("is_null_level")]) - 1
        u_values: list[float | None] = []
        for level in levels:
            if level.get("is_null_level"):
                u_values.append(None)
                continue
            u_values.append(counts.get(value, 0) / observed if observed else None)
            value -= 1
        out[name] = u_values
    log.debug("u counted on %d candidate pairs for %d comparisons", total_pairs, len(names))
    return out, total_pairs


def shrink_u_to_priors(trained: dict[str, Any], priors: dict[str, Any], pairs: float) -> dict[str, Any]:
    """Blend the measured u probabilities of ``trained`` with those of ``priors``, weighted by ``pairs``."""
    weight = pairs / (pairs + PRIOR_U_PAIRS)
    by_name = {c["output_column_name"]: c for c in priors["comparisons"]}
    for comparison in trained["comparisons"]:
        prior = by_name[comparison["output_column_name"]]
        for level, prior_level in zip(comparison["comparison_levels"], prior["comparison_levels"], strict=True):
            u, u0 = level.get("u_probability"), prior_level.get("u_probability")
            if u0 is not None:
                level["u_probability"] = u0 if u is None else weight * u + (1 - weight) * u0
    return trained


def set_u(trained: dict[str, Any], measured: LevelCounts) -> dict[str, Any]:
    """Put measured u values into a saved model (levels never observed keep what they had)."""
    for comparison in trained["comparisons"]:
        values = measured.get(comparison["output_column_name"])
        if values is None or len(values) != len(comparison["comparison_levels"]):
            continue
        for level, u in zip(comparison["comparison_levels"], values, strict=True):
            if u is not None and not level.get("is_null_level"):
                level["u_probability"] = u
    return trained
