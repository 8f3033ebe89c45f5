"""``casework check --with-store``: pseudonyms always, identities only for roles that may read them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from casework.cli import main
from casework.model import SourceIdentity
from casework.store import FAST_TEST_KDF, init_store, open_store

PASSPHRASE = "correct horse battery staple"


def test_check_with_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = str(tmp_path / "desk.db")
    init_store(url, "admin", PASSPHRASE, kdf=FAST_TEST_KDF)
    store = open_store(url, "admin", PASSPHRASE)
    store.add_source("QUAIL-3", SourceIdentity("QUAIL-3", name="Ri Zqxmarker", contact="+86 139 0000 4242"))
    store.add_user("ana", PASSPHRASE, "analyst")
    store.close()
    draft = tmp_path / "draft.md"
    draft.write_text("Arrests in May. Quail-3 said so; Ri Zqxmarker can be called on 13900004242.\n", encoding="utf-8")
    monkeypatch.setenv("CASEWORK_PASSPHRASE", PASSPHRASE)
    runner = CliRunner(env={"CASEWORK_PASSPHRASE": PASSPHRASE})  # the CLI removes it from the environment once read

    result = runner.invoke(main, ["--store", url, "check", str(draft), "--with-store", "--format", "json"])
    assert result.exit_code == 3, result.output
    texts = {s["text"] for s in json.loads(result.stdout)["spans"]}
    assert {"Quail-3", "Ri Zqxmarker", "13900004242"} <= texts

    result = runner.invoke(main, ["--store", url, "--user", "ana", "check", str(draft), "--with-store",
                                  "--format", "json"])
    assert result.exit_code == 3, result.output
    texts = {s["text"] for s in json.loads(result.stdout)["spans"]}
    assert "Quail-3" in texts and "Ri Zqxmarker" not in texts
    assert "identity check skipped" in result.stderr
