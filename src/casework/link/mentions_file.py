"""The file mode's input: mentions as JSON lines, read whole before anything is linked.

Each line holds one mention in the extraction contract (``Mention.to_json``)
plus ``mention``, ``testimony``, ``source`` and optionally ``depends_on``. Gold
files of the development corpus (evidence as plain strings with
``evidence_offsets``) are read too. Every problem names its line number and the
field, never the content, and the whole file is checked before linking starts:
nothing is linked from a half-read file.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from casework.errors import InputError, LinkageError
from casework.link.features import validate_mention
from casework.model import Mention

__all__ = ["mention_from_record", "read_mentions_file", "read_mentions_lines"]


def _evidence(record: dict[str, Any]) -> list[dict[str, Any]]:
    spans = record.get("evidence") or []
    offsets = record.get("evidence_offsets") or []
    out: list[dict[str, Any]] = []
    for index, span in enumerate(spans):
        if isinstance(span, dict):
            out.append(span)
        elif isinstance(span, str):
            start, end = offsets[index] if index < len(offsets) else (0, len(span))
            out.append({"field": "incident", "start": start, "end": end, "text": span})
    return out


def mention_from_record(record: dict[str, Any], where: str) -> Mention:
    """A Mention from one JSON object, or LinkageError/InputError naming ``where`` and the field."""
    for key in ("mention", "testimony", "source", "type"):
        if not record.get(key):
            raise InputError(f"{where}: missing field '{key}'")
        if not isinstance(record[key], str):
            raise InputError(f"{where}: field '{key}' must be a string")
    for key in ("place", "victims"):
        if record.get(key) is not None and not isinstance(record[key], dict):
            raise InputError(f"{where}: field '{key}' must be an object")
    count = (record.get("victims") or {}).get("count")
    if count is not None and (not isinstance(count, int) or isinstance(count, bool) or count < 0):
        raise InputError(f"{where}: field 'victims.count' must be a whole number")
    if record.get("date") is not None and not isinstance(record["date"], str):
        raise InputError(f"{where}: impossible date (field 'date')")
    try:
        mention = Mention.from_json({**record, "evidence": _evidence(record)})
    except (KeyError, TypeError, ValueError):
        raise InputError(f"{where}: malformed evidence (field 'evidence')") from None
    try:
        validate_mention(mention, where)
    except LinkageError as err:
        raise InputError(str(err)) from None
    return mention


def read_mentions_lines(lines: Iterable[str], name: str = "<stdin>") -> list[Mention]:
    """Mentions from JSON lines; blank lines are skipped; duplicate ids are an error."""
    mentions: list[Mention] = []
    seen: set[str] = set()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{name} line {number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            raise InputError(f"{where}: malformed JSON") from None
        if not isinstance(record, dict):
            raise InputError(f"{where}: expected a JSON object")
        mention = mention_from_record(record, where)
        if mention.mention_id in seen:
            raise InputError(f"{where}: duplicate mention id (field 'mention')")
        seen.add(mention.mention_id or "")
        mentions.append(mention)
    return mentions


def read_mentions_file(path: str | Path) -> list[Mention]:
    """All mentions of a JSON-lines file, or InputError naming the first bad line."""
    file = Path(path)
    try:
        with file.open(encoding="utf-8") as handle:
            return read_mentions_lines(handle, file.name)
    except OSError as err:
        raise InputError(f"{file.name}: cannot read ({err.strerror})") from None
    except UnicodeDecodeError:
        raise InputError(f"{file.name}: not UTF-8 text") from None
