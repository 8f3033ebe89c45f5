"""Fixtures of the attacker tests: a store with one account per role, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from casework.store import FAST_TEST_KDF, CaseStore, init_store, open_store

PASSPHRASES = {
    "admin": "admin passphrase",
    "ana": "analyst passphrase",
    "hana": "handler passphrase",
    "rae": "reader passphrase",
}
ROLES = {"ana": "analyst", "hana": "source_handler", "rae": "reader"}


@pytest.fixture
def desk(store_url: str) -> Iterator[str]:
    """A store with an admin and one analyst, source handler and reader; yields its URL."""
    init_store(store_url, "admin", PASSPHRASES["admin"], kdf=FAST_TEST_KDF)
    admin = open_store(store_url, "admin", PASSPHRASES["admin"])
    try:
        for name, role in ROLES.items():
            admin.add_user(name, PASSPHRASES[name], role)
    finally:
        admin.close()
    yield store_url


def as_user(url: str, name: str) -> CaseStore:
    return open_store(url, name, PASSPHRASES[name])
