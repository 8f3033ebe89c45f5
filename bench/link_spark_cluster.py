"""Linkage on a loopback Spark standalone cluster against DuckDB on the same mentions, in one run.

The synthetic mentions of bench/link_scale.py (default 100,000). First DuckDB in
process trains the model and scores every blocked pair; then a standalone master
and ``--workers`` workers are started on 127.0.0.1 with pyspark's ``spark-class``
(each worker ``--cores`` cores and ``--worker-memory``), and the same mentions are
scored on the cluster with the model DuckDB trained (``--train-on-spark`` trains
there too). The table gives wall time, the driver's CPU time, pair counts and
whether the incidents are identical; cluster start-up is timed apart. On one
2-core machine the cluster cannot be faster than DuckDB (the same two cores, plus
JVMs, RPC and shuffles): the run shows that the path works end to end at this
size and what it costs, the evidence for the 10M plan in docs/linkage.md.

Run: .venv/bin/python bench/link_spark_cluster.py [--mentions 100000] [--workers 2]
"""

from __future__ import annotations

import argparse
import os
import resource
import signal
import sys
import time
from pathlib import Path
from typing import Any

from casework.link import link_mentions
from casework.link.engines import SparkEngine
from link_scale import SHARED, synthetic_mentions
from machine import load_line

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from spark_cluster import can_run, loopback_cluster  # noqa: E402


def timed(label: str, work: Any) -> tuple[Any, dict[str, Any]]:
    load = os.getloadavg()[0]
    started, cpu = time.perf_counter(), time.process_time()
    result = work()
    return result, {
        "what": label,
        "wall": time.perf_counter() - started,
        "cpu": time.process_time() - cpu,
        "load": load,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mentions", type=int, default=100_000, help="number of synthetic mentions")
    parser.add_argument("--workers", type=int, default=2, help="standalone workers on loopback")
    parser.add_argument("--cores", type=int, default=1, help="cores per worker")
    parser.add_argument("--worker-memory", default="3g", help="memory per worker (Spark syntax)")
    parser.add_argument("--repetitions", type=int, default=1, help="cluster runs (DuckDB runs once)")
    parser.add_argument("--train-on-spark", action="store_true", help="train the model on the cluster too")
    parser.add_argument("--corpus", type=Path, default=SHARED / "corpus")
    args = parser.parse_args()
    # Stopped from outside, still stop the cluster's JVMs (the context manager's clean-up runs).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    reason = can_run()
    if reason:
        print(f"skipped: {reason}")
        return 0
    print(load_line("start"))
    mentions = synthetic_mentions(args.mentions, args.corpus)
    duck, row = timed("DuckDB in process (baseline, trains)", lambda: link_mentions(mentions))
    rows = [row | {"pairs": len(duck.pairs), "incidents": len(duck.incidents), "same": "-"}]
    model = None if args.train_on_spark else duck.model_json
    started = time.perf_counter()
    with loopback_cluster(workers=args.workers, cores=args.cores, memory=args.worker_memory) as cluster:
        start_up = time.perf_counter() - started
        engine = SparkEngine(master=cluster.master_url)
        for repetition in range(args.repetitions):
            label = f"Spark standalone, {args.workers} x {args.cores} core(s), run {repetition + 1}"
            on_spark, row = timed(label, lambda: link_mentions(mentions, engine=engine, model_json=model))
            same = "yes" if on_spark.assignment == duck.assignment else "NO"
            rows.append(row | {"pairs": len(on_spark.pairs), "incidents": len(on_spark.incidents), "same": same})
    print(f"{args.mentions:,} synthetic mentions; cluster start-up {start_up:.1f} s (not included below)")
    print(f"{'engine':<48} {'wall s':>8} {'driver CPU s':>12} {'pairs':>9} {'incidents':>9} {'same':>5} {'load':>5}")
    for r in rows:
        print(
            f"{r['what']:<48} {r['wall']:>8.1f} {r['cpu']:>12.1f} {r['pairs']:>9} {r['incidents']:>9} "
            f"{r['same']:>5} {r['load']:>5.2f}"
        )
    print(
        f"driver peak memory {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB; "
        "same = identical incidents to DuckDB; load = 1-minute load average at the start of the row"
    )
    print(load_line("end"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
