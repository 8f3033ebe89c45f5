"""Score the re-identification check against the corpus drafts, with Presidio in the same run.

Reads ``$CASEWORK_SHARED/corpus/drafts/*.md`` and ``gold/quasi_identifiers.jsonl``
(evaluation rule 3 of the corpus README: a gold span is found when one predicted span
overlaps at least half of its characters) and prints plain-text tables:

* span recall overall, for high-risk spans, by risk and by kind; ``recall_touched`` counts
  a gold span as found when any predicted span overlaps it at all (a PII tool marks the
  word "47-year-old", not the clause an editor cuts, so the half-overlap rule alone would
  understate what it sees);
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

Presidio runs offline (blank spaCy pipeline, no suffix-list fetch) with outbound
network blocked for the whole run. Its predefined recognisers find nothing in any draft
set, so it is given pattern recognisers for the kinds it can express (ages, day-level
dates, phone numbers and apps, workplaces from a list; ``casework.publish.baseline``):
the baseline finds something, and its recall is printed beside ours.

Speed is measured warm (one untimed pass first, then the best of ``--repeat`` passes) in CPU
time of this process (``time.process_time``: on a shared machine wall time mostly measures the
other processes; on a quiet machine the two agree),
and, with ``--before REV`` (default ``main``), the check of that git revision is timed on
the same drafts in the same run, alternating with the current one, so the ratio holds
even on a loaded machine. The load average is printed at the start and the end.

Usage: .venv/bin/python bench/check_eval.py [--shared PATH] [--repeat N] [--before REV|none] [--missed]
"""

from __future__ import annotations

import argparse
import ipaddress
import json
import os
import socket
import subprocess
import sys
import tarfile
import tempfile
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


def _warm_rate(predict: Callable[[str], list[Span]], texts: list[str], repeat: int) -> float:
    """Drafts per CPU second, the best of ``repeat`` timed passes after one untimed pass."""
    for text in texts:
        predict(text)
    best = float("inf")
    for _ in range(max(1, repeat)):
        started = time.process_time()
        for text in texts:
            predict(text)
        best = min(best, time.process_time() - started)
    return len(texts) / best if best > 0 else float("inf")


def score(name: str, predict: Callable[[str], list[Span]], drafts: dict[str, str], gold: list[dict[str, Any]],
          careful: set[str], repeat: int = 3) -> dict[str, Any]:
    predicted = {d: predict(text) for d, text in drafts.items()}
    rate = _warm_rate(predict, list(drafts.values()), repeat)
    found = [g for g in gold if _found((g["start"], g["end"]), predicted[g["draft"]])]
    touched = [g for g in gold if _overlaps((g["start"], g["end"]), predicted[g["draft"]])]
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
        "recall_touched": _ratio(len(touched), len(gold)),
        "recall_high": _ratio(sum(g["risk"] == "high" for g in found), sum(g["risk"] == "high" for g in gold)),
        "recall_medium": _ratio(sum(g["risk"] == "medium" for g in found), sum(g["risk"] == "medium" for g in gold)),
        "recall_low": _ratio(sum(g["risk"] == "low" for g in found), sum(g["risk"] == "low" for g in gold)),
        "precision": _ratio(hits, total_pred),
        "false_alarms_careful": f"{false_careful} in {len(careful)} careful drafts",
        "entity_recall": _ratio(sum(all(v) for v in entities.values()), len(entities)),
        "drafts_per_s": f"{rate:.1f} (warm, CPU)",
        "by_kind": {k: _ratio(sum(g["kind"] == k for g in found), sum(g["kind"] == k for g in gold))
                    for k in sorted({g["kind"] for g in gold})},
        "missed": [(g["draft"], g["kind"], g["span"][:60]) for g in gold if g not in found],
        "_recall": len(found) / len(gold),
    }


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def report(title: str, drafts: dict[str, str], gold: list[dict[str, Any]], careful: set[str],
           presidio: PresidioBaseline, show_missed: bool, repeat: int) -> list[dict[str, Any]]:
    """Print one table (Casework and Presidio side by side) for one set of drafts; return both rows."""
    results = [
        score("Casework", lambda t: [(s.start, s.end) for s in assess_risk(t).spans], drafts, gold, careful, repeat),
        score("Presidio + patterns", lambda t: [(s, e) for s, e, _ in presidio.find(t)], drafts, gold, careful,
              repeat),
    ]
    print(f"{title}: {len(drafts)} drafts ({len(careful)} careful), {len(gold)} gold spans\n")
    rows = ["recall", "recall_touched", "recall_high", "recall_medium", "recall_low", "precision",
            "false_alarms_careful", "entity_recall", "drafts_per_s"]
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
    return results


_SPEED_SCRIPT = """
import sys, time
sys.path.insert(0, sys.argv[1])
from casework.publish import assess_risk
texts = [open(p, encoding="utf-8").read() for p in sys.argv[3:]]
for t in texts:
    assess_risk(t)
best = float("inf")
for _ in range(int(sys.argv[2])):
    started = time.process_time()
    for t in texts:
        assess_risk(t)
    best = min(best, time.process_time() - started)
print(len(texts) / best)
"""


def compare_speed(before: str, paths: list[Path], repeat: int, rounds: int = 3) -> None:
    """Drafts/s of this checkout's check and of revision ``before``, alternating, in fresh processes."""
    with tempfile.TemporaryDirectory(prefix="check-before-") as tmp:
        archive = subprocess.run(["git", "-C", str(REPO), "archive", "--format=tar", before, "src"],
                                 capture_output=True, check=False)
        if archive.returncode != 0:
            print(f"\nspeed before/after: skipped (git archive {before}: {archive.stderr.decode().strip()})")
            return
        archive_path = Path(tmp) / "before.tar"
        archive_path.write_bytes(archive.stdout)
        with tarfile.open(archive_path) as tar:
            tar.extractall(tmp, filter="data")
        sources = {f"before ({before})": str(Path(tmp) / "src"), "after (this checkout)": str(REPO / "src")}
        best: dict[str, float] = {}
        for _ in range(rounds):
            for label, src in sources.items():
                run = subprocess.run([sys.executable, "-c", _SPEED_SCRIPT, src, str(repeat), *map(str, paths)],
                                     capture_output=True, text=True, check=False)
                if run.returncode != 0:
                    print(f"\nspeed before/after: {label} failed: {run.stderr.strip().splitlines()[-1:]}")
                    return
                best[label] = max(best.get(label, 0.0), float(run.stdout.strip()))
    print(f"\nCheck speed, warm, {len(paths)} drafts (all sets), "
          f"best of {rounds} alternating rounds x {repeat} passes:")
    for label, rate in best.items():
        print(f"  {label:<24} {rate:8.1f} drafts/CPU-s")
    values = list(best.values())
    print(f"  after / before: {values[1] / values[0]:.2f}x")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=Path(os.environ.get("CASEWORK_SHARED", REPO.parent / "shared")))
    parser.add_argument("--missed", action="store_true", help="list the gold spans Casework missed")
    parser.add_argument("--heldout", type=Path, action="append",
                        help="folder of held-out drafts (dNN.md, gold.jsonl, drafts.jsonl); repeatable; "
                             "default: the four bench/heldout*_drafts sets")
    parser.add_argument("--repeat", type=int, default=5, help="timed passes per speed figure (after one warm-up)")
    parser.add_argument("--before", default="main",
                        help="git revision whose check is timed on the same drafts for a before/after ratio "
                             "('none' to skip; default: main)")
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
    paths = sorted((corpus / "drafts").glob("*.md"))
    summary = {"corpus": report("Re-identification check, corpus drafts", drafts, gold, careful, presidio,
                                args.missed, args.repeat)}
    for folder in args.heldout or [REPO / "bench" / name for name in HELDOUT_LABELS]:
        if not (folder / "gold.jsonl").exists():
            continue
        print()
        held_paths = sorted(folder.glob("d*.md"))
        paths += held_paths
        held_drafts = {p.stem: p.read_text(encoding="utf-8") for p in held_paths}
        held_careful = {m["draft"] for m in _read_jsonl(folder / "drafts.jsonl") if m["style"] == "careful"}
        label = HELDOUT_LABELS.get(folder.name, f"Held-out {folder.name}")
        summary[folder.name] = report(label, held_drafts, _read_jsonl(folder / "gold.jsonl"), held_careful, presidio,
                                      args.missed, args.repeat)
    print(f"\n{'recall':<17}{'Casework':<15}{'Presidio+patterns':<19}{'touched: Casework':<19}{'Presidio':<15}"
          f"{'drafts/s: Casework':<20}Presidio")
    for name, (ours, theirs) in summary.items():
        print(f"{name:<17}{ours['recall']:<15}{theirs['recall']:<19}{ours['recall_touched']:<19}"
              f"{theirs['recall_touched']:<15}{ours['drafts_per_s']:<20}{theirs['drafts_per_s']}")
    if args.before != "none":
        compare_speed(args.before, paths, args.repeat)
    seed = args.shared / "real" / "seed-article.txt"
    if seed.exists():
        text = seed.read_text(encoding="utf-8")
        assessment = assess_risk(text)
        print(f"\nReal report {seed.name}: risk {assessment.risk}, anonymity set {assessment.anonymity_set}")
        for span in assessment.spans:
            print(f"  [{span.start}:{span.end}] {span.kind:<18} {span.risk:<6} {span.text[:90]!r}")
        for line in assessment.explanation:
            print("   ", line)
    print(load_line("end"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
