"""Extraction of stored testimony (and of loose files, for the CLI's ``--text`` mode).

One copy of "read the testimony, extract from its whole text as stored (evidence
offsets are into it), fill in testimony and source, save as suggestions": the CLI's
``casework extract`` and the web app's extract button both call it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path

from casework.errors import CaseworkError, InputError
from casework.extract import extract_many, extract_mentions
from casework.extract.confidence import mention_confidence
from casework.intake import decode_testimony
from casework.intake.header import MAX_BYTES, reference_date, split_header
from casework.model import Mention, Testimony
from casework.store import CaseStore

__all__ = ["extract_file", "extract_files", "extract_pending", "extract_testimony"]

# Testimonies extracted together: enough to keep the Korean analyser's threads busy,
# few enough that a progress bar moves and decrypted texts do not pile up in memory.
_BATCH = 32


def _document(
    testimony: Testimony, received: date | None, language: str | None
) -> tuple[str, date | None, str | None, str]:
    when = received or reference_date(testimony.received, testimony.published)
    return testimony.text, when, language or testimony.language, testimony.testimony_id


def _mentions_of(testimony: Testimony, received: date | None = None, language: str | None = None) -> list[Mention]:
    found = extract_mentions(*_document(testimony, received, language))
    return [replace(m, testimony=testimony.testimony_id, source=testimony.source) for m in found]


def extract_testimony(
    store: CaseStore, testimony_id: str, *, received: date | None = None, language: str | None = None
) -> list[str]:
    """Extract one stored testimony again; its unreviewed suggestions are replaced, reviewed ones kept.

    Returns the ids of the new suggestions.

    Example:
        >>> extract_testimony(store, "T-0003")  # doctest: +SKIP
        ['T-0003-1', 'T-0003-2']
    """
    testimony = store.get_testimony(testimony_id)
    mentions = _mentions_of(testimony, received, language)
    scores = [mention_confidence(m) for m in mentions]
    return store.save_mentions(testimony_id, mentions, replace_suggested=True, confidence=scores)


def extract_pending(
    store: CaseStore,
    *,
    received: date | None = None,
    language: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[int, int]:
    """Extract every current testimony not yet extracted; return (testimonies, mentions).

    Current: not replaced by a correction (only the newest version is extracted).

    ``progress(done, total)`` is called after each testimony (for a progress bar).
    """
    pending = [info for info in store.list_testimonies() if not info.extracted and info.superseded_by is None]
    total = 0
    for first in range(0, len(pending), _BATCH):
        batch = [store.get_testimony(info.testimony_id) for info in pending[first : first + _BATCH]]
        found = extract_many([_document(t, received, language) for t in batch])
        for done, (testimony, mentions) in enumerate(zip(batch, found, strict=True), first + 1):
            owned = [replace(m, testimony=testimony.testimony_id, source=testimony.source) for m in mentions]
            store.save_mentions(testimony.testimony_id, owned, confidence=[mention_confidence(m) for m in owned])
            total += len(owned)
            if progress is not None:
                progress(done, len(pending))
    return len(pending), total


def extract_file(path: Path, received: date | None = None, language: str | None = None) -> list[Mention]:
    """Mentions of a testimony file that is not in a store (the file's stem as testimony id)."""
    (found,) = extract_files([path], received, language)
    if isinstance(found, CaseworkError):
        raise found
    return found


def extract_files(
    paths: Sequence[Path], received: date | None = None, language: str | None = None
) -> list[list[Mention] | CaseworkError]:
    """Mentions of each file, or the error that file raised; the readable ones are extracted in one batch.

    Example:
        >>> extract_files([Path("t001.txt"), Path("missing.txt")])  # doctest: +SKIP
        [[Mention(...)], InputError('missing.txt: cannot read (No such file or directory)')]
    """
    out: list[list[Mention] | CaseworkError] = []
    readable: list[tuple[int, Path, str]] = []
    for path in paths:
        try:
            text = _read_file(path)
            split_header(text, str(path))  # a malformed header fails this file only, not the batch
        except CaseworkError as err:
            out.append(err)
            continue
        readable.append((len(out), path, text))
        out.append([])
    found = extract_many([(text, received, language, str(path)) for _, path, text in readable])
    for (i, path, _), mentions in zip(readable, found, strict=True):
        out[i] = [replace(m, testimony=path.stem) for m in mentions]
    return out


def _read_file(path: Path) -> str:
    try:
        size = path.stat().st_size
        if size >= MAX_BYTES:
            raise InputError(f"{path}: file is too large ({size} bytes; the limit is {MAX_BYTES})")
        raw = path.read_bytes()
    except OSError as err:
        raise InputError(f"{path}: cannot read ({err.strerror})") from None
    return decode_testimony(raw, str(path))
