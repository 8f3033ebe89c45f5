"""End to end on the shared corpus: MSE per incident type with lists = channels.

Lists are the four intake channels (phone, interview, letter, messaging), read from each
testimony's header: a stand-in for four documentation programmes. An incident's capture
history is the set of channels whose testimonies mention it.

1. Gold clustering (``gold/incidents_truth.jsonl``): the estimate when linkage is perfect.
2. Linkage at several match thresholds (``casework.link.link_mentions`` on the gold
   mentions, Splink trained afresh): the spread that linkage uncertainty adds.

Baselines printed beside the estimates: the observed count (what a desk reports without
estimation) and the independence model. The corpus is small (188 incidents, few seen
through more than one channel), so most type strata are refused; that refusal is the
honest answer, not a failure.

With ``--via-store`` the same runs end to end through a real (temporary, SQLite) store and
the CLI: the testimonies are added with ``list = channel``, the gold mentions saved as
accepted, the gold incidents saved, then ``casework estimate --by type`` and
``casework estimate --by type --thresholds ...`` are run as a user would.

Usage: .venv/bin/python bench/estimate_corpus.py [--thresholds 0.5,0.7,0.9] [--by type] [--via-store]
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from pathlib import Path

from casework.errors import CaseworkError
from casework.estimate import StratumEstimate, estimate_strata
from casework.estimate.strata import threshold_spread
from casework.intake.header import parse_testimony
from casework.model import Incident, Mention, replace
from machine import load_line

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("CASEWORK_SHARED", REPO.parent / "shared"))


def load_corpus(corpus: Path) -> tuple[list[Mention], dict[str, str], dict[str, str], dict[str, str]]:
    """Gold mentions (with source), mention -> channel, gold mention -> incident, testimony texts."""
    headers: dict[str, dict[str, str]] = {}
    texts: dict[str, str] = {}
    for path in sorted((corpus / "testimonies").glob("t*.txt")):
        parsed = parse_testimony(path.read_bytes(), path.name)
        headers[path.stem] = parsed.header
        texts[path.stem] = parsed.text
    mentions: list[Mention] = []
    for line in (corpus / "gold" / "incidents.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            obj = json.loads(line)
            obj["source"] = headers[obj["testimony"]]["source"]
            mentions.append(Mention.from_json(obj))
    channel = {m.mention_id: headers[m.testimony]["channel"] for m in mentions if m.mention_id and m.testimony}
    gold: dict[str, str] = {}
    for line in (corpus / "gold" / "incidents_truth.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            obj = json.loads(line)
            gold.update({m: obj["incident"] for m in obj["mentions"]})
    return mentions, channel, gold, texts


def row(r: StratumEstimate, label: str) -> str:
    h = r.histories
    multi = sum(c for p, c in h.table.items() if sum(p) >= 2)
    head = f"{label:<10} {r.stratum:<32} {h.observed:>5} {multi:>5}"
    if r.estimate is None:
        return f"{head}   refused: {r.refused}"
    est = r.estimate
    indep = next(m for m in est.models if m.name == "independence")

    def fmt(v: float) -> str:
        return "inf" if v == float("inf") else f"{v:,.0f}"

    return (
        f"{head} {fmt(indep.n_hat):>8} {fmt(est.selected.n_hat):>8} "
        f"[{fmt(est.selected.interval[0])}, {fmt(est.selected.interval[1])}]".ljust(74)
        + f" {fmt(est.averaged_n_hat):>8} [{fmt(est.averaged_interval[0])}, {fmt(est.averaged_interval[1])}]"
        + f"  {est.selected.name}"
    )


def via_store(corpus: Path, by: str, thresholds: str) -> None:
    """Build a temporary store from the corpus and run ``casework estimate`` on it through the CLI."""
    from click.testing import CliRunner

    from casework.cli import main as cli
    from casework.store import FAST_TEST_KDF, init_store, open_store

    unlock = "bench only, weak on purpose"
    mentions, _, gold, _ = load_corpus(corpus)
    with tempfile.TemporaryDirectory() as tmp:
        url = str(Path(tmp) / "corpus.db")
        started = time.perf_counter()
        init_store(url, "admin", unlock, kdf=FAST_TEST_KDF)
        store = open_store(url, "admin", unlock)
        try:
            stored_id: dict[str, str] = {}
            testimony_id: dict[str, str] = {}
            sources: set[str] = set()
            for path in sorted((corpus / "testimonies").glob("t*.txt")):
                raw = path.read_bytes()
                header = parse_testimony(raw, path.name).header
                if header["source"] not in sources:
                    store.add_source(header["source"])
                    sources.add(header["source"])
                added = store.add_testimony(
                    raw, source=header["source"], filename=path.name, list_name=header["channel"]
                )
                testimony_id[path.stem] = added.testimony_id
            by_testimony: dict[str, list[Mention]] = {}
            for m in mentions:
                by_testimony.setdefault(m.testimony or "", []).append(m)
            for stem, group in by_testimony.items():
                bare = [replace(m, mention_id=None, testimony=None, source=None) for m in group]
                ids = store.save_mentions(testimony_id[stem], bare, status="accepted")
                stored_id.update({m.mention_id or "": i for m, i in zip(group, ids, strict=True)})
            members: dict[str, list[str]] = {}
            for mention, incident in gold.items():
                members.setdefault(incident, []).append(stored_id[mention])
            store.save_incidents([Incident(i, tuple(m)) for i, m in sorted(members.items())])
        finally:
            store.close()
        print(
            f"store built in {time.perf_counter() - started:.1f} s: {len(testimony_id)} testimonies, "
            f"{len(stored_id)} accepted mentions, {len(members)} gold incidents; lists = channels"
        )
        runner = CliRunner()
        env = {"CASEWORK_PASSPHRASE": unlock}
        for extra in ([], ["--thresholds", thresholds]):
            args = ["--store", url, "estimate", "--by", by, *extra]
            print(f"\n$ casework --store corpus.db estimate --by {by} {' '.join(extra)}".rstrip())
            result = runner.invoke(cli, args, env=env)
            print(result.stdout.rstrip())
            if result.exit_code:
                print(f"exit {result.exit_code}: {result.stderr.strip()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=SHARED / "corpus")
    parser.add_argument("--thresholds", default="0.5,0.7,0.9")
    parser.add_argument("--by", default="type", choices=["type", "year", "province", "region"])
    parser.add_argument("--min-observed", type=int, default=10)
    parser.add_argument("--via-store", action="store_true", help="end to end through a temporary store and the CLI")
    args = parser.parse_args()
    print(load_line("start"))
    if args.via_store:
        via_store(args.corpus, args.by, args.thresholds)
        return
    mentions, channel, gold, texts = load_corpus(args.corpus)
    by_id = {m.mention_id: m for m in mentions if m.mention_id}
    print(f"corpus: {len(mentions)} gold mentions, {len(set(gold.values()))} true incidents; lists = channels")
    print(
        f"{'clusters':<10} {args.by + ' stratum':<32} {'obs':>5} {'multi':>5} {'indep':>8} {'selected':>8} "
        f"{'95% interval':<22}{'averaged':>30} 95% interval   selected model"
    )
    options = {"by": args.by, "mentions": by_id, "min_observed": args.min_observed}
    for r in estimate_strata(gold, channel, **options):
        print(row(r, "gold"))

    thresholds = [float(t) for t in args.thresholds.split(",") if t.strip()]
    try:
        from casework.link import link_mentions
    except ImportError:
        print("\nlinkage spread: casework.link is not available in this build; skipped")
        return
    started = time.perf_counter()
    try:
        linkage = link_mentions(mentions, testimony_texts=texts)
    except CaseworkError as err:
        print(f"\nlinkage spread: linkage failed ({err}); skipped")
        return
    print(f"\nlinkage: Splink trained on the gold mentions in {time.perf_counter() - started:.1f} s")
    results: list[StratumEstimate] = []
    for t in thresholds:
        clusters = linkage.clusters_at(t)
        found = estimate_strata(clusters, channel, threshold=t, **options)
        results += found
        print(f"-- threshold {t:g}: {len(set(clusters.values()))} incidents")
        for r in found:
            print(row(r, f"link@{t:g}"))
    print("\nspread of the selected estimate across thresholds (gold in brackets):")
    gold_all = {r.stratum: r for r in estimate_strata(gold, channel, **options)}
    for stratum, entry in threshold_spread(results).items():
        g = gold_all.get(stratum)
        g_text = f"{g.estimate.selected.n_hat:,.0f}" if g and g.estimate else "refused"
        if entry["min"] is None:
            span = "refused at every threshold"
        else:
            span = f"{entry['min']:,.0f}-{entry['max']:,.0f} ({len(entry['n_hat'])} of {len(entry['thresholds'])})"
        obs = f"{min(entry['observed'])}-{max(entry['observed'])}"
        print(f"  {stratum:<32} observed {obs:<9} N_hat {span:<36} [gold {g_text}]")


if __name__ == "__main__":
    main()
