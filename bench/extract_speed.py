"""Extraction speed on the shared corpus: MB/s and testimonies/s on one core, by language.

The extractor is run in this process (one core) over every corpus testimony of a
language, repeated until at least two seconds of work, after one warm-up pass that
builds the gazetteer and (for Korean) loads the morphological model. The baseline in
the same run is the cost of only finding gazetteer names in the same texts, the
floor under any extractor that resolves places and organs. Target: >= 1 MB/s of
English text per core.

Usage: .venv/bin/python bench/extract_speed.py [--languages en ko] [--min-seconds 2]
"""

from __future__ import annotations

import argparse
import json
import os
import time
from collections.abc import Callable
from pathlib import Path

from casework.extract import extract_mentions
from casework.gazetteer import load_gazetteer
from extract_speed_ko import corpus_texts, korean_table
from machine import load_line

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("CASEWORK_SHARED", REPO.parent / "shared"))


def measure(texts: list[str], work: Callable[[str], object], min_seconds: float = 2.0) -> tuple[float, float]:
    for text in texts:
        work(text)
    size = sum(len(t.encode("utf-8")) for t in texts)
    rounds, started = 0, time.process_time()
    while True:
        for text in texts:
            work(text)
        rounds += 1
        elapsed = time.process_time() - started
        if elapsed >= min_seconds:
            break
    return size * rounds / elapsed / 1e6, len(texts) * rounds / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=SHARED / "corpus")
    parser.add_argument("--languages", nargs="+", default=["en", "ko"], choices=["en", "ko"])
    parser.add_argument(
        "--min-seconds", type=float, default=2.0, help="repeat each measurement for at least this much CPU time"
    )
    args = parser.parse_args()
    print(load_line("start"))
    corpus = args.corpus
    meta = [json.loads(line) for line in (corpus / "gold" / "testimonies.jsonl").read_text().splitlines() if line]
    gazetteer = load_gazetteer()

    def names_only(text: str) -> object:
        return gazetteer.find_places(text), gazetteer.find_organs(text), gazetteer.find_sites(text)

    print(f"{'language':<10} {'what':<26} {'files':>5} {'MB':>6} {'MB/s/core':>10} {'testimonies/s/core':>19}")
    for language in args.languages:
        texts = [(corpus / "testimonies" / f"{m['testimony']}.txt").read_text(encoding="utf-8") for m in meta
                 if m["language"] == language]  # fmt: skip
        size = sum(len(t.encode("utf-8")) for t in texts) / 1e6
        for label, work in (
            ("extract_mentions", lambda t, lang=language: extract_mentions(t, language=lang)),
            ("baseline: gazetteer only", names_only),
        ):
            mbps, tps = measure(texts, work, args.min_seconds)
            print(f"{language:<10} {label:<26} {len(texts):>5} {size:>6.3f} {mbps:>10.2f} {tps:>19.1f}")
    print("target: >= 1 MB/s of English text per core")
    if "ko" in args.languages:
        print("\n".join(korean_table(corpus_texts(corpus), args.min_seconds)))
    print(load_line("end"))


if __name__ == "__main__":
    main()
