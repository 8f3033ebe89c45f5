"""Bulk intake into a store: a checked sheet's records, a folder's or zip's files.

Each sheet record is its own transaction; files are committed a folder's worth at a time
(:func:`casework.desk.intake.commit_batch`), each reported once its transaction is
committed; a bad one is one line and the others go on. A
sheet is checked whole before anything is written (:func:`plan_sheet_import`), so a
sheet with bad rows writes nothing unless the caller chose to skip them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import chain
from pathlib import Path

from casework.desk.intake import BYTES_PER_TRANSACTION, FILES_PER_TRANSACTION, commit_batch
from casework.errors import CaseworkError, InputError
from casework.intake.bundles import BundleItem, bundle_items
from casework.intake.header import parse_testimony
from casework.intake.sheets import SheetPlan, plan_sheet_import
from casework.store import CaseStore, MentionStatus, TestimonyInput

_IMPORTED = re.compile(r" row \d+ id (.+)$")  # the filename an imported record is stored under


@dataclass(frozen=True)
class RecordOutcome:
    """What became of one sheet row: a new testimony and mention, a duplicate, or a one-line error."""

    row: int
    original_id: str
    testimony_id: str | None = None
    mention_id: str | None = None
    duplicate: bool = False
    error: str | None = None


@dataclass(frozen=True)
class ItemOutcome:
    """What became of one file of a bundle (``sha256`` is of the bytes as received)."""

    name: str
    sha256: str | None = None
    testimony_id: str | None = None
    duplicate: bool = False
    document: bool = False
    error: str | None = None


def plan_store_sheet(
    store: CaseStore, path: Path, *, mapping: dict[str, str] | None = None, default_source: str | None = None
) -> SheetPlan:
    """The dry run of importing a sheet into this store: sources must exist, ids not be imported yet.

    Example:
        plan = plan_store_sheet(store, Path("cases.xlsx"), default_source="SRC-LEGACY")
        for problem in plan.problems: print(problem)
    """
    imported = {
        match.group(1)
        for info in store.list_testimonies()
        if info.filename and (match := _IMPORTED.search(info.filename))
    }
    sources = {s.pseudonym for s in store.list_sources()}
    return plan_sheet_import(
        path, mapping=mapping, known_sources=sources, default_source=default_source, already_imported=imported
    )


def import_sheet_records(
    store: CaseStore, plan: SheetPlan, *, list_name: str | None = None, status: MentionStatus = "accepted"
) -> Iterator[RecordOutcome]:
    """Store each checked record of ``plan`` as an imported testimony with its one mention.

    A row already imported (the same text, so the same original id, sheet and cells) is
    reported as a duplicate and not added again.
    """
    sheet_name = Path(plan.sheet).name
    for record in plan.records:
        try:
            result = store.add_testimony(
                record.text.encode("utf-8"),
                source=record.source,
                filename=f"{sheet_name} row {record.row} id {record.original_id}",
                received=record.received,
                list_name=list_name,
            )
            if result.duplicate:
                yield RecordOutcome(record.row, record.original_id, result.testimony_id, duplicate=True)
                continue
            (mention_id,) = store.save_mentions(result.testimony_id, [record.mention], status=status)
        except CaseworkError as err:
            yield RecordOutcome(record.row, record.original_id, error=f"{plan.sheet}: row {record.row}: {err}")
        else:
            yield RecordOutcome(record.row, record.original_id, result.testimony_id, mention_id)


def add_bundle(
    store: CaseStore,
    path: Path | Sequence[Path],
    *,
    source: str | None,
    received: date | None = None,
    channel: str | None = None,
    language: str | None = None,
    list_name: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
    published: str | None = None,
) -> Iterator[ItemOutcome]:
    """Add every testimony file of a folder or zip (or one file, or several of these), each hashed as received.

    Files, across all the paths given, are committed :data:`~casework.desk.intake.FILES_PER_TRANSACTION` at a time
    (fewer once they hold ``BYTES_PER_TRANSACTION``): one commit, one fsync, for the lot.
    Outcomes come in the bundle's order, each only once its transaction is committed;
    a file refused for its own reasons does not stop, or undo, the others.
    """
    pending: list[tuple[BundleItem, TestimonyInput | str]] = []
    size = 0
    paths = [path] if isinstance(path, Path) else path
    for item in chain.from_iterable(bundle_items(one) for one in paths):
        got = item.received
        if got is None:
            pending.append((item, item.error or f"{item.name}: not read"))
        else:
            try:
                header = parse_testimony(got.text, item.name).header if got.original is None else {}
                who = source or header.get("source")
                if not who and not (outlet or header.get("outlet")):
                    raise InputError("field 'source': none given (use --source or a 'source:' line)")
            except CaseworkError as err:
                pending.append((item, _name_file(str(err), item.name)))
            else:
                testimony = TestimonyInput(
                    got.text,
                    source=who or None,
                    outlet=outlet,
                    url=url,
                    published=published,
                    filename=Path(item.name).name,
                    received=received,
                    channel=channel,
                    language=language,
                    list_name=list_name,
                    original=got.original,
                )
                pending.append((item, testimony))
                size += len(got.text) + len(got.original or b"")
        if len(pending) >= FILES_PER_TRANSACTION or size >= BYTES_PER_TRANSACTION:
            yield from _commit(store, pending)
            pending, size = [], 0
    yield from _commit(store, pending)


def _commit(store: CaseStore, pending: list[tuple[BundleItem, TestimonyInput | str]]) -> Iterator[ItemOutcome]:
    """One transaction for the readable files of ``pending``; then every outcome, in order."""
    for (item, testimony), result in zip(pending, commit_batch(store, [t for _, t in pending]), strict=True):
        sha256 = item.received.sha256 if item.received is not None else None
        if isinstance(result, str):
            error = result if isinstance(testimony, str) else _name_file(result, item.name)
            yield ItemOutcome(item.name, sha256, error=error)
        else:
            document = item.received is not None and item.received.original is not None
            yield ItemOutcome(item.name, sha256, result.testimony_id, result.duplicate, document)


def _name_file(message: str, name: str) -> str:
    """The error led by the file's name as given (the store knows only its last part)."""
    if message.startswith(f"{name}:"):
        return message
    short = Path(name).name
    if message.startswith(f"{short}:"):
        return f"{name}:{message[len(short) + 1 :]}"
    return f"{name}: {message}"
