"""`casework link --mentions` file mode: output lines, bad input with line numbers, empty input."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from casework.cli import main

from .mentions_factory import small_desk


def _write(path: Path, lines: list[str]) -> str:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def _desk_lines() -> list[str]:
    return [json.dumps(m.to_json()) for m in small_desk()]


def test_file_mode_prints_mentions_then_incidents(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["link", "--mentions", _write(tmp_path / "m.jsonl", _desk_lines())])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    per_mention = [line for line in lines if "mention" in line]
    per_incident = [line for line in lines if "grade" in line]
    assert len(per_mention) == 6
    assert {line["incident"] for line in per_mention} == {line["incident"] for line in per_incident}
    assert all({"mentions", "sources", "independent_sources", "first_hand", "flags"} <= set(i) for i in per_incident)


def test_explain_prints_a_breakdown(tmp_path: Path) -> None:
    path = _write(tmp_path / "m.jsonl", _desk_lines())
    result = CliRunner().invoke(main, ["link", "--mentions", path, "--explain", "a1", "a2"])
    assert result.exit_code == 0, result.output
    explained = json.loads(result.stdout)
    assert explained["mentions"] == ["a1", "a2"] and explained["comparisons"]


def test_bad_lines_are_named_and_nothing_is_linked(tmp_path: Path) -> None:
    good = _desk_lines()
    record = json.loads(good[1])
    cases = {
        "malformed JSON": [good[0], "{not json", good[2]],
        "missing field 'source'": [good[0], json.dumps({k: v for k, v in record.items() if k != "source"})],
        "missing field 'mention'": [good[0], json.dumps({k: v for k, v in record.items() if k != "mention"})],
        "unknown type": [good[0], json.dumps({**record, "type": "rumour"})],
        "impossible date": [good[0], json.dumps({**record, "date": "2019-13"})],
    }
    for message, lines in cases.items():
        result = CliRunner().invoke(main, ["link", "--mentions", _write(tmp_path / "bad.jsonl", lines)])
        assert result.exit_code == 2, (message, result.output)
        assert "line 2" in result.stderr and message in result.stderr
        assert result.stdout == ""
        assert "women" not in result.stderr


def test_empty_and_single_mention_files_say_so(tmp_path: Path) -> None:
    empty = CliRunner().invoke(main, ["link", "--mentions", _write(tmp_path / "e.jsonl", [])])
    assert empty.exit_code == 0 and empty.stdout == "" and "no mentions" in empty.stderr
    single = CliRunner().invoke(main, ["link", "--mentions", _write(tmp_path / "s.jsonl", _desk_lines()[:1])])
    assert single.exit_code == 0 and "one mention" in single.stderr
    lines = [json.loads(line) for line in single.stdout.splitlines()]
    assert lines[0] == {"mention": "a1", "incident": "I-0001"}
    assert lines[1]["grade"] == "single-source"


def test_help_has_examples() -> None:
    for args in (["link", "--help"], ["review", "links", "--help"]):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0 and "Example:" in result.output


def test_wrong_json_types_and_deep_nesting_are_one_line_never_a_traceback(tmp_path: Path) -> None:
    good = _desk_lines()
    record = json.loads(good[1])
    cases = {
        "field 'place.province' must be a string": {**record, "place": {"province": 1.5}},
        "field 'place' must be an object": {**record, "place": [1, 2]},
        "field 'victims.description' must be a string": {**record, "victims": {"description": {"a": 1}}},
        "field 'victims.count' must be a whole number": {**record, "victims": {"count": 2.5}},
        "field 'perpetrator' must be a string": {**record, "perpetrator": ["police"]},
        "field 'relation' must be a string": {**record, "relation": 7},
        "field 'date' must be a string": {**record, "date": 2019},
        "field 'evidence' must be a list": {**record, "evidence": "text"},
        "malformed evidence": {**record, "evidence": [{"start": "0", "end": 4, "text": "abcd"}]},
        "field 'evidence_offsets' must be": {**record, "evidence": ["abcd"], "evidence_offsets": [[0, "4"]]},
        "nested too deeply": {**record, "place": {"site": [[[[[[[[[[["deep"]]]]]]]]]]]}},
    }
    lines = {message: [good[0], json.dumps(bad)] for message, bad in cases.items()}
    lines["nested too deeply (JSON)"] = [good[0], "[" * 100_000 + "]" * 100_000]
    for message, content in lines.items():
        result = CliRunner().invoke(main, ["link", "--mentions", _write(tmp_path / "bad.jsonl", content)])
        assert result.exit_code == 2, (message, result.output)
        assert result.exception is None or isinstance(result.exception, SystemExit), message
        [line] = result.stderr.splitlines()
        assert "line 2" in line and message.replace(" (JSON)", "") in line, (message, line)
        assert "Traceback" not in result.output and result.stdout == ""
