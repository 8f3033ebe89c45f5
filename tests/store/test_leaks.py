"""A unique marker put into every sensitive field must not appear anywhere on disk or in logs.

Searched for as UTF-8, UTF-16 (LE and BE) and base64 (all three alignments, standard
and URL-safe alphabets): the SQLite file, its WAL/SHM/journal, the temporary
directory, the backup file, the export, and all captured log output at DEBUG level.
"""

from __future__ import annotations

import base64
import logging
import tempfile
from pathlib import Path

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from casework.cli import main
from casework.model import EvidenceSpan, Mention, SourceIdentity, Victims
from casework.store import FAST_TEST_KDF, backup_store, export_records, init_store, open_store
from casework.store.schema import TABLES

MARKER = "ZQXJ-marker-4f1c9b27-보위부-VKWP"
PASS = "leak test passphrase"


def needles(marker: str) -> list[bytes]:
    """Every encoding of ``marker`` to look for, including base64 at each alignment."""
    raw = marker.encode("utf-8")
    found = [raw, marker.encode("utf-16-le"), marker.encode("utf-16-be")]
    for shift in range(3):
        for encode in (base64.b64encode, base64.urlsafe_b64encode):
            encoded = encode(b"\0" * shift + raw)
            core = encoded[4 if shift else 0 : -4]
            found.append(core)
    return found


def hits(blob: bytes, marker: str = MARKER) -> list[bytes]:
    return [needle for needle in needles(marker) if needle in blob]


def test_needles_find_the_marker_in_every_encoding() -> None:
    text = ("some words before " + MARKER + " and after").encode()
    for shift in range(3):
        padded = b"x" * shift + text
        assert hits(base64.b64encode(padded), MARKER)
    assert hits(("..." + MARKER).encode("utf-16-le"))
    assert not hits(b"nothing to see here")


def test_no_plaintext_anywhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    caplog.set_level(logging.DEBUG)
    store_path = tmp_path / "desk.db"
    url = str(store_path)
    init_store(url, "admin", PASS, kdf=FAST_TEST_KDF)
    store = open_store(url, "admin", PASS)
    store.add_source("SRC-01", SourceIdentity("SRC-01", f"name {MARKER}", f"contact {MARKER}", f"notes {MARKER}"))
    text = f"received: 2020-05-01\nchannel: phone\n\nA source in Hyesan told us that {MARKER} was arrested."
    added = store.add_testimony(text.encode(), source="SRC-01", filename=f"{MARKER}.txt")
    store.get_testimony(added.testimony_id)
    store.get_source_identity("SRC-01")
    current = store.correct_testimony(added.testimony_id, (text + " Corrected.").encode()).testimony_id
    mention = Mention("arrest", victims=Victims(1, MARKER, MARKER), evidence=(EvidenceSpan("victims", 0, 10, MARKER),))
    (mention_id,) = store.save_mentions(current, [mention])
    store.review_mention(mention_id, status="accepted", corrected=mention)
    store.set_setting("secret.note", MARKER)
    store.set_totp_secret(MARKER)
    store.add_user("ana", "ana passphrase", "analyst")
    backup = tmp_path / "desk.cwbackup"
    backup_store(store, backup)
    exported = repr(list(export_records(store)))
    # as the analyst: the admin's second factor (the marker above) is not a real TOTP secret
    env = {"CASEWORK_PASSPHRASE": "ana passphrase"}
    cli = CliRunner().invoke(main, ["--store", url, "--user", "ana", "list"], env=env)
    assert cli.exit_code == 0
    store.close()

    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert {store_path.name + "-wal", store_path.name} <= {p.name for p in files} or store_path.exists()
    for path in files:
        assert not hits(path.read_bytes()), f"marker found in {path.name}"
    assert not hits(caplog.text.encode("utf-8"))
    assert not hits(exported.encode("utf-8"))
    assert not hits(cli.output.encode("utf-8"))


def test_no_plaintext_in_any_column(store_url: str) -> None:
    """Backend-neutral: every value of every row, on SQLite and PostgreSQL, is free of the marker."""
    init_store(store_url, "admin", PASS, kdf=FAST_TEST_KDF)
    store = open_store(store_url, "admin", PASS)
    store.add_source("SRC-01", SourceIdentity("SRC-01", MARKER, MARKER, MARKER))
    store.add_testimony(f"words {MARKER} words".encode(), source="SRC-01", filename=f"{MARKER}.md")
    store.save_mentions("T-0001", [Mention("arrest", evidence=(EvidenceSpan("type", 0, 5, MARKER),))])
    store.close()
    engine = sa.create_engine(store_url if "://" in store_url else f"sqlite:///{store_url}")
    with engine.connect() as conn:
        for table in TABLES:
            for row in conn.execute(sa.select(table)):
                for value in row:
                    blob = value if isinstance(value, bytes) else str(value).encode("utf-8")
                    assert not hits(blob), f"marker in {table.name}"
    engine.dispose()
