"""What the machine was doing while a benchmark ran, printed beside its figures.

The benchmarks run on a 2-core machine shared with other people; a speed figure
means little without the load average at the time (only load < 1.5 counts as
quiet). Importable from any script in bench/ (``from machine import load_line``).

Run: .venv/bin/python bench/machine.py    # prints the current load line
"""

from __future__ import annotations

import argparse
import os

QUIET_LOAD = 1.5
"""Below this 1-minute load average a 2-core machine counts as quiet for speed figures."""


def load_line(when: str = "now") -> str:
    """``load average (now): 0.42 0.55 0.61 (1/5/15 min, 2 cores) - quiet``."""
    one, five, fifteen = os.getloadavg()
    verdict = "quiet" if one < QUIET_LOAD else f"NOT quiet (>= {QUIET_LOAD}): speed figures are unverified"
    return f"load average ({when}): {one:.2f} {five:.2f} {fifteen:.2f} (1/5/15 min, {os.cpu_count()} cores) - {verdict}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--when", default="now", help="label printed with the figures (e.g. start, end)")
    print(load_line(parser.parse_args().when))


if __name__ == "__main__":
    main()
