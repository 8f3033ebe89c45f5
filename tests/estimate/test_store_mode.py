"""``casework estimate`` over a real store: capture histories from the lists of testimonies."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from casework.cli import main
from casework.model import Incident, Mention, Place
from casework.store import FAST_TEST_KDF, init_store, open_store

PASS = "estimate test passphrase"
PATTERNS = {"A": 30, "B": 25, "C": 28, "AB": 9, "AC": 10, "BC": 8, "ABC": 4}


@pytest.fixture
def store_path(tmp_path: Path) -> str:
    """A store whose incidents are recorded on three lists, one testimony per list."""
    url = str(tmp_path / "desk.db")
    init_store(url, "admin", PASS, kdf=FAST_TEST_KDF)
    store = open_store(url, "admin", PASS)
    try:
        store.add_source("SRC-01")
        testimony = {}
        for name in "ABC":
            raw = f"received: 2021-06-01\nchannel: phone\nsource: SRC-01\n\nA report for list {name}.\n".encode()
            testimony[name] = store.add_testimony(raw, source="SRC-01", list_name=f"list{name}").testimony_id
        per_list: dict[str, list[Mention]] = {n: [] for n in "ABC"}
        owners: list[tuple[str, int]] = []
        k = 0
        for pattern, count in PATTERNS.items():
            for _ in range(count):
                kind = "arrest" if k % 2 else "detention"
                for letter in pattern:
                    per_list[letter].append(Mention(type=kind, date="2021-05", place=Place(province="Ryanggang")))
                    owners.append((letter, k))
                k += 1
        ids = {n: store.save_mentions(testimony[n], per_list[n], status="accepted") for n in "ABC"}
        members: dict[int, list[str]] = {}
        cursor = {n: 0 for n in "ABC"}
        for letter, incident in owners:
            members.setdefault(incident, []).append(ids[letter][cursor[letter]])
            cursor[letter] += 1
        store.save_incidents([Incident(f"I-{i:04d}", tuple(m)) for i, m in sorted(members.items())])
    finally:
        store.close()
    return url


def test_store_mode_estimates_per_type(store_path: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CASEWORK_PASSPHRASE", PASS)
    result = CliRunner().invoke(main, ["--store", store_path, "estimate", "--by", "type", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    strata = {s["stratum"]: s for s in doc["strata"]}
    assert set(strata) == {"all", "arrest", "detention"}
    assert strata["all"]["observed"] == sum(PATTERNS.values())
    assert strata["all"]["histories"]["lists"] == ["listA", "listB", "listC"]
    assert strata["all"]["estimate"]["observed"] == sum(PATTERNS.values())
    assert strata["arrest"]["observed"] + strata["detention"]["observed"] == sum(PATTERNS.values())


def test_store_mode_table(store_path: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CASEWORK_PASSPHRASE", PASS)
    result = CliRunner().invoke(main, ["--store", store_path, "estimate"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("all")
    assert "closed population" in result.stdout


@pytest.mark.slow
def test_store_mode_reports_the_spread_across_thresholds(store_path: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CASEWORK_PASSPHRASE", PASS)
    args = ["--store", store_path, "estimate", "--thresholds", "0.5,0.9", "--format", "json"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert {s["threshold"] for s in doc["strata"]} == {0.5, 0.9}
    assert doc["threshold_spread"]["all"]["thresholds"] == [0.5, 0.9]


def test_store_mode_by_period(store_path: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CASEWORK_PASSPHRASE", PASS)
    args = ["--store", store_path, "estimate", "--by", "period", "--periods", "2020-2023", "--format", "json"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.stderr
    assert [s["stratum"] for s in json.loads(result.stdout)["strata"]] == ["all", "2020-2023"]
    result = CliRunner().invoke(main, ["--store", store_path, "estimate", "--by", "period"])
    assert result.exit_code == 2 and "--periods" in result.stderr
