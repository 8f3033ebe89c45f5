"""Encrypted backup of a whole store, and restore into an empty one.

Threat addressed: loss (disk failure, seizure of the only copy) without creating a
new plaintext copy. The file is::

    CASEWORK-BACKUP/1\\n
    <header: JSON, one line>\\n
    <body: every row of every table as JSON, zlib-compressed, sealed with the data key>

Rows keep their ciphertexts exactly as stored, so the body is encrypted twice. The
header carries only what the users table already holds (usernames, roles, salts and
wrapped data keys), so a user of the store can unlock the backup with their own
passphrase; the body's associated data is the hash of the header, so the header
cannot be altered without the body failing to open. Restoring reproduces every row,
the audit chain included, then appends a ``store.restore`` event.
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
from casework.store.audit import append_event
from casework.store.case_store import SqlCaseStore
from casework.store.engine import create_store_engine, display_name, is_empty, transaction, upgrade_schema
from casework.store.schema import TABLES, users

MAGIC = b"CASEWORK-BACKUP/1\n"


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
        append_event(conn, store.user.username, "store.backup", None, {})
        for table in TABLES:
            result = conn.execute(sa.select(table).order_by(*table.primary_key.columns))
            rows[table.name] = [{c.name: _encode(c, row._mapping[c.name]) for c in table.columns} for row in result]
    header = {
        "format": MAGIC.decode().strip(),
        "users": [
            {k: row[k] for k in ("username", "role", "kdf_ops", "kdf_mem", "salt", "data_key_ct")}
            for row in rows[users.name]
        ],
    }
    header_line = json.dumps(header, sort_keys=True).encode("ascii")
    body = zlib.compress(json.dumps(rows, sort_keys=True).encode("utf-8"))
    sealed = crypto.seal(store._keys.data_key, body, _body_where(header_line))
    temporary = target.with_name(target.name + ".partial")
    with open(temporary, "wb") as out:
        out.write(MAGIC + header_line + b"\n" + sealed)
        out.flush()
        os.fsync(out.fileno())
    os.replace(temporary, target)
    return sum(len(v) for v in rows.values())


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
    rows, restorer = _read_backup(source, passphrase, username)
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
            append_event(conn, restorer, "store.restore", None, {})
    finally:
        engine.dispose()
    return sum(len(v) for v in rows.values())


def _read_backup(source: Path, passphrase: str, username: str | None) -> tuple[dict[str, list[dict[str, Any]]], str]:
    try:
        blob = source.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{source}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{source}: is a directory") from None
    if not blob.startswith(MAGIC) or b"\n" not in blob[len(MAGIC) :]:
        raise InputError(f"{source}: not a Casework backup")
    header_line, sealed = blob[len(MAGIC) :].split(b"\n", 1)
    try:
        header = json.loads(header_line)
        candidates = [u for u in header["users"] if (u["username"] == username if username else u["role"] == "admin")]
    except (ValueError, KeyError, TypeError):
        raise InputError(f"{source}: not a Casework backup (bad header)") from None
    for user in candidates:
        wrapping = crypto.derive_key(
            passphrase, base64.b64decode(user["salt"]), KdfParams(int(user["kdf_ops"]), int(user["kdf_mem"]))
        )
        try:
            data_key = crypto.unseal(
                wrapping, base64.b64decode(user["data_key_ct"]), f"users/{user['username']}/data_key"
            )
        except crypto.DecryptionFailed:
            continue
        if user["role"] != "admin":
            raise AccessDenied(f"user '{user['username']}' (role {user['role']}) is not allowed: restore")
        try:
            body = crypto.unseal(data_key, sealed, _body_where(header_line))
        except crypto.DecryptionFailed:
            raise StoreError(f"{source}: backup is damaged or altered (integrity check failed)") from None
        return json.loads(zlib.decompress(body)), str(user["username"])
    raise AuthError("wrong username or passphrase")
