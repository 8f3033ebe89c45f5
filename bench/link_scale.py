"""Linkage at scale: synthetic mentions made by perturbing the corpus incidents.

Each synthetic incident copies a gold incident's type, place, perpetrator and
victim count and moves it: another date (up to 25 years earlier), sometimes
another county of the same province, jittered counts, and three invented detail
words in place of the corpus text (copying the text would make every synthetic
incident of one gold incident a look-alike of the others); it is told by one to four
sources (70 % once), with dates at day, month or year precision and counties
sometimes left out. Each size runs in its own process so that peak memory
(ru_maxrss) is that size's alone. At 10k the same model also scores every pair
(no blocking) in the same run, the naive baseline.

Run: .venv/bin/python bench/link_scale.py [--sizes 10000,100000,1000000] [--curve] [--repetitions 1]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from casework.link import link_mentions
from casework.model import EvidenceSpan, Mention, Place, Victims
from machine import load_line

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("CASEWORK_SHARED", REPO.parent / "shared"))
TELLINGS = [1] * 70 + [2] * 17 + [3] * 10 + [4] * 3


def _gold(corpus: Path) -> list[dict[str, Any]]:
    lines = (corpus / "gold" / "incidents.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _word(rng: random.Random) -> str:
    """An invented six-letter word: the detail only this incident's tellers share."""
    return "".join(rng.choice("bcdfghjklmnprstvz") + rng.choice("aeiou") for _ in range(3))


def synthetic_mentions(count: int, corpus: Path, seed: int = 5) -> list[Mention]:
    rng = random.Random(seed)
    gold = [g for g in _gold(corpus) if g["date"]]
    counties: dict[str, list[str]] = {}
    for g in gold:
        if g["place"]["province"] and g["place"]["county_or_city"]:
            counties.setdefault(g["place"]["province"], []).append(g["place"]["county_or_city"])
    out: list[Mention] = []
    incident = 0
    while len(out) < count:
        incident += 1
        base = rng.choice(gold)
        year, month, day = (int(p) for p in (base["date"] + "-01-15")[:10].split("-"))
        when = date(year, month, min(day, 28)) - timedelta(days=rng.randrange(0, 25 * 365))
        province = base["place"]["province"]
        county = base["place"]["county_or_city"]
        if province in counties and rng.random() < 0.5:
            county = rng.choice(counties[province])
        victims = base["victims"]["count"]
        detail = " ".join(_word(rng) for _ in range(3))
        for telling in range(rng.choice(TELLINGS)):
            if len(out) >= count:
                break
            shown = when + timedelta(days=rng.choice([0, 0, 1, -1, 3]))
            precision = rng.choice(["day", "day", "month", "month", "year"])
            text = {"day": shown.isoformat(), "month": shown.isoformat()[:7], "year": shown.isoformat()[:4]}[precision]
            evidence = f"{base['type'].replace('_', ' ')} {detail}"
            out.append(
                Mention(
                    type=base["type"],
                    date=text,
                    date_precision=precision,  # type: ignore[arg-type]
                    place=Place(province, county if rng.random() > 0.15 else None),
                    perpetrator=base["perpetrator"] if rng.random() > 0.2 else None,
                    victims=Victims(
                        None if victims is None else max(1, victims + rng.choice([0, 0, 1, -1])),
                        None,
                        f"people of the {detail.split()[telling % 3]} affair",
                    ),
                    relation=rng.choice(["unknown", "first-hand", "second-hand"]),
                    evidence=(EvidenceSpan("incident", 0, len(evidence), evidence),),
                    testimony=f"T{len(out):07d}",
                    mention_id=f"M{len(out):07d}-{incident}",
                    source=f"S{rng.randrange(max(40, count // 3)):06d}",
                )
            )
    return out


def run_one(count: int, corpus: Path, all_pairs: bool) -> dict[str, Any]:
    import casework.link.linkage as linkage_module

    mentions = synthetic_mentions(count, corpus)
    building = {"wall": 0.0, "cpu": 0.0}
    build_table = linkage_module.mention_table

    def timed_table(*args: Any, **kwargs: Any) -> Any:
        began, began_cpu = time.perf_counter(), time.process_time()
        table = build_table(*args, **kwargs)
        building["wall"] += time.perf_counter() - began
        building["cpu"] += time.process_time() - began_cpu
        return table

    linkage_module.mention_table = timed_table  # type: ignore[assignment]
    started = time.perf_counter()
    cpu_started = time.process_time()
    linkage = link_mentions(mentions)
    seconds = time.perf_counter() - started
    cpu_seconds = time.process_time() - cpu_started
    linkage_module.mention_table = build_table  # type: ignore[assignment]
    truth = {m.mention_id: (m.mention_id or "").split("-")[1] for m in mentions}
    from casework.link.scoring import score_clusters

    scores = score_clusters(linkage.assignment, truth)  # type: ignore[arg-type]
    result: dict[str, Any] = {
        "mentions": count,
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,
        "features_seconds": building["wall"],
        "features_cpu_seconds": building["cpu"],
        "incidents": len(linkage.incidents),
        "pairs": len(linkage.pairs),
        "pair_f1": scores.pair_f1,
        "bcubed_f1": scores.bcubed_f1,
    }
    result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if all_pairs:
        result.update(_all_pairs(mentions, linkage.model_json))
    return result


def run_incremental(count: int, new: int, corpus: Path) -> dict[str, Any]:
    """A full run over ``count`` mentions that keeps its features, then ``new`` more mentions linked into it.

    The incremental run is timed from the cache's stored text (as the desk reads it
    from the store) to the new cache text (as it saves it): features of the old
    mentions come from the cache, only new pairs are scored, old incidents are kept.
    """
    from casework.link import link_new_mentions, settled_incidents
    from casework.link.feature_cache import FeatureCache

    mentions = synthetic_mentions(count + new, corpus)
    cache = FeatureCache()
    started, cpu = time.perf_counter(), time.process_time()
    full = link_mentions(mentions[:count], features=cache)
    full_seconds, full_cpu = time.perf_counter() - started, time.process_time() - cpu
    stored = cache.to_text()
    started, cpu = time.perf_counter(), time.process_time()
    cache = FeatureCache.from_text(stored)
    settled = settled_incidents(full.incidents, mentions, [])
    linkage = link_new_mentions(mentions, settled, model_json=full.model_json, features=cache)
    stored = cache.to_text()
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu
    return {
        "incremental_base": count,
        "incremental_new": new,
        "incremental_full_seconds": full_seconds,
        "incremental_full_cpu": full_cpu,
        "incremental_seconds": seconds,
        "incremental_cpu": cpu_seconds,
        "incremental_pairs": len(linkage.pairs),
        "incremental_cache_hits": cache.hits,
    }


def _all_pairs(mentions: list[Mention], model_json: str) -> dict[str, Any]:
    """The naive baseline: the same model scoring every pair of mentions, no blocking."""
    from splink import Linker

    from casework.link.engines import database_api
    from casework.link.features import mention_rows
    from casework.link.splink_model import rows_table, settings_for

    rows = mention_rows(mentions)
    db_api = database_api("duckdb")
    settings = settings_for(db_api, len(rows), model_json)
    settings["blocking_rules_to_generate_predictions"] = [{"blocking_rule": "l.testimony <> r.testimony"}]
    started = time.perf_counter()
    linker = Linker(db_api.register(rows_table(rows), dataset_display_name="all_pairs"), settings, log_level=None)
    scored = linker.inference.predict(threshold_match_probability=0.01, warning_mode="never")
    found = linker.misc.query_sql(f"select count(*) as n from {scored.physical_name}", output_type="pandas")
    return {"all_pairs_seconds": time.perf_counter() - started, "all_pairs_found": int(found["n"][0])}


def _sizes(values: list[str]) -> list[int]:
    """``--sizes 10000,100000`` or ``--sizes 10000 100000``."""
    return [int(part) for value in values for part in value.split(",") if part.strip()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", nargs="+", default=["10000,100000,1000000"], help="numbers of mentions (comma- or space-separated)"
    )
    parser.add_argument(
        "--curve",
        action="store_true",
        help="also run 2,000,000 and 4,000,000 mentions (where DuckDB stops on one machine; ~8 and ~15 GB)",
    )
    parser.add_argument("--repetitions", type=int, default=1, help="runs per size (each in a fresh process)")
    parser.add_argument("--no-baseline", action="store_true", help="skip the naive all-pairs baseline at 10,000")
    parser.add_argument("--corpus", type=Path, default=SHARED / "corpus")
    parser.add_argument(
        "--incremental",
        type=int,
        default=1000,
        help="link this many new mentions into each size of 100,000 or less (0: skip)",
    )
    parser.add_argument("--run", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--new", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--all-pairs", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run and args.new:
        print(json.dumps(run_incremental(args.run, args.new, args.corpus)))
        return
    if args.run:
        print(json.dumps(run_one(args.run, args.corpus, args.all_pairs)))
        return
    print(load_line("start"))
    header = (
        f"{'mentions':>9} {'wall s':>8} {'CPU s':>8} {'features s':>10} {'wall %':>6} {'CPU %':>6} {'peak MB':>8} "
        f"{'incidents':>9} {'pairs':>9} {'pairF1':>7} {'B3F1':>6} {'load':>5}"
    )
    print(header)
    extra = []
    sizes = _sizes(args.sizes) + ([2_000_000, 4_000_000] if args.curve else [])
    for size in sizes:
        for _ in range(args.repetitions):
            load = os.getloadavg()[0]
            command = [sys.executable, __file__, "--run", str(size), "--corpus", str(args.corpus)]
            if size == 10_000 and not args.no_baseline and not extra:
                command.append("--all-pairs")
            done = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
            if done.returncode != 0:
                print(f"{size:>9} failed: {done.stderr.strip().splitlines()[-1:]}")
                sys.stdout.flush()
                continue
            r = json.loads(done.stdout.strip().splitlines()[-1])
            share = r["features_seconds"] / r["seconds"] if r["seconds"] else 0.0
            cpu_share = r["features_cpu_seconds"] / r["cpu_seconds"] if r["cpu_seconds"] else 0.0
            print(
                f"{r['mentions']:>9} {r['seconds']:>8.1f} {r['cpu_seconds']:>8.1f} {r['features_seconds']:>10.1f} "
                f"{share:>6.0%} {cpu_share:>6.0%} {r['peak_mb']:>8.0f} {r['incidents']:>9} {r['pairs']:>9} "
                f"{r['pair_f1']:>7.3f} {r['bcubed_f1']:>6.3f} {load:>5.2f}",
                flush=True,
            )
            if "all_pairs_seconds" in r:
                extra.append(
                    f"10k naive all-pairs scoring: {r['all_pairs_seconds']:.1f} s vs blocked scoring+training "
                    f"{r['seconds']:.1f} s (ratio {r['all_pairs_seconds'] / r['seconds']:.1f}x; "
                    f"all {size * (size - 1) // 2:,} pairs scored)"
                )
    small = [size for size in sizes if args.incremental and size <= 100_000]
    if small:
        print()
        columns = f"{'archive':>9} {'new':>6} {'full wall/CPU s':>16} {'incremental wall/CPU s':>22}"
        print(f"{columns} {'ratio wall/CPU':>14} {'cache hits':>10} {'load':>5}")
    for size in small:
        load = os.getloadavg()[0]
        command = [sys.executable, __file__, "--run", str(size), "--new", str(args.incremental)]
        done = subprocess.run([*command, "--corpus", str(args.corpus)], capture_output=True, text=True, check=False)  # noqa: S603
        if done.returncode != 0:
            print(f"{size:>9} incremental failed: {done.stderr.strip().splitlines()[-1:]}")
            continue
        r = json.loads(done.stdout.strip().splitlines()[-1])
        full = f"{r['incremental_full_seconds']:.1f}/{r['incremental_full_cpu']:.1f}"
        part = f"{r['incremental_seconds']:.2f}/{r['incremental_cpu']:.2f}"
        ratios = (
            f"{r['incremental_seconds'] / r['incremental_full_seconds']:.1%}/"
            f"{r['incremental_cpu'] / r['incremental_full_cpu']:.1%}"
        )
        print(
            f"{size:>9} {args.incremental:>6} {full:>16} {part:>22} {ratios:>14} "
            f"{r['incremental_cache_hits']:>10} {load:>5.2f}",
            flush=True,
        )
    for line in extra:
        print(line)
    print(
        "load = 1-minute load average when the size started; features = building the mention table "
        "(wall s, share of wall and of CPU time)"
    )
    print(load_line("end"))


if __name__ == "__main__":
    main()
