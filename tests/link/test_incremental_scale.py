"""Incremental linkage reclusters only the earlier incidents that new edges or decisions touch.

The plain definition clusters every mention again with the earlier incidents held
together (kept links as confirmations); the fast path must give exactly its
incidents, assignment and bridge sides.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from casework.link import link_mentions
from casework.link.incremental import link_new_mentions, settled_incidents
from casework.link.linkage import _cluster, group_incidents
from casework.model import Mention

from .mentions_factory import mention

_PLACES = [("North Hamgyong", "Hoeryong"), ("North Hamgyong", "Musan"), ("Ryanggang", "Hyesan"), ("Kangwon", "Wonsan")]
_TYPES = ["arrest", "execution", "detention", "forced_labour_or_mobilisation"]
_SYLLABLES = ["ka", "mo", "ri", "tu", "se", "no", "pa", "li", "ve", "do"]


def _desk(count: int, seed: int) -> list[Mention]:
    """Invented incidents, each told one to three times in different testimonies."""
    rng = random.Random(seed)
    out: list[Mention] = []
    incident = 0
    while len(out) < count:
        incident += 1
        province, county = rng.choice(_PLACES)
        kind = rng.choice(_TYPES)
        when = date(2015, 1, 1) + timedelta(days=rng.randrange(0, 4 * 365))
        detail = " ".join("".join(rng.sample(_SYLLABLES, 3)) for _ in range(3))
        for telling in range(rng.choice([1, 1, 2, 3])):
            shown = when + timedelta(days=rng.choice([0, 0, 1, -2]))
            out.append(
                mention(
                    f"m{len(out):04d}",
                    f"t{len(out):04d}",
                    f"S{rng.randrange(60):02d}",
                    type=kind,
                    date=shown.isoformat() if rng.random() < 0.7 else shown.isoformat()[:7],
                    province=province,
                    county=county if rng.random() < 0.85 else None,
                    count=rng.choice([None, 1, 2, 3, 5]),
                    description=f"people of the {detail.split()[telling % 3]} case",
                    evidence=f"{kind.replace('_', ' ')} {detail}",
                )
            )
    rng.shuffle(out)  # later testimonies tell earlier incidents too
    return out


def test_touched_incidents_only_give_the_plain_clustering() -> None:
    desk = _desk(300, seed=11)
    earlier = link_mentions(desk[:260])
    decisions = [("m0003", "m0004", "reject"), ("m0010", "m0200", "confirm")]
    kept = settled_incidents(earlier.incidents, desk, decisions)
    later = link_new_mentions(desk, kept, model_json=earlier.model_json, decisions=decisions)
    assert any(p.match_probability >= later.threshold for p in later.pairs), "no new edge: the test tests nothing"

    plain_groups = _cluster(desk, later.pairs, decisions, later.threshold, later.kept_links)
    confirmed = [*decisions, *((a, b, "confirm") for a, b in later.kept_links)]
    incidents, assignment, sides = group_incidents(plain_groups, later.pairs, confirmed, later.threshold)
    assert later.incidents == incidents
    assert later.assignment == assignment
    assert later.sides == sides
    new = {m.mention_id for m in desk[260:]}
    joined = {i for m, i in later.assignment.items() if m in new} & {later.assignment[m] for m in kept}
    assert joined, "no new mention joined an earlier incident"
