"""``casework estimate --histories``: the table, the JSON shape, one-line refusals."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from casework.cli import main
from conftest import need_shared


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_kosovo_json_shape() -> None:
    path = need_shared("data", "mse", "kosovo_4list.csv")
    code, out, _ = run("estimate", "--histories", str(path), "--format", "json")
    assert code == 0
    doc = json.loads(out)
    assert set(doc) == {
        "lists", "observed", "criterion", "interval_method", "level",
        "selected", "averaged", "models", "assumptions", "warnings",
    }  # fmt: skip
    assert doc["observed"] == 4400 and doc["lists"] == ["EXH", "ABA", "OSCE", "HRW"]
    assert len(doc["models"]) == 64
    model = next(m for m in doc["models"] if m["name"] == "independence")
    assert set(model) == {"name", "terms", "n_hat", "unobserved", "interval", "aic", "bic", "deviance", "df", "weight"}
    assert round(model["n_hat"]) == 7395
    assert len(doc["averaged"]["interval"]) == 2
    assert any("closed population" in a for a in doc["assumptions"])


def test_table_shows_models_choice_average_and_assumptions(tmp_path: Path) -> None:
    path = tmp_path / "three.csv"
    path.write_text("A,B,C,count\n1,0,0,40\n0,1,0,30\n0,0,1,35\n1,1,0,12\n1,0,1,14\n0,1,1,10\n1,1,1,4\n")
    code, out, _ = run("estimate", "--histories", str(path), "--criterion", "bic")
    assert code == 0
    assert "  independence\n" in out and "A:B + A:C + B:C" in out
    assert "selected (lowest BIC)" in out and "model-averaged (BIC weights)" in out
    assert "observed: 145" in out
    for word in ("closed population", "perfect linkage", "list dependence only as modelled"):
        assert word in out


def test_two_lists_are_refused_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "two.csv"
    path.write_text("A,B,count\n1,0,30\n0,1,20\n1,1,10\n", encoding="utf-8")
    code, out, err = run("estimate", "--histories", str(path))
    assert code == 2
    assert err.count("\n") == 1 and "at least three" in err


def test_bad_csv_is_refused_in_one_line_naming_the_row(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("A,B,C,count\n1,0,0,3\n1,1,0,-2\n", encoding="utf-8")
    code, _, err = run("estimate", "--histories", str(path), "--format", "json")
    assert code == 2
    assert err.strip() == f"error: {path}: line 3: count -2 is negative"


def test_histories_mode_rejects_store_options(tmp_path: Path) -> None:
    path = tmp_path / "h.csv"
    path.write_text("A,B,C,count\n1,0,0,3\n", encoding="utf-8")
    code, _, err = run("estimate", "--histories", str(path), "--by", "type")
    assert code == 2 and "--by" in err


def test_every_option_is_documented() -> None:
    from casework.cli.estimate_cmds import estimate_cmd

    docs = (Path(__file__).resolve().parents[2] / "docs" / "estimation.md").read_text(encoding="utf-8")
    for param in estimate_cmd.params:
        for opt in param.opts:
            assert f"`{opt}" in docs, f"{opt} is missing from docs/estimation.md"
