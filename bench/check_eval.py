"""Score the re-identification check against the corpus drafts, with Presidio in the same run.

Reads ``$CASEWORK_SHARED/corpus/drafts/*.md`` and ``gold/quasi_identifiers.jsonl``
(evaluation rule 3 of the corpus README: a gold span is found when one predicted span
overlaps at least half of its characters) and prints plain-text tables:

* span recall overall, for high-risk spans, by risk and by kind;
* precision (predicted spans overlapping some gold span / predicted spans) and the
  predicted spans in careful drafts that overlap no gold span (false alarms);
* TAB-style entity-level recall: gold spans grouped by draft and normalised text; a
  detail is protected only when every one of its mentions is found;
* drafts per second for both tools;
* the risky details Casework finds in ``real/seed-article.txt``;
* the same table for our own held-out drafts, gold in the corpus format:
  ``bench/heldout_drafts`` (written after the first checker; its misses were then used to
  add rules, so it is no longer held out) and ``bench/heldout2_drafts`` (written after
  those rules; its misses then shaped a second round, so it is no longer held out either)
  and ``bench/heldout3_drafts`` (written after both rounds; its misses then shaped a third
  round, so it is no longer held out either). ``bench/heldout4_drafts`` was written before
  the third round and scored once after it; it must not be used to tune the checker.
  The honest held-out figures are those of each set's first run, kept in
  ``docs/publication.md``.

Presidio runs offline (blank spaCy pipeline, pattern recognisers, no suffix-list
fetch) with outbound network blocked for the whole run.

Usage: .venv/bin/python bench/check_eval.py [--shared PATH]
"""

from __future__ import annotations

import argparse
import ipaddress
import json
import os
import socket
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from casework.publish import assess_risk  # noqa: E402
from casework.publish.baseline import PresidioBaseline  # noqa: E402
from machine import load_line  # noqa: E402

Span = tuple[int, int]
HELDOUT_LABELS = {
    "heldout_drafts": "Held-out set 1 (written after the first checker; its misses then shaped new rules, "
                      "so no longer held out)",
    "heldout2_drafts": "Held-out set 2 (written after the set-1 rules; its misses then shaped a second round of rules, "
                       "so no longer held out)",
    "heldout3_drafts": "Held-out set 3 (written after the second round; its misses then shaped a third round of rules, "
                       "so no longer held out)",
    "heldout4_drafts": "held-out set 4 (written before this round; truly held out)",
}
_real_connect = socket.socket.connect


def _loopback_only(self: socket.socket, address: Any) -> Any:
    host = address[0] if isinstance(address, tuple) and address else ""
    try:
        loopback = ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = host == "localhost"
    if host and not loopback:
        raise OSError(f"network blocked in the benchmark: {host}")
    return _real_connect(self, address)


def _found(gold: Span, predicted: list[Span]) -> bool:
    need = (gold[1] - gold[0]) / 2
    return any(min(gold[1], e) - max(gold[0], s) >= need for s, e in predicted)


def _overlaps(span: Span, golds: list[Span]) -> bool:
    return any(min(span[1], e) - max(span[0], s) > 0 for s, e in golds)


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.3f} ({a}/{b})" if b else "n/a (0/0)"


def score(name: str, predict: Callable[[str], list[Span]], drafts: dict[str, str], gold: list[dict[str, Any]],
          careful: set[str]) -> dict[str, Any]:
    started = time.perf_counter()
    predicted = {d: predict(text) for d, text in drafts.items()}
    seconds = time.perf_counter() - started
    found = [g for g in gold if _found((g["start"], g["end"]), predicted[g["draft"]])]
    golds_by_draft: dict[str, list[Span]] = defaultdict(list)
    for g in gold:
        golds_by_draft[g["draft"]].append((g["start"], g["end"]))
    total_pred = sum(len(p) for p in predicted.values())
    hits = sum(_overlaps(s, golds_by_draft[d]) for d, spans in predicted.items() for s in spans)
    false_careful = sum(not _overlaps(s, golds_by_draft[d]) for d, spans in predicted.items() if d in careful
                        for s in spans)
    entities: dict[tuple[str, str], list[bool]] = defaultdict(list)
    for g in gold:
        entities[(g["draft"], " ".join(g["span"].lower().split()))].append(g in found)
    return {
        "name": name,
        "recall": _ratio(len(found), len(gold)),
        "recall_high": _ratio(sum(g["risk"] == "high" for g in found), sum(g["risk"] == "high" for g in gold)),
        "recall_medium": _ratio(sum(g["risk"] == "medium" for g in found), sum(g["risk"] == "medium" for g in gold)),
        "recall_low": _ratio(sum(g["risk"] == "low" for g in found), sum(g["risk"] == "low" for g in gold)),
        "precision": _ratio(hits, total_pred),
        "false_alarms_careful": f"{false_careful} in {len(careful)} careful drafts",
        "entity_recall": _ratio(sum(all(v) for v in entities.values()), len(entities)),
        "drafts_per_s": f"{len(drafts) / seconds:.1f}",
        "by_kind": {k: _ratio(sum(g["kind"] == k for g in found), sum(g["kind"] == k for g in gold))
                    for k in sorted({g["kind"] for g in gold})},
        "missed": [(g["draft"], g["kind"], g["span"][:60]) for g in gold if g not in found],
        "_recall": len(found) / len(gold),
    }


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def report(title: str, drafts: dict[str, str], gold: list[dict[str, Any]], careful: set[str],
           presidio: PresidioBaseline, show_missed: bool) -> None:
    """Print one table (Casework and Presidio side by side) for one set of drafts."""
    results = [
        score("Casework", lambda t: [(s.start, s.end) for s in assess_risk(t).spans], drafts, gold, careful),
        score("Presidio (offline)", lambda t: [(s, e) for s, e, _ in presidio.find(t)], drafts, gold, careful),
    ]
    print(f"{title}: {len(drafts)} drafts ({len(careful)} careful), {len(gold)} gold spans\n")
    rows = ["recall", "recall_high", "recall_medium", "recall_low", "precision", "false_alarms_careful",
            "entity_recall", "drafts_per_s"]
    width = 28
    print(f"{'metric':<22}" + "".join(f"{r['name']:<{width}}" for r in results))
    for row in rows:
        print(f"{row:<22}" + "".join(f"{r[row]:<{width}}" for r in results))
    print(f"\n{'recall by kind':<22}" + "".join(f"{r['name']:<{width}}" for r in results))
    for kind in results[0]["by_kind"]:
        print(f"{kind:<22}" + "".join(f"{r['by_kind'][kind]:<{width}}" for r in results))
    ratio = results[0]["_recall"] / results[1]["_recall"] if results[1]["_recall"] else float("inf")
    print(f"\nCasework recall / Presidio recall: {ratio:.1f}x")
    if show_missed:
        print(f"\nmissed by {results[0]['name']}:")
        for item in results[0]["missed"]:
            print("  ", *item)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=Path(os.environ.get("CASEWORK_SHARED", REPO.parent / "shared")))
    parser.add_argument("--missed", action="store_true", help="list the gold spans Casework missed")
    parser.add_argument("--heldout", type=Path, action="append",
                        help="folder of held-out drafts (dNN.md, gold.jsonl, drafts.jsonl); repeatable; "
                             "default: the four bench/heldout*_drafts sets")
    args = parser.parse_args()
    print(load_line("start"))
    corpus = args.shared / "corpus"
    if not corpus.exists():
        print(f"shared corpus not found: {corpus}", file=sys.stderr)
        return 2
    socket.socket.connect = _loopback_only  # type: ignore[method-assign]
    drafts = {p.stem: p.read_text(encoding="utf-8") for p in sorted((corpus / "drafts").glob("*.md"))}
    gold = _read_jsonl(corpus / "gold" / "quasi_identifiers.jsonl")
    meta = _read_jsonl(corpus / "gold" / "drafts.jsonl")
    careful = {m["draft"] for m in meta if m["style"] == "careful"}

    presidio = PresidioBaseline()
    report("Re-identification check, corpus drafts", drafts, gold, careful, presidio, args.missed)
    for folder in args.heldout or [REPO / "bench" / name for name in HELDOUT_LABELS]:
        if not (folder / "gold.jsonl").exists():
            continue
        print()
        held_drafts = {p.stem: p.read_text(encoding="utf-8") for p in sorted(folder.glob("d*.md"))}
        held_careful = {m["draft"] for m in _read_jsonl(folder / "drafts.jsonl") if m["style"] == "careful"}
        label = HELDOUT_LABELS.get(folder.name, f"Held-out {folder.name}")
        report(label, held_drafts, _read_jsonl(folder / "gold.jsonl"), held_careful, presidio, args.missed)
    seed = args.shared / "real" / "seed-article.txt"
    if seed.exists():
        text = seed.read_text(encoding="utf-8")
        assessment = assess_risk(text)
        print(f"\nReal report {seed.name}: risk {assessment.risk}, anonymity set {assessment.anonymity_set}")
        for span in assessment.spans:
            print(f"  [{span.start}:{span.end}] {span.kind:<18} {span.risk:<6} {span.text[:90]!r}")
        for line in assessment.explanation:
            print("   ", line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
