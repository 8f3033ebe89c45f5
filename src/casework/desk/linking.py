"""Linking the store: the one place that knows the saved model and the incremental path.

``casework link``, ``casework review links``, ``casework estimate --thresholds`` and
the web app's link review all link the same mentions (those not rejected), with the
same reviewer decisions and the same saved model, through the functions here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from casework.corroborate import Corroboration, grade_linkage
from casework.desk.identity import keep_ids
from casework.desk.review import Implied
from casework.link import (
    DEFAULT_THRESHOLD,
    Linkage,
    PairExplanation,
    ScoredPair,
    explain_pair,
    link_mentions,
    link_new_mentions,
    read_mentions_file,
    settled_incidents,
)
from casework.link.engines import Engine
from casework.link.feature_cache import FeatureCache
from casework.link.scoring import decision_agreement
from casework.model import Incident, Mention
from casework.store import CaseStore

__all__ = [
    "MODEL_SETTING",
    "LinkRun",
    "UncertainPairs",
    "explain_file_pair",
    "explain_store_pair",
    "link_file",
    "link_store",
    "linkable_mentions",
    "store_decisions",
    "uncertain_pairs",
]

MODEL_SETTING = "link.model"
"""The store setting that holds the trained Splink model (JSON)."""

FEATURES_SETTING = "link.private.features"
"""The store setting (sealed; for those who link only) that keeps linkage feature rows between runs."""

Decision = tuple[str, str, str]


@dataclass(frozen=True)
class LinkRun:
    """One linkage: the graded incidents with their corroboration, the linkage itself, and how it was done."""

    linkage: Linkage
    how: str
    mentions: int
    incidents: list[Incident] = field(default_factory=list)
    corroboration: dict[str, Corroboration] = field(default_factory=dict)


def _graded(linkage: Linkage, how: str, outlets: frozenset[str] = frozenset()) -> LinkRun:
    incidents, details = grade_linkage(linkage, outlets=outlets)
    return LinkRun(linkage, how, len(linkage.mentions), incidents, details)


@dataclass(frozen=True)
class UncertainPairs:
    """Pairs for a person to decide, and how often the model alone agrees with past decisions."""

    pairs: list[ScoredPair]
    agreeing: int
    decided: int
    mentions: int


def _keep_store_ids(store: CaseStore, run: LinkRun) -> LinkRun:
    """The run with the store's incident ids kept (see :mod:`casework.desk.identity`), saved with its history."""
    previous = store.list_incidents()
    known = [e.incident_id for e in store.incident_history()]
    incidents, history = keep_ids(previous, run.incidents, known)
    store.save_incidents(incidents, history=history, via="run")
    rename = {old.incident_id: new.incident_id for old, new in zip(run.incidents, incidents, strict=True)}
    linkage = replace(
        run.linkage,
        incidents=[replace(i, incident_id=rename.get(i.incident_id, i.incident_id)) for i in run.linkage.incidents],
        assignment={m: rename.get(i, i) for m, i in run.linkage.assignment.items()},
        sides={rename.get(i, i): s for i, s in run.linkage.sides.items()},
    )
    corroboration = {rename.get(i, i): c for i, c in run.corroboration.items()}
    return LinkRun(linkage, run.how, run.mentions, incidents, corroboration)


def linkable_mentions(store: CaseStore) -> list[Mention]:
    """The mentions linkage works on: every mention of a current testimony version a reviewer has not rejected.

    Mentions of a corrected version are ``retired`` when the correction is stored.
    """
    return [s.mention for s in store.list_mentions() if s.status not in ("rejected", "retired")]


def store_decisions(store: CaseStore) -> list[Decision]:
    """The reviewers' link decisions as (mention a, mention b, "confirm" | "reject")."""
    return [(a, b, str(d)) for a, b, d in store.link_decisions()]


def link_store(
    store: CaseStore,
    *,
    engine: Engine = "duckdb",
    threshold: float = DEFAULT_THRESHOLD,
    retrain: bool = False,
    full: bool = False,
    via: str = "cli",
) -> LinkRun:
    """Link the store's mentions, save the incidents (and a newly trained model), audit the run.

    Once a model is saved, later runs score only the new mentions against the
    existing incidents (``full`` scores everything again, ``retrain`` also trains
    again). Reviewer decisions win over the model.

    Example:
        >>> run = link_store(store)  # doctest: +SKIP
        >>> len(run.linkage.incidents)  # doctest: +SKIP
        12
    """
    mentions = linkable_mentions(store)
    saved = None if retrain else store.get_setting(MODEL_SETTING)
    if not mentions:
        empty = Linkage(incidents=[], assignment={}, pairs=[], model_json=saved or "")
        return _keep_store_ids(store, LinkRun(empty, "nothing to link", 0))
    decisions = store_decisions(store)
    settled = settled_incidents(store.list_incidents(), mentions, decisions) if saved and not full else {}
    features = FeatureCache.from_text(store.get_setting(FEATURES_SETTING))
    if saved and settled:
        linkage = link_new_mentions(
            mentions,
            settled,
            model_json=saved,
            decisions=decisions,
            engine=engine,
            threshold=threshold,
            features=features,
        )
        how = f"saved model, {len(mentions) - len(settled)} new or re-examined mentions"
    else:
        linkage = link_mentions(
            mentions, decisions=decisions, engine=engine, model_json=saved, threshold=threshold, features=features
        )
        how = "saved model" if saved else "model trained on the store"
    run = _keep_store_ids(store, _graded(linkage, how, store.outlet_pseudonyms()))
    store.set_setting(FEATURES_SETTING, features.to_text())
    if linkage.model_json and linkage.model_json != saved:
        store.set_setting(MODEL_SETTING, linkage.model_json)
    store.audit("link.run", None, mentions=str(len(mentions)), incidents=str(len(run.incidents)), how=how, via=via)
    return run


def uncertain_pairs(
    store: CaseStore, *, low: float = 0.3, high: float = 0.97, engine: Engine = "duckdb"
) -> UncertainPairs:
    """Pairs scored between ``low`` and ``high`` that reviewer decisions do not settle, most uncertain first.

    Settled: decided, or implied by decisions (joined by confirmed links, or in
    groups a "different incidents" decision separates).
    """
    mentions = linkable_mentions(store)
    if len(mentions) < 2:
        return UncertainPairs([], 0, 0, len(mentions))
    decisions = store_decisions(store)
    linkage = link_mentions(mentions, decisions=decisions, engine=engine, model_json=store.get_setting(MODEL_SETTING))
    agreeing, total = 0, 0
    if decisions:
        scored = {frozenset((p.mention_a, p.mention_b)): p.match_probability for p in linkage.pairs}
        agreeing, total = decision_agreement(scored, decisions, linkage.threshold)
    settled = Implied(decisions)  # pairs decisions already settle are not asked again
    asked = [p for p in linkage.uncertain_pairs(low, high) if not settled.settled(p.mention_a, p.mention_b)]
    return UncertainPairs(asked, agreeing, total, len(mentions))


def explain_store_pair(store: CaseStore, mention_a: str, mention_b: str) -> PairExplanation:
    """Why two of the store's mentions were, or were not, linked (with the saved model)."""
    return explain_pair(linkable_mentions(store), mention_a, mention_b, store.get_setting(MODEL_SETTING))


def link_file(path: str, *, engine: Engine = "duckdb", threshold: float = DEFAULT_THRESHOLD) -> LinkRun:
    """Link and grade the mentions of a JSON-lines file (no store)."""
    mentions = read_mentions_file(path)
    return _graded(link_mentions(mentions, engine=engine, threshold=threshold), "model trained on the file")


def explain_file_pair(
    mentions: Sequence[Mention], mention_a: str, mention_b: str, model_json: str | None
) -> PairExplanation:
    """Why two mentions of a file were, or were not, linked."""
    return explain_pair(list(mentions), mention_a, mention_b, model_json)
