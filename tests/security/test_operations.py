"""Low findings: file modes, core dumps, the passphrase in the environment, terminal escapes,
an echoed identity, exponential estimation, and the lock file.
"""

from __future__ import annotations

import os
import resource
import stat
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from casework.cli import main
from casework.cli._common import read_passphrase
from casework.store import FAST_TEST_KDF, backup_store, init_store, open_store

REPO = Path(__file__).resolve().parents[2]
PASS = "desk passphrase"


def _cw(store: str, *args: str, input: str | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--store", store, *args], env={"CASEWORK_PASSPHRASE": PASS}, input=input)
    return result.exit_code, result.output


def test_store_wal_backup_and_anchor_are_private(tmp_path: Path) -> None:
    old = os.umask(0o022)  # a careless shell: the files must be private anyway
    try:
        db = tmp_path / "desk.db"
        init_store(str(db), "admin", PASS, kdf=FAST_TEST_KDF)
        store = open_store(str(db), "admin", PASS)
        store.add_source("SRC-01")
        backup_store(store, tmp_path / "b.cwbackup")
        modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in tmp_path.iterdir() if p.is_file()}
        store.close()
    finally:
        os.umask(old)
    assert set(modes) >= {"desk.db", "desk.db-wal", "b.cwbackup", "b.cwbackup.anchor"}
    assert {name: mode & 0o077 for name, mode in modes.items()} == dict.fromkeys(modes, 0)


def test_the_cli_sets_umask_077_and_no_core_dumps(tmp_path: Path) -> None:
    code = (
        "import os, resource, sys; from click.testing import CliRunner; from casework.cli import main; "
        "CliRunner().invoke(main, ['--version']); m = os.umask(0); "
        "print(oct(m), resource.getrlimit(resource.RLIMIT_CORE)[0])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["0o77", "0"]


def test_the_passphrase_leaves_the_environment_once_read(monkeypatch: object) -> None:
    os.environ["CASEWORK_PASSPHRASE"] = "read me once"
    try:
        assert read_passphrase() == "read me once"
        assert "CASEWORK_PASSPHRASE" not in os.environ  # children (Spark's Java, editors) never inherit it
    finally:
        os.environ.pop("CASEWORK_PASSPHRASE", None)


def test_show_strips_terminal_escapes(tmp_path: Path) -> None:
    db = str(tmp_path / "desk.db")
    init_store(db, "admin", PASS, kdf=FAST_TEST_KDF)
    store = open_store(db, "admin", PASS)
    store.add_source("SRC-01")
    store.add_testimony(b"he said \x1b]0;owned\x07 then \x1b[2J\x1b[1;1H nothing\r", source="SRC-01")
    store.close()
    code, out = _cw(db, "show", "T-0001")
    assert code == 0 and "\x1b" not in out and "\x07" not in out and "\r" not in out
    assert "nothing" in out


def test_sources_add_prompt_does_not_echo_the_identity(tmp_path: Path) -> None:
    db = str(tmp_path / "desk.db")
    init_store(db, "admin", PASS, kdf=FAST_TEST_KDF)
    code, out = _cw(db, "sources", "add", "SRC-07", "--prompt", input="Ryu Song-hwan\n010-4417-2290\nnotes\n")
    assert code == 0, out
    assert "Ryu Song-hwan" not in out and "4417" not in out


def test_estimation_with_too_many_lists_is_refused_in_one_line(tmp_path: Path) -> None:
    lists = [f"L{i}" for i in range(10)]
    rows = [",".join([*lists, "count"])]
    for n in range(1, 60):
        rows.append(",".join([*("1" if (n >> i) & 1 else "0" for i in range(10)), "3"]))
    path = tmp_path / "ten.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["estimate", "--histories", str(path)])
    assert result.exit_code == 2
    assert "limited to 5 lists" in result.output and len(result.output.strip().splitlines()) == 1


def test_the_lock_file_is_hash_pinned_and_development_packages_are_apart() -> None:
    runtime = (REPO / "requirements.lock").read_text(encoding="utf-8")
    development = (REPO / "requirements-dev.lock").read_text(encoding="utf-8")
    for lock in (runtime, development):
        pins = [line for line in lock.splitlines() if line and not line.startswith((" ", "#"))]
        assert pins and all("==" in pin for pin in pins)
        assert lock.count("--hash=sha256:") >= len(pins)
    runtime_names = {line.split("==")[0].lower() for line in runtime.splitlines() if "==" in line}
    assert not runtime_names & {"pytest", "mypy", "ruff", "hypothesis", "playwright", "pytest-xdist"}
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert "--require-hashes" in makefile and "requirements-dev.lock" in makefile
    assert resource  # imported for the core-dump check above
