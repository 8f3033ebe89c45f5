"""Extraction gives the same output under any hash seed (issue 10 §4).

Python randomises the iteration order of sets and dicts keyed by strings per process
(``PYTHONHASHSEED``); extraction once depended on it (two cues at the same word came
out in either order, and a mention moved between runs). Each run here is a separate
process with its own seed, as the external scorer runs the CLI.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

# Texts written for this test: cues that start at the same word ("detained" is an arrest
# and a detention cue), several types per sentence, lists of towns, a headline and a
# Korean report, so that any order taken from a set would show.
TEXTS = {
    "report.txt": (
        "received: 2021-05-20\n\n"
        "Smugglers detained in Hyesan after raid\n\n"
        "Two brokers were detained for three weeks at a holding centre in Musan. Their families were "
        "questioned. A trader was detained by police in Hyesan and Kimjongsuk in April, a source said. "
        "Thousands of residents were forced to watch as a man caught smuggling was executed "
        "in Hyesan on May 3. The executions took place near the airport.\n"
    ),
    "testimony.txt": (
        "received: 2020-06-18\nchannel: phone\nsource: SRC-41\n\n"
        "A source in Hoeryong told us that the bowibu arrested three women in Onsong on the 6th and sent them "
        "to a labour training camp. Their husbands were summoned and beaten, and one family was banished.\n"
    ),
    "korean.txt": (
        "received: 2021-05-20\n\n"
        "양강도 혜산시에서 지난달 밀수를 하던 주민 3명이 보안원들에게 체포돼 노동단련대에 보내졌다고 소식통이 전했다.\n"
    ),
}


def _extract(paths: list[Path], seed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    code = "import sys; from casework.cli import main; sys.exit(main())"
    result = subprocess.run(
        [sys.executable, "-c", code, "extract", "--text", *map(str, paths)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-500:]
    return result.stdout


def test_extraction_output_does_not_depend_on_the_hash_seed(tmp_path: Path) -> None:
    paths = []
    for name, text in TEXTS.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    first, second = _extract(paths, "1"), _extract(paths, "5")  # these two order small sets differently
    assert first.count("\n") >= 5  # the texts do state incidents
    assert first == second
