"""Store mode: `casework link` saves incidents and the model; `casework review links` stores decisions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from casework.cli import main
from casework.store import FAST_TEST_KDF, init_store, open_store

from .mentions_factory import small_desk

PASSPHRASE = "link test passphrase"


@pytest.fixture
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A SQLite store holding the small desk's mentions, one testimony per original testimony."""
    url = str(tmp_path / "desk.db")
    init_store(url, "admin", PASSPHRASE, kdf=FAST_TEST_KDF)
    store = open_store(url, "admin", PASSPHRASE)
    try:
        by_testimony: dict[str, list] = {}  # type: ignore[type-arg]
        for m in small_desk():
            by_testimony.setdefault(m.testimony or "", []).append(m)
        for sources in sorted({m.source for m in small_desk()}):
            store.add_source(sources or "")
        for number, (testimony, mentions) in enumerate(sorted(by_testimony.items()), start=1):
            store.add_testimony(f"testimony {testimony}".encode(), source=mentions[0].source or "")
            store.save_mentions(f"T-{number:04d}", mentions)
    finally:
        store.close()
    monkeypatch.setenv("CASEWORK_PASSPHRASE", PASSPHRASE)
    return url


def _incidents_of(url: str) -> dict[str, set[str]]:
    store = open_store(url, "admin", PASSPHRASE)
    try:
        return {i.incident_id: set(i.mentions) for i in store.list_incidents()}
    finally:
        store.close()


def test_link_saves_incidents_and_model_and_decisions_win(desk: str) -> None:
    runner = CliRunner(env={"CASEWORK_PASSPHRASE": PASSPHRASE})  # the CLI removes it from the environment once read
    first = runner.invoke(main, ["--store", desk, "link"])
    assert first.exit_code == 0, first.output
    assert "model trained on the store" in first.stderr
    incidents = _incidents_of(desk)
    store = open_store(desk, "admin", PASSPHRASE)
    try:
        assert store.get_setting("link.model")
        mentions = [m.mention.mention_id for m in store.list_mentions()]
    finally:
        store.close()
    assert sum(len(members) for members in incidents.values()) == len(mentions)
    together = next(members for members in incidents.values() if len(members) == 3)
    a, b = sorted(together)[:2]

    listed = runner.invoke(main, ["--store", desk, "review", "links", "--low", "0", "--high", "1"])
    assert listed.exit_code == 0, listed.output
    listed_pairs = [json.loads(line) for line in listed.stdout.splitlines()]
    assert all({"mention_a", "mention_b", "match_probability"} <= set(pair) for pair in listed_pairs)

    rejected = runner.invoke(main, ["--store", desk, "review", "links", "--reject", a, b])
    assert rejected.exit_code == 0, rejected.output
    again = runner.invoke(main, ["--store", desk, "link"])
    assert again.exit_code == 0 and "saved model, 3 new or re-examined mentions" in again.stderr
    assert not any({a, b} <= members for members in _incidents_of(desk).values())

    relisted = runner.invoke(main, ["--store", desk, "review", "links"])
    assert relisted.exit_code == 0 and "agrees with 0 of 1 reviewer decisions" in relisted.stderr

    unknown = runner.invoke(main, ["--store", desk, "review", "links", "--confirm", a, "T-9999-9"])
    assert unknown.exit_code == 2 and "T-9999-9" in unknown.stderr

    explained = runner.invoke(main, ["--store", desk, "link", "--explain", a, b])
    assert explained.exit_code == 0 and json.loads(explained.stdout)["mentions"] == [a, b]
