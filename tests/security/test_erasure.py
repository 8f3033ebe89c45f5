"""Finding 11: nothing could be erased.

Attacker: seizes the database (and its WAL) after a source asked to be forgotten, or
the desk wiped the store in an emergency, and scans every byte for the words.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.security.conftest import PASSPHRASES, as_user

from casework.errors import NotFoundError
from casework.model import Mention, SourceIdentity
from casework.store import open_store, wipe_store

WORDS = "the orchard behind the Hoeryong station"


def _files(url: str) -> bytes:
    return b"".join(p.read_bytes() for p in Path(url).parent.glob(Path(url).name + "*") if p.is_file())


def _fill(url: str) -> None:
    admin = as_user(url, "admin")
    try:
        admin.add_source("SRC-01", SourceIdentity("SRC-01", "Ryu Song-hwan"))
        admin.add_source("SRC-02")
        first = admin.add_testimony(WORDS.encode(), source="SRC-01").testimony_id
        current = admin.correct_testimony(first, (WORDS + " at dawn").encode()).testimony_id
        admin.save_mentions(current, [Mention("arrest")])
        admin.add_testimony(b"another account entirely", source="SRC-02")
    finally:
        admin.close()


def test_purge_source_leaves_no_trace_but_an_audit_event(desk: str) -> None:
    _fill(desk)
    admin = as_user(desk, "admin")
    try:
        assert admin.purge_source("SRC-01") == (2, 1)
        assert [t.source for t in admin.list_testimonies()] == ["SRC-02"]
        assert admin.identity_fingerprints().lookup("Ryu Song-hwan") is None
        with pytest.raises(NotFoundError):
            admin.get_source_identity("SRC-01")
        assert admin.audit_events(limit=1)[0].action == "source.purge"
        assert admin.verify_audit().ok
    finally:
        admin.close()


def test_purge_testimony_removes_every_version(desk: str) -> None:
    _fill(desk)
    admin = as_user(desk, "admin")
    try:
        assert admin.purge_testimony("T-0002") == (2, 1)
        assert [t.testimony_id for t in admin.list_testimonies()] == ["T-0003"]
        assert admin.count_mentions() == 0
    finally:
        admin.close()
    if "://" not in desk:
        assert WORDS.encode() not in _files(desk)


def test_wipe_destroys_the_files_and_the_keys(desk: str) -> None:
    _fill(desk)
    lines = wipe_store(desk)
    assert any("wrapped key" in line for line in lines)
    if "://" not in desk:
        assert not list(Path(desk).parent.glob(Path(desk).name + "*"))
    with pytest.raises(Exception):  # noqa: B017 - nothing is left to open, whatever the error
        open_store(desk, "admin", PASSPHRASES["admin"])
