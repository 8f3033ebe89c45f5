"""Linkage quality against known incidents: pairwise and B-cubed precision / recall / F1.

Used by ``bench/link_eval.py`` and by tests; reviewer decisions stored in a desk
can be scored the same way (confirmed pairs are known links).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import combinations

__all__ = ["LinkScores", "decision_agreement", "false_friends_merged", "score_clusters"]


@dataclass(frozen=True)
class LinkScores:
    pair_precision: float
    pair_recall: float
    pair_f1: float
    bcubed_precision: float
    bcubed_recall: float
    bcubed_f1: float
    predicted_pairs: int
    true_pairs: int
    mentions: int


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _pairs(assignment: Mapping[str, str]) -> set[frozenset[str]]:
    groups: dict[str, list[str]] = defaultdict(list)
    for mention, cluster in assignment.items():
        groups[cluster].append(mention)
    return {frozenset(p) for members in groups.values() for p in combinations(sorted(members), 2)}


def score_clusters(predicted: Mapping[str, str], gold: Mapping[str, str]) -> LinkScores:
    """Scores of ``predicted`` (mention -> cluster) against ``gold`` on the mentions both know."""
    common = [m for m in gold if m in predicted]
    pred = {m: predicted[m] for m in common}
    true = {m: gold[m] for m in common}
    pp, tp = _pairs(pred), _pairs(true)
    hit = len(pp & tp)
    precision = hit / len(pp) if pp else 1.0
    recall = hit / len(tp) if tp else 1.0
    pred_members: dict[str, set[str]] = defaultdict(set)
    true_members: dict[str, set[str]] = defaultdict(set)
    for m in common:
        pred_members[pred[m]].add(m)
        true_members[true[m]].add(m)
    bp = br = 0.0
    for m in common:
        overlap = len(pred_members[pred[m]] & true_members[true[m]])
        bp += overlap / len(pred_members[pred[m]])
        br += overlap / len(true_members[true[m]])
    n = len(common) or 1
    return LinkScores(
        pair_precision=precision,
        pair_recall=recall,
        pair_f1=_f1(precision, recall),
        bcubed_precision=bp / n,
        bcubed_recall=br / n,
        bcubed_f1=_f1(bp / n, br / n),
        predicted_pairs=len(pp),
        true_pairs=len(tp),
        mentions=len(common),
    )


def false_friends_merged(
    predicted: Mapping[str, str], gold: Mapping[str, str], friends: Iterable[tuple[str, str]]
) -> list[tuple[str, str]]:
    """The look-alike incident pairs that ``predicted`` put (partly) into one cluster."""
    clusters_of: dict[str, set[str]] = defaultdict(set)
    for mention, incident in gold.items():
        if mention in predicted:
            clusters_of[incident].add(predicted[mention])
    return [(a, b) for a, b in friends if clusters_of[a] & clusters_of[b]]


def decision_agreement(
    probabilities: Mapping[frozenset[str], float], decisions: Iterable[tuple[str, str, str]], threshold: float
) -> tuple[int, int]:
    """(agreeing, total): reviewer decisions used as labels for the model alone.

    A confirmed pair agrees when the model scored it at or above ``threshold``, a
    rejected pair when below (pairs the model never scored count as below).
    """
    agreeing = total = 0
    for a, b, decision in decisions:
        linked = probabilities.get(frozenset((a, b)), 0.0) >= threshold
        total += 1
        agreeing += linked == (decision == "confirm")
    return agreeing, total
