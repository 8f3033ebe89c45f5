"""Adding testimony to a store: many files, a folder's worth per transaction.

Shared by the demo and scripts (``casework add`` walks folders and zips through
:func:`casework.desk.add_bundle`, committed the same way): each file is read and checked
on its own, so a bad file is reported in one line and does not stop, or undo, the others.
Files are committed :data:`FILES_PER_TRANSACTION` at a time, or fewer once they hold
:data:`BYTES_PER_TRANSACTION` (one commit, one fsync, for the lot), and no file is
reported as added before its transaction is committed. Options win over a file's header block.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from casework.errors import CaseworkError, InputError
from casework.intake.files import parse_received, read_testimony_file
from casework.store import AddResult, CaseStore, TestimonyInput

FILES_PER_TRANSACTION = 100
BYTES_PER_TRANSACTION = 64 * 1024 * 1024  # a batch of large transcripts commits early: its bytes sit in memory


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
    """Add the files, yielding each one's outcome once its transaction is committed (in the order given).

    Args:
        store: an unlocked store whose user may add testimony.
        paths: ``.txt``/``.md`` files in UTF-8, optionally with a header block.
        source, received, channel, language, list_name: override the header's fields.
        outlet, url, published: a published report's fields (its source is the outlet).

    Example:
        for outcome in add_files(store, Path("inbox").glob("*.txt"), source="SRC-07"):
            print(outcome.path, outcome.error or outcome.result.testimony_id)
    """
    pending: list[tuple[Path, TestimonyInput | str]] = []
    size = 0
    for path in paths:
        try:
            raw, parsed = read_testimony_file(path)
            who = source or parsed.header.get("source")
            if not who and not (outlet or parsed.header.get("outlet")):
                raise InputError(f"{path}: field 'source': none given (use --source or a 'source:' line)")
            item = TestimonyInput(
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
            pending.append((path, _name_file(str(err), path)))
        else:
            pending.append((path, item))
            size += len(raw)
        if len(pending) >= FILES_PER_TRANSACTION or size >= BYTES_PER_TRANSACTION:
            yield from _commit(store, pending)
            pending, size = [], 0
    yield from _commit(store, pending)


def commit_batch(store: CaseStore, batch: Sequence[TestimonyInput | str]) -> list[AddResult | str]:
    """One transaction for the testimonies of ``batch``; per entry its result or one-line error, in order.

    Strings in ``batch`` are errors found before the store (a file that cannot be read)
    and are passed through, so that callers report every file in the order given.
    """
    items = [item for item in batch if isinstance(item, TestimonyInput)]
    try:
        done: list[AddResult | CaseworkError] = store.add_testimonies(items) if items else []
    except CaseworkError as err:  # the transaction failed (store busy, disk full): none of these was added
        done = [err] * len(items)
    results = iter(done)
    out: list[AddResult | str] = []
    for item in batch:
        result = item if isinstance(item, str) else next(results)
        out.append(str(result) if isinstance(result, CaseworkError) else result)
    return out


def _commit(store: CaseStore, pending: list[tuple[Path, TestimonyInput | str]]) -> Iterator[FileOutcome]:
    """One transaction for the readable files of ``pending``; then every outcome, in order."""
    for (path, item), result in zip(pending, commit_batch(store, [item for _, item in pending]), strict=True):
        if isinstance(result, str):
            yield FileOutcome(path, error=result if isinstance(item, str) else _name_file(result, path))
        else:
            yield FileOutcome(path, result=result)


def _name_file(message: str, path: Path) -> str:
    """The error led by the path as given (the store knows only the file's name)."""
    if message.startswith(f"{path}:"):
        return message
    if message.startswith(f"{path.name}:"):
        return f"{path}:{message[len(path.name) + 1 :]}"
    return f"{path}: {message}"
