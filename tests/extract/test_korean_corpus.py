"""The Korean testimonies of the shared corpus: exact evidence spans and a quality floor.

Scoring follows the corpus README: within a testimony a predicted mention matches a
gold one when the type is equal, the province is equal (or both null) and the dates,
read as the intervals they denote, are at most 7 days apart (a null gold date
accepts any prediction); matching is one-to-one.
"""

from __future__ import annotations

import calendar
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from casework.extract.korean import extract_korean
from casework.model import Mention


def _interval(value: str) -> tuple[date, date]:
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 1:
        return date(parts[0], 1, 1), date(parts[0], 12, 31)
    if len(parts) == 2:
        return date(parts[0], parts[1], 1), date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
    day = date(parts[0], parts[1], parts[2])
    return day, day


def _dates_agree(predicted: str | None, gold: str | None) -> bool:
    if gold is None:
        return True
    if predicted is None:
        return False
    a, b = _interval(predicted)
    c, d = _interval(gold)
    return max((c - b).days, (a - d).days, 0) <= 7


def _matches(mention: Mention, gold: dict[str, Any]) -> bool:
    return (
        mention.type == gold["type"]
        and mention.place.province == gold["place"]["province"]
        and _dates_agree(mention.date, gold["date"])
    )


@pytest.fixture(scope="module")
def korean_corpus(corpus_dir: Path) -> list[tuple[str, str, list[Mention], list[dict[str, Any]]]]:
    gold_dir = corpus_dir / "gold"
    testimonies = [json.loads(line) for line in (gold_dir / "testimonies.jsonl").read_text("utf-8").splitlines()]
    gold = [json.loads(line) for line in (gold_dir / "incidents.jsonl").read_text("utf-8").splitlines()]
    folder: Path = gold_dir.parent / "testimonies"
    out = []
    for record in testimonies:
        if record["language"] != "ko":
            continue
        name = record["testimony"]
        text = (folder / f"{name}.txt").read_text("utf-8")
        mentions = extract_korean(text, None)
        out.append((name, text, mentions, [g for g in gold if g["testimony"] == name]))
    return out


def test_every_evidence_span_is_the_text_at_its_offsets(korean_corpus: list[Any]) -> None:
    assert len(korean_corpus) == 30
    spans = 0
    for _name, text, mentions, _gold in korean_corpus:
        for mention in mentions:
            assert any(e.field == "incident" for e in mention.evidence)
            for span in mention.evidence:
                assert 0 <= span.start < span.end <= len(text)
                assert text[span.start : span.end] == span.text
                spans += 1
    assert spans > 100


def test_negative_testimonies_yield_nothing(korean_corpus: list[Any]) -> None:
    for _name, _text, mentions, gold in korean_corpus:
        if not gold:
            assert mentions == []


def test_korean_f1_floor(korean_corpus: list[Any]) -> None:
    matched = predicted = expected = 0
    for _name, _text, mentions, gold in korean_corpus:
        predicted += len(mentions)
        expected += len(gold)
        used: set[int] = set()
        for g in gold:
            for i, mention in enumerate(mentions):
                if i not in used and _matches(mention, g):
                    used.add(i)
                    matched += 1
                    break
    precision, recall = matched / predicted, matched / expected
    f1 = 2 * precision * recall / (precision + recall)
    assert f1 >= 0.85, (precision, recall, f1)


def test_canonical_vocabulary(korean_corpus: list[Any]) -> None:
    from casework.gazetteer import PERPETRATORS
    from casework.model import INCIDENT_TYPES, RELATIONS

    for _name, _text, mentions, _gold in korean_corpus:
        for mention in mentions:
            assert mention.type in INCIDENT_TYPES
            assert mention.relation in RELATIONS
            assert mention.perpetrator is None or mention.perpetrator in PERPETRATORS
            assert mention.date_precision == {None: None, 4: "year", 7: "month", 10: "day"}[
                len(mention.date) if mention.date else None
            ]
