"""Adding testimony to a store: many files, one transaction per file.

Shared by ``casework add``, the demo and scripts: each file is read, checked and
committed on its own, so a bad file is reported in one line and does not stop, or
undo, the others. Options win over a file's header block.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from casework.errors import CaseworkError, InputError
from casework.intake.files import parse_received, read_testimony_file
from casework.store import AddResult, CaseStore


@dataclass(frozen=True)
class FileOutcome:
    """What became of one file: a stored (or duplicate) testimony, or a one-line error."""

    path: Path
    result: AddResult | None = None
    error: str | None = None


def add_files(
    store: CaseStore,
    paths: Iterable[Path],
    *,
    source: str | None = None,
    received: date | None = None,
    channel: str | None = None,
    language: str | None = None,
    list_name: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
    published: str | None = None,
) -> Iterator[FileOutcome]:
    """Add each file in its own transaction, yielding its outcome as soon as it is committed.

    Args:
        store: an unlocked store whose user may add testimony.
        paths: ``.txt``/``.md`` files in UTF-8, optionally with a header block.
        source, received, channel, language, list_name: override the header's fields.
        outlet, url, published: a published report's fields (its source is the outlet).

    Example:
        for outcome in add_files(store, Path("inbox").glob("*.txt"), source="SRC-07"):
            print(outcome.path, outcome.error or outcome.result.testimony_id)
    """
    for path in paths:
        try:
            raw, parsed = read_testimony_file(path)
            who = source or parsed.header.get("source")
            if not who and not (outlet or parsed.header.get("outlet")):
                raise InputError(f"{path}: field 'source': none given (use --source or a 'source:' line)")
            result = store.add_testimony(
                raw,
                source=who or None,
                outlet=outlet,
                url=url,
                published=published,
                filename=path.name,
                received=received or parse_received(parsed.header.get("received"), str(path)),
                channel=channel,
                language=language,
                list_name=list_name,
            )
        except CaseworkError as err:
            yield FileOutcome(path, error=_name_file(str(err), path))
        else:
            yield FileOutcome(path, result=result)


def _name_file(message: str, path: Path) -> str:
    """The error led by the path as given (the store knows only the file's name)."""
    if message.startswith(f"{path}:"):
        return message
    if message.startswith(f"{path.name}:"):
        return f"{path}:{message[len(path.name) + 1 :]}"
    return f"{path}: {message}"
