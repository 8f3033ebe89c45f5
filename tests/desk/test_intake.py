"""Adding many files: a folder per transaction, outcomes in order after their commit, bad files named and skipped."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from casework.desk import add_bundle, add_files
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


def test_a_bundle_commits_a_folder_at_a_time_and_reports_in_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """casework add's path: outcomes in the folder's order, each after its commit; bad files named, others kept."""
    import casework.desk.bulk as bulk

    monkeypatch.setattr(bulk, "FILES_PER_TRANSACTION", 2)
    url = str(tmp_path / "desk.db")
    init_store(url, "admin", "admin passphrase", kdf=FAST_TEST_KDF)
    store = open_store(url, "admin", "admin passphrase")
    reader = open_store(url, "admin", "admin passphrase")  # another connection sees only what is committed
    store.add_source("SRC-01")
    folder = tmp_path / "inbox"
    folder.mkdir()
    texts = {
        "a.txt": "source: SRC-01\n\nan account of the first raid",
        "b.txt": "no source anywhere",
        "c.txt": "source: SRC-01\nchannel: fax\n\nbad channel",
        "d.txt": "source: SRC-09\n\nan unknown source",
        "e.txt": "source: SRC-01\n\nan account of the first raid",
        "f.txt": "source: SRC-01\n\nan account of the second raid",
    }
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    outcomes = []
    for outcome in add_bundle(store, folder, source=None):
        outcomes.append(outcome)
        stored = [o for o in outcomes if o.testimony_id is not None and not o.duplicate]
        assert reader.count_testimonies() >= len(stored)  # committed before it was reported
    assert [Path(o.name).name for o in outcomes] == list(texts)
    first, no_source, bad_channel, unknown, again, second = outcomes
    assert (first.testimony_id, first.duplicate, first.sha256) == ("T-0001", False, _sha(texts["a.txt"]))
    assert no_source.error is not None and "field 'source': none given" in no_source.error
    assert bad_channel.error is not None and bad_channel.error.startswith(f"{folder / 'c.txt'}: field 'channel'")
    assert unknown.error is not None and "unknown source SRC-09" in unknown.error and unknown.testimony_id is None
    assert (again.testimony_id, again.duplicate) == ("T-0001", True)
    assert (second.testimony_id, second.duplicate) == ("T-0002", False)
    assert store.verify_audit().ok
    store.close()
    reader.close()


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def test_files_given_one_by_one_share_a_transaction(tmp_path: Path) -> None:
    """`casework add a.txt b.txt ...` hands add_bundle every path at once: one commit for the lot, in order."""
    url = str(tmp_path / "desk.db")
    init_store(url, "admin", "admin passphrase", kdf=FAST_TEST_KDF)
    store = open_store(url, "admin", "admin passphrase")
    store.add_source("SRC-01")
    paths = []
    for n in range(3):
        path = tmp_path / f"t{n}.txt"
        path.write_text(f"source: SRC-01\n\naccount number {n}", encoding="utf-8")
        paths.append(path)
    paths.insert(1, tmp_path / "missing.txt")
    outcomes = list(add_bundle(store, paths, source=None))
    assert [o.testimony_id for o in outcomes] == ["T-0001", None, "T-0002", "T-0003"]
    assert outcomes[1].error is not None and "missing.txt" in outcomes[1].error
    store.close()
