"""Korean extraction speed: one testimony per call against a batch, each beside Kiwi alone on the same text.

Kiwi (the morphological analyser) is most of the cost of Korean extraction. Given
many texts in one call it spreads them over its worker threads, so a batch
(:func:`casework.extract.extract_many`, which ``casework extract`` uses on a store's
backlog) is faster in wall time on two cores than one call per testimony. The
baseline in the same run is Kiwi alone on the same pieces of text, one per call
(what extraction did before batching) and all in one call: the ratio
extract/Kiwi-alone says how much of the time is Casework's own reading.

CPU time counts every thread of the process; the main thread's CPU is printed too,
because on a quiet machine with two cores the batch's wall time is about
max(main-thread CPU, CPU / 2). Wall time on a loaded machine means little: the
load average is printed beside the figures.

Run on its own (``bench/extract_speed.py`` also calls it for ``ko``):
    .venv/bin/python bench/extract_speed_ko.py [--min-seconds 2]
"""

from __future__ import annotations

import argparse
import json
import os
import time
from collections.abc import Callable
from pathlib import Path

from casework.extract import extract_many, extract_mentions
from casework.extract.ko_segments import chunks, kiwi
from casework.intake.header import split_header
from machine import load_line

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("CASEWORK_SHARED", REPO.parent / "shared"))


def timed(work: Callable[[], object], min_seconds: float) -> tuple[float, float, float, int]:
    """Best-of-rounds (process CPU, wall, main-thread CPU) of ``work``, after a warm-up; and the rounds."""
    work()
    cpu = wall = thread = float("inf")
    rounds, spent = 0, 0.0
    while spent < min_seconds or rounds < 3:
        c0, w0, t0 = time.process_time(), time.perf_counter(), time.thread_time()
        work()
        c, w, t = time.process_time() - c0, time.perf_counter() - w0, time.thread_time() - t0
        cpu, wall, thread = min(cpu, c), min(wall, w), min(thread, t)
        spent += c
        rounds += 1
    return cpu, wall, thread, rounds


def korean_table(texts: list[str], min_seconds: float) -> list[str]:
    """The table's lines for ``texts``: throughput by CPU and by wall time, and the ratios."""
    size = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    bodies = [(t, split_header(t, "corpus")[1]) for t in texts]
    pieces = [t[a:b] for t, start in bodies for a, b in chunks(t, start, len(t)) if not t[a:b].isspace()]
    analyser = kiwi()
    documents = [(t, None, "ko", f"T{i}") for i, t in enumerate(texts)]
    cases: list[tuple[str, Callable[[], object]]] = [
        ("extract_mentions, one per call", lambda: [extract_mentions(t, language="ko") for t in texts]),
        ("extract_many, one batch", lambda: extract_many(documents)),
        ("Kiwi alone, one piece per call", lambda: [analyser.split_into_sents(p, return_tokens=True) for p in pieces]),
        ("Kiwi alone, one batch", lambda: list(analyser.split_into_sents(pieces, return_tokens=True))),
    ]
    results = {label: timed(work, min_seconds) for label, work in cases}
    lines = [f"Korean: {len(texts)} texts, {len(pieces)} pieces, {size:.3f} MB; Kiwi threads {analyser.num_workers}",
             f"{'what':<34} {'MB/s CPU':>9} {'MB/s wall':>10} {'main-thread CPU s':>18}"]  # fmt: skip
    for label, (cpu, wall, thread, _) in results.items():
        lines.append(f"{label:<34} {size / cpu:>9.3f} {size / wall:>10.3f} {thread:>18.3f}")
    one, batch = results["extract_mentions, one per call"], results["extract_many, one batch"]
    kiwi_one, kiwi_batch = results["Kiwi alone, one piece per call"], results["Kiwi alone, one batch"]
    cores = min(2, os.cpu_count() or 1)
    lines += [
        f"batch / one per call, wall time: {one[1] / batch[1]:.2f}x",
        f"batch / Kiwi alone one piece per call (the pre-batching path), wall: {kiwi_one[1] / batch[1]:.2f}x",
        f"extract / Kiwi alone, same text (throughput ratio): one per call CPU {kiwi_one[0] / one[0]:.2f}, "
        f"batch CPU {kiwi_batch[0] / batch[0]:.2f}, batch wall {kiwi_batch[1] / batch[1]:.2f}",
        f"expected batch wall on {cores} quiet cores, max(main thread, CPU/{cores}): "
        f"{max(batch[2], batch[0] / cores):.3f} s vs one per call {one[0]:.3f} s CPU "
        f"({one[0] / max(batch[2], batch[0] / cores):.2f}x)",
    ]
    return lines


def corpus_texts(corpus: Path) -> list[str]:
    meta = [json.loads(line) for line in (corpus / "gold" / "testimonies.jsonl").read_text().splitlines() if line]
    return [(corpus / "testimonies" / f"{m['testimony']}.txt").read_text(encoding="utf-8") for m in meta
            if m["language"] == "ko"]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=SHARED / "corpus")
    parser.add_argument("--min-seconds", type=float, default=2.0, help="CPU time to spend on each measurement")
    args = parser.parse_args()
    print(load_line("start"))
    print("\n".join(korean_table(corpus_texts(args.corpus), args.min_seconds)))
    print(load_line("end"))


if __name__ == "__main__":
    main()
