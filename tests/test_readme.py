"""README's "Using it" works when typed in order, as a new user would type it.

The block is taken from README.md as it stands and run by bash in an empty folder
with ``set -e`` (so any failing command fails the test), with only a testimony file
and a draft of our own beside it and the passphrase in ``CASEWORK_PASSPHRASE``.
``casework serve`` runs until stopped, so it is started last on a free port and
stopped once it says where it listens.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent

TESTIMONY = """In early March 2024 the police in Hyesan arrested two women who had sold Chinese phones
at the market, my neighbour told me. They are still held at the city security office and their
families were told nothing.
"""
DRAFT = "Arrests of phone sellers were reported from a northern border city this spring.\n"


def _using_it() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Using it", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.DOTALL)
    assert block, "README's 'Using it' has no sh block"
    return [line for line in block.group(1).splitlines() if line.strip()]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_readme_using_it_runs_in_order(tmp_path: Path) -> None:
    lines = _using_it()
    serve = [line for line in lines if line.startswith("casework serve")]
    assert serve and lines[-1] == serve[0], "casework serve should come last (it runs until stopped)"
    (tmp_path / "t001.txt").write_text(TESTIMONY, encoding="utf-8")
    (tmp_path / "draft.md").write_text(DRAFT, encoding="utf-8")
    # a new user's environment, except the test suite's throwaway-store setting: with it the walk-through
    # needs no second factor (a new desk's admin enrols one first: README, below the block)
    env = {k: v for k, v in os.environ.items() if not k.startswith("CASEWORK_") or k == "CASEWORK_INSECURE_TESTING"}
    env.update(PATH=f"{BIN}{os.pathsep}{env.get('PATH', '')}", CASEWORK_PASSPHRASE="readme walk-through passphrase")
    bash = shutil.which("bash")
    assert bash
    port = _free_port()
    script = "set -e\n" + "\n".join(lines[:-1]) + f"\nexec {lines[-1].split('#')[0].strip()} --port {port}\n"
    process = subprocess.Popen(  # noqa: S603 - our own README, run in a scratch folder
        [bash, "-c", script], cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    output = []
    assert process.stdout is not None
    try:
        for line in process.stdout:
            output.append(line)
            if line.startswith("Casework web app on"):
                break
    finally:
        process.send_signal(signal.SIGINT)
        _, errors = process.communicate(timeout=60)
    said = "".join(output)
    assert f"Casework web app on http://127.0.0.1:{port}/" in said, (said, errors)
    assert "created store desk.db with admin alice" in said
    assert "added T-0001 t001.txt" in said
    assert "risk: low" in said
    assert (tmp_path / "report" / "index.html").is_file()
    assert "Traceback" not in errors
