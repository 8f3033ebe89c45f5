"""The attacker who gets the server after (or during) a Spark linkage run finds nothing of it.

Linkage reads decrypted mention fields: counties, perpetrators, coordinates and
evidence word stems. On Spark they pass through shuffle files, cached blocks and
(formerly) Parquet checkpoints. The attacker here:

* reads the environment of every JVM the run started (``/proc/PID/environ``),
  looking for the store passphrase the desk's process was given;
* lists ``$TMPDIR`` and the working directory after the run, looking for
  anything left behind (``casework-spark-*``, ``spark-warehouse``, ``blockmgr-*``);
* reads every file under ``$TMPDIR`` while the run is going on, looking for an
  invented evidence word and the county in plaintext.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from spark_cluster import can_run, command_line, descendants, environment

pytestmark = pytest.mark.spark

PASSPHRASE = "leftover test passphrase 5521 gravel lantern"
WORD = "zorvakintu"  # an invented evidence word: it exists only in this test's mentions
COUNTY = "Kimhyonggwon"


def _write_mentions(path: Path) -> None:
    lines = []
    for i in range(12):
        lines.append(
            {
                "mention": f"m{i}",
                "testimony": f"t{i}",
                "source": f"s{i % 5}",
                "type": "arrest",
                "date": f"2020-03-0{1 + i % 3}",
                "place": {"province": "Ryanggang", "county_or_city": COUNTY},
                "perpetrator": "Ministry of State Security",
                "evidence": [f"agents took the {WORD} trader at the market"],
            }
        )
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")


def _files_holding(root: Path, needles: list[bytes]) -> list[str]:
    found = []
    for path in root.rglob("*"):
        try:
            if path.is_file() and not path.is_symlink():
                data = path.read_bytes()
                found.extend(f"{path}: {n.decode()}" for n in needles if n in data)
        except OSError:
            continue  # removed while we looked
    return found


def test_spark_run_leaves_nothing_and_never_hands_the_passphrase_to_java(tmp_path: Path) -> None:
    reason = can_run()
    if reason:
        pytest.skip(reason)
    temp, work = tmp_path / "tmp", tmp_path / "work"
    temp.mkdir()
    work.mkdir()
    mentions = tmp_path / "mentions.jsonl"
    _write_mentions(mentions)
    env = dict(os.environ, CASEWORK_PASSPHRASE=PASSPHRASE, TMPDIR=str(temp))
    command = [sys.executable, "-m", "casework.cli", "link", "--mentions", str(mentions), "--engine", "spark"]
    run = subprocess.Popen(  # noqa: S603 - our own CLI
        command, cwd=work, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    java: dict[int, dict[str, str]] = {}
    plaintext: list[str] = []
    deadline = time.monotonic() + 1800  # minutes on a loaded shared machine; about one on a quiet one
    while run.poll() is None and time.monotonic() < deadline:
        for pid in descendants(run.pid):
            if pid not in java and "java" in command_line(pid):
                java[pid] = environment(pid)
        plaintext.extend(_files_holding(temp, [WORD.encode(), COUNTY.lower().encode(), COUNTY.encode()]))
        time.sleep(0.5)
    if run.poll() is None:
        run.terminate()
        run.communicate()
        pytest.fail("the Spark run did not finish in 30 minutes")
    out, err = run.communicate()
    assert run.returncode == 0, err.decode()
    assert b'"incident"' in out
    assert java, "no JVM was seen: the run did not use Spark"
    leaked = [pid for pid, values in java.items() if any(PASSPHRASE in v for v in values.values())]
    assert not leaked, "the passphrase is in a JVM's environment"
    assert not any(name.startswith("CASEWORK_") for values in java.values() for name in values)
    assert not plaintext, f"mention fields in plaintext on disk during the run: {plaintext[:3]}"
    assert sorted(p.name for p in temp.iterdir()) == [], "the run left files in $TMPDIR"
    assert sorted(p.name for p in work.iterdir()) == [], "the run left files in the working directory"
    assert not [pid for pid in java if Path(f"/proc/{pid}").exists()], "a JVM is still running"


def test_a_killed_run_s_directory_is_removed_by_the_next_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A run killed outright cannot clean up; the next run removes what it left (its process is gone)."""
    from casework.link.engines import _remove_abandoned_directories

    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    abandoned = tmp_path / "casework-spark-abandoned"
    (abandoned / "local").mkdir(parents=True)
    (abandoned / "local" / "shuffle_0_1.data").write_bytes(WORD.encode())
    (abandoned / "owner.pid").write_text(gone.stdout.strip())
    running = tmp_path / "casework-spark-running"
    running.mkdir()
    (running / "owner.pid").write_text(str(os.getpid()))
    _remove_abandoned_directories()
    assert not abandoned.exists()
    assert running.exists()
