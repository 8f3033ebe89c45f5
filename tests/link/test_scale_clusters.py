"""Clustering at scale: the lazy union-find gives exactly the groups of the plain definition.

The plain definition below is the clustering as first written (every mention its
own sets from the start, groups sorted at the end); the fast one must agree with it
on random graphs with testimonies, confirmations and rejections.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from casework.link.clusters import cluster_mentions


def _plain(
    ids: list[str],
    testimony_of: dict[str, str],
    edges: list[tuple[str, str, float]],
    threshold: float,
    must: list[tuple[str, str]],
    cannot: list[tuple[str, str]],
) -> list[list[str]]:
    group = {m: {m} for m in ids}
    forbidden: dict[str, set[str]] = {m: set() for m in ids}
    for a, b in cannot:
        forbidden[a].add(b)
        forbidden[b].add(a)

    def merge(a: str, b: str, check: bool) -> None:
        ga, gb = group[a], group[b]
        if ga is gb:
            return
        if check and (
            {testimony_of[m] for m in ga} & {testimony_of[m] for m in gb} or any(forbidden[m] & gb for m in ga)
        ):
            return
        merged = ga | gb
        for m in merged:
            group[m] = merged

    for a, b in must:
        merge(a, b, check=False)
    for a, b, _ in sorted((e for e in edges if e[2] >= threshold), key=lambda e: (-e[2], e[0], e[1])):
        merge(a, b, check=True)
    order = {m: i for i, m in enumerate(ids)}
    unique = {id(g): g for g in group.values()}.values()
    return sorted((sorted(g, key=order.__getitem__) for g in unique), key=lambda g: order[g[0]])


_IDS = [f"m{i}" for i in range(14)]
_PAIRS = st.tuples(st.sampled_from(_IDS), st.sampled_from(_IDS))


@settings(max_examples=400, deadline=None)
@given(
    testimonies=st.lists(st.sampled_from("ABCDEFGHIJ"), min_size=len(_IDS), max_size=len(_IDS)),
    edges=st.lists(st.tuples(st.sampled_from(_IDS), st.sampled_from(_IDS), st.sampled_from([0.5, 0.9, 0.95, 0.99]))),
    must=st.lists(_PAIRS, max_size=3),
    cannot=st.lists(_PAIRS, max_size=4),
)
def test_lazy_clustering_gives_the_plain_groups(
    testimonies: list[str],
    edges: list[tuple[str, str, float]],
    must: list[tuple[str, str]],
    cannot: list[tuple[str, str]],
) -> None:
    testimony_of = dict(zip(_IDS, testimonies, strict=True))
    found = cluster_mentions(_IDS, testimony_of, edges, 0.9, must_link=must, cannot_link=cannot)
    assert found == _plain(_IDS, testimony_of, edges, 0.9, must, cannot)


def test_edges_to_unknown_mentions_are_ignored() -> None:
    groups = cluster_mentions(["a", "b"], {"a": "t1", "b": "t2"}, [("a", "x", 0.99), ("a", "b", 0.99)], 0.9)
    assert groups == [["a", "b"]]
