"""Incremental linking: new mentions against existing incidents, without scoring everything again.

When a desk adds a few testimonies to an archive of thousands of mentions, only
the new mentions need scoring: against the existing mentions (Splink's
``predict_between``) and among themselves (``predict_within``), with the saved
model. Existing incidents are kept as they are (their mentions stay together)
and new mentions join them or form new ones. Reviewer decisions still win;
when a decision contradicts an existing incident, or an existing incident was
held by a bridge edge, its mentions are linked again as if new.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from operator import itemgetter

import pyarrow as pa
import pyarrow.compute as pc

from casework.link.clusters import cluster_mentions
from casework.link.engines import Engine, linkage_engine
from casework.link.feature_cache import FeatureCache
from casework.link.features import mention_table
from casework.link.gc_pause import gc_paused
from casework.link.linkage import (
    DEFAULT_THRESHOLD,
    PAIR_FLOOR,
    Decision,
    Linkage,
    ScoredPair,
    _decision_sets,
    _prediction_columns,
    _scored_pairs,
    group_incidents,
)
from casework.link.splink_model import rows_table, settings_for
from casework.model import Incident, Mention

__all__ = ["link_new_mentions", "settled_incidents"]


def settled_incidents(
    incidents: Sequence[Incident], mentions: Sequence[Mention], decisions: Sequence[Decision]
) -> dict[str, str]:
    """mention id -> incident id for the earlier incidents that can be kept as they are.

    Dropped: incidents flagged ``bridge-edge`` (a person should see them linked
    afresh), incidents with a mention that is gone, and incidents that a later
    reviewer decision contradicts.
    """
    present = {m.mention_id for m in mentions}
    kept: dict[str, str] = {}
    for incident in incidents:
        if "bridge-edge" in incident.flags or not present.issuperset(incident.mentions):
            continue
        kept.update(dict.fromkeys(incident.mentions, incident.incident_id))
    for a, b, decision in decisions:
        ia, ib = kept.get(a), kept.get(b)
        broken = (decision == "reject" and ia is not None and ia == ib) or (
            decision == "confirm" and ia is not None and ib is not None and ia != ib
        )
        if broken:
            kept = {m: i for m, i in kept.items() if i not in (ia, ib)}
    return kept


def link_new_mentions(
    mentions: Sequence[Mention],
    settled: Mapping[str, str],
    *,
    model_json: str,
    decisions: Sequence[Decision] = (),
    engine: Engine = "duckdb",
    threshold: float = DEFAULT_THRESHOLD,
    testimony_texts: Mapping[str, str] | None = None,
    features: FeatureCache | None = None,
) -> Linkage:
    """Link ``mentions`` keeping ``settled`` (mention -> earlier incident) together; score only new pairs.

    Args:
        mentions: all mentions of the desk (settled and new).
        settled: from :func:`settled_incidents`; mentions not in it are new.
        model_json: the saved model (required: incremental linking never retrains).
        features: feature rows kept from earlier runs: with them only the new
            mentions' rows are worked out.

    Returns a Linkage whose ``pairs`` are the newly scored pairs only.

    Example:
        >>> kept = settled_incidents(store.list_incidents(), mentions, decisions)       # doctest: +SKIP
        >>> link_new_mentions(mentions, kept, model_json=saved, decisions=decisions)    # doctest: +SKIP
    """
    # Every step below makes an object or more per mention (101,000 at a 100,000 archive); the
    # collector would walk all the desk's mentions again and again while nothing forms a cycle.
    with gc_paused():
        rows = mention_table(mentions, cache=features)
        is_settled = pc.is_in(rows["unique_id"], value_set=pa.array(list(settled), type=pa.string()))
        old_rows = rows.filter(is_settled)
        new_rows = rows.filter(pc.invert(is_settled))
        pairs = []
        if len(new_rows) and len(rows) >= 2:
            from splink import Linker

            with linkage_engine(engine) as db_api:
                settings = settings_for(db_api, len(rows), model_json)
                new_table = db_api.register(rows_table(new_rows), dataset_display_name="new_mentions")
                tables = [new_table]
                if len(old_rows):
                    tables.append(db_api.register(rows_table(old_rows), dataset_display_name="settled_mentions"))
                # The saved model's settings were checked when it was trained (validation parses every SQL string).
                linker = Linker(new_table, settings, log_level=None, validate_settings=False)
                inference, floor = linker.inference, PAIR_FLOOR
                scored = [inference.predict_within(new_table, threshold_match_probability=floor, warning_mode="never")]
                if len(old_rows):
                    scored.append(
                        inference.predict_between(
                            tables[1], new_table, threshold_match_probability=floor, warning_mode="never"
                        )
                    )
                for predictions in scored:
                    pairs.extend(_scored_pairs(_prediction_columns(linker, predictions)))
            pairs.sort(key=lambda p: (-p.match_probability, p.mention_a, p.mention_b))
        members: dict[str, list[str]] = defaultdict(list)
        for mention_id, incident_id in settled.items():
            members[incident_id].append(mention_id)
        kept_links = [(group[0], other) for group in members.values() for other in group[1:]]
        if decisions:
            present = {m.mention_id for m in mentions if m.mention_id}
            decisions = [d for d in decisions if d[0] in present and d[1] in present]
        groups, touched_links = _recluster_touched(mentions, settled, members, pairs, decisions, threshold)
        settled_as_confirmed = [*decisions, *((a, b, "confirm") for a, b in touched_links)]
        incidents, assignment, sides = group_incidents(groups, pairs, settled_as_confirmed, threshold)
    return Linkage(
        incidents=incidents,
        assignment=assignment,
        pairs=pairs,
        model_json=model_json,
        sides=sides,
        threshold=threshold,
        mentions=list(mentions),
        decisions=list(decisions),
        testimony_texts=dict(testimony_texts or {}),
        kept_links=kept_links,
    )


def _recluster_touched(
    mentions: Sequence[Mention],
    settled: Mapping[str, str],
    members: Mapping[str, Sequence[str]],
    pairs: Sequence[ScoredPair],
    decisions: Sequence[Decision],
    threshold: float,
) -> tuple[list[list[str]], list[tuple[str, str]]]:
    """All groups, clustering again only the earlier incidents that a new edge or a decision touches.

    An earlier incident that no new pair at ``threshold`` and no reviewer decision
    reaches cannot merge with anything (merges follow edges and decisions only) and
    is held together by its kept links, so it comes out exactly as it was; clustering
    the touched incidents with the new mentions gives the same groups as clustering
    everything. Returns the groups in the order :func:`cluster_mentions` gives them
    (members in ``mentions`` order, groups by their first member) and the kept links
    of the touched incidents (the others need no bridge check: all their links are kept).
    """
    reached = {m for p in pairs if p.match_probability >= threshold for m in (p.mention_a, p.mention_b)}
    reached.update(m for a, b, _ in decisions for m in (a, b))
    touched = {settled[m] for m in reached if m in settled}
    # One pass over the mentions, in their order: the mentions to cluster again (new ones and
    # those of touched incidents), and every untouched incident's members, which so come out
    # in mention order, the incidents in order of their first member.
    again: list[str] = []
    testimony_of: dict[str, str] = {}
    position: dict[str, int] = {}
    untouched: dict[str, list[str]] = {}
    first_of: dict[str, int] = {}
    for index, m in enumerate(mentions):
        mention_id = m.mention_id
        if not mention_id:
            continue
        incident = settled.get(mention_id)
        if incident is None or incident in touched:
            again.append(mention_id)
            testimony_of[mention_id] = m.testimony or ""
            position[mention_id] = index
        elif incident in untouched:
            untouched[incident].append(mention_id)
        else:
            untouched[incident] = [mention_id]
            first_of[incident] = index
    touched_links = [(group[0], other) for i, group in members.items() if i in touched for other in group[1:]]
    must, cannot = _decision_sets(decisions)
    clustered = cluster_mentions(
        again,
        testimony_of,
        ((p.mention_a, p.mention_b, p.match_probability) for p in pairs),
        threshold,
        must_link=[*touched_links, *must],
        cannot_link=cannot,
    )
    # Both lists are in order of their groups' first members: sorting finds the two runs and merges them.
    groups = [(position[group[0]], group) for group in clustered]
    groups.extend((first_of[incident], group) for incident, group in untouched.items())
    groups.sort(key=itemgetter(0))
    return [group for _, group in groups], touched_links
