"""Reading a testimony file as received: optional header block, language, hash.

The header format is that of the shared corpus: ``key: value`` lines (``received``,
``channel``, ``source``, optionally ``list``), then one blank line, then the text.
A published report (a news outlet's article) says so in the same block with
``url``, ``outlet``, ``published`` (``YYYY-MM-DD`` or ``YYYY-MM``) and ``language``;
its source is its outlet. Offsets everywhere in Casework are into the whole file as
read, header included, so ``ParsedTestimony.body_offset`` says where the body starts.
"""

from __future__ import annotations

import calendar
import hashlib
import re
from dataclasses import dataclass, field
from datetime import date

from casework.errors import InputError

HEADER_KEYS = ("received", "channel", "source", "list", "language", "url", "outlet", "published")
REPORT_KEYS = ("url", "outlet", "published")
"""Header fields that make a file a published report rather than a source's testimony."""
MAX_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class ParsedTestimony:
    """A testimony file split into header fields and body, with its chain-of-custody hash."""

    text: str
    header: dict[str, str] = field(default_factory=dict)
    body_offset: int = 0
    sha256: str = ""

    @property
    def body(self) -> str:
        return self.text[self.body_offset :]

    @property
    def received(self) -> date | None:
        value = self.header.get("received")
        return date.fromisoformat(value) if value else None

    @property
    def published(self) -> str | None:
        """A report's publication date as given (``YYYY-MM-DD`` or ``YYYY-MM``), checked by the parser."""
        return self.header.get("published") or None

    @property
    def reference_date(self) -> date | None:
        """The day relative dates ("last week", 지난달) count from: publication, else receipt."""
        return reference_date(self.received, self.published)


def decode_testimony(raw: bytes, name: str) -> str:
    """Exact bytes to text, refusing what is not a UTF-8 testimony."""
    if not raw.strip():
        raise InputError(f"{name}: file is empty")
    if len(raw) >= MAX_BYTES:
        raise InputError(f"{name}: file is too large ({len(raw)} bytes; the limit is {MAX_BYTES})")
    if b"\x00" in raw:
        raise InputError(f"{name}: binary file (contains NUL bytes), expected UTF-8 text")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise InputError(f"{name}: not UTF-8 text (invalid byte at offset {err.start})") from None
    if text.startswith("\ufeff"):
        text = text[1:]
    return text


def parse_testimony(raw: bytes, name: str) -> ParsedTestimony:
    """Decode, hash and split a testimony file; a malformed header names the line."""
    text = decode_testimony(raw, name)
    digest = hashlib.sha256(raw).hexdigest()
    header, body_offset = split_header(text, name)
    return ParsedTestimony(text=text, header=header, body_offset=body_offset, sha256=digest)


def split_header(text: str, name: str) -> tuple[dict[str, str], int]:
    lines = text.split("\n")
    first = lines[0].strip().lower()
    if ":" not in first or first.split(":", 1)[0].strip() not in HEADER_KEYS:
        return {}, 0
    header: dict[str, str] = {}
    offset = 0
    for number, line in enumerate(lines, start=1):
        offset += len(line) + 1
        stripped = line.strip()
        if not stripped:
            break
        key, sep, value = stripped.partition(":")
        key = key.strip().lower()
        if not sep or key not in HEADER_KEYS:
            raise InputError(f"{name}: line {number}: malformed header line (expected one of {', '.join(HEADER_KEYS)})")
        if key in header:
            raise InputError(f"{name}: line {number}: header field '{key}' given twice")
        header[key] = value.strip()
    else:
        raise InputError(f"{name}: header block is not followed by a blank line and text")
    if "received" in header:
        try:
            date.fromisoformat(header["received"])
        except ValueError:
            raise InputError(f"{name}: header field 'received' is not a date (YYYY-MM-DD)") from None
    if header.get("published"):
        check_published(header["published"], name)
    if header.get("language") and header["language"] not in ("en", "ko", "auto"):
        raise InputError(f"{name}: field 'language': expected auto, en or ko")
    return header, min(offset, len(text))


_PUBLISHED = re.compile(r"(\d{4})-(\d{2})(?:-(\d{2}))?")


def check_published(value: str, name: str) -> str:
    """A publication date as ``YYYY-MM-DD`` or ``YYYY-MM`` (outlets often give only the month)."""
    match = _PUBLISHED.fullmatch(value.strip())
    try:
        if match is None:
            raise ValueError(value)
        year, month, day = int(match.group(1)), int(match.group(2)), int(match.group(3) or 1)
        date(year, month, day)
    except ValueError:
        raise InputError(f"{name}: field 'published' is not a date (YYYY-MM-DD or YYYY-MM)") from None
    return value.strip()


def reference_date(received: date | None, published: str | None) -> date | None:
    """The day a text's relative dates count from.

    A report's "last month" is the month before it was published, whenever the desk
    read it, so ``published`` wins over ``received``. A month-only publication date
    counts from the month's last day: "on the 19th" then falls inside that month.

    Example:
        >>> reference_date(None, "2020-06")
        datetime.date(2020, 6, 30)
    """
    if published:
        year, month = int(published[:4]), int(published[5:7])
        if len(published) >= 10:
            return date(year, month, int(published[8:10]))
        return date(year, month, calendar.monthrange(year, month)[1])
    return received


_HANGUL = re.compile("[\uac00-\ud7a3]")
_LATIN = re.compile("[A-Za-z]")


def detect_language(text: str) -> str:
    """``ko`` when Hangul dominates the letters, else ``en``.

    Counted with compiled character classes: intake calls this for every file.
    """
    hangul = len(_HANGUL.findall(text))
    latin = len(_LATIN.findall(text))
    return "ko" if hangul > latin / 3 else "en"
