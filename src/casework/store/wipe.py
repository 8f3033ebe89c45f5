"""Emergency wipe: make a store unreadable for good, as fast as possible.

Order matters: first every wrapped key and salt is overwritten inside the database
(without them no ciphertext opens, whatever copies of other pages survive), then,
for SQLite, the database, its WAL and shared-memory files are overwritten with random
bytes, flushed and deleted; on PostgreSQL every Casework table is dropped. No
passphrase is needed: whoever can reach the files could delete them anyway; this
does it properly. Backups and copies elsewhere are out of reach (docs/security.md).
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import sqlalchemy as sa

from casework.errors import NotAStoreError
from casework.store.engine import create_store_engine, database_errors, display_name, sqlite_path
from casework.store.schema import META_TABLE, TABLES, users

_CHUNK = 1 << 20


def wipe_store(url: str) -> list[str]:
    """Destroy the store at ``url``; returns one line per step done."""
    shown = display_name(url)
    engine = create_store_engine(url, must_exist=True)
    done: list[str] = []
    try:
        with database_errors(shown), engine.connect() as conn:
            if not sa.inspect(conn).has_table(META_TABLE):
                raise NotAStoreError(f"{shown}: not a Casework store; nothing wiped")
        with database_errors(shown), engine.begin() as conn:
            for row in conn.execute(sa.select(users.c.username)).all():
                conn.execute(
                    users.update()
                    .where(users.c.username == row.username)
                    .values(
                        salt=secrets.token_bytes(16),
                        personal_ct=secrets.token_bytes(72),
                        keys_ct=None,
                        pending_ct=None,
                        totp_ct=None,
                    )
                )
            conn.execute(users.delete())
        done.append(f"{shown}: every wrapped key destroyed")
        path = sqlite_path(url)
        if path is None:
            with database_errors(shown), engine.begin() as conn:
                for table in reversed(TABLES):
                    conn.execute(sa.text(f'DROP TABLE IF EXISTS "{table.name}" CASCADE'))
                conn.execute(sa.text("DROP TABLE IF EXISTS alembic_version"))
            done.append(f"{shown}: every table dropped")
    finally:
        engine.dispose()
    path = sqlite_path(url)
    if path is not None:
        for file in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")):
            if file.exists():
                _overwrite_and_delete(file)
                done.append(f"{file}: overwritten and deleted")
    return done


def _overwrite_and_delete(file: Path) -> None:
    size = file.stat().st_size
    with open(file, "r+b") as out:
        left = size
        while left > 0:
            step = min(left, _CHUNK)
            out.write(secrets.token_bytes(step))
            left -= step
        out.flush()
        os.fsync(out.fileno())
    file.unlink()
