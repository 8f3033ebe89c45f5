"""The feature cache lives in the store, sealed, for those who link; a reader cannot open it."""

from __future__ import annotations

from pathlib import Path

import pytest

from casework.desk import link_store
from casework.desk.linking import FEATURES_SETTING
from casework.errors import AccessDenied
from casework.link.feature_cache import FeatureCache
from casework.store import FAST_TEST_KDF, init_store, open_store

from .mentions_factory import mention, small_desk

PASSPHRASE = "feature cache test passphrase"


def _store_with(url: str, mentions: list) -> None:  # type: ignore[type-arg]
    store = open_store(url, "admin", PASSPHRASE)
    try:
        for source in sorted({m.source for m in mentions}):
            if source not in {s.pseudonym for s in store.list_sources()}:
                store.add_source(source)
        for m in mentions:
            info = store.add_testimony(f"testimony {m.testimony}".encode(), source=m.source)
            store.save_mentions(info.testimony_id, [m])
    finally:
        store.close()


def test_the_second_run_reads_old_rows_from_the_sealed_cache(tmp_path: Path) -> None:
    url = str(tmp_path / "desk.db")
    init_store(url, "admin", PASSPHRASE, kdf=FAST_TEST_KDF)
    _store_with(url, small_desk())
    store = open_store(url, "admin", PASSPHRASE)
    try:
        link_store(store)
        saved = store.get_setting(FEATURES_SETTING)
        assert len(FeatureCache.from_text(saved)) == len(small_desk())
        store.add_user("rita", "reader passphrase for the cache test", "reader")
    finally:
        store.close()
    raw = Path(url).read_bytes()
    assert b"hoeryo" not in raw and b"market" not in raw  # the cached stems are sealed
    _store_with(url, [mention("n1", "t50", "S50", date="2019-02-25")])
    store = open_store(url, "admin", PASSPHRASE)
    try:
        run = link_store(store)
        assert "1 new" in run.how
        assert len(FeatureCache.from_text(store.get_setting(FEATURES_SETTING))) == len(small_desk()) + 1
    finally:
        store.close()
    reader = open_store(url, "rita", "reader passphrase for the cache test")
    try:
        with pytest.raises(AccessDenied):
            reader.get_setting(FEATURES_SETTING)
    finally:
        reader.close()
