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


_TEXT_FIELDS = ("date", "date_text", "date_precision", "perpetrator", "relation", "depends_on")
_PLACE_FIELDS = ("province", "county_or_city", "site")
MAX_DEPTH = 8
"""Deepest nesting a mention line may have (the contract needs 3: line, evidence list, span)."""


def _depth(value: Any, limit: int) -> int:
    """Nesting depth of a JSON value, counted no further than ``limit + 1``."""
    stack = [(value, 1)]
    deepest = 0
    while stack:
        item, level = stack.pop()
        deepest = max(deepest, level)
        if deepest > limit:
            return deepest
        if isinstance(item, dict):
            stack.extend((v, level + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, level + 1) for v in item)
    return deepest


def _check_types(record: dict[str, Any], where: str) -> None:
    """Every field of the contract has its JSON type; one InputError naming the first that does not."""
    if _depth(record, MAX_DEPTH) > MAX_DEPTH:
        raise InputError(f"{where}: nested too deeply (at most {MAX_DEPTH} levels)")
    for key in ("mention", "testimony", "source", "type"):
        if not record.get(key):
            raise InputError(f"{where}: missing field '{key}'")
        if not isinstance(record[key], str):
            raise InputError(f"{where}: field '{key}' must be a string")
    for key in _TEXT_FIELDS:
        if record.get(key) is not None and not isinstance(record[key], str):
            raise InputError(f"{where}: field '{key}' must be a string")
    for key, fields in (("place", _PLACE_FIELDS), ("victims", ("count_text", "description"))):
        value = record.get(key)
        if value is None:
            continue
        if not isinstance(value, dict):
            raise InputError(f"{where}: field '{key}' must be an object")
        for name in fields:
            if value.get(name) is not None and not isinstance(value[name], str):
                raise InputError(f"{where}: field '{key}.{name}' must be a string")
    count = (record.get("victims") or {}).get("count")
    if count is not None and (not isinstance(count, int) or isinstance(count, bool) or count < 0):
        raise InputError(f"{where}: field 'victims.count' must be a whole number")
    _check_evidence(record, where)


def _check_evidence(record: dict[str, Any], where: str) -> None:
    spans = record.get("evidence")
    offsets = record.get("evidence_offsets")
    if spans is not None and not isinstance(spans, list):
        raise InputError(f"{where}: field 'evidence' must be a list")
    if offsets is not None and not (
        isinstance(offsets, list)
        and all(
            isinstance(o, list) and len(o) == 2 and all(isinstance(x, int) and not isinstance(x, bool) for x in o)
            for o in offsets
        )
    ):
        raise InputError(f"{where}: field 'evidence_offsets' must be a list of [start, end] pairs")
    for span in spans or ():
        if isinstance(span, str):
            continue
        if not isinstance(span, dict):
            raise InputError(f"{where}: malformed evidence (field 'evidence')")
        bounds = (span.get("start"), span.get("end"))
        if not all(isinstance(x, int) and not isinstance(x, bool) and x >= 0 for x in bounds):
            raise InputError(f"{where}: malformed evidence (field 'evidence': start and end must be whole numbers)")
        if not isinstance(span.get("text"), str) or not isinstance(span.get("field", ""), str):
            raise InputError(f"{where}: malformed evidence (field 'evidence': text and field must be strings)")


def mention_from_record(record: dict[str, Any], where: str) -> Mention:
    """A Mention from one JSON object, or LinkageError/InputError naming ``where`` and the field."""
    _check_types(record, where)
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
        except RecursionError:
            raise InputError(f"{where}: nested too deeply (at most {MAX_DEPTH} levels)") from None
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
