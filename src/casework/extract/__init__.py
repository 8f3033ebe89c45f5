"""Extraction: testimony text -> incident mentions with evidence spans (pure, no I/O).

:func:`extract_mentions` is the one entry point. It takes the whole file as read
(header block included), so that every evidence span's offsets are into that text
and ``text[start:end]`` gives the evidence back. English is handled here
(:mod:`.english`); Korean by :mod:`casework.extract.korean`, which reuses the
gazetteer and follows the same offset contract.
"""

from __future__ import annotations

import functools
import importlib
import logging
from collections.abc import Callable, Sequence
from datetime import date

from casework.extract.english import extract_english
from casework.intake.header import detect_language, reference_date, split_header
from casework.model import Mention

__all__ = ["extract_many", "extract_mentions"]

logger = logging.getLogger(__name__)

# Enough text to tell Korean from English; counting letters of a whole large file is slow.
_SAMPLE = 1000


def extract_mentions(
    text: str, received: date | None = None, language: str | None = None, name: str = "testimony"
) -> list[Mention]:
    """The incident mentions a testimony describes, each with evidence spans into ``text``.

    Args:
        text: the whole file as read; a leading header block (``received: ...``) is skipped.
        received: the date relative expressions refer to; defaults to the header's
            ``published`` (a report), else its ``received``.
        language: ``"en"`` or ``"ko"``; detected from the text when None.
        name: the file or testimony name used in error messages (never its content).

    Raises:
        InputError: when the header block is malformed.

    Example:
        >>> [m.type for m in extract_mentions("Police arrested two men in Hyesan on the 3rd.", date(2020, 5, 9))]
        ['arrest']
    """
    (mentions,) = extract_many([(text, received, language, name)])
    return mentions


def extract_many(documents: Sequence[tuple[str, date | None, str | None, str]]) -> list[list[Mention]]:
    """The mentions of each ``(text, received, language, name)``, as :func:`extract_mentions` gives them.

    Korean documents are analysed together: one call to the morphological analyser
    for all of them runs on its worker threads, so extracting a backlog in one call
    is faster on several cores than one call per testimony.

    Example:
        >>> [len(m) for m in extract_many([("Police arrested two men in Hyesan.", date(2020, 5, 9), "en", "a")])]
        [1]
    """
    out: list[list[Mention]] = []
    korean: list[tuple[int, str, date | None]] = []
    for text, received, language, name in documents:
        header, body_offset = split_header(text, name)
        if received is None:  # a published report counts from its publication date
            received = reference_date(
                date.fromisoformat(header["received"]) if header.get("received") else None, header.get("published")
            )
        stated = header.get("language") if header.get("language") in ("en", "ko") else None
        language = language or stated or detect_language(text[body_offset : body_offset + _SAMPLE])
        if language == "ko":
            korean.append((len(out), text, received))
            out.append([])
        else:
            out.append(extract_english(text, received, body_offset, header.get("channel")))
    extractor = _korean_extractor() if korean else None
    if extractor is not None:
        for (i, _, _), mentions in zip(korean, extractor([(t, r) for _, t, r in korean]), strict=True):
            out[i] = mentions
    return out


@functools.cache
def _korean_extractor() -> Callable[[Sequence[tuple[str, date | None]]], list[list[Mention]]] | None:
    try:
        module = importlib.import_module("casework.extract.korean")
    except ModuleNotFoundError as err:
        if err.name != "casework.extract.korean":
            raise
        logger.warning("Korean extraction is not installed; Korean testimonies yield no mentions")
        return None
    extractor: Callable[[Sequence[tuple[str, date | None]]], list[list[Mention]]] = module.extract_korean_many
    return extractor
