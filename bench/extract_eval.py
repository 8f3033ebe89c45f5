"""Extraction quality on the shared corpus and the real seed article.

Runs the CLI contract exactly as an evaluation script would (``casework extract
--text`` on all 120 testimonies in one process), scores it with
:mod:`extract_scoring` and prints plain-text tables, next to a keyword baseline
computed in the same run (one mention per sentence with an incident cue, its
first cue's type, the testimony's first place, the received month).

Usage: .venv/bin/python bench/extract_eval.py [--language en|ko] [--no-seed]
"""

from __future__ import annotations

import argparse
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
    """The keyword baseline on a file with the corpus header (``received:``)."""
    from casework.intake.header import split_header

    text = path.read_text(encoding="utf-8")
    header, body = split_header(text, path.name)
    received = date.fromisoformat(header["received"]) if header.get("received") else None
    return keyword_mentions(text, body, received, path.stem)


def keyword_mentions(text: str, body: int, received: date | None, name: str) -> list[dict[str, Any]]:
    """One mention per sentence with an incident cue: its first cue's type, the text's first
    North Korean place, the received month. ``body`` is where the text after any header
    starts. Korean text uses the Korean cue words and place reader, so that the baseline
    is a keyword reader in both languages."""
    from casework.extract.sentences import split_sentences
    from casework.extract.types import find_triggers
    from casework.gazetteer import load_gazetteer
    from casework.intake.header import detect_language

    korean = detect_language(text[body : body + 1000]) == "ko"
    if korean:
        from casework.extract.ko_cues import find_cues
        from casework.extract.ko_places import find_korean_places

        provinces = [p.province for p in find_korean_places(text, body) if p.province and not p.foreign]
    else:
        provinces = [p.province for p in load_gazetteer().find_places(text[body:]) if p.province]
    province = provinces[0] if provinces else None
    out: list[dict[str, Any]] = []
    for sentence in split_sentences(text, body):
        if korean:
            kinds = [cue.type for cue, _, _ in find_cues(text, sentence.start, sentence.end)]
        else:
            kinds = [t.type for t in find_triggers(sentence.text, sentence.start)]
        if kinds:
            out.append(
                {
                    "testimony": name,
                    "type": kinds[0],
                    "date": received.isoformat()[:7] if received else None,
                    "place": {"province": province},
                    "evidence": [{"start": sentence.start, "end": sentence.end}],
                }
            )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Extraction quality on the shared corpus (and the real seed article), with the keyword "
        "baseline in the same run. Real published reports: bench/real_reports.py."
    )
    parser.add_argument("--language", choices=("en", "ko"), help="only testimonies in this language")
    parser.add_argument("--no-seed", action="store_true", help="skip the real seed article")
    args = parser.parse_args(argv)
    corpus = SHARED / "corpus"
    if not (corpus / "gold" / "incidents.jsonl").exists():
        print(f"skipped: the shared corpus is not here ({corpus}; set CASEWORK_SHARED)")
        return 0
    meta = [json.loads(line) for line in (corpus / "gold" / "testimonies.jsonl").read_text().splitlines() if line]
    languages = {m["testimony"]: m["language"] for m in meta}
    keep = {t for t, lang in languages.items() if args.language in (None, lang)}
    files = sorted(f for f in (corpus / "testimonies").glob("*.txt") if f.stem in keep)
    gold = [json.loads(line) for line in (corpus / "gold" / "incidents.jsonl").read_text().splitlines() if line]
    gold = [g for g in gold if g["testimony"] in keep]
    texts = {f.stem: f.read_text(encoding="utf-8") for f in files}
    print("load average {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    predicted = run_cli(files)
    print(f"corpus: {len(files)} testimonies, {len(gold)} gold mentions\n")
    print(format_report(score(predicted, gold, languages, texts), "casework extract (rules + gazetteer)"))
    baseline = [m for f in files for m in keyword_baseline(f)]
    print()
    print(format_report(score(baseline, gold, languages, texts), "baseline: keyword per sentence"))

    real = SHARED / "real"
    seed = real / "seed-article.txt"
    if seed.exists() and not args.no_seed and args.language in (None, "en"):
        seed_gold = [json.loads(line) for line in (real / "seed-article.gold.jsonl").read_text().splitlines() if line]
        seed_pred = run_cli([seed], "--received", "2020-06-18")
        seed_text = {"seed-article": seed.read_text(encoding="utf-8")}
        print()
        print(
            format_report(
                score(seed_pred, seed_gold, {"seed-article": "en"}, seed_text), "real: seed-article (RFA, 2020)"
            )
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
