"""Interview transcripts as received: plain text, DOCX or PDF, their bytes kept as they came.

A transcript in DOCX or PDF is stored as two things: the original bytes (hashed as
received and sealed beside the testimony, so the chain of custody starts at the file a
researcher was given) and the text read from it, which is what extraction reads and
evidence offsets point into. Text is read by python-docx (paragraphs and table cells,
in document order) and pypdf (page text, pages separated by a blank line); a file either
library cannot read, or one with no text (a scanned PDF), is refused in one line.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

from casework.errors import InputError
from casework.intake.header import MAX_BYTES, decode_testimony

TEXT_SUFFIXES = (".txt", ".md")
DOCUMENT_SUFFIXES = (".docx", ".pdf")
SUFFIXES = TEXT_SUFFIXES + DOCUMENT_SUFFIXES
MEDIA_TYPES = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".pdf": "application/pdf",
}


@dataclass(frozen=True)
class ReceivedFile:
    """One file as received: its name, exact bytes and their SHA-256, and the testimony text it gives.

    ``text`` is the UTF-8 testimony to store; ``original`` is the received bytes when they
    are a document (DOCX/PDF) rather than the text itself, else None.
    """

    name: str
    raw: bytes
    sha256: str
    text: bytes
    original: bytes | None


def read_received(name: str, raw: bytes) -> ReceivedFile:
    """Hash ``raw`` as received and turn it into testimony text according to its suffix.

    Args:
        name: the file's name as given (used in messages and to choose the reader).
        raw: the exact bytes received.

    Example:
        >>> read_received("t1.txt", b"channel: phone\\n\\nText.").sha256[:8]
        '4a6ef3b2'
    """
    suffix = Path(name).suffix.lower()
    if suffix not in SUFFIXES:
        raise InputError(f"{name}: expected a .txt, .md, .docx or .pdf file")
    if len(raw) >= MAX_BYTES:
        raise InputError(f"{name}: file is too large ({len(raw)} bytes; the limit is {MAX_BYTES})")
    if not raw.strip():
        raise InputError(f"{name}: file is empty")
    digest = hashlib.sha256(raw).hexdigest()
    if suffix in TEXT_SUFFIXES:
        decode_testimony(raw, name)  # refuse what is not UTF-8 text now, by name, before any store is touched
        return ReceivedFile(name, raw, digest, raw, None)
    text = _docx_text(name, raw) if suffix == ".docx" else _pdf_text(name, raw)
    if not text.strip():
        raise InputError(f"{name}: no text found in the document (a scan needs OCR first)")
    return ReceivedFile(name, raw, digest, text.encode("utf-8"), raw)


def _docx_text(name: str, raw: bytes) -> str:
    import docx
    from docx.document import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document: Document = docx.Document(io.BytesIO(raw))
        blocks: list[str] = []
        for block in document.iter_inner_content():
            if isinstance(block, Paragraph):
                blocks.append(block.text)
            elif isinstance(block, Table):
                for row in block.rows:
                    blocks.append("\t".join(cell.text for cell in row.cells))
    except Exception:  # noqa: BLE001 - any failure of the reader means: not a DOCX we can read
        raise InputError(f"{name}: not a readable DOCX file") from None
    return "\n".join(blocks).strip() + "\n"


def _pdf_text(name: str, raw: bytes) -> str:
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(raw))
        if reader.is_encrypted:
            raise InputError(f"{name}: the PDF is encrypted; decrypt it first")
        pages = [(page.extract_text() or "").strip() for page in reader.pages]
    except InputError:
        raise
    except Exception:  # noqa: BLE001 - any failure of the reader means: not a PDF we can read
        raise InputError(f"{name}: not a readable PDF file") from None
    return "\n\n".join(p for p in pages if p) + "\n"
