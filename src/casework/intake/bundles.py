"""Many testimony files at once: a folder (walked in name order) or a zip archive.

Each file is read and hashed as received, one at a time, so a bundle of thousands of
files never sits in memory whole. A zip is read with the standard library and treated
as hostile: members whose names escape the archive (``../``, absolute paths), links,
encrypted members, and members or totals past the size limits are refused by name,
so that a crafted archive cannot fill the disk or memory (a "zip bomb"). Nothing from
a zip is ever written to disk: members are read into memory, one at a time.
"""

from __future__ import annotations

import stat
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from casework.errors import InputError
from casework.intake.documents import SUFFIXES, ReceivedFile, read_received
from casework.intake.header import MAX_BYTES

MAX_MEMBERS = 100_000
MAX_TOTAL_BYTES = 2 * 1024 * 1024 * 1024
SKIPPED_NAMES = ("__MACOSX/", ".DS_Store", "Thumbs.db")


@dataclass(frozen=True)
class BundleItem:
    """One file of a bundle: named as ``bundle/member``; either read, or refused with a one-line reason."""

    name: str
    received: ReceivedFile | None = None
    error: str | None = None


def bundle_items(path: Path) -> Iterator[BundleItem]:
    """The testimony files of a folder, a zip archive or a single file, each read and hashed.

    Files that are not testimony (other suffixes, hidden files, ``__MACOSX``) are skipped
    silently in a folder or zip; a single file given by name is always read (and refused
    if its suffix is wrong).

    Example:
        for item in bundle_items(Path("interviews.zip")):
            print(item.name, item.error or item.received.sha256)
    """
    if not path.exists():
        yield BundleItem(str(path), error=f"{path}: no such file or folder")
    elif path.is_dir() or path.suffix.lower() == ".zip":
        found = False
        for item in _folder_items(path) if path.is_dir() else _zip_items(path):
            found = True
            yield item
        if not found:
            kind = "folder" if path.is_dir() else "archive"
            yield BundleItem(str(path), error=f"{path}: no testimony files in this {kind} (.txt, .md, .docx or .pdf)")
    else:
        yield _read_one(path, str(path))


def _wanted(name: str) -> bool:
    pure = PurePosixPath(name)
    hidden = any(part.startswith(".") and part != ".." for part in pure.parts)
    if hidden or any(skip in name for skip in SKIPPED_NAMES):
        return False
    return pure.suffix.lower() in SUFFIXES


def _read_one(path: Path, shown: str) -> BundleItem:
    try:
        size = path.stat().st_size
        if size >= MAX_BYTES:
            return BundleItem(shown, error=f"{shown}: file is too large ({size} bytes; the limit is {MAX_BYTES})")
        raw = path.read_bytes()
    except PermissionError:
        return BundleItem(shown, error=f"{shown}: cannot read (permission denied)")
    except OSError as err:
        return BundleItem(shown, error=f"{shown}: cannot read ({err.strerror})")
    try:
        return BundleItem(shown, received=read_received(shown, raw))
    except InputError as err:
        return BundleItem(shown, error=str(err))


def _folder_items(folder: Path) -> Iterator[BundleItem]:
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder).as_posix()
        if path.is_symlink() or not path.is_file() or not _wanted(relative):
            continue
        yield _read_one(path, f"{folder}/{relative}")


def _zip_items(archive: Path) -> Iterator[BundleItem]:
    try:
        bundle = zipfile.ZipFile(archive)
    except (zipfile.BadZipFile, OSError):
        raise InputError(f"{archive}: not a readable zip archive") from None
    with bundle:
        members = bundle.infolist()
        if len(members) > MAX_MEMBERS:
            raise InputError(f"{archive}: too many members ({len(members)}; the limit is {MAX_MEMBERS})")
        if sum(m.file_size for m in members) > MAX_TOTAL_BYTES:
            raise InputError(f"{archive}: unpacks to more than {MAX_TOTAL_BYTES} bytes; refused")
        for member in sorted(members, key=lambda m: m.filename):
            if member.is_dir() or not _wanted(member.filename):
                continue
            shown = f"{archive}/{member.filename}"
            yield _zip_member(bundle, member, shown)


def _zip_member(bundle: zipfile.ZipFile, member: zipfile.ZipInfo, shown: str) -> BundleItem:
    pure = PurePosixPath(member.filename)
    if pure.is_absolute() or ".." in pure.parts or "\\" in member.filename:
        return BundleItem(shown, error=f"{shown}: member name leaves the archive; refused")
    if stat.S_ISLNK(member.external_attr >> 16):
        return BundleItem(shown, error=f"{shown}: is a link; refused")
    if member.flag_bits & 0x1:
        return BundleItem(shown, error=f"{shown}: is encrypted; refused")
    if member.file_size >= MAX_BYTES:
        return BundleItem(
            shown, error=f"{shown}: file is too large ({member.file_size} bytes; the limit is {MAX_BYTES})"
        )
    try:
        with bundle.open(member) as handle:
            raw = handle.read(MAX_BYTES)  # never more than the limit, whatever the header claimed
    except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError):
        return BundleItem(shown, error=f"{shown}: cannot be read from the archive (damaged or unsupported compression)")
    try:
        return BundleItem(shown, received=read_received(shown, raw))
    except InputError as err:
        return BundleItem(shown, error=str(err))
