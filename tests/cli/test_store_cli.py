"""The store's CLI: intake, listing, accounts, backup, audit, and every bad input as one line + exit 2."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from casework.cli import main
from casework.store import FAST_TEST_KDF, init_store, open_store

PASS = "desk passphrase"
FAST = ["--kdf-ops", "1", "--kdf-mem-kib", "8"]


def cw(store: str, *args: str, passphrase: str = PASS, **env: str) -> Result:
    return CliRunner().invoke(main, ["--store", store, *args], env={"CASEWORK_PASSPHRASE": passphrase, **env})


def write(path: Path, body: str, **header: str) -> Path:
    lines = "".join(f"{k}: {v}\n" for k, v in header.items())
    path.write_text((lines + "\n" if lines else "") + body, encoding="utf-8")
    return path


def _new_desk(url: str) -> str:
    assert cw(url, "init", *FAST).exit_code == 0
    assert cw(url, "sources", "add", "SRC-01").exit_code == 0
    return url


@pytest.fixture
def desk(store_url: str) -> str:
    return _new_desk(store_url)


@pytest.fixture
def sqlite_desk(tmp_path: Path) -> str:
    """Input validation does not depend on the backend; these cases run on SQLite only."""
    return _new_desk(str(tmp_path / "desk.db"))


def test_add_list_show_and_duplicates(desk: str, tmp_path: Path) -> None:
    a = write(
        tmp_path / "a.txt", "A source in Hyesan told us ...", received="2019-03-05", channel="phone", source="SRC-01"
    )
    b = write(tmp_path / "b.md", "소식통에 따르면 보위부가 주민을 체포했다.", list="partner-ngo")
    result = cw(desk, "add", str(a), str(b), "--source", "SRC-01")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0].startswith("added T-0001 ")
    again = cw(desk, "add", str(a))
    assert again.exit_code == 0 and "already stored as T-0001" in again.stdout
    listing = cw(desk, "list", "--json")
    rows = [json.loads(line) for line in listing.stdout.splitlines()]
    assert [(r["testimony"], r["language"], r["list"]) for r in rows] == [
        ("T-0001", "en", "desk"),
        ("T-0002", "ko", "partner-ngo"),
    ]
    table = cw(desk, "list", "--list", "partner-ngo").stdout.splitlines()
    assert table[0].split()[0] == "testimony" and table[1].split()[0] == "T-0002"
    assert cw(desk, "list", "--source", "SRC-09").stdout == ""
    shown = cw(desk, "show", "T-0002")
    assert "소식통에 따르면" in shown.stdout and "sha256:" in shown.stdout
    assert cw(desk, "set-list", "T-0001", "desk-phone").exit_code == 0
    exported = [json.loads(line) for line in cw(desk, "export", "--format", "jsonl").stdout.splitlines()]
    assert exported[0]["list"] == "desk-phone"
    assert all("sha256" not in r and "text" not in r for r in exported)


def test_options_win_over_header(desk: str, tmp_path: Path) -> None:
    a = write(tmp_path / "a.txt", "words", received="2019-03-05", channel="phone", source="SRC-09")
    result = cw(desk, "add", str(a), "--source", "SRC-01", "--channel", "letter", "--received", "2019-01-02")
    assert result.exit_code == 0, result.output
    (row,) = [json.loads(line) for line in cw(desk, "list", "--json").stdout.splitlines()]
    assert (row["source"], row["channel"], row["received"]) == ("SRC-01", "letter", "2019-01-02")


BAD_FILES = {
    "missing": (None, "no such file"),
    "directory": ("DIR", "no testimony files in this folder"),
    "empty.txt": (b"", "file is empty"),
    "binary.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary file"),
    "latin1.txt": ("Hoery\xf6ng".encode("latin-1"), "not UTF-8"),
    "channel.txt": (b"channel: pigeon\nsource: SRC-01\n\nwords", "field 'channel'"),
    "baddate.txt": (b"received: 2019-13-45\nsource: SRC-01\n\nwords", "field 'received'"),
    "future.txt": (b"received: 2999-01-01\nsource: SRC-01\n\nwords", "in the future"),
    "unknown.txt": (b"source: SRC-99\n\nwords", "unknown source SRC-99"),
    "header.txt": (b"received: 2019-01-01\nsource SRC-01\n\nwords", "line 2"),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_input_is_one_line_naming_the_file_and_exit_2(sqlite_desk: str, tmp_path: Path, name: str) -> None:
    desk = sqlite_desk
    content, expected = BAD_FILES[name]
    path = tmp_path / name
    if content == "DIR":
        path.mkdir()
    elif isinstance(content, bytes):
        path.write_bytes(content)
    good = write(tmp_path / "good.txt", "a good testimony", source="SRC-01")
    result = cw(desk, "add", str(path), str(good))
    assert result.exit_code == 2
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"error: {path}") and expected in first, result.stderr
    assert "Traceback" not in result.output
    ids = [json.loads(line)["testimony"] for line in cw(desk, "list", "--json").stdout.splitlines()]
    assert ids == ["T-0001"]  # the good file went in, nothing of the bad one did


def test_bad_received_option_and_wrong_passphrase(desk: str, tmp_path: Path) -> None:
    good = write(tmp_path / "good.txt", "words", source="SRC-01")
    result = cw(desk, "add", str(good), "--received", "5 May 2019")
    assert (
        result.exit_code == 2
        and result.stderr == "error: --received: field 'received': not a date (expected YYYY-MM-DD)\n"
    )
    wrong = cw(desk, "list", passphrase="not the passphrase")
    assert (wrong.exit_code, wrong.stderr) == (2, "error: wrong username or passphrase\n")
    nobody = cw(desk, "--user", "nobody", "list")
    assert (nobody.exit_code, nobody.stderr) == (2, "error: wrong username or passphrase\n")


def test_not_a_store_corrupt_and_locked(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE notes (x TEXT)")
    result = cw(str(other), "list")
    assert (result.exit_code, result.stderr) == (2, f"error: {other}: not a Casework store\n")
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"this is not a database at all" * 200)
    result = cw(str(garbage), "list")
    assert result.exit_code == 2 and "not a readable database" in result.stderr
    assert len(result.stderr.splitlines()) == 1
    store = str(tmp_path / "desk.db")
    assert cw(store, "init", *FAST).exit_code == 0
    holder = sqlite3.connect(store, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        result = cw(store, "sources", "add", "SRC-02", CASEWORK_BUSY_TIMEOUT="0.2")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert (result.exit_code, result.stderr) == (
        2,
        f"error: {store}: the store is locked by another process; try again\n",
    )
    assert cw(store, "sources", "add", "SRC-02").exit_code == 0


def test_roles_through_the_cli(desk: str) -> None:
    assert cw(desk, "sources", "add", "SRC-07", "--name", "someone").exit_code == 0
    several = cw(desk, "sources", "add", "SRC-08", "SRC-09")
    assert several.stdout == "added source SRC-08\nadded source SRC-09\n"
    refused = cw(desk, "sources", "add", "SRC-10", "SRC-11", "--name", "x")
    assert refused.exit_code == 2 and "exactly one pseudonym" in refused.stderr
    assert cw(desk, "sources").stdout.split() == ["SRC-01", "SRC-07", "SRC-08", "SRC-09"]
    for name, role in (("ana", "analyst"), ("rita", "reader")):
        result = cw(desk, "user", "add", name, "--role", role, CASEWORK_NEW_PASSPHRASE=f"{name} passphrase")
        assert result.exit_code == 0, result.output
    assert "ana                  analyst" in cw(desk, "user", "list").stdout
    denied = cw(desk, "--user", "ana", "sources", "show", "SRC-07", passphrase="ana passphrase")
    assert denied.exit_code == 2 and "not allowed: identity.read" in denied.stderr
    assert cw(desk, "sources", "show", "SRC-07").stdout.splitlines()[1] == "name:    someone"
    changed = cw(
        desk, "--user", "ana", "user", "passwd", passphrase="ana passphrase", CASEWORK_NEW_PASSPHRASE="ana's new one"
    )
    assert changed.exit_code == 0 and cw(desk, "--user", "ana", "list", passphrase="ana's new one").exit_code == 0
    assert cw(desk, "user", "remove", "rita").stdout == "removed user rita\n"
    assert "rita" not in cw(desk, "user", "list").stdout


def test_backup_and_restore_round_trip(desk: str, tmp_path: Path) -> None:
    write(tmp_path / "a.txt", "first testimony", source="SRC-01")
    assert cw(desk, "add", str(tmp_path / "a.txt")).exit_code == 0
    backup = tmp_path / "desk.cwbackup"
    assert cw(desk, "backup", str(backup)).exit_code == 0
    restored = str(tmp_path / "restored.db")
    result = cw(restored, "restore", str(backup))
    assert result.exit_code == 0, result.output
    assert cw(restored, "list").stdout == cw(desk, "list").stdout
    assert cw(restored, "audit", "verify").exit_code == 0
    refused = cw(restored, "restore", str(backup))
    assert refused.exit_code == 2 and "restore only into an empty store" in refused.stderr


def test_audit_verify_names_an_edited_event(tmp_path: Path) -> None:
    store = str(tmp_path / "desk.db")
    assert cw(store, "init", *FAST).exit_code == 0
    assert cw(store, "sources", "add", "SRC-01").exit_code == 0
    assert cw(store, "audit", "verify").exit_code == 0
    with sqlite3.connect(store) as conn:
        conn.execute("UPDATE audit_events SET target = 'SRC-02' WHERE action = 'source.add'")
        (event_id,) = conn.execute("SELECT event_id FROM audit_events WHERE action = 'source.add'").fetchone()
    result = cw(store, "audit", "verify")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: audit chain broken: event {event_id}:")


def test_audit_anchor_catches_a_truncated_log(tmp_path: Path) -> None:
    store = str(tmp_path / "desk.db")
    assert cw(store, "init", *FAST).exit_code == 0
    head = cw(store, "audit", "verify").stdout.split()[-1]
    assert cw(store, "sources", "add", "SRC-01").exit_code == 0
    assert "anchor found at event" in cw(store, "audit", "verify", "--anchor", head).stdout
    with sqlite3.connect(store) as conn:
        conn.execute("DELETE FROM audit_events WHERE event_id >= 3")
    truncated = cw(store, "audit", "verify", "--anchor", head)
    assert truncated.exit_code == 2 and "anchor is not in the log" in truncated.stderr


def test_sigkill_during_a_1000_file_intake_loses_nothing_reported(tmp_path: Path) -> None:
    store = str(tmp_path / "desk.db")
    init_store(store, "admin", PASS, kdf=FAST_TEST_KDF)
    admin = open_store(store, "admin", PASS)
    admin.add_source("SRC-01")
    admin.close()
    folder = tmp_path / "incoming"
    folder.mkdir()
    files = [write(folder / f"t{i:04d}.txt", f"testimony number {i} " + "words " * 50) for i in range(1000)]
    env = {**os.environ, "CASEWORK_PASSPHRASE": PASS}
    command = [sys.executable, "-m", "casework.cli", "--store", store, "add", "--source", "SRC-01", *map(str, files)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    assert process.stdout is not None
    reported: dict[str, str] = {}
    for line in process.stdout:
        parts = line.decode().split()
        if parts and parts[0] == "added":
            reported[parts[1]] = parts[2]
        if len(reported) >= 40:
            break
    process.send_signal(signal.SIGKILL)
    rest, _ = process.communicate(timeout=60)
    for text in rest.decode().splitlines():
        words = text.split()
        if words and words[0] == "added":
            reported[words[1]] = words[2]
    assert process.returncode == -signal.SIGKILL
    assert 40 <= len(reported) < 1000
    after = open_store(store, "admin", PASS)
    try:
        stored = {info.testimony_id for info in after.list_testimonies()}
        assert set(reported) <= stored
        for testimony_id, path in reported.items():
            assert after.get_testimony(testimony_id).text == Path(path).read_text(encoding="utf-8")
        assert after.verify_audit().ok
    finally:
        after.close()
    with sqlite3.connect(store) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
