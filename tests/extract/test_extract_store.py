"""``casework extract`` on a store: every testimony not yet extracted, stored as suggestions."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from casework.cli import main
from casework.store import FAST_TEST_KDF, init_store, open_store

PASSPHRASE = "extract test passphrase"
TEXT = b"received: 2020-06-18\nchannel: phone\nsource: SRC-01\n\nPolice arrested three men in Hyesan on the 6th.\n"


def test_store_mode_extracts_each_testimony_once(
    store_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    init_store(store_url, "admin", PASSPHRASE, kdf=FAST_TEST_KDF)
    store = open_store(store_url, "admin", PASSPHRASE)
    try:
        store.add_source("SRC-01")
        added = store.add_testimony(TEXT, source="SRC-01", filename="t900.txt")
    finally:
        store.close()
    monkeypatch.setenv("CASEWORK_PASSPHRASE", PASSPHRASE)
    runner = CliRunner(env={"CASEWORK_PASSPHRASE": PASSPHRASE})  # the CLI removes it from the environment once read
    first = runner.invoke(main, ["--store", store_url, "--user", "admin", "extract"])
    assert first.exit_code == 0, first.output
    assert "1 mention" in first.stdout
    second = runner.invoke(main, ["--store", store_url, "--user", "admin", "extract"])
    assert second.exit_code == 0 and "from 0 testimony" in second.stdout

    store = open_store(store_url, "admin", PASSPHRASE)
    try:
        (stored,) = store.list_mentions(testimony_id=added.testimony_id)
        mention = stored.mention
        assert mention.type == "arrest" and mention.testimony == added.testimony_id
        assert mention.place.province == "Ryanggang" and mention.date == "2020-06-06"
        assert all(TEXT.decode()[s.start : s.end] == s.text for s in mention.evidence)
    finally:
        store.close()
