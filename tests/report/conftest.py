"""Report fixtures: snapshots built from the shared corpus gold and by hand.

The gold is a realistic snapshot: 188 true incidents, 242 mentions with exact
evidence offsets into 120 testimonies. Grades follow the corroboration rubric
from the gold's independent sources and relations; each testimony's list is its
channel (phone, interview, letter, messaging), which gives four lists to estimate from.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from casework.model import EvidenceSpan, Incident, Mention, Place, Victims
from casework.report import ReportSnapshot, write_report
from casework.report.estimates import estimate_incident_types, estimate_incidents
from casework.store.api import TestimonyInfo

GENERATED = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)


def _grade(independent: int, first_hand: int) -> str:
    if independent >= 3 and first_hand:
        return "well-corroborated"
    return "corroborated" if independent >= 2 else "single-source"


def load_gold_snapshot(corpus: Path) -> ReportSnapshot:
    """The corpus gold as a report snapshot (texts read at run time, never copied)."""
    gold = corpus / "gold"
    meta_rows = [json.loads(line) for line in (gold / "testimonies.jsonl").read_text("utf-8").splitlines() if line]
    source_of = {row["testimony"]: row["source"] for row in meta_rows}
    mentions: dict[str, Mention] = {}
    for line in (gold / "incidents.jsonl").read_text("utf-8").splitlines():
        if not line:
            continue
        row = json.loads(line)
        row["evidence"] = [
            {"field": "incident", "start": start, "end": end, "text": text}
            for text, (start, end) in zip(row["evidence"], row["evidence_offsets"], strict=True)
        ]
        row["source"] = source_of[row["testimony"]]
        mention = Mention.from_json(row)
        mentions[row["mention"]] = mention
    incidents = []
    for line in (gold / "incidents_truth.jsonl").read_text("utf-8").splitlines():
        if not line:
            continue
        row = json.loads(line)
        first_hand = sum(1 for m in row["mentions"] if mentions[m].relation == "first-hand")
        incidents.append(
            Incident(
                incident_id=row["incident"],
                mentions=tuple(row["mentions"]),
                grade=_grade(row["independent_sources"], first_hand),
                sources=tuple(row["sources"]),
                independent_sources=row["independent_sources"],
                first_hand=first_hand,
            )
        )
    folder = corpus / "testimonies"
    texts = {row["testimony"]: (folder / f"{row['testimony']}.txt").read_text("utf-8") for row in meta_rows}
    meta = {
        row["testimony"]: TestimonyInfo(
            testimony_id=row["testimony"],
            source=row["source"],
            sha256="0" * 64,
            received=date.fromisoformat(row["received"]),
            channel=row["channel"],
            language=row["language"],
            list_name=row["channel"],
            filename=f"{row['testimony']}.txt",
            version=1,
            supersedes=None,
            added_at=GENERATED,
            extracted=True,
        )
        for row in meta_rows
    }
    estimate, note = estimate_incidents(incidents, mentions, meta)
    return ReportSnapshot(
        generated_at=GENERATED,
        incidents=incidents,
        mentions=mentions,
        testimony_texts=texts,
        testimony_meta=meta,
        estimates=estimate,
        estimate_note=note,
        type_estimates=estimate_incident_types(incidents, mentions, meta),
        title="Synthetic corpus (gold)",
    )


@pytest.fixture(scope="session")
def gold_snapshot(corpus_dir: Path) -> ReportSnapshot:
    return load_gold_snapshot(corpus_dir)


@pytest.fixture(scope="session")
def gold_report(gold_snapshot: ReportSnapshot, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The internal HTML report of the gold, written once per session; tests only read it."""
    return write_report(gold_snapshot, tmp_path_factory.mktemp("gold") / "report")


@pytest.fixture(scope="session")
def small_gold(gold_snapshot: ReportSnapshot) -> ReportSnapshot:
    """The first 40 gold incidents (a quicker fixture for variants of the same checks)."""
    incidents = gold_snapshot.incidents[:40]
    wanted = {m for i in incidents for m in i.mentions}
    return replace(
        gold_snapshot,
        incidents=incidents,
        mentions={k: m for k, m in gold_snapshot.mentions.items() if k in wanted},
        estimates=None,
        estimate_note="this fixture carries no estimate",
        type_estimates=(),
    )


HOSTILE_TEXT = (
    "received: 2020-05-02\nchannel: phone\nsource: SRC-99\n\n"
    'A source said <script>alert("x")</script> the police arrested 2 traders in Hyesan & took them away.'
)


def hostile_snapshot() -> ReportSnapshot:
    """A small hand-built snapshot whose testimony and fields carry markup."""
    text = HOSTILE_TEXT
    quote = "the police arrested 2 traders in Hyesan"
    start = text.index(quote)
    script = text.index("<script>")
    mention = Mention(
        type="arrest",
        date="2020-04-28",
        date_text="<b>last week</b>",
        date_precision="day",
        place=Place("Ryanggang", "Hyesan", None),
        perpetrator="Ministry of Social Security",
        victims=Victims(2, "2 traders", "traders <img src=x onerror=alert(1)>"),
        relation="unknown",
        evidence=(
            EvidenceSpan("incident", start, start + len(quote), quote),
            EvidenceSpan("other", script, script + len("<script>"), "<script>"),
        ),
        testimony="T-0001",
        mention_id="M-0001",
        source="SRC-99",
    )
    incident = Incident("INC-<1>", ("M-0001",), grade="single-source", sources=("SRC-99",), independent_sources=1)
    return ReportSnapshot(
        generated_at=GENERATED,
        incidents=[incident],
        mentions={"M-0001": mention},
        testimony_texts={"T-0001": text},
        title="Report <i>with</i> markup",
    )


def empty_snapshot() -> ReportSnapshot:
    return ReportSnapshot(generated_at=GENERATED, incidents=[], mentions={})


def keyword_risk_check(text: str) -> str:
    """A plain publication check for tests: source codes and 'cousin' are high risk.

    Used only where the real check (casework.publish) is not yet available, or to
    force a high-risk finding deterministically.
    """
    lowered = text.lower()
    if "src-" in lowered or "cousin" in lowered:
        return "high"
    return "low"
