"""Intake speed: encrypted CaseStore.add_testimony vs. the same inserts into plain SQLite.

Fairness: both sides run in the same process on the same disk, on the same synthetic
testimonies of about 300 words, alternating in 20 rounds so that a busy shared disk
or CPU slows both alike. Both use the same durability: journal_mode=WAL,
synchronous=FULL, and one transaction per testimony (BEGIN IMMEDIATE ... COMMIT,
one fsync each). Both parse the header block (which hashes the bytes once) and detect the
language of every file. The plain side stores the text in the clear with the parser's
SHA-256 in a UNIQUE column.

The encrypted side pays for what the store does per record: the SHA-256 and keyed
MAC of the bytes, three AEAD seals, the source and duplicate checks, numbering, the
hash-chained audit event in the same transaction, and its own safety pragmas
(foreign_keys, secure_delete). Key derivation (Argon2id at the default cost) runs
once, at unlock, and is reported separately. The load average is printed because
the ratio moves with other work on the machine (an fsync-bound disk narrows it,
an idle disk with a busy CPU widens it).

Usage: .venv/bin/python bench/intake.py [--n 10000] [--rounds 20] [--dirs /dev/shm,/tmp]
Targets (issue 14): ratio (plain rate / encrypted rate) <= 1.3 on a RAM disk (/dev/shm),
<= 1.5 on a quiet disk, both in the same run. Figures count only at load < 1.5.
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import tempfile
import time
from datetime import date
from pathlib import Path

from casework.intake import detect_language, parse_testimony
from casework.store import KdfParams, TestimonyInput, init_store, open_store

WORDS = (
    "source province told arrested security police market border phone broker family night women men "
    "detained released bribe labour camp county city river crossing guards inminban meeting rally "
    "execution public ground trial prison sentence smuggling money relatives china bowibu agents "
    "month week village station train neighbours fear rumour report said according the a of in on at"
).split()
PASS = "bench passphrase, not secret"  # noqa: S105 - a throwaway store in a temporary folder


def testimonies(n: int, words: int = 300) -> list[bytes]:
    rng = random.Random(7)
    out = []
    for i in range(n):
        body = " ".join(rng.choice(WORDS) for _ in range(words))
        out.append(f"received: 2021-03-{1 + i % 28:02d}\nchannel: phone\nsource: SRC-01\n\n{i} {body}.".encode())
    return out


class EncryptedDesk:
    """A fresh store, unlocked once at the default Argon2id cost."""

    def __init__(self, folder: Path) -> None:
        url = str(folder / "encrypted.db")
        init_store(url, "admin", PASS, kdf=KdfParams())
        start = time.perf_counter()
        self.store = open_store(url, "admin", PASS)
        self.unlock_seconds = time.perf_counter() - start
        self.store.add_source("SRC-01")

    def add(self, number: int, raw: bytes) -> None:
        self.store.add_testimony(raw, source="SRC-01", filename=f"t{number}.txt")

    def add_folder(self, first: int, raws: list[bytes]) -> None:
        items = [TestimonyInput(raw, source="SRC-01", filename=f"t{first + k}.txt") for k, raw in enumerate(raws)]
        results = self.store.add_testimonies(items)
        assert not any(isinstance(r, Exception) for r in results)


class PlainDesk:
    """The baseline: the same fields, in plain text, one transaction per testimony, same durability."""

    def __init__(self, folder: Path) -> None:
        self.conn = sqlite3.connect(folder / "plain.db", isolation_level=None)
        for pragma in ("journal_mode=WAL", "synchronous=FULL"):
            self.conn.execute(f"PRAGMA {pragma}")
        self.conn.execute(
            "CREATE TABLE testimonies (testimony_id TEXT PRIMARY KEY, source TEXT NOT NULL, sha256 TEXT UNIQUE, "
            "text TEXT NOT NULL, filename TEXT, received TEXT, channel TEXT, language TEXT)"
        )

    def add(self, number: int, raw: bytes) -> None:
        self.add_folder(number, [raw])

    def add_folder(self, first: int, raws: list[bytes]) -> None:
        self.conn.execute("BEGIN IMMEDIATE")
        for k, raw in enumerate(raws):
            number = first + k
            parsed = parse_testimony(raw, "bench")
            self.conn.execute(
                "INSERT INTO testimonies VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    f"T-{number + 1:04d}",
                    "SRC-01",
                    parsed.sha256,  # the parser's SHA-256 of the bytes, as the store uses it
                    parsed.text,
                    f"t{number}.txt",
                    parsed.header.get("received"),
                    parsed.header.get("channel"),
                    detect_language(parsed.body),
                ),
            )
        self.conn.execute("COMMIT")


def timed_rounds(
    items: list[bytes], desks: dict[str, EncryptedDesk | PlainDesk], rounds: int = 20, batch: int = 0
) -> tuple[dict[str, float], dict[str, float]]:
    """(wall seconds, CPU seconds) per side, alternating the sides in rounds so that a busy disk or CPU hurts all alike.

    ``batch`` 0: one transaction per testimony; otherwise one per ``batch`` testimonies (a folder).
    CPU time (this process, user + system) is what other work on a shared machine disturbs least.
    """
    seconds = dict.fromkeys(desks, 0.0)
    cpu = dict.fromkeys(desks, 0.0)
    size = -(-len(items) // rounds)
    for start in range(0, len(items), size):
        stop = min(start + size, len(items))
        for name, desk in desks.items():
            began, began_cpu = time.perf_counter(), time.process_time()
            if batch:
                for first in range(start, stop, batch):
                    desk.add_folder(first, items[first : min(first + batch, stop)])
            else:
                for number in range(start, stop):
                    desk.add(number, items[number])
            seconds[name] += time.perf_counter() - began
            cpu[name] += time.process_time() - began_cpu
    return seconds, cpu


TARGETS = {"/dev/shm": 1.3}  # a RAM disk; any other folder is a disk: 1.5
DISK_TARGET = 1.5


def run_in(
    folder_root: str, items: list[bytes], rounds: int, batch: int = 0
) -> tuple[dict[str, float], dict[str, float], float]:
    """(wall seconds, CPU seconds, unlock seconds) for stores in a temporary folder under ``folder_root``."""
    with tempfile.TemporaryDirectory(prefix="casework-bench-", dir=folder_root) as tmp:
        folder = Path(tmp)
        encrypted_desk = EncryptedDesk(folder)
        seconds, cpu = timed_rounds(items, {"plain": PlainDesk(folder), "encrypted": encrypted_desk}, rounds, batch)
        encrypted_desk.store.close()
    return seconds, cpu, encrypted_desk.unlock_seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000, help="number of testimonies per folder (default 10000)")
    parser.add_argument("--rounds", type=int, default=20, help="alternating rounds (default 20)")
    parser.add_argument("--words", type=int, default=300, help="words per testimony (default 300)")
    parser.add_argument(
        "--dirs", default="/dev/shm,/tmp", help="folders to measure in, same run (default /dev/shm,/tmp)"
    )
    parser.add_argument(
        "--batch",
        type=int,
        default=100,
        help="testimonies per transaction in the folder rows, both sides (default 100; 0: skip those rows)",
    )
    args = parser.parse_args()
    items = testimonies(args.n, args.words)
    load_before = os.getloadavg()[0]
    words = sum(len(raw.split()) for raw in items) / len(items)
    print(f"intake of {args.n} testimonies, {words:.0f} words each on average, {date.today().isoformat()}")
    print(f"load average (1 min) at start: {load_before:.2f}" + ("" if load_before < 1.5 else "  (NOT QUIET: >= 1.5)"))
    print()
    print("per file: one transaction per testimony on both sides; folder: one per --batch testimonies on both")
    print("ratio: encrypted time / plain time (wall); cpu: the same in CPU time, steadier on a busy machine")
    header = f"{'folder':<12} {'mode':<10} {'plain/s':>9} {'encrypted/s':>12} {'ratio':>7} {'target':>7}"
    print(f"{header}  {'verdict':<13} {'cpu ms/t plain':>14} {'encrypted':>9} {'cpu ratio':>9}")
    unlock = 0.0
    for root in [d for d in args.dirs.split(",") if d]:
        if not Path(root).is_dir():
            print(f"{root:<12} (no such folder: skipped)")
            continue
        for mode, batch in (("per file", 0), (f"folder/{args.batch}", args.batch)):
            if mode != "per file" and not batch:
                continue
            seconds, cpu, unlock = run_in(root, items, args.rounds, batch)
            plain_rate, encrypted_rate = args.n / seconds["plain"], args.n / seconds["encrypted"]
            ratio = plain_rate / encrypted_rate
            target = TARGETS.get(root.rstrip("/"), DISK_TARGET)
            verdict = "OK" if ratio <= target else "ABOVE TARGET"
            rates = f"{plain_rate:>9.1f} {encrypted_rate:>12.1f} {ratio:>7.2f} {target:>7.2f}"
            per = {side: 1000 * cpu[side] / args.n for side in cpu}
            cpu_figures = f"{per['plain']:>14.3f} {per['encrypted']:>9.3f} {cpu['encrypted'] / cpu['plain']:>9.2f}"
            print(f"{root:<12} {mode:<10} {rates}  {verdict:<13} {cpu_figures}")
    print()
    print(f"unlock (Argon2id ops=3, 64 MiB, once per session): {unlock:.2f} s")
    print(f"load average (1 min) before/after: {load_before:.2f}/{os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
