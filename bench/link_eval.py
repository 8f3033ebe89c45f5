"""Linkage quality on the development corpus, against a naive baseline in the same run.

Two settings, as the corpus README asks:

1. gold mentions as input (linkage measured apart from extraction);
2. end to end: ``casework extract --text`` on every testimony, predicted mentions
   matched one-to-one to gold mentions (same testimony, type and province, dates
   within 7 days), linkage scored on the matched ones.

Printed: pairwise precision / recall / F1, B-cubed F1, false-friend pairs merged
(of 18), the share of gold incidents whose independent-source count is right, grade
accuracy (the true grade is the grade of the gold cluster with gold ``depends_on``)
and retellings flagged (of 5). The baseline links mentions with the same type,
province and month.

Run: .venv/bin/python bench/link_eval.py [--corpus ../shared/corpus] [--threshold 0.95]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np
from scipy.optimize import linear_sum_assignment

from casework.corroborate import grade_incident
from casework.link import DEFAULT_THRESHOLD, link_mentions, read_mentions_lines
from casework.link.scoring import false_friends_merged, score_clusters
from casework.model import Mention
from casework.model.facts import date_interval
from machine import load_line

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("CASEWORK_SHARED", REPO.parent / "shared"))
RETELLINGS = {"t033", "t066", "t087", "t100", "t115"}


def _jsonl(path: Path) -> list[dict]:  # type: ignore[type-arg]
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def load_gold(corpus: Path) -> tuple[list[Mention], dict[str, str], list[tuple[str, str]], dict[str, int], dict]:  # type: ignore[type-arg]
    testimonies = {t["testimony"]: t for t in _jsonl(corpus / "gold" / "testimonies.jsonl")}
    lines = []
    gold: dict[str, str] = {}
    for record in _jsonl(corpus / "gold" / "incidents.jsonl"):
        record["source"] = testimonies[record["testimony"]]["source"]
        gold[record["mention"]] = record["incident"]
        lines.append(json.dumps(record))
    friends = [(f["incident_a"], f["incident_b"]) for f in _jsonl(corpus / "gold" / "false_friends.jsonl")]
    truth = {t["incident"]: t["independent_sources"] for t in _jsonl(corpus / "gold" / "incidents_truth.jsonl")}
    return read_mentions_lines(lines, "incidents.jsonl"), gold, friends, truth, testimonies


def naive_clusters(mentions: Sequence[Mention]) -> dict[str, str]:
    """The baseline: one incident per (type, province, month)."""
    return {
        m.mention_id or "": f"{m.type}|{m.place.province}|{(m.date or '')[:7]}" if m.date else f"solo|{m.mention_id}"
        for m in mentions
    }


def grading_scores(
    mentions: Sequence[Mention],
    predicted: Mapping[str, str],
    gold: Mapping[str, str],
    truth: Mapping[str, int],
    texts: Mapping[str, str],
) -> tuple[float, float, int]:
    """(share of independent counts right, grade accuracy, retelling testimonies flagged)."""
    by_id = {m.mention_id: m for m in mentions}
    members: dict[str, list[Mention]] = defaultdict(list)
    gold_members: dict[str, list[Mention]] = defaultdict(list)
    for mention_id, cluster in predicted.items():
        members[cluster].append(by_id[mention_id])
    for mention_id, incident in gold.items():
        if mention_id in by_id:
            gold_members[incident].append(by_id[mention_id])
    graded = {c: grade_incident(ms, testimony_texts=dict(texts)) for c, ms in members.items()}
    count_right = grade_right = 0
    for incident, ms in gold_members.items():
        votes: dict[str, int] = defaultdict(int)
        for m in ms:
            votes[predicted[m.mention_id or ""]] += 1
        mine = graded[max(votes, key=votes.__getitem__)]
        count_right += mine.independent_sources == truth[incident]
        true_grade = grade_incident(ms, testimony_texts=dict(texts)).grade
        grade_right += mine.grade == true_grade
    flagged = {by_id[m].testimony for g in graded.values() for m in g.retellings}
    return count_right / len(gold_members), grade_right / len(gold_members), len(flagged & RETELLINGS)


def report(
    name: str,
    mentions: Sequence[Mention],
    predicted: Mapping[str, str],
    gold: Mapping[str, str],
    friends: Sequence[tuple[str, str]],
    truth: Mapping[str, int],
    texts: Mapping[str, str],
    seconds: float,
) -> str:
    s = score_clusters(predicted, gold)
    merged = len(false_friends_merged(predicted, gold, friends))
    counts, grades, retold = grading_scores(mentions, predicted, gold, truth, texts)
    return (
        f"{name:34} {s.mentions:5d} {s.pair_precision:6.3f} {s.pair_recall:6.3f} {s.pair_f1:6.3f} "
        f"{s.bcubed_f1:6.3f} {merged:3d}/{len(friends)} {counts:7.3f} {grades:6.3f} {retold:2d}/5 {seconds:6.1f}"
    )


HEADER = (
    f"{'setting':34} {'n':>5} {'pairP':>6} {'pairR':>6} {'pairF1':>6} {'B3F1':>6} {'FF':>6} "
    f"{'indep=':>7} {'grade':>6} {'ret':>4} {'sec':>6}"
)


def extracted_mentions(corpus: Path, testimonies: Mapping[str, dict]) -> list[Mention]:  # type: ignore[type-arg]
    """Mentions from ``casework extract --text`` on every testimony, with ids and sources."""
    files = sorted(str(p) for p in (corpus / "testimonies").glob("*.txt"))
    run = subprocess.run(
        [sys.executable, "-m", "casework.cli", "extract", "--text", *files],
        capture_output=True,
        text=True,
        check=False,
        timeout=1800,
    )
    numbered: dict[str, int] = defaultdict(int)
    out = []
    for line in run.stdout.splitlines():
        if not line.strip():
            continue
        mention = Mention.from_json(json.loads(line))
        testimony = mention.testimony or ""
        numbered[testimony] += 1
        out.append(
            replace(
                mention,
                mention_id=f"{testimony}-p{numbered[testimony]}",
                source=testimonies.get(testimony, {}).get("source", "unknown"),
            )
        )
    if run.returncode != 0:
        print(f"(extract exited with {run.returncode}; {len(out)} mentions read)", file=sys.stderr)
    return out


def _dates_agree(predicted: str | None, gold: str | None) -> bool:
    if gold is None:
        return True
    if predicted is None:
        return False
    try:
        p, g = date_interval(predicted), date_interval(gold)
    except Exception:  # noqa: BLE001 - an unreadable predicted date simply does not match
        return False
    return bool(p and g and max(p[0] - g[1], g[0] - p[1], 0) <= 7)


def match_to_gold(predicted: Sequence[Mention], gold_mentions: Sequence[Mention]) -> dict[str, str]:
    """Predicted mention id -> gold mention id, one-to-one within each testimony (README rule)."""
    by_testimony: dict[str, tuple[list[Mention], list[Mention]]] = defaultdict(lambda: ([], []))
    for m in predicted:
        by_testimony[m.testimony or ""][0].append(m)
    for m in gold_mentions:
        by_testimony[m.testimony or ""][1].append(m)
    matched: dict[str, str] = {}
    for mine, theirs in by_testimony.values():
        if not mine or not theirs:
            continue
        cost = np.ones((len(mine), len(theirs)))
        for i, p in enumerate(mine):
            for j, g in enumerate(theirs):
                if p.type == g.type and p.place.province == g.place.province and _dates_agree(p.date, g.date):
                    cost[i, j] = 0.0
        for i, j in zip(*linear_sum_assignment(cost), strict=True):
            if cost[i, j] == 0.0:
                matched[mine[i].mention_id or ""] = theirs[j].mention_id or ""
    return matched


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=SHARED / "corpus")
    parser.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
    parser.add_argument("--skip-extract", action="store_true", help="only the gold-mention setting")
    args = parser.parse_args()
    print(load_line("start"))
    mentions, gold, friends, truth, testimonies = load_gold(args.corpus)
    texts = {p.stem: p.read_text(encoding="utf-8") for p in (args.corpus / "testimonies").glob("*.txt")}
    rows = []

    print(f"Linkage on gold mentions ({len(mentions)} mentions, {len(set(gold.values()))} incidents), "
          f"threshold {args.threshold}")
    started = time.perf_counter()
    linkage = link_mentions(mentions, threshold=args.threshold, testimony_texts=texts)
    elapsed = time.perf_counter() - started
    rows.append(report("splink, gold mentions", mentions, linkage.assignment, gold, friends, truth, texts, elapsed))
    started = time.perf_counter()
    naive = naive_clusters(mentions)
    rows.append(report("baseline type+province+month", mentions, naive, gold, friends, truth, texts,
                       time.perf_counter() - started))
    blind = [replace(m, depends_on=None) for m in mentions]
    started = time.perf_counter()
    unflagged = link_mentions(blind, threshold=args.threshold, testimony_texts=texts)
    rows.append(report("splink, gold w/o depends_on (cues)", blind, unflagged.assignment, gold, friends, truth, texts,
                       time.perf_counter() - started))
    for threshold in (0.8, 0.9, 0.99):
        rows.append(report(f"  same pairs clustered at {threshold}", mentions, linkage.clusters_at(threshold), gold,
                           friends, truth, texts, 0.0))

    if not args.skip_extract:
        started = time.perf_counter()
        predicted = extracted_mentions(args.corpus, testimonies)
        extract_seconds = time.perf_counter() - started
        matched = match_to_gold(predicted, mentions)
        print(f"End to end: {len(predicted)} extracted mentions, {len(matched)} matched to gold "
              f"(extraction {extract_seconds:.0f} s)")
        if len(predicted) >= 2:
            started = time.perf_counter()
            linked = link_mentions(predicted, threshold=args.threshold, testimony_texts=texts)
            elapsed = time.perf_counter() - started
            by_gold = {matched[p]: linked.assignment[p] for p in matched}
            matched_gold = {g: gold[g] for g in by_gold}
            gold_view = [m for m in mentions if m.mention_id in by_gold]
            gold_view = [replace(m, depends_on=None) for m in gold_view]
            rows.append(report("splink, extracted (matched)", gold_view, by_gold, matched_gold, friends, truth, texts,
                               elapsed))
            for threshold in (0.8, 0.9):
                again = linked.clusters_at(threshold)
                rows.append(report(f"  same pairs clustered at {threshold}", gold_view,
                                   {matched[p]: again[p] for p in matched}, matched_gold, friends, truth, texts, 0.0))
            rows.append(report("baseline, extracted (matched)", gold_view,
                               {g: naive_clusters(predicted)[p] for p, g in matched.items()}, matched_gold, friends,
                               truth, texts, 0.0))
    print()
    print(HEADER)
    print("-" * len(HEADER))
    for row in rows:
        print(row)
    print()
    print("pair P/R/F1: pairwise precision / recall / F1; B3F1: B-cubed F1; FF: false-friend pairs merged;")
    print("indep=: share of gold incidents whose independent-source count is right; grade: grade accuracy;")
    print("ret: retelling testimonies flagged as dependent (of 5). End-to-end rows grade with gold fields of")
    print("the matched mentions (depends_on removed), so they measure linkage, not field extraction.")


if __name__ == "__main__":
    main()
