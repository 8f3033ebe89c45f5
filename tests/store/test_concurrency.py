"""One store shared by threads (as in the web app): numbering and the audit chain stay linear."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from casework.store import CaseStore


def test_threads_adding_at_once(admin_store: CaseStore) -> None:
    admin_store.add_source("SRC-01")

    def add(worker: int) -> list[str]:
        return [
            admin_store.add_testimony(f"worker {worker} testimony {n}".encode(), source="SRC-01").testimony_id
            for n in range(8)
        ]

    with ThreadPoolExecutor(max_workers=4) as pool:
        ids = [tid for batch in pool.map(add, range(4)) for tid in batch]
    assert sorted(ids) == [f"T-{n:04d}" for n in range(1, 33)]
    assert admin_store.count_testimonies() == 32
    report = admin_store.verify_audit()
    assert report.ok, report.message
