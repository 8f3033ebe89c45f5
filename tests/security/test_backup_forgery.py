"""Finding 7: a reader forged a backup that made itself admin and removed its read events.

Attacker: a reader with the database file and its own keys builds a backup file whose
rows make it an admin, with the audit chain tidied and recomputed, and waits for an
admin to restore it. Before: the body was sealed with the data key every role held.
"""

from __future__ import annotations

import base64
import json
import zlib
from pathlib import Path

import pytest
from tests.security.conftest import PASSPHRASES, as_user

from casework.errors import StoreError
from casework.store import KdfParams, backup_store, crypto, restore_store
from casework.store.backup import MAGIC
from casework.store.keys import decode_keys, keys_where


def test_a_reader_forged_backup_is_refused(desk: str, tmp_path: Path) -> None:
    admin = as_user(desk, "admin")
    try:
        genuine = tmp_path / "genuine.cwbackup"
        backup_store(admin, genuine)
    finally:
        admin.close()
    header_line, _sealed = genuine.read_bytes()[len(MAGIC) :].split(b"\n", 1)
    header = json.loads(header_line)
    # the reader's own keys, from its row (it has the database file and its passphrase)
    body_rows = _reader_view_of_rows(desk)
    (me,) = [u for u in body_rows["users"] if u["username"] == "rae"]
    wrapping = crypto.derive_key(
        PASSPHRASES["rae"], base64.b64decode(me["salt"]), KdfParams(int(me["kdf_ops"]), int(me["kdf_mem"]))
    )
    mine = decode_keys(crypto.unseal(wrapping, base64.b64decode(me["keys_ct"]), keys_where("rae", "reader", 1)))
    me["role"] = "admin"
    body = zlib.compress(json.dumps(body_rows, sort_keys=True).encode())
    for key in mine.values():  # whatever key the reader holds, the admin's restore refuses it
        forged = tmp_path / "forged.cwbackup"
        where = f"backup/{crypto.sha256_hex(header_line)}"
        forged.write_bytes(MAGIC + header_line + b"\n" + crypto.seal(key, body, where))
        with pytest.raises(StoreError, match="damaged or forged"):
            restore_store(str(tmp_path / f"restored-{len(key)}.db"), forged, PASSPHRASES["admin"])
    assert header["admins"] and all(a["role"] == "admin" for a in header["admins"])


def _reader_view_of_rows(url: str) -> dict[str, list[dict[str, object]]]:
    import sqlalchemy as sa

    from casework.store.backup import _encode
    from casework.store.engine import create_store_engine
    from casework.store.schema import TABLES

    engine = create_store_engine(url, must_exist=True)
    try:
        with engine.connect() as conn:
            return {
                t.name: [{c.name: _encode(c, r._mapping[c.name]) for c in t.columns}
                         for r in conn.execute(sa.select(t))]
                for t in TABLES
            }
    finally:
        engine.dispose()
