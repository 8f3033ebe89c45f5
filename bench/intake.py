"""Intake speed: encrypted CaseStore.add_testimony vs. the same inserts into plain SQLite.

Fairness: both sides run in the same process on the same disk, on the same synthetic
testimonies of about 300 words, alternating in 20 rounds so that a busy shared disk
or CPU slows both alike. Both use the same durability: journal_mode=WAL,
synchronous=FULL, and one transaction per testimony (BEGIN IMMEDIATE ... COMMIT,
one fsync each). Both parse the header block and detect the language of every file.
The plain side stores the text in the clear with a SHA-256 UNIQUE column.

The encrypted side pays for what the store does per record: the SHA-256 and keyed
MAC of the bytes, three AEAD seals, the source and duplicate checks, numbering, the
hash-chained audit event in the same transaction, and its own safety pragmas
(foreign_keys, secure_delete). Key derivation (Argon2id at the default cost) runs
once, at unlock, and is reported separately. The load average is printed because
the ratio moves with other work on the machine (an fsync-bound disk narrows it,
an idle disk with a busy CPU widens it).

Usage: .venv/bin/python bench/intake.py [--n 10000]
Target: ratio (plain rate / encrypted rate) <= 1.5.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import sqlite3
import tempfile
import time
from datetime import date
from pathlib import Path

from casework.intake import detect_language, parse_testimony
from casework.store import KdfParams, init_store, open_store

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
        parsed = parse_testimony(raw, "bench")
        self.conn.execute("BEGIN IMMEDIATE")
        self.conn.execute(
            "INSERT INTO testimonies VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                f"T-{number + 1:04d}",
                "SRC-01",
                hashlib.sha256(raw).hexdigest(),
                parsed.text,
                f"t{number}.txt",
                parsed.header.get("received"),
                parsed.header.get("channel"),
                detect_language(parsed.body),
            ),
        )
        self.conn.execute("COMMIT")


def timed_rounds(items: list[bytes], desks: dict[str, EncryptedDesk | PlainDesk], rounds: int = 20) -> dict[str, float]:
    """Alternate the two sides in rounds, so that a busy disk or CPU hurts both alike."""
    seconds = dict.fromkeys(desks, 0.0)
    size = -(-len(items) // rounds)
    for start in range(0, len(items), size):
        for name, desk in desks.items():
            began = time.perf_counter()
            for number in range(start, min(start + size, len(items))):
                desk.add(number, items[number])
            seconds[name] += time.perf_counter() - began
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000, help="number of testimonies (default 10000)")
    args = parser.parse_args()
    items = testimonies(args.n)
    load_before = os.getloadavg()[0]
    words = sum(len(raw.split()) for raw in items) / len(items)
    with tempfile.TemporaryDirectory(prefix="casework-bench-") as tmp:
        folder = Path(tmp)
        encrypted_desk = EncryptedDesk(folder)
        seconds = timed_rounds(items, {"plain": PlainDesk(folder), "encrypted": encrypted_desk})
        unlock = encrypted_desk.unlock_seconds
        encrypted_desk.store.close()
    plain, encrypted = seconds["plain"], seconds["encrypted"]
    plain_rate, encrypted_rate = args.n / plain, args.n / encrypted
    ratio = plain_rate / encrypted_rate
    print(f"intake of {args.n} testimonies, {words:.0f} words each on average, {date.today().isoformat()}")
    print()
    print(f"{'method':<44} {'seconds':>9} {'testimonies/s':>14}")
    print(f"{'plain SQLite (baseline)':<44} {plain:>9.2f} {plain_rate:>14.1f}")
    print(f"{'CaseStore.add_testimony (encrypted, audited)':<44} {encrypted:>9.2f} {encrypted_rate:>14.1f}")
    print()
    print(f"ratio plain/encrypted: {ratio:.2f} (target <= 1.5) -> {'OK' if ratio <= 1.5 else 'ABOVE TARGET'}")
    print(f"unlock (Argon2id ops=3, 64 MiB, once per session): {unlock:.2f} s")
    print(f"load average (1 min) before/after: {load_before:.2f}/{os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
