"""Material in, unchanged: file reading, header blocks, language, content hashes."""

from casework.intake.batch import FileOutcome, add_files
from casework.intake.files import parse_received, read_testimony_file
from casework.intake.header import ParsedTestimony, decode_testimony, detect_language, parse_testimony, split_header

__all__ = [
    "FileOutcome",
    "ParsedTestimony",
    "add_files",
    "decode_testimony",
    "detect_language",
    "parse_received",
    "parse_testimony",
    "read_testimony_file",
    "split_header",
]
