"""Fixtures of the store tests: a fresh store per test, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from casework.store import FAST_TEST_KDF, CaseStore, init_store, open_store

ADMIN_PASS = "admin passphrase"


@pytest.fixture
def admin_store(store_url: str) -> Iterator[CaseStore]:
    init_store(store_url, "admin", ADMIN_PASS, kdf=FAST_TEST_KDF)
    store = open_store(store_url, "admin", ADMIN_PASS)
    try:
        yield store
    finally:
        store.close()
