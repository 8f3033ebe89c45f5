"""Encrypted, authenticated backup of a whole store, and restore into an empty one.

Threats addressed: loss (disk failure, seizure of the only copy) without creating a
new plaintext copy; and a forged backup (an account that is not an admin rewrites
the rows, makes itself admin, removes its read events, and hopes an admin restores
it). The file is::

    CASEWORK-BACKUP/2\\n
    <header: JSON, one line: the admins' salts, Argon2id costs and wrapped keys>\\n
    <body: every row of every table as JSON, zlib-compressed, sealed with the backup key>

The **backup key** is held by admins only (casework.store.keys.ROLE_KEYS), so nobody
else can make a body that opens. Rows keep their ciphertexts as stored, so the body is
encrypted twice. The body's associated data is the hash of the header, so neither
can be altered without the restore failing. Restoring checks the audit chain of the
restored rows (hashes and MACs) before committing, reproduces every row, then appends
a ``store.restore`` event. Beside the backup, ``PATH.anchor`` holds the audit head at
the time of the backup: keep it apart from the store, and check later with
``casework audit verify --anchor PATH.anchor``. Files are created readable by their
owner only.
"""

from __future__ import annotations

import base64
import json
import os
import zlib
from datetime import date
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from casework.errors import AccessDenied, AuthError, InputError, StoreError
from casework.store import access, crypto
from casework.store.api import CaseStore, KdfParams
from casework.store.audit import AuditKeys, append_event, head_anchor, verify_chain, write_anchor
from casework.store.case_store import SqlCaseStore
from casework.store.engine import create_store_engine, display_name, is_empty, transaction, upgrade_schema
from casework.store.keys import decode_keys, keys_where
from casework.store.schema import TABLES, casework_meta, users

MAGIC = b"CASEWORK-BACKUP/2\n"
_HEADER_FIELDS = ("username", "role", "kdf_ops", "kdf_mem", "salt", "keys_ct")


def _encode(column: sa.Column[Any], value: Any) -> Any:
    if value is None:
        return None
    if isinstance(column.type, sa.LargeBinary):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(column.type, sa.Date):
        return value.isoformat() if isinstance(value, date) else str(value)
    return value


def _decode(column: sa.Column[Any], value: Any) -> Any:
    if value is None:
        return None
    if isinstance(column.type, sa.LargeBinary):
        return base64.b64decode(value)
    if isinstance(column.type, sa.Date):
        return date.fromisoformat(value)
    return value


def backup_store(store: CaseStore, path: str | Path) -> int:
    """Write an encrypted backup of everything (admins only); returns the number of rows.

    Example:
        backup_store(store, "desk-2024-05-01.cwbackup")
    """
    if not isinstance(store, SqlCaseStore):
        raise StoreError("backup needs a store opened with casework.store.open_store")
    access.require(store.user, "backup")
    target = Path(path)
    if target.is_dir():
        raise InputError(f"{target}: is a directory")
    if not target.parent.exists():
        raise InputError(f"{target}: folder {target.parent} does not exist")
    rows: dict[str, list[dict[str, Any]]] = {}
    with store._write() as conn:
        store._audit(conn, "store.backup", None)
        for table in TABLES:
            result = conn.execute(sa.select(table).order_by(*table.primary_key.columns))
            rows[table.name] = [{c.name: _encode(c, row._mapping[c.name]) for c in table.columns} for row in result]
        anchor = head_anchor(conn, store._store_id)
    meta = {row["key"]: row["value"] for row in rows[casework_meta.name]}
    header = {
        "format": MAGIC.decode().strip(),
        "store_id": meta["store_id"],
        "key_epoch": int(meta["key_epoch"]),
        "admins": [
            {k: row[k] for k in _HEADER_FIELDS}
            for row in rows[users.name]
            if row["role"] == "admin" and row["keys_ct"] is not None
        ],
    }
    header_line = json.dumps(header, sort_keys=True).encode("ascii")
    body = zlib.compress(json.dumps(rows, sort_keys=True).encode("utf-8"))
    sealed = crypto.seal(store._key("backup"), body, _body_where(header_line))
    _write_private(target, MAGIC + header_line + b"\n" + sealed)
    write_anchor(target.with_name(target.name + ".anchor"), anchor)
    return sum(len(v) for v in rows.values())


def _write_private(target: Path, content: bytes) -> None:
    """Write ``target`` (mode 0600) via ``.partial``, flushed and renamed: never half-written under its name."""
    temporary = target.with_name(target.name + ".partial")
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(handle, "wb") as out:
        out.write(content)
        out.flush()
        os.fsync(out.fileno())
    os.replace(temporary, target)


def _body_where(header_line: bytes) -> str:
    return f"backup/{crypto.sha256_hex(header_line)}"


def restore_store(url: str, path: str | Path, passphrase: str, *, username: str | None = None) -> int:
    """Restore a backup into an empty database or a new SQLite file; returns the number of rows.

    ``username`` picks whose passphrase is given; by default each admin account in
    the backup is tried.

    Example:
        restore_store("restored.db", "desk.cwbackup", passphrase)
    """
    source = Path(path)
    rows, restorer, keys = _read_backup(source, passphrase, username)
    shown = display_name(url)
    engine = create_store_engine(url, must_exist=False)
    try:
        if not is_empty(engine, shown):
            raise StoreError(f"{shown}: not empty; restore only into an empty store")
        with transaction(engine, shown, write=True) as conn:
            if sa.inspect(conn).get_table_names():  # again under the write lock: a concurrent init or restore
                raise StoreError(f"{shown}: not empty; restore only into an empty store")
            upgrade_schema(conn)
            for table in TABLES:
                records = [{c.name: _decode(c, r.get(c.name)) for c in table.columns} for r in rows.get(table.name, [])]
                if records:
                    conn.execute(table.insert(), records)
            report = verify_chain(conn, keys)
            if not report.ok:
                raise StoreError(f"{source}: the backup's audit log does not verify ({report.message}); not restored")
            append_event(conn, restorer, "store.restore", None, {}, keys)
    finally:
        engine.dispose()
    return sum(len(v) for v in rows.values())


def _read_backup(
    source: Path, passphrase: str, username: str | None
) -> tuple[dict[str, list[dict[str, Any]]], str, AuditKeys]:
    try:
        blob = source.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{source}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{source}: is a directory") from None
    if not blob.startswith(MAGIC) or b"\n" not in blob[len(MAGIC) :]:
        raise InputError(f"{source}: not a Casework backup (or one made by another version)")
    header_line, sealed = blob[len(MAGIC) :].split(b"\n", 1)
    try:
        header = json.loads(header_line)
        epoch = int(header["key_epoch"])
        candidates = [u for u in header["admins"] if username is None or u["username"] == username]
    except (ValueError, KeyError, TypeError):
        raise InputError(f"{source}: not a Casework backup (bad header)") from None
    for user in candidates:
        wrapping = crypto.derive_key(
            passphrase, base64.b64decode(user["salt"]), KdfParams(int(user["kdf_ops"]), int(user["kdf_mem"]))
        )
        try:
            keys = decode_keys(
                crypto.unseal(wrapping, base64.b64decode(user["keys_ct"]), keys_where(user["username"], "admin", epoch))
            )
        except (crypto.DecryptionFailed, ValueError, KeyError):
            continue
        try:
            body = crypto.unseal(keys["backup"], sealed, _body_where(header_line))
        except (crypto.DecryptionFailed, KeyError):
            raise StoreError(f"{source}: backup is damaged or forged (integrity check failed)") from None
        audit_keys = AuditKeys.from_keyring(crypto.Keyring(keys))
        return json.loads(zlib.decompress(body)), str(user["username"]), audit_keys
    if username is not None and not candidates:
        raise AccessDenied(f"user '{username}' is not an admin of this backup: restore needs an admin")
    raise AuthError("wrong username or passphrase")
