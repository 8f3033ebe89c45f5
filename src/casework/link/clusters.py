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
    """Union-find whose groups remember their testimonies and forbidden partners.

    Only groups of two or more mentions get sets of their own: a million mentions,
    most of which stay alone, would otherwise cost three sets each (and the garbage
    collector's time to walk them).
    """

    def __init__(self, testimony_of: Mapping[str, str], cannot: Mapping[str, set[str]]) -> None:
        self.testimony_of = testimony_of
        self.cannot = cannot
        self.parent: dict[str, str] = {}
        self.members: dict[str, set[str]] = {}
        self.testimonies: dict[str, set[str]] = {}
        self.forbidden: dict[str, set[str]] = {}

    def find(self, m: str) -> str:
        parent = self.parent
        root = m
        while root in parent:
            root = parent[root]
        while m != root:
            parent[m], m = root, parent[m]
        return root

    def size(self, root: str) -> int:
        found = self.members.get(root)
        return 1 if found is None else len(found)

    def _own(self, root: str) -> tuple[set[str], set[str], set[str]]:
        """The root's members, testimonies and forbidden partners, as sets it may grow."""
        if root not in self.members:
            self.members[root] = {root}
            self.testimonies[root] = {self.testimony_of[root]}
            self.forbidden[root] = set(self.cannot.get(root, ()))
        return self.members[root], self.testimonies[root], self.forbidden[root]

    def allowed(self, a: str, b: str) -> bool:
        testimonies_a = self.testimonies.get(a) or (self.testimony_of[a],)
        testimonies_b = self.testimonies.get(b) or {self.testimony_of[b]}
        if any(t in testimonies_b for t in testimonies_a):
            return False
        small, large = (a, b) if self.size(a) <= self.size(b) else (b, a)
        forbidden = self.forbidden.get(small)
        if forbidden is None:
            forbidden = self.cannot.get(small, set())
        return not any(m in forbidden for m in self.members.get(large) or (large,))

    def union(self, a: str, b: str) -> str:
        if self.size(a) < self.size(b):
            a, b = b, a
        self.parent[b] = a
        members, testimonies, forbidden = self._own(a)
        if b in self.members:
            members |= self.members.pop(b)
            testimonies |= self.testimonies.pop(b)
            forbidden |= self.forbidden.pop(b)
        else:
            members.add(b)
            testimonies.add(self.testimony_of[b])
            forbidden |= self.cannot.get(b, set())
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
    groups = _Groups(testimony_of, cannot)
    known = set(ids)
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
    # In the order of the ids: each group's members in that order, groups by their first member.
    out: dict[str, list[str]] = {}
    for m in ids:
        out.setdefault(groups.find(m), []).append(m)
    return list(out.values())


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
