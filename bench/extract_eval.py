"""Extraction quality on the shared corpus and the real seed article.

Runs the CLI contract exactly as an evaluation script would (``casework extract
--text`` on all 120 testimonies in one process), scores it with
:mod:`extract_scoring` and prints plain-text tables, next to a keyword baseline
computed in the same run (one mention per sentence with an incident cue, its
first cue's type, the testimony's first place, the received month).

Usage: .venv/bin/python bench/extract_eval.py
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from extract_scoring import format_report, score  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("CASEWORK_SHARED", REPO.parent / "shared"))
CASEWORK = [str(REPO / ".venv" / "bin" / "casework")]


def run_cli(files: list[Path], *extra: str) -> list[dict[str, Any]]:
    result = subprocess.run([*CASEWORK, "extract", "--text", *map(str, files), *extra], capture_output=True, text=True)
    if result.returncode not in (0, 2):
        raise SystemExit(f"casework extract failed: {result.stderr.strip()[:300]}")
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def keyword_baseline(path: Path) -> list[dict[str, Any]]:
    from casework.extract.sentences import split_sentences
    from casework.extract.types import find_triggers
    from casework.gazetteer import load_gazetteer
    from casework.intake.header import split_header

    text = path.read_text(encoding="utf-8")
    header, body = split_header(text, path.name)
    received = date.fromisoformat(header["received"]) if "received" in header else None
    places = load_gazetteer().find_places(text[body:])
    province = places[0].province if places else None
    out: list[dict[str, Any]] = []
    for sentence in split_sentences(text, body):
        triggers = find_triggers(sentence.text, sentence.start)
        if triggers:
            out.append(
                {
                    "testimony": path.stem,
                    "type": triggers[0].type,
                    "date": received.isoformat()[:7] if received else None,
                    "place": {"province": province},
                    "evidence": [{"start": sentence.start, "end": sentence.end}],
                }
            )
    return out


def main() -> None:
    corpus = SHARED / "corpus"
    files = sorted((corpus / "testimonies").glob("*.txt"))
    gold = [json.loads(line) for line in (corpus / "gold" / "incidents.jsonl").read_text().splitlines() if line]
    meta = [json.loads(line) for line in (corpus / "gold" / "testimonies.jsonl").read_text().splitlines() if line]
    languages = {m["testimony"]: m["language"] for m in meta}
    texts = {f.stem: f.read_text(encoding="utf-8") for f in files}
    predicted = run_cli(files)
    print(f"corpus: {len(files)} testimonies, {len(gold)} gold mentions\n")
    print(format_report(score(predicted, gold, languages, texts), "casework extract (rules + gazetteer)"))
    baseline = [m for f in files for m in keyword_baseline(f)]
    print()
    print(format_report(score(baseline, gold, languages, texts), "baseline: keyword per sentence"))

    real = SHARED / "real"
    seed = real / "seed-article.txt"
    if seed.exists():
        seed_gold = [json.loads(line) for line in (real / "seed-article.gold.jsonl").read_text().splitlines() if line]
        seed_pred = run_cli([seed], "--received", "2020-06-18")
        seed_text = {"seed-article": seed.read_text(encoding="utf-8")}
        print()
        print(
            format_report(
                score(seed_pred, seed_gold, {"seed-article": "en"}, seed_text), "real: seed-article (RFA, 2020)"
            )
        )


if __name__ == "__main__":
    main()
