"""Finding 3: a removed handler could not be shut out.

Attacker: a source handler keeps a copy of the database file (or a backup made while
they were a user) and their passphrase; after being removed, they use the identity
key from that copy on the current database. Before: nothing rotated keys, so the new
identity decrypted.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import sqlalchemy as sa
from tests.security.conftest import PASSPHRASES, as_user

from casework.errors import InputError
from casework.model import SourceIdentity
from casework.store import KdfParams, crypto
from casework.store.engine import create_store_engine
from casework.store.keys import decode_keys, keys_where


def _one(path: str, sql: str) -> sa.Row:  # type: ignore[type-arg]
    engine = create_store_engine(path, must_exist=True)
    try:
        with engine.connect() as conn:
            return conn.execute(sa.text(sql)).one()
    finally:
        engine.dispose()


def test_removed_handler_with_an_old_copy_opens_no_new_identity(desk: str, tmp_path: Path) -> None:
    if "://" in desk:
        pytest.skip("the attacker copies a SQLite file; PostgreSQL rekey is covered below")
    handler = as_user(desk, "hana")
    handler.add_source("SRC-01", SourceIdentity("SRC-01", "Ryu Song-hwan"))
    handler.close()
    old_copy = str(tmp_path / "kept-by-hana.db")
    shutil.copy(desk, old_copy)  # what the handler walks away with

    admin = as_user(desk, "admin")
    try:
        with pytest.raises(InputError, match="--rekey"):
            admin.remove_user("hana")
        admin.remove_user("hana", rekey=True)
        admin.add_source("SRC-02", SourceIdentity("SRC-02", "Pak Myong-ok", "kakao: linden44"))
    finally:
        admin.close()

    row = _one(old_copy, "SELECT salt, kdf_ops, kdf_mem, keys_ct FROM users WHERE username = 'hana'")
    wrapping = crypto.derive_key(PASSPHRASES["hana"], bytes(row.salt), KdfParams(row.kdf_ops, row.kdf_mem))
    old_keys = decode_keys(crypto.unseal(wrapping, bytes(row.keys_ct), keys_where("hana", "source_handler", 1)))
    for pseudonym in ("SRC-01", "SRC-02"):
        current = _one(desk, f"SELECT identity_ct FROM source_identities WHERE pseudonym = '{pseudonym}'")
        with pytest.raises(crypto.DecryptionFailed):
            crypto.unseal(old_keys["identity"], bytes(current.identity_ct), f"source_identities/{pseudonym}/identity")


def test_the_others_keep_their_passphrases_and_everything_still_opens(desk: str) -> None:
    admin = as_user(desk, "admin")
    try:
        admin.add_source("SRC-01", SourceIdentity("SRC-01", "Ryu Song-hwan", "010-4417-2290"))
        admin.add_testimony(b"they came at night", source="SRC-01")
        admin.set_setting("default_list", "desk-b")
        anchor_digest = admin.verify_audit().message.rsplit(" ", 1)[1]
        assert admin.rekey() == 2
        assert admin.verify_audit().ok
        assert admin.find_audit_anchor(anchor_digest) is not None  # hashes survive the rekey
    finally:
        admin.close()
    for name in ("ana", "rae", "hana"):
        store = as_user(desk, name)  # pending keys become an ordinary wrap at this login
        try:
            assert store.list_testimonies()[0].source == "SRC-01"
            assert store.identity_fingerprints().lookup("Ryu Song-hwan") == "name"
            if name != "rae":
                assert store.get_testimony("T-0001").text == "they came at night"
        finally:
            store.close()
    handler = as_user(desk, "hana")
    try:
        assert handler.get_source_identity("SRC-01").contact == "010-4417-2290"
        assert handler.add_testimony(b"they came at night", source="SRC-01").duplicate  # MACs recomputed
    finally:
        handler.close()


def test_outlets_and_report_urls_survive_a_rekey(desk: str) -> None:
    admin = as_user(desk, "admin")
    try:
        outlet = admin.outlet_source("Daily NK")
        admin.rekey()
        assert admin.outlet_source("Daily NK") == outlet  # found again by its re-keyed MAC
        assert [o.name for o in admin.list_outlets()] == ["Daily NK"]
    finally:
        admin.close()
