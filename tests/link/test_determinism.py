"""The same mentions give the same incidents under any PYTHONHASHSEED (issue 10 §4, linkage)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from .mentions_factory import small_desk


def test_link_output_is_the_same_under_two_hash_seeds(tmp_path: Path) -> None:
    path = tmp_path / "m.jsonl"
    path.write_text("\n".join(json.dumps(m.to_json()) for m in small_desk()) + "\n", encoding="utf-8")
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        command = [sys.executable, "-m", "casework.cli", "link", "--mentions", str(path), "--format", "jsonl"]
        done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=600, check=False)
        assert done.returncode == 0, done.stderr
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1] and outputs[0].strip()
