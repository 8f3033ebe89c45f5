"""Speed of the in-memory search index: build time and query latency at desk sizes.

Records are made here (no store): N mentions with English or Korean evidence sentences
written by this script, 20 per testimony, incidents of three mentions, the facets a
desk has (types, provinces, sources, lists, grades, review states, languages). The
index is built as the web app builds it for a session (``desk_records`` then
``SearchIndex``), then a fixed mix of queries is run ``--repeats`` times each: words
(English, Korean, prefixes), facet filters, date ranges, sorts and deep pages. The
baseline is the same on ``--baseline`` mentions in the same run. Target: p95 < 200 ms
per query at 100,000 mentions. Build time from a real store (decrypting every
mention) is measured by bench/web_load.py, which reports it from the search page.

Usage:
    .venv/bin/python bench/search_speed.py                       # 100,000 mentions
    .venv/bin/python bench/search_speed.py --mentions 20000 --repeats 20
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from datetime import date

from casework.model import EvidenceSpan, Incident, Mention, Place
from casework.search import SearchIndex, SearchQuery, TestimonyFacts, desk_records

TARGET_P95_MS = 200.0
PER_TESTIMONY = 20
TYPES = ("arrest", "detention", "disappearance", "execution", "forced_labour_or_mobilisation", "surveillance")
PLACES = (
    ("Ryanggang", "Hyesan", "혜산"),
    ("North Hamgyong", "Hoeryong", "회령"),
    ("North Hamgyong", "Musan", "무산"),
    ("Pyongyang", None, "평양"),
    ("North Pyongan", "Sinuiju", "신의주"),
    ("Chagang", "Kanggye", "강계"),
)
EN = "In {month} {year} agents of the {agency} arrested {n} people in {place} near the {where}, a neighbour said."
KO = "{year}년 {month}월 {place}에서 {agency}가 주민 {n}명을 {where} 근처에서 체포했다고 이웃이 전했다."
WHERES = (("market", "장마당"), ("station", "역"), ("school", "학교"), ("factory", "공장"), ("river", "강가"))
AGENCIES = (("bowibu", "보위부"), ("police", "안전부"), ("border guards", "국경경비대"))
LISTS = ("desk-phone", "interview-programme", "partner-ngo")
QUERIES: list[tuple[str, SearchQuery]] = [
    ("one English word", SearchQuery(text="hyesan")),
    ("two English words", SearchQuery(text="arrested market")),
    ("English prefix", SearchQuery(text="hoer")),
    ("Korean word", SearchQuery(text="혜산")),
    ("Korean two words", SearchQuery(text="장마당 체포")),
    ("no words, all records", SearchQuery()),
    ("facet: mentions, arrest", SearchQuery(filters={"kind": frozenset({"mention"}), "type": frozenset({"arrest"})})),
    (
        "facets: 3 at once",
        SearchQuery(
            filters={
                "province": frozenset({"North Hamgyong"}),
                "status": frozenset({"suggested"}),
                "list": frozenset({"partner-ngo"}),
            }
        ),
    ),
    ("date range 2019", SearchQuery(date_from="2019-01-01", date_to="2019-12-31")),
    ("words + facet + date", SearchQuery(text="station", filters={"kind": frozenset({"mention"})}, date_from="2018")),
    ("sort by date, desc", SearchQuery(sort="date", descending=True)),
    ("sort by province, page 200", SearchQuery(sort="province", offset=9950, limit=50)),
]


def make_records(total: int) -> list:  # type: ignore[type-arg]
    mentions: list[tuple[Mention, str]] = []
    testimonies: list[TestimonyFacts] = []
    for number in range(max(1, total // PER_TESTIMONY)):
        tid, korean = f"T-{number + 1:06d}", number % 3 == 0
        source = f"SRC-{number % 300:03d}"
        testimonies.append(
            TestimonyFacts(
                tid, source, date(2024, 1 + number % 12, 1), "ko" if korean else "en", LISTS[number % 3], "phone"
            )
        )
        for k in range(PER_TESTIMONY):
            province, county, ko_place = PLACES[(number + k) % len(PLACES)]
            year, month = 2015 + (number + k) % 9, 1 + (k * 5) % 12
            where, agency = WHERES[(number * 7 + k) % len(WHERES)], AGENCIES[(number + 2 * k) % len(AGENCIES)]
            if korean:
                text = KO.format(year=year, month=month, place=ko_place, agency=agency[1], n=k % 7 + 1, where=where[1])
            else:
                text = EN.format(
                    month=date(2000, month, 1).strftime("%B"),
                    year=year,
                    agency=agency[0],
                    n=k % 7 + 1,
                    place=county or province,
                    where=where[0],
                )
            mention = Mention(
                type=TYPES[(number + k) % len(TYPES)],
                date=f"{year}-{month:02d}",
                date_precision="month",
                place=Place(province, county, None),
                evidence=(EvidenceSpan("incident", 0, len(text), text),),
                testimony=tid,
                mention_id=f"{tid}-{k + 1}",
                source=source,
            )
            mentions.append((mention, ("suggested", "accepted", "rejected")[(number + k) % 3]))
    ids = [m.mention_id or "" for m, _ in mentions]
    incidents = [
        Incident(f"I-{i // 3 + 1:06d}", tuple(ids[i : i + 3]), grade=("single-source", "corroborated")[i % 2])
        for i in range(0, len(ids), 3)
    ]
    return desk_records(mentions, testimonies, incidents)


def p(values: list[float], q: int) -> float:
    return values[0] if len(values) == 1 else statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def run(total: int, repeats: int) -> tuple[float, int, dict[str, tuple[float, float, int]]]:
    records = make_records(total)
    started = time.perf_counter()
    index = SearchIndex(records)
    built = time.perf_counter() - started
    out: dict[str, tuple[float, float, int]] = {}
    for name, query in QUERIES:
        timings = []
        for _ in range(repeats):
            t0 = time.perf_counter()
            result = index.search(query)
            timings.append((time.perf_counter() - t0) * 1000)
        out[name] = (p(timings, 50), p(timings, 95), result.total)
    return built, len(records), out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mentions", type=int, default=100_000, help="mentions in the large desk")
    parser.add_argument("--baseline", type=int, default=1_000, help="mentions in the baseline desk (same run)")
    parser.add_argument("--repeats", type=int, default=50, help="times each query runs")
    args = parser.parse_args()
    load_start = os.getloadavg()
    small = run(args.baseline, args.repeats)
    large = run(args.mentions, args.repeats)
    load_end = os.getloadavg()
    print("search_speed: in-memory index (casework.search), one thread")
    print(
        f"machine: {os.cpu_count()} cores; load average at start {load_start[0]:.2f}, at end {load_end[0]:.2f}"
        + ("" if max(load_start[0], load_end[0]) < 1.5 else "  (NOT QUIET: figures are upper bounds)")
    )
    print()
    for label, (built, records, _) in ((f"{args.baseline:,}", small), (f"{args.mentions:,}", large)):
        print(f"index of {label} mentions: {records:,} records built in {built:.2f} s")
    print()
    head = f"{'query':<28} | {'baseline p50/p95 ms':>20} | {'large p50/p95 ms':>18} | {'matches':>8} | target"
    print(head)
    print("-" * len(head))
    for name, _ in QUERIES:
        b50, b95, _n = small[2][name]
        l50, l95, matches = large[2][name]
        ok = "ok" if l95 < TARGET_P95_MS else "MISSED"
        print(f"{name:<28} | {b50:>9.2f} {b95:>10.2f} | {l50:>8.2f} {l95:>9.2f} | {matches:>8,} | {ok}")
    worst = max(v[1] for v in large[2].values())
    print()
    print(f"worst p95 at {args.mentions:,} mentions: {worst:.1f} ms (target < {TARGET_P95_MS:.0f} ms)")


if __name__ == "__main__":
    main()
