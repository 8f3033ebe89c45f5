"""Findings 2, 5 and the low item on the KDF: what a seized database opens with one account's passphrase.

Attacker: a reader (or someone who phished one) copies the database file and uses
the reader's passphrase offline, with the store's own crypto code. Before: every role
held the one data key, so testimony text decrypted directly. Also: editing a role in
the table, and lowering the Argon2id cost in the database.
"""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from tests.security.conftest import PASSPHRASES, as_user

from casework.errors import AuthError
from casework.model import EvidenceSpan, Mention, SourceIdentity
from casework.store import KdfParams, crypto, init_store, open_store
from casework.store.engine import create_store_engine
from casework.store.keys import decode_keys, keys_where
from casework.store.policy import INSECURE_TESTING_ENV, KDF_FLOOR

MARKER = "the guard Pak beat my brother at the Chongjin pier"


def _rows(url: str, sql: str) -> list[sa.Row]:  # type: ignore[type-arg]
    engine = create_store_engine(url, must_exist=True)
    try:
        with engine.connect() as conn:
            return list(conn.execute(sa.text(sql)).all())
    finally:
        engine.dispose()


def _filled(url: str) -> None:
    admin = as_user(url, "admin")
    try:
        admin.add_source("SRC-01", SourceIdentity("SRC-01", "Ryu Song-hwan", "010-4417-2290"))
        tid = admin.add_testimony(MARKER.encode(), source="SRC-01", filename="ryu-call.txt").testimony_id
        evidence = (EvidenceSpan("incident", 0, 24, MARKER[:24]),)
        admin.save_mentions(tid, [Mention("arrest", evidence=evidence)])
    finally:
        admin.close()


def test_reader_passphrase_and_database_open_no_testimony_text(desk: str) -> None:
    _filled(desk)
    (user,) = _rows(desk, "SELECT salt, kdf_ops, kdf_mem, keys_ct FROM users WHERE username = 'rae'")
    (epoch,) = _rows(desk, "SELECT value FROM casework_meta WHERE key = 'key_epoch'")
    wrapping = crypto.derive_key(PASSPHRASES["rae"], bytes(user.salt), KdfParams(user.kdf_ops, user.kdf_mem))
    keys = decode_keys(crypto.unseal(wrapping, bytes(user.keys_ct), keys_where("rae", "reader", int(epoch[0]))))
    assert set(keys) == {"records", "fingerprint"}
    (row,) = _rows(desk, "SELECT testimony_id, raw_ct, filename_ct FROM testimonies")
    (mention,) = _rows(desk, "SELECT mention_id, evidence_ct FROM mentions")
    for key in keys.values():  # every key the reader holds, on every text-bearing column
        for sealed, where in (
            (row.raw_ct, f"testimonies/{row.testimony_id}/raw"),
            (row.filename_ct, f"testimonies/{row.testimony_id}/filename"),
            (mention.evidence_ct, f"mentions/{mention.mention_id}/evidence"),
        ):
            with pytest.raises(crypto.DecryptionFailed):
                crypto.unseal(key, bytes(sealed), where)


def test_reader_sees_mention_records_without_evidence_spans(desk: str) -> None:
    _filled(desk)
    reader = as_user(desk, "rae")
    try:
        (stored,) = reader.list_mentions()
        one = reader.get_mention(stored.mention.mention_id)
        info = reader.list_testimonies()[0]
    finally:
        reader.close()
    assert stored.mention.type == "arrest" and stored.mention.evidence == () and one.mention.evidence == ()
    assert info.sha256 == "" and info.filename is None and info.source == "SRC-01"
    analyst = as_user(desk, "ana")
    try:
        assert analyst.get_mention(stored.mention.mention_id).mention.evidence[0].text == MARKER[:24]
    finally:
        analyst.close()


def test_a_role_edited_in_the_table_opens_nothing(desk: str) -> None:
    engine = create_store_engine(desk, must_exist=True)
    try:
        with engine.begin() as conn:
            conn.execute(sa.text("UPDATE users SET role = 'admin' WHERE username = 'rae'"))
    finally:
        engine.dispose()
    with pytest.raises(AuthError):
        open_store(desk, "rae", PASSPHRASES["rae"])


def test_a_kdf_cost_lowered_in_the_database_does_not_weaken_new_wraps(
    store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(INSECURE_TESTING_ENV)
    strong = "violet kettle marsh drift quay"
    with pytest.raises(Exception, match="below the floor"):
        init_store(store_url, "admin", strong, kdf=KdfParams(1, 8 * 1024), second_factor_roles=())
    init_store(store_url, "admin", strong, kdf=KDF_FLOOR, second_factor_roles=())
    engine = create_store_engine(store_url, must_exist=True)
    try:
        with engine.begin() as conn:  # the attacker writes the database
            conn.execute(sa.text("UPDATE casework_meta SET value = '1' WHERE key = 'kdf_ops'"))
            conn.execute(sa.text("UPDATE casework_meta SET value = '8192' WHERE key = 'kdf_mem'"))
    finally:
        engine.dispose()
    admin = open_store(store_url, "admin", strong)
    try:
        admin.add_user("rae", "pebble lantern orbit sunlit cobalt", "reader")
    finally:
        admin.close()
    (row,) = _rows(store_url, "SELECT kdf_ops, kdf_mem FROM users WHERE username = 'rae'")
    assert row.kdf_ops >= KDF_FLOOR.ops and row.kdf_mem >= KDF_FLOOR.mem_bytes
