"""`--format table|json|jsonl|csv` on link, review links, estimate, check and publish: one word, same choices.

Older words stay accepted as hidden aliases (`check --format text`), so scripts keep working.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from click.testing import CliRunner

from casework.cli import main
from link.mentions_factory import small_desk

RISKY = "Our source, SRC-31, a teacher at the county school, said so. Her brother lives in Busan.\n"


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def _mentions_file(tmp_path: Path) -> str:
    path = tmp_path / "m.jsonl"
    path.write_text("\n".join(json.dumps(m.to_json()) for m in small_desk()) + "\n", encoding="utf-8")
    return str(path)


def test_link_file_mode_in_every_format(tmp_path: Path) -> None:
    path = _mentions_file(tmp_path)
    code, jsonl, _ = _run("link", "--mentions", path)  # the default stays JSON lines in file mode
    assert code == 0
    lines = [json.loads(line) for line in jsonl.splitlines()]
    code, as_json, _ = _run("link", "--mentions", path, "--format", "json")
    assert code == 0 and json.loads(as_json) == lines
    code, as_csv, err = _run("link", "--mentions", path, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(as_csv)))
    assert code == 0 and "incidents" in err
    assert sorted(r["incident"] for r in rows) == sorted(line["incident"] for line in lines if "grade" in line)
    assert {"grade", "mentions", "independent_sources"} <= set(rows[0])
    code, table, _ = _run("link", "--mentions", path, "--format", "table")
    assert code == 0 and "incident" in table and not table.lstrip().startswith("{")


def test_check_rows_per_span_and_the_old_word_still_works(tmp_path: Path) -> None:
    draft = tmp_path / "d.md"
    draft.write_text(RISKY, encoding="utf-8")
    code, as_csv, err = _run("check", str(draft), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(as_csv)))
    assert code == 3 and any("SRC-31" in r["text"] for r in rows) and "risk: high" in err
    code, jsonl, _ = _run("check", str(draft), "--format", "jsonl")
    assert code == 3 and [json.loads(line)["text"] for line in jsonl.splitlines()] == [r["text"] for r in rows]
    code, old, _ = _run("check", str(draft), "--format", "text")
    code_table, table, _ = _run("check", str(draft), "--format", "table")
    assert code == code_table == 3 and old == table and "anonymity set" in table
    code, _, err = _run("check", str(draft), "--format", "yaml")
    assert code == 2 and "text" not in err.split("Invalid value")[-1]


def test_estimate_rows_from_capture_histories(tmp_path: Path) -> None:
    histories = tmp_path / "h.csv"
    counts = {"100": 60, "010": 50, "001": 40, "110": 20, "101": 15, "011": 12, "111": 8}
    lines = ["A,B,C,count", *(f"{k[0]},{k[1]},{k[2]},{v}" for k, v in counts.items())]
    histories.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, as_csv, _ = _run("estimate", "--histories", str(histories), "--format", "csv")
    assert code == 0, as_csv
    [row] = list(csv.DictReader(io.StringIO(as_csv)))
    assert row["observed"] == str(sum(counts.values())) and row["selected_model"] and row["averaged_n_hat"]
    code, jsonl, _ = _run("estimate", "--histories", str(histories), "--format", "jsonl")
    assert code == 0 and json.loads(jsonl)["selected_model"] == row["selected_model"]


def test_every_data_command_offers_the_same_four_formats() -> None:
    for command in (["link"], ["review", "links"], ["estimate"], ["check"], ["publish"]):
        code, help_text, _ = _run(*command, "--help")
        assert code == 0 and "[table|json|jsonl|csv]" in help_text, command
