"""Reading testimony files from disk, refusing anything that is not a UTF-8 text testimony.

Every refusal is one :class:`~casework.errors.InputError` naming the file (and the
field or byte offset), never quoting the file's content.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from casework.errors import InputError
from casework.intake.header import MAX_BYTES, ParsedTestimony, parse_testimony

SUFFIXES = (".txt", ".md")


def read_testimony_file(path: Path) -> tuple[bytes, ParsedTestimony]:
    """The exact bytes of a testimony file and their parsed form.

    Args:
        path: a ``.txt`` or ``.md`` file in UTF-8, optionally with a header block.

    Example:
        raw, parsed = read_testimony_file(Path("examples/t01.txt"))
    """
    name = str(path)
    if not path.exists():
        raise InputError(f"{name}: no such file")
    if path.is_dir():
        raise InputError(f"{name}: is a directory, expected a .txt or .md file")
    if path.suffix.lower() not in SUFFIXES:
        raise InputError(f"{name}: expected a .txt or .md file")
    try:
        size = path.stat().st_size
        if size >= MAX_BYTES:
            raise InputError(f"{name}: file is too large ({size} bytes; the limit is {MAX_BYTES})")
        raw = path.read_bytes()
    except PermissionError:
        raise InputError(f"{name}: cannot read (permission denied)") from None
    except OSError as err:
        raise InputError(f"{name}: cannot read ({err.strerror})") from None
    return raw, parse_testimony(raw, name)


def parse_received(value: str | None, name: str) -> date | None:
    """A ``YYYY-MM-DD`` date given on the command line or in a header, or ``None``."""
    if value is None or value == "":
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError(f"{name}: field 'received': not a date (expected YYYY-MM-DD)") from None
