"""Linkage: which mentions describe the same real incident.

Public API: :func:`link_mentions` (the whole stage, returning a :class:`Linkage`),
:func:`link_new_mentions` with :func:`settled_incidents` (incremental linking),
:func:`explain_pair` (why two mentions were or were not linked) and
:func:`read_mentions_file` (the JSON-lines file mode). docs/linkage.md explains
the model and the corroboration rubric.
"""

from casework.link.explain import PairExplanation, explain_pair
from casework.link.incremental import link_new_mentions, settled_incidents
from casework.link.linkage import DEFAULT_THRESHOLD, PAIR_FLOOR, Linkage, ScoredPair, link_mentions
from casework.link.mentions_file import read_mentions_file, read_mentions_lines

__all__ = [
    "DEFAULT_THRESHOLD",
    "PAIR_FLOOR",
    "Linkage",
    "PairExplanation",
    "ScoredPair",
    "explain_pair",
    "link_mentions",
    "link_new_mentions",
    "read_mentions_file",
    "read_mentions_lines",
    "settled_incidents",
]
