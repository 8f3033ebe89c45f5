"""``casework check``: exit statuses 0/2/3, --fix never overwrites, JSON shape."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from casework.cli import main

RISKY = "Our source, SRC-12, a nurse at the county hospital, said so. Her son lives in Seoul.\n"
SAFE = "Police arrested three traders in Hyesan in May, according to residents.\n"


def _check(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["check", *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def risky(tmp_path: Path) -> Path:
    path = tmp_path / "risky.md"
    path.write_text(RISKY, encoding="utf-8")
    return path


def test_exit_3_when_high_risk_and_0_when_not(risky: Path, tmp_path: Path) -> None:
    code, out, _ = _check(str(risky))
    assert code == 3
    assert "SRC-12" in out and "HIGH" in out and "anonymity set" in out
    safe = tmp_path / "safe.md"
    safe.write_text(SAFE, encoding="utf-8")
    assert _check(str(safe))[0] == 0


def test_json_output(risky: Path) -> None:
    code, out, _ = _check(str(risky), "--format", "json")
    payload = json.loads(out)
    assert code == 3
    assert payload["risk"] == "high"
    assert isinstance(payload["anonymity_set"], int)
    span = payload["spans"][0]
    assert set(span) == {"start", "end", "text", "kind", "risk", "why", "safer"}
    assert RISKY[span["start"] : span["end"]] == span["text"]


@pytest.mark.parametrize(
    "content",
    [None, b"", b"   \n", b"\x00\x01binary", b"caf\xe9 latin-1"],
    ids=["missing", "empty", "blank", "binary", "not-utf8"],
)
def test_bad_drafts_exit_2_with_one_line(tmp_path: Path, content: bytes | None) -> None:
    path = tmp_path / "draft.md"
    if content is not None:
        path.write_bytes(content)
    code, out, err = _check(str(path))
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1 and err.startswith("error:")


def test_fix_writes_a_redacted_copy_and_never_overwrites(risky: Path, tmp_path: Path) -> None:
    out = tmp_path / "fixed.md"
    assert _check(str(risky), "--fix", str(out))[0] == 3
    fixed = out.read_text(encoding="utf-8")
    assert "SRC-12" not in fixed and "Seoul" not in fixed
    assert risky.read_text(encoding="utf-8") == RISKY

    out.write_text("editor's own notes", encoding="utf-8")
    code, _, err = _check(str(risky), "--fix", str(out))
    assert code == 2 and "--force" in err
    assert out.read_text(encoding="utf-8") == "editor's own notes"
    assert _check(str(risky), "--fix", str(out), "--force")[0] == 3
    assert "SRC-12" not in out.read_text(encoding="utf-8")

    code, _, err = _check(str(risky), "--fix", str(risky), "--force")
    assert code == 2 and "never overwrites the draft" in err
    assert risky.read_text(encoding="utf-8") == RISKY
