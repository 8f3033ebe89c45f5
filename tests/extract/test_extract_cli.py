"""``casework extract --text``: the JSON-lines contract and one-line errors for bad files."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from casework.cli import main

GOOD = "received: 2020-06-18\nchannel: phone\nsource: SRC-99\n\nPolice arrested three men in Hyesan on the 6th.\n"


def _run(*args: str) -> tuple[int, list[dict[str, object]], str]:
    result = CliRunner().invoke(main, ["extract", *args])
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    return result.exit_code, lines, result.stderr


def test_prints_one_json_line_per_mention_in_the_contract(tmp_path: Path) -> None:
    path = tmp_path / "t900.txt"
    path.write_text(GOOD, encoding="utf-8")
    code, lines, _ = _run("--text", str(path))
    assert code == 0
    (line,) = lines
    assert list(line) == [
        "testimony", "type", "date", "date_text", "date_precision", "place", "perpetrator", "victims", "relation",
        "evidence", "main",
    ]  # fmt: skip
    assert line["testimony"] == "t900" and line["date"] == "2020-06-06" and line["main"] is True
    for span in line["evidence"]:  # type: ignore[union-attr]
        assert GOOD[span["start"] : span["end"]] == span["text"]


def test_received_option_overrides_nothing_when_header_has_it_but_applies_without(tmp_path: Path) -> None:
    path = tmp_path / "plain.txt"
    path.write_text("Police arrested three men in Hyesan on the 6th.", encoding="utf-8")
    _, lines, _ = _run("--text", str(path), "--received", "2019-03-05")
    assert lines[0]["date"] == "2019-02-06"


def test_bad_files_get_one_line_each_and_the_rest_are_processed(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    bad = {
        "empty.txt": b"",
        "binary.txt": b"\x00\x01\x02arrested",
        "latin1.txt": "arrêté".encode("latin-1"),
        "header.txt": b"received: 2020-06-18\nnonsense line\n\nPolice arrested him.",
    }
    for name, raw in bad.items():
        (tmp_path / name).write_bytes(raw)
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:
        handle.truncate(10 * 1024 * 1024)
    files = [str(tmp_path / n) for n in bad] + [str(huge), str(good)]
    code, lines, stderr = _run("--text", *files)
    assert code == 2
    assert [line["testimony"] for line in lines] == ["good"]
    errors = stderr.strip().splitlines()
    assert len(errors) == len(bad) + 1
    for name, error in zip([*bad, "huge.txt"], errors, strict=True):
        assert name in error and "arrest" not in error


def test_missing_file_is_reported_not_raised(tmp_path: Path) -> None:
    code, lines, stderr = _run("--text", str(tmp_path / "nowhere.txt"))
    assert code == 2 and lines == [] and "nowhere.txt" in stderr


def test_a_directory_is_a_bad_file_not_a_usage_error(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    (tmp_path / "folder").mkdir()
    code, lines, stderr = _run("--text", str(tmp_path / "folder"), str(good))
    assert code == 2 and [line["testimony"] for line in lines] == ["good"] and "folder" in stderr


def test_main_flag_round_trips_and_defaults_to_true() -> None:
    from casework.model import Mention

    background = Mention("arrest", main=False)
    assert Mention.from_json(background.to_json()).main is False
    legacy = {k: v for k, v in Mention("arrest").to_json().items() if k != "main"}
    assert Mention.from_json(legacy).main is True
