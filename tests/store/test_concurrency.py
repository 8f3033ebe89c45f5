"""Concurrent writers: numbering, mention ids and the audit chain stay linear and gap-free.

The web app shares one CaseStore between request threads, and a CLI command may
write while the web app runs (a second engine on the same database). Every id the
store hands out (testimony sequence, mention number, audit event id) is read-then-
incremented, so without the store's writer lock two transactions could read the
same head and collide (IntegrityError) or fork the audit chain. These tests race
many writers on both databases and check that nothing collides, nothing is lost
and the chain verifies.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

import pytest

from casework.errors import StoreError
from casework.model import Mention
from casework.store import FAST_TEST_KDF, CaseStore, init_store, open_store

from .conftest import ADMIN_PASS

T = TypeVar("T")
WORKERS = 4


def _race(work: Callable[[int], T], workers: int = WORKERS) -> list[T]:
    """Run ``work(0..workers-1)`` in threads released together, so they really overlap."""
    start = threading.Barrier(workers)

    def run(worker: int) -> T:
        start.wait()
        return work(worker)

    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(run, range(workers)))


def _assert_chain_linear(store: CaseStore) -> None:
    report = store.verify_audit()
    assert report.ok, report.message
    ids = [event.event_id for event in store.audit_events(limit=report.events)]
    assert ids == list(range(1, report.events + 1))


def test_threads_adding_at_once(admin_store: CaseStore) -> None:
    admin_store.add_source("SRC-01")

    def add(worker: int) -> list[str]:
        return [
            admin_store.add_testimony(f"worker {worker} testimony {n}".encode(), source="SRC-01").testimony_id
            for n in range(8)
        ]

    ids = [tid for batch in _race(add) for tid in batch]
    assert sorted(ids) == [f"T-{n:04d}" for n in range(1, 33)]
    assert admin_store.count_testimonies() == 32
    _assert_chain_linear(admin_store)


def test_threads_adding_the_same_bytes_store_them_once(admin_store: CaseStore) -> None:
    """The duplicate check and the insert happen under one lock: no unique-constraint race."""
    admin_store.add_source("SRC-01")
    results = _race(lambda _worker: admin_store.add_testimony(b"the same words", source="SRC-01"))
    assert {r.testimony_id for r in results} == {"T-0001"}
    assert sorted(r.duplicate for r in results) == [False] + [True] * (WORKERS - 1)
    assert admin_store.count_testimonies() == 1
    _assert_chain_linear(admin_store)


def test_threads_saving_mentions_of_one_testimony(admin_store: CaseStore) -> None:
    """Mention numbers come from the testimony row; concurrent saves never reuse one."""
    admin_store.add_source("SRC-01")
    admin_store.add_testimony(b"one testimony", source="SRC-01")

    def save(worker: int) -> list[str]:
        saved: list[str] = []
        for _ in range(5):
            saved += admin_store.save_mentions("T-0001", [Mention("arrest"), Mention("detention")])
            admin_store.get_testimony("T-0001")  # an audited read between the writes
        return saved

    ids = [mention_id for batch in _race(save) for mention_id in batch]
    assert sorted(ids, key=lambda m: int(m.rsplit("-", 1)[1])) == [f"T-0001-{n}" for n in range(1, 41)]
    assert admin_store.count_mentions(testimony_id="T-0001") == 40
    _assert_chain_linear(admin_store)


def test_threads_mixing_every_kind_of_write(admin_store: CaseStore) -> None:
    """Sources, testimonies, mentions, reviews, incidents and audited reads interleaved."""
    admin_store.add_source("SRC-00")
    admin_store.add_testimony(b"shared testimony", source="SRC-00")

    def work(worker: int) -> None:
        admin_store.add_source(f"SRC-{worker + 1:02d}")
        for n in range(4):
            added = admin_store.add_testimony(f"w{worker} n{n}".encode(), source=f"SRC-{worker + 1:02d}")
            (mention_id,) = admin_store.save_mentions(added.testimony_id, [Mention("arrest")])
            admin_store.review_mention(mention_id, status="accepted")
            admin_store.save_mentions("T-0001", [Mention("detention")])
            admin_store.get_testimony(added.testimony_id)
            admin_store.audit("publish.export", None, worker=str(worker))

    _race(work)
    assert admin_store.count_testimonies() == 1 + 4 * WORKERS
    assert admin_store.count_mentions(status="accepted") == 4 * WORKERS
    assert admin_store.count_mentions(testimony_id="T-0001") == 4 * WORKERS
    _assert_chain_linear(admin_store)


def test_two_engines_writing_at_once(admin_store: CaseStore, store_url: str) -> None:
    """A second process's store (its own engine and pool) is serialised by the database lock."""
    other = open_store(store_url, "admin", ADMIN_PASS)
    try:
        admin_store.add_source("SRC-01")
        stores = (admin_store, other, admin_store, other)

        def add(worker: int) -> list[str]:
            store = stores[worker]
            return [
                store.add_testimony(f"engine {worker} testimony {n}".encode(), source="SRC-01").testimony_id
                for n in range(6)
            ]

        ids = [tid for batch in _race(add) for tid in batch]
        assert sorted(ids) == [f"T-{n:04d}" for n in range(1, 25)]
    finally:
        other.close()
    _assert_chain_linear(admin_store)


@pytest.mark.parametrize("rounds", [3])
def test_opening_while_others_write(admin_store: CaseStore, store_url: str, rounds: int) -> None:
    """Unlocking appends a session event; it must queue behind writers, not fail."""
    admin_store.add_source("SRC-01")

    def work(worker: int) -> None:
        for n in range(rounds):
            if worker % 2:
                open_store(store_url, "admin", ADMIN_PASS).close()
            else:
                admin_store.add_testimony(f"w{worker} n{n}".encode(), source="SRC-01")

    _race(work)
    _assert_chain_linear(admin_store)


def test_two_inits_at_once_make_one_store(store_url: str) -> None:
    """Both may see an empty database; the emptiness check is repeated under the write lock."""

    def init(worker: int) -> str:
        try:
            init_store(store_url, f"admin{worker}", ADMIN_PASS, kdf=FAST_TEST_KDF)
        except StoreError as err:
            return str(err)
        return "created"

    outcomes = _race(init, workers=2)
    assert outcomes.count("created") == 1, outcomes
    (refusal,) = (outcome for outcome in outcomes if outcome != "created")
    assert refusal.endswith("already a Casework store"), refusal
    winner = f"admin{outcomes.index('created')}"
    store = open_store(store_url, winner, ADMIN_PASS)
    try:
        assert [user.username for user in store.list_users()] == [winner]
        _assert_chain_linear(store)
    finally:
        store.close()
