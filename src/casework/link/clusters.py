"""Scored pairs to incidents: connected components that respect cannot-link constraints.

Plain connected components chain look-alikes: A~B and B~C put A and C together
even when A and C come from one testimony (and so are two incidents). We merge
greedily instead, strongest edge first, and refuse any merge that would put two
mentions of one testimony, or a pair a reviewer rejected, into one incident.
Reviewer confirmations are merged before anything else: a person's decision
wins over the model.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

__all__ = ["bridge_edges", "cluster_mentions"]


class _Groups:
    """Union-find whose groups remember their testimonies and forbidden partners."""

    def __init__(self, ids: Sequence[str], testimony_of: Mapping[str, str], cannot: Mapping[str, set[str]]) -> None:
        self.parent = {m: m for m in ids}
        self.members: dict[str, set[str]] = {m: {m} for m in ids}
        self.testimonies: dict[str, set[str]] = {m: {testimony_of[m]} for m in ids}
        self.forbidden: dict[str, set[str]] = {m: set(cannot.get(m, ())) for m in ids}

    def find(self, m: str) -> str:
        root = m
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[m] != root:
            self.parent[m], m = root, self.parent[m]
        return root

    def allowed(self, a: str, b: str) -> bool:
        if self.testimonies[a] & self.testimonies[b]:
            return False
        small, large = (a, b) if len(self.members[a]) <= len(self.members[b]) else (b, a)
        return not (self.forbidden[small] & self.members[large])

    def union(self, a: str, b: str) -> str:
        if len(self.members[a]) < len(self.members[b]):
            a, b = b, a
        self.parent[b] = a
        self.members[a] |= self.members.pop(b)
        self.testimonies[a] |= self.testimonies.pop(b)
        self.forbidden[a] |= self.forbidden.pop(b)
        return a


def cluster_mentions(
    ids: Sequence[str],
    testimony_of: Mapping[str, str],
    edges: Iterable[tuple[str, str, float]],
    threshold: float,
    *,
    must_link: Iterable[tuple[str, str]] = (),
    cannot_link: Iterable[tuple[str, str]] = (),
) -> list[list[str]]:
    """Groups of mention ids, each a candidate incident, in a stable order.

    Args:
        ids: every mention id (singletons come back as groups of one).
        testimony_of: mention id -> testimony id; one testimony never gives two
            mentions to one group (unless a reviewer confirmed the pair).
        edges: (a, b, match probability) from the model.
        threshold: edges below it are ignored.
        must_link / cannot_link: reviewer decisions.

    Example:
        >>> cluster_mentions(["a", "b", "c"], {"a": "t1", "b": "t2", "c": "t1"},
        ...                  [("a", "b", 0.99), ("b", "c", 0.98)], 0.9)
        [['a', 'b'], ['c']]
    """
    cannot: dict[str, set[str]] = defaultdict(set)
    for a, b in cannot_link:
        cannot[a].add(b)
        cannot[b].add(a)
    groups = _Groups(ids, testimony_of, cannot)
    known = groups.parent
    for a, b in must_link:
        if a in known and b in known:
            ra, rb = groups.find(a), groups.find(b)
            if ra != rb:
                groups.union(ra, rb)
    strong = sorted((e for e in edges if e[2] >= threshold), key=lambda e: (-e[2], e[0], e[1]))
    for a, b, _ in strong:
        if a not in known or b not in known:
            continue
        ra, rb = groups.find(a), groups.find(b)
        if ra != rb and groups.allowed(ra, rb):
            groups.union(ra, rb)
    order = {m: i for i, m in enumerate(ids)}
    out = [sorted(members, key=order.__getitem__) for members in groups.members.values()]
    return sorted(out, key=lambda group: order[group[0]])


def bridge_edges(members: Sequence[str], edges: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """Edges whose removal splits the group ``members`` (graph bridges, Tarjan's method).

    Iterative, so a long chain of mentions cannot exhaust Python's recursion limit.
    """
    inside = set(members)
    adjacency: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for index, (a, b) in enumerate(edges):
        if a in inside and b in inside and a != b:
            adjacency[a].append((b, index))
            adjacency[b].append((a, index))
    found: list[tuple[str, str]] = []
    entered: dict[str, int] = {}
    low: dict[str, int] = {}
    clock = 0
    for start in members:
        if start in entered:
            continue
        entered[start] = low[start] = clock
        clock += 1
        stack: list[tuple[str, int, int]] = [(start, -1, 0)]
        while stack:
            node, via, next_index = stack[-1]
            neighbours = adjacency[node]
            if next_index < len(neighbours):
                stack[-1] = (node, via, next_index + 1)
                other, edge = neighbours[next_index]
                if edge == via:
                    continue
                if other in entered:
                    low[node] = min(low[node], entered[other])
                else:
                    entered[other] = low[other] = clock
                    clock += 1
                    stack.append((other, edge, 0))
            else:
                stack.pop()
                if stack:
                    parent = stack[-1][0]
                    low[parent] = min(low[parent], low[node])
                    if low[node] > entered[parent]:
                        found.append((parent, node))
    return found
