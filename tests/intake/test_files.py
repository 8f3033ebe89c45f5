"""Reading testimony files from disk: every refusal names the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from casework.errors import InputError
from casework.intake import parse_received, read_testimony_file


def test_reads_exact_bytes(tmp_path: Path) -> None:
    path = tmp_path / "t.md"
    path.write_bytes(b"source: SRC-01\n\nwords\r\nmore")
    raw, parsed = read_testimony_file(path)
    assert raw == path.read_bytes() and parsed.header["source"] == "SRC-01"


def test_refusals(tmp_path: Path) -> None:
    (tmp_path / "folder.txt").mkdir()
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4")
    cases = {
        tmp_path / "missing.txt": "no such file",
        tmp_path / "folder.txt": "is a directory",
        tmp_path / "scan.pdf": "expected a .txt or .md file",
    }
    for path, message in cases.items():
        with pytest.raises(InputError) as err:
            read_testimony_file(path)
        assert str(err.value) == f"{path}: {message}" or str(err.value).startswith(f"{path}: {message}")


def test_parse_received() -> None:
    assert parse_received(None, "x") is None
    assert str(parse_received("2020-02-29", "x")) == "2020-02-29"
    with pytest.raises(InputError, match="x: field 'received': not a date"):
        parse_received("29/02/2020", "x")
