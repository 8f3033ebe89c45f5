"""Linking the project's own invented examples (examples/README.md says which testimonies tell which incident).

A small desk is the hard case for an unsupervised model: 21 mentions give 210
random pairs, too few to estimate how rare "same county" or "same month" is.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from casework.corroborate import grade_linkage
from casework.extract import extract_mentions
from casework.intake.header import split_header
from casework.link import Linkage, link_mentions
from casework.link.concepts import concept_ids
from casework.model import Mention

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

# examples/README.md: the first mention of each of these testimonies tells the incident.
INCIDENTS = {
    "hyesan arrest": ("t01-1", "t02-1", "t03-1"),
    "hoeryong execution": ("t04-1", "t05-1"),
    "sinuiju repatriation": ("t06-1", "t07-1"),
}


@pytest.fixture(scope="module")
def examples() -> tuple[list[Mention], Linkage]:
    mentions = []
    for path in sorted(EXAMPLES.glob("t*.txt")):
        text = path.read_text(encoding="utf-8")
        header, _ = split_header(text, path.name)
        for n, found in enumerate(extract_mentions(text, name=path.name), start=1):
            mentions.append(replace(found, mention_id=f"{path.stem}-{n}", testimony=path.stem, source=header["source"]))
    return mentions, link_mentions(mentions)


def test_examples_multi_source_incidents_are_linked(examples: tuple[list[Mention], Linkage]) -> None:
    _, linkage = examples
    for name in ("hyesan arrest", "hoeryong execution"):
        first, *others = INCIDENTS[name]
        assert all(linkage.assignment[m] == linkage.assignment[first] for m in others), name
    arrest = next(i for i in grade_linkage(linkage)[0] if "t01-1" in i.mentions)
    assert arrest.independent_sources == 3


def test_examples_sinuiju_accounts_are_at_least_offered_for_review(examples: tuple[list[Mention], Linkage]) -> None:
    """t06/t07 share only type, month, city and China in their extracted fields: linked at 0.9, reviewed at 0.95."""
    _, linkage = examples
    assert linkage.clusters_at(0.9)["t06-1"] == linkage.clusters_at(0.9)["t07-1"]
    scored = {(p.mention_a, p.mention_b): p.match_probability for p in linkage.pairs}
    assert scored[("t06-1", "t07-1")] >= 0.3


def test_examples_different_incidents_are_never_merged(examples: tuple[list[Mention], Linkage]) -> None:
    _, linkage = examples
    incident_of = {m: name for name, ms in INCIDENTS.items() for m in ms}
    for threshold in (0.9, 0.95):
        clusters = linkage.clusters_at(threshold)
        for a, name_a in incident_of.items():
            for b, name_b in incident_of.items():
                if name_a != name_b:
                    assert clusters[a] != clusters[b], (a, b, threshold)
    market = [m for m, i in linkage.assignment.items() if m.startswith("t09")]
    assert all(sum(v == linkage.assignment[m] for v in linkage.assignment.values()) == 1 for m in market)


def test_concepts_are_shared_across_languages() -> None:
    english = concept_ids("they were caught calling South Korea on a Chinese mobile phone")
    korean = concept_ids("중국 손전화로 한국에 전화했다가 잡혔다")
    assert {"PHONE", "SOUTH_KOREA", "CHINA"} <= set(english) & set(korean)
    assert "RIVER" not in concept_ids("강제로 동원되었다")
