"""``make demo``: the whole pipeline on the project's own example testimonies.

Runs the real command line, step by step, on ``examples/`` into ``demo-out/``:
a fresh encrypted store, sources, intake, extraction, linkage and corroboration,
estimation, a publication check of an example draft, and the HTML report. The
passphrase is a fixed demo value passed through ``CASEWORK_PASSPHRASE``: fine for
made-up examples, never for real testimony.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pyotp
from rich.console import Console

REPO = Path(__file__).resolve().parents[2]
DEMO_PASSPHRASE = "demo passphrase, examples only"  # noqa: S105 - invented examples, documented as such
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPDEMOONLY"  # noqa: S105 - invented, printed in the docs: examples only
console = Console()


def _run(args: list[str], env: dict[str, str], *, allowed: tuple[int, ...] = (0,)) -> str:
    console.rule(f"[bold]casework {' '.join(args)}")
    if DEMO_TOTP_SECRET in env.values():  # the admin's second factor, as an authenticator app would show it
        # the next 30-second step's code: accepted for up to 90 s, so a slow start on a busy machine still passes
        env = dict(env, CASEWORK_TOTP=pyotp.TOTP(DEMO_TOTP_SECRET).at(time.time() + 30))
    result = subprocess.run(  # noqa: S603 - our own CLI with our own arguments
        [sys.executable, "-m", "casework.cli", *args], env=env, capture_output=True, text=True, check=False
    )
    output = (result.stdout + result.stderr).rstrip()
    lines = output.splitlines()
    shown = lines if len(lines) <= 25 else [*lines[:20], f"... ({len(lines) - 20} more lines)"]
    console.print("\n".join(shown), markup=False, highlight=False, soft_wrap=True)
    if result.returncode not in allowed:
        console.print(f"[red]step failed with exit status {result.returncode}")
        sys.exit(result.returncode or 1)
    return result.stdout


def _sources(testimonies: list[Path]) -> list[str]:
    found: set[str] = set()
    for path in testimonies:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                break
            key, _, value = line.partition(":")
            if key.strip().lower() == "source":
                found.add(value.strip())
    return sorted(found)


def main() -> None:
    examples = REPO / "examples"
    out = REPO / "demo-out"
    if out.exists():
        shutil.rmtree(out)
    out.mkdir()
    store = out / "casework.db"
    env = dict(os.environ, CASEWORK_STORE=str(store), CASEWORK_PASSPHRASE=DEMO_PASSPHRASE, CASEWORK_USER="admin")
    testimonies = sorted(examples.glob("*.txt"))

    _run(["init", "--admin", "admin"], env)
    env["CASEWORK_DEMO_TOTP"] = DEMO_TOTP_SECRET  # admins need a second factor: enrol a fixed demo one
    _run(["user", "totp", "enroll", "--secret", DEMO_TOTP_SECRET], env)
    for pseudonym in _sources(testimonies):
        _run(["sources", "add", pseudonym], env)
    _run(["add", *map(str, testimonies)], env)
    _run(["list"], env)
    _run(["extract"], env)
    _run(["link"], env)
    _run(["review", "links"], env)
    _run(["estimate"], env, allowed=(0, 2))
    drafts = sorted((examples / "drafts").glob("*.md"))
    for draft in drafts:
        _run(["check", str(draft)], env, allowed=(0, 3))
    _run(["report", "--out", str(out / "report")], env)
    _run(["report", "--public", "--out", str(out / "public-report")], env, allowed=(0, 3))
    _run(["audit", "verify"], env)

    console.rule("[bold green]done")
    console.print(f"Report:        {out / 'report' / 'index.html'}", soft_wrap=True)
    console.print(f"Public report: {out / 'public-report' / 'index.html'}", soft_wrap=True)
    console.print(f"Store:         {store} (demo passphrase: '{DEMO_PASSPHRASE}')", soft_wrap=True)
    console.print(f"Second factor: admin's TOTP secret {DEMO_TOTP_SECRET} (demo only: add it to an authenticator app)",
                  soft_wrap=True)
    console.print(
        f"Web app:       CASEWORK_STORE={store} {sys.executable} -m casework.cli serve"
        "  (then open http://127.0.0.1:8700 and log in as admin)",
        soft_wrap=True,
    )


if __name__ == "__main__":
    main()
