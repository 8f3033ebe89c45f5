"""Real published reports: extraction, linkage and the publication check, scored by the shared script.

Reads ``../shared/real/dev`` (texts + hand annotations) and imports
``../shared/real/score_reports.py`` at run time, so the rule is the one the
independent set is scored by; nothing of either is copied into the repository.
When they are absent it says why and exits 0 (a fresh clone without the shared
data is not an error).

``extract`` prints a table by language and by type for Casework (``casework extract
--text`` through the CLI, as the scorer runs it) and, in the same run and under the
same rule, the keyword-per-sentence baseline of ``bench/extract_eval.py``.
``link`` prints report-pair linkage next to the scorer's type + province + month
baseline; ``check`` prints how many reports with identifying details are flagged.

``--half dev`` scores only the development half (E01-E30, K01-K25: read its failures
freely), ``--half other`` only the other half (E31-E45, K26-K37: look at it only
through these aggregate figures), ``--half each`` both and the whole set in one run.

Usage:
    .venv/bin/python bench/real_reports.py extract --half each
    .venv/bin/python bench/real_reports.py extract --language en --half dev --dump /tmp/dump
    .venv/bin/python bench/real_reports.py link --half each
    .venv/bin/python bench/real_reports.py check
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import io
import json
import os
import re
import sys
import tempfile
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("CASEWORK_SHARED", REPO.parent / "shared"))
REAL = SHARED / "real"

# The development half may be read report by report; the other half only in aggregate.
DEV_HALF = {f"E{n:02d}" for n in range(1, 31)} | {f"K{n:02d}" for n in range(1, 26)}
HALVES = ("dev", "other", "all")
HALF_NAMES = {"dev": "development half (E01-E30, K01-K25)", "other": "other half (E31-E45, K26-K37)",
              "all": "all reports"}  # fmt: skip

_ROW = re.compile(r"^(?P<key>\S+)\s+tp=\s*(?P<tp>\d+) pred=\s*(?P<pred>\d+) gold=\s*(?P<gold>\d+)")

Predictions = dict[str, list[dict[str, Any]]]


def in_half(report_id: str, half: str) -> bool:
    """Whether a report belongs to ``half`` (``dev``, ``other`` or ``all``)."""
    return half == "all" or (report_id in DEV_HALF) == (half == "dev")


def load_scorer() -> ModuleType:
    """``score_reports.py`` imported from the shared directory (its CLI path is the cwd's)."""
    spec = importlib.util.spec_from_file_location("score_reports", REAL / "score_reports.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def gold_records(language: str | None) -> list[dict[str, Any]]:
    records = [json.loads(line) for line in (REAL / "dev" / "gold.jsonl").read_text().splitlines() if line.strip()]
    return [r for r in records if language is None or r.get("language") == language]


@contextlib.contextmanager
def gold_file(records: list[dict[str, Any]]) -> Iterator[str]:
    """A temporary gold file holding ``records`` (the scorer reads gold from a path)."""
    with tempfile.TemporaryDirectory(prefix="real-reports-") as tmp:
        path = Path(tmp) / "gold.jsonl"
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
        yield str(path)


@contextlib.contextmanager
def predictions_from(
    scorer: ModuleType, source: Callable[[str, list[str], dict[str, Any]], Predictions]
) -> Iterator[None]:
    """Make the scorer take its predictions from ``source`` (computed once, then reused per half)."""
    cache: Predictions = {}
    original = scorer.heldout_extract

    def cached(textdir: str, ids: list[str], received: dict[str, Any]) -> Predictions:
        missing = [t for t in ids if t not in cache]
        if missing:
            cache.update({t: [] for t in missing})
            cache.update(source(textdir, missing, received))
        return {t: [dict(m) for m in cache[t]] for t in ids}

    scorer.heldout_extract = cached
    try:
        yield
    finally:
        scorer.heldout_extract = original


def keyword_predictions(scorer: ModuleType) -> Callable[[str, list[str], dict[str, Any]], Predictions]:
    """The corpus bench's keyword-per-sentence baseline, on the real texts."""
    from extract_eval import keyword_mentions

    def source(textdir: str, ids: list[str], received: dict[str, Any]) -> Predictions:
        out: Predictions = {}
        for t in ids:
            text = (Path(textdir) / f"{t}.txt").read_text(encoding="utf-8")
            day = date.fromisoformat(received[t]) if received.get(t) else None
            out[t] = keyword_mentions(text, scorer.heldout_body_start(text), day, t)
        return out

    return source


def quietly(function: Callable[..., Any], *args: Any, **kwargs: Any) -> tuple[Any, str]:
    """Call a scorer function, keeping what it prints."""
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        result = function(*args, **kwargs)
    return result, buffer.getvalue()


def rows_of(printed: str) -> dict[str, tuple[int, int, int]]:
    """The scorer's ``key tp= pred= gold=`` lines as {key: (tp, pred, gold)}."""
    rows = {}
    for line in printed.splitlines():
        if match := _ROW.match(line):
            rows[match["key"]] = (int(match["tp"]), int(match["pred"]), int(match["gold"]))
    return rows


def prf(tp: int, pred: int, gold: int) -> tuple[float, float, float]:
    p = tp / pred if pred else 0.0
    r = tp / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def extract_table(title: str, ours: dict[str, tuple[int, int, int]], base: dict[str, tuple[int, int, int]]) -> str:
    keys = sorted(set(ours) | set(base), key=lambda k: (not k == "all", not k.startswith("lang:"), k))
    lines = [
        title,
        f"{'':<36} {'gold':>5} {'pred':>5} {'match':>5} {'P':>6} {'R':>6} {'F1':>6}   {'baseline':>8} {'pred':>5}",
    ]
    for key in keys:
        tp, pred, gold = ours.get(key, (0, 0, base.get(key, (0, 0, 0))[2]))
        p, r, f = prf(tp, pred, gold)
        btp, bpred, bgold = base.get(key, (0, 0, gold))
        label = key.replace("lang:", "language ").replace("type:", "  ")
        lines.append(
            f"{label:<36} {gold:>5} {pred:>5} {tp:>5} {p:>6.3f} {r:>6.3f} {f:>6.3f}   "
            f"{prf(btp, bpred, bgold)[2]:>8.3f} {bpred:>5}"
        )
    return "\n".join(lines)


def run_extract(scorer: ModuleType, args: argparse.Namespace) -> None:
    textdir = str(REAL / "dev" / "texts")
    records = gold_records(args.language)
    halves = HALVES if args.half == "each" else (args.half,)
    figures: dict[str, dict[str, tuple[int, int, int]]] = {}
    for name, source in (("casework", scorer.heldout_extract), ("baseline", keyword_predictions(scorer))):
        with predictions_from(scorer, source):
            for half in sorted(halves, key=lambda h: h != "all"):  # "all" first: one extraction run
                subset = [r for r in records if in_half(r["id"], half)]
                dump = args.dump if name == "casework" and half == "dev" else None
                with gold_file(subset) as path:
                    _, printed = quietly(scorer.score_extract, path, textdir, heldout=True, dump=dump)
                figures[f"{name}/{half}"] = rows_of(printed)
    for half in halves:
        title = f"extraction, {HALF_NAMES[half]}" + (f", language {args.language}" if args.language else "")
        print(extract_table(title + " — Casework vs keyword-per-sentence baseline", figures[f"casework/{half}"],
                            figures[f"baseline/{half}"]))  # fmt: skip
        print()
    if args.dump:
        print(f"per-report dump of the development half in {args.dump}")


def run_link(scorer: ModuleType, args: argparse.Namespace) -> None:
    textdir = str(REAL / "dev" / "texts")
    records = gold_records(args.language)
    halves = HALVES if args.half == "each" else (args.half,)
    with predictions_from(scorer, scorer.heldout_extract):
        for half in halves:
            subset = [r for r in records if in_half(r["id"], half)]
            dump = args.dump if half == "dev" else None
            with gold_file(subset) as path:
                _, printed = quietly(scorer.score_heldout_link, path, textdir, dump=dump)
            print(
                f"linkage, {HALF_NAMES[half]}: {len(subset)} reports, pairs within them"
                " (baseline: type + province + month)"
            )
            for line in printed.splitlines():
                print("  " + line)
            print()


def run_check(scorer: ModuleType, args: argparse.Namespace) -> None:
    textdir = str(REAL / "dev" / "texts")
    records = gold_records(args.language)
    halves = HALVES if args.half == "each" else (args.half,)
    for half in halves:
        subset = [r for r in records if in_half(r["id"], half)]
        dump = args.dump if half == "dev" else None
        with gold_file(subset) as path:
            _, printed = quietly(scorer.score_heldout_check, path, textdir, dump=dump)
        print(f"publication check, {HALF_NAMES[half]}: {len(subset)} reports")
        for line in printed.splitlines():
            # Per-report rows only for the development half: the other half is seen in aggregate.
            if line.startswith("check") or (args.per_report and half == "dev"):
                print("  " + line)
        print()


def load_average() -> str:
    one, five, fifteen = os.getloadavg()
    quiet = "quiet" if one < 1.5 else "NOT quiet (speed figures would not count)"
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f} ({quiet})"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Score Casework on the real published reports of ../shared/real/dev with the shared "
        "score_reports.py, with baselines in the same run.",
        epilog="Dumps quote third-party text: write them under /tmp, never into the repository.",
    )
    parser.add_argument("what", choices=("extract", "link", "check"), help="which stage to score")
    parser.add_argument(
        "--half", choices=("dev", "other", "all", "each"), default="all",
        help="development half (E01-E30, K01-K25), the other half (E31-E45, K26-K37), all, or each of the three",
    )  # fmt: skip
    parser.add_argument("--language", choices=("en", "ko"), help="only reports in this language")
    parser.add_argument("--dump", metavar="DIR", help="per-report details of the development half (outside the repo)")
    parser.add_argument("--per-report", action="store_true", help="check: per-report rows of the development half")
    args = parser.parse_args(argv)
    if args.dump and Path(args.dump).resolve().is_relative_to(REPO):
        parser.error("--dump must be outside the repository (it quotes third-party text)")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    missing = [
        p for p in (REAL / "dev" / "gold.jsonl", REAL / "dev" / "texts", REAL / "score_reports.py") if not p.exists()
    ]
    if missing:
        print(f"skipped: the real reports are not here ({missing[0]} is missing; set CASEWORK_SHARED)")
        return 0
    if not (REPO / ".venv" / "bin" / "casework").exists():
        print("skipped: no .venv/bin/casework in this checkout (run make install)")
        return 0
    os.chdir(REPO)  # the scorer runs .venv/bin/casework from the working directory
    print(load_average())
    scorer = load_scorer()
    {"extract": run_extract, "link": run_link, "check": run_check}[args.what](scorer, args)
    print(load_average())
    return 0


if __name__ == "__main__":
    sys.exit(main())
