"""Material in, unchanged: file reading, header blocks, language, content hashes.

Intake validates; it never stores. Adding files to a store is a desk workflow
(:func:`casework.desk.add_files`).
"""

from casework.intake.files import parse_received, read_testimony_file
from casework.intake.header import ParsedTestimony, decode_testimony, detect_language, parse_testimony, split_header

__all__ = [
    "ParsedTestimony",
    "decode_testimony",
    "detect_language",
    "parse_received",
    "parse_testimony",
    "read_testimony_file",
    "split_header",
]
