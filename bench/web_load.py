"""Latency of the web app's main pages on a large store, over loopback.

A store is filled through the store API (fast test KDF) with N mentions (20 per
testimony, incidents of about three mentions), the real app is served by waitress
on 127.0.0.1, one analyst logs in, and each page is requested in a bounded loop
(``--requests`` times, or until ``--budget`` seconds are spent on that page). The
baseline is the same pages on a small store (1,000 mentions) in the same run, so
that what grows with the store stands out. Target (issue 14): p95 <= 10 ms on every page at
100,000 mentions and <= 50 ms at 1,000,000, on a quiet machine: the load average is printed
at the start and the end, and a figure measured at load >= 1.5 is marked as not counting.
The search page is measured after its in-memory index is built, and the time the build took
(reported by the page) is printed. ``--language ko`` measures the Korean pages.

Because wall time is noisy on a shared machine, the server also counts, per request, the CPU
time of the thread that served it (``time.thread_time``), the SQL statements it ran and the
sealed values it opened (records and text decrypted): those are the figures to compare
before/after a change. ``--store-dir DIR`` keeps the stores there and reuses them on the next
run (building 100,000 mentions takes minutes).

Usage:
    .venv/bin/python bench/web_load.py                    # 100,000 mentions, 200 requests per page
    .venv/bin/python bench/web_load.py --mentions 20000 --requests 50
    .venv/bin/python bench/web_load.py --store-dir /tmp/web-stores --requests 50
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import requests
import sqlalchemy as sa
import waitress

from casework.model import EvidenceSpan, Incident, Mention, Place, Victims
from casework.store import FAST_TEST_KDF, MentionStatus, crypto, init_store, open_store
from casework.web import create_app
from casework.web.paging import pages_in_store

PASSPHRASE = "bench-passphrase"  # noqa: S105 - a throwaway store made by this script
PER_TESTIMONY = 20
TYPES = ("arrest", "detention", "disappearance", "execution", "forced_labour_or_mobilisation")
PLACES = (("Ryanggang", "Hyesan"), ("North Hamgyong", "Hoeryong"), ("North Hamgyong", "Musan"), ("Pyongyang", None))
SENTENCE = "In {month} {year} agents arrested {n} people in {place} near the market, a neighbour said. "
TARGET_P95_MS = 10.0
TARGET_P95_MS_1M = 50.0
QUIET = 1.5


def _testimony(number: int) -> tuple[str, list[Mention]]:
    header = f"Testimony number {number}.\n"
    parts: list[str] = [header]
    mentions: list[Mention] = []
    offset = len(header)
    for k in range(PER_TESTIMONY):
        province, county = PLACES[(number + k) % len(PLACES)]
        year, month = 2015 + (number + k) % 9, ("March", "June", "October")[k % 3]
        sentence = SENTENCE.format(month=month, year=year, n=k % 7 + 1, place=county or province)
        start = offset + sentence.index(month)
        date_text = f"{month} {year}"
        mentions.append(
            Mention(
                type=TYPES[(number + k) % len(TYPES)],
                date=f"{year}-{('03', '06', '10')[k % 3]}",
                date_text=date_text,
                date_precision="month",
                place=Place(province, county, None),
                perpetrator="Ministry of State Security",
                victims=Victims(k % 7 + 1, str(k % 7 + 1), "people"),
                relation="second-hand",
                evidence=(
                    EvidenceSpan("incident", offset, offset + len(sentence) - 1, sentence[:-1]),
                    EvidenceSpan("date", start, start + len(date_text), date_text),
                ),
            )
        )
        parts.append(sentence)
        offset += len(sentence)
    return "".join(parts), mentions


def build_store(path: Path, total_mentions: int) -> dict[str, str]:
    """A store with ``total_mentions`` mentions through the public store API; returns sample ids."""
    init_store(str(path), "admin", PASSPHRASE, kdf=FAST_TEST_KDF)
    store = open_store(str(path), "admin", PASSPHRASE)
    try:
        store.add_user("ana", PASSPHRASE, "analyst")
        for s in range(50):
            store.add_source(f"SRC-{s:03d}")
        mention_ids: list[str] = []
        first_testimony = ""
        for number in range(max(1, total_mentions // PER_TESTIMONY)):
            text, mentions = _testimony(number)
            result = store.add_testimony(text.encode(), source=f"SRC-{number % 50:03d}", channel="phone")
            first_testimony = first_testimony or result.testimony_id
            status: MentionStatus = "accepted" if number % 2 else "suggested"
            mention_ids += store.save_mentions(result.testimony_id, mentions, status=status)
        incidents = [
            Incident(f"I-{i // 3 + 1:05d}", tuple(mention_ids[i : i + 3]), grade="corroborated", independent_sources=2)
            for i in range(0, len(mention_ids), 3)
        ]
        store.save_incidents(incidents)
        store.save_link_decision(mention_ids[0], mention_ids[1], "confirm")
    finally:
        store.close()
    return {"testimony": first_testimony, "mention": mention_ids[len(mention_ids) // 2], "incident": "I-00002"}


class RequestCosts:
    """Per-request server-side costs: CPU time of the serving thread, SQL statements, values unsealed.

    A WSGI wrapper around the app plus an SQLAlchemy listener and a counting wrapper of
    ``crypto.unseal`` (this process only: the bench, never the app). Counters are per
    thread, so the client's own work and other requests are not counted.
    """

    def __init__(self, app: Any) -> None:
        self.app = app
        self.local = threading.local()
        self.last: dict[str, tuple[float, int, int]] = {}  # path -> (cpu ms, statements, unsealed)
        sa.event.listen(sa.engine.Engine, "before_cursor_execute", self._statement)
        original = crypto.unseal

        def counted(key: bytes, sealed: bytes, where: str) -> bytes:
            self._bump("unsealed")
            return original(key, sealed, where)

        crypto.unseal = counted  # type: ignore[assignment]

    def _bump(self, name: str) -> None:
        setattr(self.local, name, getattr(self.local, name, 0) + 1)

    def _statement(self, *args: Any) -> None:
        self._bump("statements")

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        self.local.statements = self.local.unsealed = 0
        cpu = time.thread_time()
        try:
            return list(self.app(environ, start_response))
        finally:
            key = environ.get("PATH_INFO", "") + ("?" + environ["QUERY_STRING"] if environ.get("QUERY_STRING") else "")
            spent = (time.thread_time() - cpu) * 1000
            self.last[key] = (spent, self.local.statements, self.local.unsealed)


def serve(store_path: Path) -> tuple[str, object, RequestCosts]:
    app = RequestCosts(create_app(str(store_path)))
    server = waitress.create_server(app, host="127.0.0.1", port=0, threads=4)
    threading.Thread(target=server.run, daemon=True).start()
    return f"http://127.0.0.1:{server.effective_port}", server, app


def logged_in(base: str, language: str = "en") -> requests.Session:
    session = requests.Session()
    session.headers["Accept-Language"] = language
    html = session.get(f"{base}/login", timeout=30).text
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html)
    assert token, "no CSRF token on the login page"
    response = session.post(
        f"{base}/login",
        data={"username": "ana", "passphrase": PASSPHRASE, "csrf_token": token.group(1)},
        allow_redirects=False,
        timeout=30,
    )
    assert response.status_code == 302, f"login failed: {response.status_code}"
    return session


def measure(
    session: requests.Session, url: str, requests_per_page: int, budget_s: float, costs: RequestCosts, path: str
) -> tuple[list[float], list[tuple[float, int, int]]]:
    """Wall-clock ms per request, and the server's (CPU ms, statements, unsealed) per request."""
    t0 = time.perf_counter()
    session.get(url, timeout=1800)  # warm-up (templates, caches; by confidence: scores the unscored once)
    if time.perf_counter() - t0 > 1.0:
        print(f"#   first request of {path} took {time.perf_counter() - t0:.1f} s", flush=True)
    timings: list[float] = []
    server: list[tuple[float, int, int]] = []
    started = time.perf_counter()
    for _ in range(requests_per_page):
        t0 = time.perf_counter()
        response = session.get(url, timeout=120)
        timings.append((time.perf_counter() - t0) * 1000)
        assert response.status_code == 200, f"{url}: HTTP {response.status_code}"
        server.append(costs.last[path])
        if time.perf_counter() - started > budget_s:
            break
    return timings, server


def pages(ids: dict[str, str]) -> list[tuple[str, str]]:
    return [
        ("front page", "/"),
        ("testimonies, page 1", "/testimonies"),
        ("testimonies, page 20", "/testimonies?page=20"),
        ("testimony view", f"/testimonies/{ids['testimony']}"),
        ("review queue, page 1", "/review"),
        ("review queue, page 200", "/review?page=200"),
        ("review queue, by confidence", "/review?sort=confidence&page=20"),
        ("mention (correct form)", f"/mentions/{ids['mention']}"),
        ("incidents, page 1", "/incidents"),
        ("incident view", f"/incidents/{ids['incident']}"),
        ("link review", "/links"),
        ("draft check (form)", "/drafts/check"),
        ("search: words", "/search?q=hyesan+market"),
        ("search: facets", "/search?kind=mention&type=arrest&province=North+Hamgyong&sort=date&desc=1"),
    ]


def wait_for_search(session: requests.Session, base: str, limit_s: float = 1800.0) -> float:
    """Seconds until the session's search index is ready (as the page reports its build time)."""
    started = time.perf_counter()
    while time.perf_counter() - started < limit_s:
        html = session.get(f"{base}/search", timeout=120).text
        found = re.search(r"(?:index built in|색인 생성) ([\d.]+)", html)
        if found:
            return float(found.group(1))
        time.sleep(0.5)
    raise RuntimeError("the search index was not built in time")


def percentile(values: list[float], q: float) -> float:
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


Figures = tuple[int, float, float, float, float, float]  # n, p50 ms, p95 ms, CPU ms, statements, unsealed


def stored(workdir: Path, total_mentions: int) -> tuple[Path, dict[str, str]]:
    """The store for this size: built now, or reused from ``workdir`` when an earlier run kept it."""
    path = workdir / f"web-load-{total_mentions}.db"
    ids_file = path.with_suffix(".ids")
    if path.exists() and ids_file.exists():
        print(f"# reusing the store with {total_mentions:,} mentions in {path}", flush=True)
        return path, dict(line.split("=", 1) for line in ids_file.read_text().split())
    path.unlink(missing_ok=True)
    t0 = time.perf_counter()
    ids = build_store(path, total_mentions)
    ids_file.write_text("".join(f"{k}={v}\n" for k, v in ids.items()))
    print(f"# store with {total_mentions:,} mentions built in {time.perf_counter() - t0:.0f} s", flush=True)
    return path, ids


def run(
    total_mentions: int,
    requests_per_page: int,
    budget_s: float,
    workdir: Path,
    language: str = "en",
    only: tuple[str, ...] = (),
) -> dict[str, Figures]:
    path, ids = stored(workdir, total_mentions)
    base, server, costs = serve(path)
    chosen = [(name, page) for name, page in pages(ids) if page and (not only or any(o in name for o in only))]
    session = logged_in(base, language)
    try:
        out: dict[str, Figures] = {}
        if any(name.startswith("search") for name, _ in chosen):
            built = wait_for_search(session, base)
            print(f"#   search index built in {built:.1f} s (in memory, for this session)", flush=True)
            out["search index build (s)"] = (1, built, built, 0.0, 0.0, 0.0)
        for name, page in chosen:
            timings, spent = measure(session, base + page, requests_per_page, budget_s, costs, page)
            out[name] = (
                len(timings),
                percentile(timings, 50),
                percentile(timings, 95),
                statistics.median(s[0] for s in spent),
                statistics.mean(s[1] for s in spent),
                statistics.mean(s[2] for s in spent),
            )
            print(
                f"#   {name}: n={len(timings)} p95={out[name][2]:.1f} ms, server CPU {out[name][3]:.1f} ms, "
                f"{out[name][4]:.0f} statements, {out[name][5]:.0f} unsealed",
                flush=True,
            )
        return out
    finally:
        session.close()
        server.close()  # type: ignore[attr-defined]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mentions", type=int, default=100_000)
    parser.add_argument("--baseline-mentions", type=int, default=1_000)
    parser.add_argument("--requests", type=int, default=200, help="requests per page (bounded loop)")
    parser.add_argument("--budget", type=float, default=60.0, help="seconds at most per page")
    parser.add_argument("--language", choices=("en", "ko"), default="en", help="interface language asked for")
    parser.add_argument("--store-dir", type=Path, help="keep the stores here and reuse them on later runs")
    parser.add_argument(
        "--only", action="append", default=[], metavar="WORDS",
        help="measure only the pages whose name contains WORDS (repeatable), e.g. --only incident",
    )
    args = parser.parse_args()
    # The stores are throwaway ones with the fast test KDF and a fixed passphrase, which the
    # store's policy refuses outside its testing mode.
    os.environ.setdefault("CASEWORK_INSECURE_TESTING", "1")

    load_start = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="casework-web-load-") as tmp:
        workdir = args.store_dir or Path(tmp)
        workdir.mkdir(parents=True, exist_ok=True)
        only = tuple(args.only)
        baseline = run(args.baseline_mentions, args.requests, args.budget, workdir, args.language, only)
        large = run(args.mentions, args.requests, args.budget, workdir, args.language, only)
    load_end = os.getloadavg()[0]

    store_pages = "yes" if pages_in_store(_store_listing()) else "no (full list fetched and sliced per request)"
    print()
    quiet = max(load_start, load_end) < QUIET
    target = TARGET_P95_MS if args.mentions <= 100_000 else TARGET_P95_MS_1M
    print(f"web_load: p50/p95 latency per page, loopback, one logged-in analyst, waitress 4 threads, {args.language}")
    print(
        f"machine: {os.cpu_count()} cores, load average {load_start:.2f} at start, {load_end:.2f} at end"
        + ("" if quiet else f"  -> NOT QUIET (>= {QUIET}): these figures do not count against the target")
    )
    print(f"store-side paging of list_mentions: {store_pages}")
    print()
    small, large_label = f"baseline {args.baseline_mentions:,}", f"{args.mentions:,} mentions"
    columns = f"{'n':>4} {'p50 ms':>7} {'p95 ms':>7} {'cpu ms':>7} {'sql':>5} {'open':>6}"
    width = len(columns)
    head = f"{'page':<26} | {small:>{width}} | {large_label:>{width}} | target"
    print(head)
    print(f"{'':<26} | {columns} | {columns} | p95<={target:.0f}")
    print("-" * len(head))
    for name in baseline:
        ok = "-" if name.startswith("search index") else ("ok" if large[name][2] <= target else "MISSED")
        ok = ok if quiet or ok == "-" else ok + " (not quiet)"
        print(f"{name:<26} | {_row(baseline[name])} | {_row(large[name])} | {ok}")
    print()
    print("cpu ms: median CPU time of the serving thread per request; sql: statements per request;")
    print("open: sealed values decrypted per request (means).")


def _row(figures: Figures) -> str:
    n, p50, p95, cpu, sql, opened = figures
    return f"{n:>4} {p50:>7.1f} {p95:>7.1f} {cpu:>7.1f} {sql:>5.0f} {opened:>6.0f}"


def _store_listing() -> Callable[..., Any]:
    from casework.store.case_store import SqlCaseStore

    listing: Callable[..., Any] = SqlCaseStore.list_mentions
    return listing


if __name__ == "__main__":
    main()
