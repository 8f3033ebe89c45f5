"""Link mentions into incidents: train or load the model, score pairs, cluster.

``link_mentions`` is the whole stage in one call and a pure function of its
arguments (no store, no files), so the desk, the estimation stage and the
benchmarks all call the same thing. Grading the incidents is the next stage's
job (:func:`casework.corroborate.grade_linkage`); linkage only says which
incidents hang on a bridge edge, so the grader can judge each side apart.
"""

from __future__ import annotations

import logging
import math
import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from casework.errors import LinkageError
from casework.link.clusters import bridge_edges, cluster_mentions
from casework.link.engines import Engine, linkage_engine
from casework.link.feature_cache import FeatureCache
from casework.link.features import mention_table
from casework.link.gc_pause import gc_paused
from casework.link.splink_model import load_linker, saved_model, train_linker
from casework.model import Incident, Mention

log = logging.getLogger(__name__)

__all__ = ["DEFAULT_THRESHOLD", "PAIR_FLOOR", "Linkage", "ScoredPair", "link_mentions"]

DEFAULT_THRESHOLD = 0.95
"""Match probability from which two mentions are put in one incident.

High on purpose: a wrong merge can turn two leads into a "corroborated" finding,
which is worse for a desk than a missed link that a reviewer can still confirm.
"""

TRAIN_SAMPLE = 50_000
"""Larger inputs are trained on a random sample of this many mentions, then scored whole."""

PREDICT_CHUNK = 250_000
"""Scoring is split so that each side of a chunk holds at most this many mentions,
which bounds DuckDB's memory (a million mentions: 4 x 4 chunks)."""

PAIR_FLOOR = 0.01
"""Pairs scored below this are dropped; they are neither links nor worth a reviewer's time."""


class ScoredPair(NamedTuple):
    mention_a: str
    mention_b: str
    match_probability: float
    match_weight: float


Decision = tuple[str, str, str]


@dataclass
class Linkage:
    """The result of linking: incidents (not yet graded), the mention->incident map and the scored pairs.

    ``incidents`` carry their mentions and, when held together by a bridge edge, the
    flag ``bridge-edge``; ``sides`` gives such an incident's groups once its bridges
    are cut. Their grade and sources come from :func:`casework.corroborate.grade_linkage`.
    """

    incidents: list[Incident]
    assignment: dict[str, str]
    pairs: list[ScoredPair]
    model_json: str
    sides: dict[str, list[list[str]]] = field(default_factory=dict)
    threshold: float = DEFAULT_THRESHOLD
    mentions: list[Mention] = field(default_factory=list, repr=False)
    decisions: list[Decision] = field(default_factory=list, repr=False)
    kept_links: list[tuple[str, str]] = field(default_factory=list, repr=False)
    testimony_texts: dict[str, str] = field(default_factory=dict, repr=False)
    notes: list[str] = field(default_factory=list)
    """What went wrong in training but did not stop linking (an EM session skipped): callers show it."""

    def clusters_at(self, threshold: float) -> dict[str, str]:
        """mention id -> incident id when the same scored pairs are clustered at ``threshold``.

        For linkage uncertainty: the estimation stage re-counts incidents at
        several thresholds without scoring again. Reviewer decisions still win.
        """
        groups = _cluster(self.mentions, self.pairs, self.decisions, threshold, self.kept_links)
        return {m: _incident_id(i) for i, group in enumerate(groups) for m in group}

    def uncertain_pairs(self, low: float = 0.3, high: float = 0.97) -> list[ScoredPair]:
        """Pairs scored between ``low`` and ``high`` that no reviewer decided, most uncertain first."""
        decided = {frozenset((a, b)) for a, b, _ in self.decisions}
        found = [
            p
            for p in self.pairs
            if low <= p.match_probability <= high and frozenset((p.mention_a, p.mention_b)) not in decided
        ]
        return sorted(found, key=lambda p: (abs(p.match_weight), p.mention_a, p.mention_b))


def _incident_id(index: int) -> str:
    return f"I-{index + 1:04d}"


def _decision_sets(decisions: Iterable[Decision]) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    must, cannot = [], []
    for a, b, decision in decisions:
        if decision == "confirm":
            must.append((a, b))
        elif decision == "reject":
            cannot.append((a, b))
        else:
            raise LinkageError(f"link decision for {a}/{b}: unknown decision (use confirm or reject)")
    return must, cannot


def _cluster(
    mentions: Sequence[Mention],
    pairs: Sequence[ScoredPair],
    decisions: Sequence[Decision],
    threshold: float,
    kept_links: Sequence[tuple[str, str]] = (),
) -> list[list[str]]:
    must, cannot = _decision_sets(decisions)
    must = [*kept_links, *must]
    ids = [m.mention_id for m in mentions if m.mention_id]
    testimony_of = {m.mention_id: m.testimony or "" for m in mentions if m.mention_id}
    edges = [(p.mention_a, p.mention_b, p.match_probability) for p in pairs]
    return cluster_mentions(ids, testimony_of, edges, threshold, must_link=must, cannot_link=cannot)


def group_incidents(
    groups: Sequence[Sequence[str]],
    pairs: Sequence[ScoredPair],
    decisions: Sequence[Decision],
    threshold: float,
) -> tuple[list[Incident], dict[str, str], dict[str, list[list[str]]]]:
    """Incidents with ids I-0001... in order of their first mention, with their bridge edges cut apart.

    A bridge is a model edge (not a reviewer's confirmation) whose removal splits
    an incident of three or more mentions; the incident is flagged ``bridge-edge``
    and its sides (the groups once the bridges are cut) are returned, so the grader
    can grade it on its best side alone.
    """
    confirmed = {frozenset((a, b)) for a, b, d in decisions if d == "confirm"}
    member_of = {m: i for i, group in enumerate(groups) for m in group}
    inner: dict[int, list[tuple[str, str]]] = {}
    for p in pairs:
        if p.match_probability < threshold:
            continue
        index = member_of.get(p.mention_a)
        if index is not None and index == member_of.get(p.mention_b):
            inner.setdefault(index, []).append((p.mention_a, p.mention_b))
    for a, b, d in decisions:
        index = member_of.get(a)
        if d == "confirm" and index is not None and index == member_of.get(b):
            inner.setdefault(index, []).append((a, b))
    incident_ids = [_incident_id(index) for index in range(len(groups))]
    incidents: list[Incident] = []
    sides: dict[str, list[list[str]]] = {}
    for index, group in enumerate(groups):
        incident_id = incident_ids[index]
        edges = inner.get(index)  # a group without edges of its own (a singleton, a kept incident) has no bridge
        bridges = []
        if edges and len(group) >= 3:
            bridges = [e for e in bridge_edges(group, edges) if frozenset(e) not in confirmed]
        if bridges:
            cut = {frozenset(e) for e in bridges}
            kept = [e for e in edges or () if frozenset(e) not in cut]
            sides[incident_id] = cluster_mentions(group, {m: m for m in group}, [(a, b, 1.0) for a, b in kept], 0.5)
        incidents.append(Incident(incident_id, tuple(group), flags=("bridge-edge",) if bridges else ()))
    assignment = {m: incident_ids[index] for m, index in member_of.items()}
    return incidents, assignment, sides


def _prediction_columns(linker: Any, predictions: Any) -> dict[str, list[Any]]:
    """Only the four columns we keep, column-wise: a million scored pairs as dicts would not fit."""
    sql = f"select unique_id_l, unique_id_r, match_probability, match_weight from {predictions.physical_name}"
    frame = linker.misc.query_sql(sql, output_type="pandas")
    return {column: frame[column].tolist() for column in frame.columns}


def _scored_pairs(columns: Mapping[str, list[Any]]) -> list[ScoredPair]:
    out = []
    rows = zip(
        columns["unique_id_l"],
        columns["unique_id_r"],
        columns["match_probability"],
        columns["match_weight"],
        strict=True,
    )
    for a, b, probability, weight in rows:
        a, b = str(a), str(b)
        if b < a:
            a, b = b, a
        if weight is None or weight != weight:
            weight = math.log2(max(probability, 1e-300) / max(1 - probability, 1e-300))
        out.append(ScoredPair(a, b, float(probability), float(weight)))
    out.sort(key=lambda p: (-p.match_probability, p.mention_a, p.mention_b))
    return out


def link_mentions(
    mentions: Sequence[Mention],
    *,
    decisions: Sequence[Decision] = (),
    engine: Engine = "duckdb",
    model_json: str | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    testimony_texts: Mapping[str, str] | None = None,
    features: FeatureCache | None = None,
) -> Linkage:
    """Cluster ``mentions`` into incidents with a Splink model (grade them with ``grade_linkage``).

    Args:
        mentions: each with ``mention_id``, ``testimony`` and ``source``.
        decisions: reviewer decisions (mention a, mention b, "confirm" | "reject");
            they win over the model (must-link / cannot-link).
        engine: "duckdb" (default), "spark" (local mode) or a
            :class:`~casework.link.engines.SparkEngine` naming a cluster.
        model_json: a model saved from an earlier run; trained afresh when None.
        threshold: match probability from which two mentions are one incident.
        testimony_texts: optional testimony id -> text, kept for the grader (retelling cues).
        features: feature rows kept from earlier runs (read and updated).

    Raises:
        LinkageError: a mention cannot be linked (missing id, testimony or source,
            unknown type, impossible date, duplicate id) or the engine is unknown.

    Example:
        >>> linkage = link_mentions(mentions)            # doctest: +SKIP
        >>> linkage.incidents[0].mentions                # doctest: +SKIP
        ('T-0001-1', 'T-0004-2')
    """
    with gc_paused():
        rows = mention_table(mentions, cache=features)
    by_id = {m.mention_id: m for m in mentions if m.mention_id}
    decisions = [d for d in decisions if d[0] in by_id and d[1] in by_id]
    pairs: list[ScoredPair] = []
    trained = model_json or ""
    notes: list[str] = []
    if len(rows) >= 2:
        with linkage_engine(engine) as db_api:
            if not model_json and len(rows) > TRAIN_SAMPLE:
                sample = rows.take(sorted(random.Random(len(rows)).sample(range(len(rows)), TRAIN_SAMPLE)))
                trained = saved_model(train_linker(sample, db_api, table_name="training_sample", notes=notes))
            linker = load_linker(rows, db_api, trained) if trained else train_linker(rows, db_api, notes=notes)
            chunks = math.ceil(len(rows) / PREDICT_CHUNK)
            predictions = linker.inference.predict(
                threshold_match_probability=PAIR_FLOOR,
                num_chunks_left=chunks,
                num_chunks_right=chunks,
                warning_mode="never",
            )
            with gc_paused():
                pairs = _scored_pairs(_prediction_columns(linker, predictions))
            trained = trained or saved_model(linker)
    with gc_paused():
        groups = _cluster(mentions, pairs, decisions, threshold)
        incidents, assignment, sides = group_incidents(groups, pairs, decisions, threshold)
    return Linkage(
        incidents=incidents,
        assignment=assignment,
        pairs=pairs,
        model_json=trained,
        sides=sides,
        threshold=threshold,
        mentions=list(mentions),
        decisions=list(decisions),
        testimony_texts=dict(testimony_texts or {}),
        notes=notes,
    )
