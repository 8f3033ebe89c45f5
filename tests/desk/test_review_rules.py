"""Review cannot contradict itself: refused pairs, conflicts, implied pairs, withdrawals, splits, mention review."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from casework.cli import main
from casework.desk import correct_field, decide_link, link_conflicts, split_mention, withdraw_link
from casework.desk.review import Implied
from casework.errors import InputError
from casework.model import Incident, Mention, Place
from casework.store import FAST_TEST_KDF, CaseStore, init_store, open_store

PASSPHRASE = "review rules test passphrase"


def _desk(url: str) -> CaseStore:
    """Five one-mention testimonies and one testimony with two mentions (T-0006-1, T-0006-2)."""
    init_store(url, "admin", PASSPHRASE, kdf=FAST_TEST_KDF)
    store = open_store(url, "admin", PASSPHRASE)
    for number in range(1, 7):
        store.add_source(f"SRC-{number:02d}")
        store.add_testimony(f"an invented account, number {number}".encode(), source=f"SRC-{number:02d}")
        mentions = [Mention(type="arrest", date="2020-04", place=Place("Ryanggang", "Hyesan", None))]
        store.save_mentions(f"T-{number:04d}", mentions * (2 if number == 6 else 1))
    return store


@pytest.fixture
def store(tmp_path: Path) -> CaseStore:
    opened = _desk(str(tmp_path / "desk.db"))
    yield opened  # type: ignore[misc]
    opened.close()


def test_self_pairs_and_one_testimony_are_refused(store: CaseStore) -> None:
    with pytest.raises(InputError, match="itself"):
        decide_link(store, "T-0001-1", "T-0001-1", "confirm")
    with pytest.raises(InputError, match="both are mentions of testimony T-0006"):
        decide_link(store, "T-0006-1", "T-0006-2", "confirm")
    decide_link(store, "T-0006-1", "T-0006-2", "reject")  # two incidents of one testimony: fine
    assert store.link_decisions() == [("T-0006-1", "T-0006-2", "reject")]


def test_a_decision_that_contradicts_a_path_is_refused_and_withdrawal_resolves_it(store: CaseStore) -> None:
    decide_link(store, "T-0001-1", "T-0002-1", "confirm")
    decide_link(store, "T-0002-1", "T-0003-1", "confirm")
    with pytest.raises(InputError, match="T-0001-1 = T-0002-1 = T-0003-1"):
        decide_link(store, "T-0001-1", "T-0003-1", "reject")
    decide_link(store, "T-0003-1", "T-0004-1", "reject")
    with pytest.raises(InputError, match="contradicts earlier decisions"):
        decide_link(store, "T-0002-1", "T-0004-1", "confirm")  # would join a rejected pair
    with pytest.raises(InputError, match="already decided 'confirm' by admin"):
        decide_link(store, "T-0001-1", "T-0002-1", "reject")  # a change of mind is a withdrawal first
    record = withdraw_link(store, "T-0002-1", "T-0001-1")
    assert (record.decision, record.decided_by) == ("confirm", "admin") and record.decided_on
    decide_link(store, "T-0001-1", "T-0002-1", "reject")
    with pytest.raises(InputError, match="no decision to withdraw"):
        withdraw_link(store, "T-0001-1", "T-0005-1")
    assert link_conflicts(store) == []
    # a contradiction already in the store (made before these rules) is reported
    store.save_link_decision("T-0002-1", "T-0004-1", "confirm")
    (conflict,) = link_conflicts(store)
    assert conflict.rejected.mention_a == "T-0003-1" and conflict.path == ("T-0003-1", "T-0002-1", "T-0004-1")
    assert any(e.action == "link.withdraw" for e in store.audit_events(limit=50))


def test_pairs_implied_by_decisions_are_settled() -> None:
    implied = Implied([("a", "b", "confirm"), ("b", "c", "confirm"), ("c", "d", "reject"), ("e", "f", "confirm")])
    assert implied.settled("a", "c")  # joined by confirmed links
    assert implied.settled("a", "d")  # d's group is kept apart from a's
    assert not implied.settled("a", "e") and not implied.settled("d", "x")


def test_split_asks_before_overriding_a_confirmed_link(store: CaseStore) -> None:
    decide_link(store, "T-0001-1", "T-0002-1", "confirm")
    store.save_incidents([Incident("I-0001", ("T-0001-1", "T-0002-1", "T-0003-1"))])
    with pytest.raises(InputError, match="confirmed as one incident by admin"):
        split_mention(store, "I-0001", "T-0002-1")
    assert store.link_decisions() == [("T-0001-1", "T-0002-1", "confirm")]  # nothing changed
    assert split_mention(store, "I-0001", "T-0002-1", withdraw_confirmed=True) == ["T-0001-1", "T-0003-1"]
    assert store.link_decisions() == [("T-0001-1", "T-0002-1", "reject"), ("T-0002-1", "T-0003-1", "reject")]


def test_correct_field_checks_values() -> None:
    mention = Mention(type="arrest", mention_id="T-0001-1")
    assert correct_field(mention, "victims_count", "4").victims.count == 4
    assert correct_field(mention, "county_or_city", "Hyesan").place.county_or_city == "Hyesan"
    assert correct_field(mention, "date", "2019").date_precision == "year"
    for field, value, message in (("type", "rumour", "expected one of"), ("date", "March", "YYYY"),
                                  ("victims_count", "many", "whole number"), ("colour", "red", "not a field")):
        with pytest.raises(InputError, match=message):
            correct_field(mention, field, value)


def test_cli_review_commands(tmp_path: Path) -> None:
    url = str(tmp_path / "desk.db")
    _desk(url).close()
    runner = CliRunner(env={"CASEWORK_PASSPHRASE": PASSPHRASE})

    def run(*args: str, stdin: str | None = None) -> Result:
        return runner.invoke(main, ["--store", url, "review", *args], input=stdin)

    same = run("links", "--confirm", "T-0006-1", "T-0006-2")
    assert same.exit_code == 2 and same.stderr.count("\n") == 1 and "T-0006" in same.stderr
    itself = run("links", "--confirm", "T-0001-1", "T-0001-1")
    assert itself.exit_code == 2 and itself.stderr.count("\n") == 1

    assert run("links", "--confirm", "T-0001-1", "T-0002-1").exit_code == 0
    listed = run("decisions")
    assert listed.exit_code == 0
    (line,) = [json.loads(x) for x in listed.stdout.splitlines()]
    assert line["decided_by"] == "admin" and line["decision"] == "confirm" and line["decided_on"]
    assert run("withdraw", "T-0002-1", "T-0001-1").exit_code == 0
    assert "0 decisions" in run("decisions").stderr

    suggested = run("mentions")
    assert suggested.exit_code == 0 and len(suggested.stdout.splitlines()) == 7
    changed = run("mentions", "--correct", "T-0001-1", "victims_count", "5", "--reject", "T-0002-1",
                  "--accept", "T-0003-1")
    assert changed.exit_code == 0, changed.output
    bad = run("mentions", "--correct", "T-0004-1", "date", "spring")
    assert bad.exit_code == 2 and "YYYY" in bad.stderr
    accepted = [json.loads(x) for x in run("mentions", "--status", "accepted").stdout.splitlines()]
    assert {m["mention"]: m["victims"]["count"] for m in accepted} == {"T-0001-1": 5, "T-0003-1": None}

    store = open_store(url, "admin", PASSPHRASE)
    try:
        store.save_link_decision("T-0004-1", "T-0005-1", "confirm")
        store.save_incidents([Incident("I-0001", ("T-0004-1", "T-0005-1"))])
    finally:
        store.close()
    declined = run("split", "I-0001", "T-0005-1", stdin="n\n")
    assert declined.exit_code == 2 and "confirmed as one incident by admin" in declined.stderr
    split = run("split", "I-0001", "T-0005-1", stdin="y\n")
    assert split.exit_code == 0, split.output
    assert json.loads(run("decisions").stdout)["decision"] == "reject"
