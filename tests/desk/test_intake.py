"""Adding many files: a folder per transaction, outcomes in order after their commit, bad files named and skipped."""

from __future__ import annotations

from pathlib import Path

import pytest

from casework.desk import add_files
from casework.store import FAST_TEST_KDF, init_store, open_store


def test_outcomes_in_order_with_errors_named(tmp_path: Path) -> None:
    url = str(tmp_path / "desk.db")
    init_store(url, "admin", "admin passphrase", kdf=FAST_TEST_KDF)
    store = open_store(url, "admin", "admin passphrase")
    store.add_source("SRC-01")
    (tmp_path / "a.txt").write_text("source: SRC-01\n\nfirst", encoding="utf-8")
    (tmp_path / "b.txt").write_text("no source anywhere", encoding="utf-8")
    (tmp_path / "c.md").write_text("received: 2020-02-02\nsource: SRC-01\nchannel: fax\n\nthird", encoding="utf-8")
    (tmp_path / "d.txt").write_text("source: SRC-01\n\nfirst", encoding="utf-8")
    names = ["a.txt", "b.txt", "c.md", "missing.txt", "d.txt"]
    outcomes = list(add_files(store, [tmp_path / n for n in names]))
    assert [o.path.name for o in outcomes] == names
    assert outcomes[0].result is not None and outcomes[0].result.testimony_id == "T-0001"
    assert outcomes[1].error == f"{tmp_path / 'b.txt'}: field 'source': none given (use --source or a 'source:' line)"
    assert outcomes[2].error is not None and outcomes[2].error.startswith(f"{tmp_path / 'c.md'}: field 'channel'")
    assert outcomes[3].error == f"{tmp_path / 'missing.txt'}: no such file"
    assert outcomes[4].result is not None and outcomes[4].result.duplicate
    assert store.count_testimonies() == 1
    store.close()


def test_each_outcome_is_reported_after_its_commit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import casework.desk.intake as intake

    monkeypatch.setattr(intake, "FILES_PER_TRANSACTION", 2)
    url = str(tmp_path / "desk.db")
    init_store(url, "admin", "admin passphrase", kdf=FAST_TEST_KDF)
    store = open_store(url, "admin", "admin passphrase")
    reader = open_store(url, "admin", "admin passphrase")  # another connection sees only what is committed
    store.add_source("SRC-01")
    paths = []
    for n in range(5):
        path = tmp_path / f"t{n}.txt"
        path.write_text(f"source: SRC-01\n\naccount number {n}", encoding="utf-8")
        paths.append(path)
    seen = []
    for outcome in add_files(store, paths):
        assert outcome.result is not None
        seen.append(outcome.result.testimony_id)
        assert reader.count_testimonies() >= len(seen)  # committed before it was reported
    assert seen == ["T-0001", "T-0002", "T-0003", "T-0004", "T-0005"]
    store.close()
    reader.close()
