"""Creating a store and unlocking it as a user."""

from __future__ import annotations

import logging
import uuid

import sqlalchemy as sa

from casework.errors import CaseworkError, StoreError
from casework.store import crypto
from casework.store.api import CaseStore, KdfParams
from casework.store.audit import append_event, now_iso
from casework.store.base import check_identifier
from casework.store.case_store import SqlCaseStore
from casework.store.engine import (
    DEFAULT_BUSY_TIMEOUT_S,
    check_store,
    create_store_engine,
    database_errors,
    display_name,
    is_empty,
    transaction,
    upgrade_schema,
)
from casework.store.keys import check_passphrase, unlock, wrap_for_user
from casework.store.schema import META_TABLE, casework_meta, settings

log = logging.getLogger(__name__)

STORE_FORMAT = "casework-store/1"


def init_store(
    url: str, admin_username: str, passphrase: str, *, kdf: KdfParams | None = None, default_list: str = "desk"
) -> None:
    """Create an empty store with its keys and a first admin account, in one transaction.

    Args:
        url: a SQLite file path (created) or a ``postgresql+psycopg://`` URL of an empty database.
        admin_username: the first account; it holds both the data key and the identity key.
        passphrase: the admin's passphrase (8 characters or more).
        kdf: Argon2id cost for every account of this store (tests pass ``FAST_TEST_KDF``).
        default_list: the documentation list new testimonies join unless told otherwise.

    Example:
        init_store("desk.db", "admin", "correct horse battery staple")
    """
    check_identifier(admin_username, "username")
    check_identifier(default_list, "default list")
    check_passphrase(passphrase)
    kdf = kdf or KdfParams()
    shown = display_name(url)
    engine = create_store_engine(url, must_exist=False)
    try:
        if not is_empty(engine, shown):
            with database_errors(shown), engine.connect() as conn:
                _refuse_existing(conn, shown)
        keys = crypto.Keyring(crypto.random_key(), crypto.random_key())
        store_id = uuid.uuid4().hex
        with transaction(engine, shown, write=True) as conn:
            _refuse_existing(conn, shown)  # again under the write lock: another init may have won the race
            upgrade_schema(conn)
            meta = {
                "format": STORE_FORMAT,
                "store_id": store_id,
                "created_at": now_iso(),
                "kdf_ops": str(kdf.ops),
                "kdf_mem": str(kdf.mem_bytes),
            }
            conn.execute(casework_meta.insert(), [{"key": k, "value": v} for k, v in meta.items()])
            wrap_for_user(conn, admin_username, "admin", passphrase, keys, kdf)
            conn.execute(
                settings.insert().values(
                    key="default_list",
                    value_ct=crypto.seal_text(keys.data_key, default_list, "settings/default_list/value"),
                )
            )
            append_event(conn, admin_username, "store.init", None, {"format": STORE_FORMAT})
            append_event(conn, admin_username, "user.add", admin_username, {"role": "admin"})
    finally:
        engine.dispose()
    log.info("created store %s", shown)


def _refuse_existing(conn: sa.Connection, shown: str) -> None:
    inspector = sa.inspect(conn)
    if inspector.has_table(META_TABLE):
        raise StoreError(f"{shown}: already a Casework store")
    if inspector.get_table_names():
        raise StoreError(f"{shown}: the database is not empty; casework init needs an empty one")


def read_meta(conn: sa.Connection) -> dict[str, str]:
    return {row.key: row.value for row in conn.execute(sa.select(casework_meta))}


def open_store(
    url: str, username: str, passphrase: str, *, busy_timeout_s: float = DEFAULT_BUSY_TIMEOUT_S
) -> CaseStore:
    """Unlock a store as ``username``; any failure to authenticate is the same :class:`AuthError`.

    Example:
        store = open_store("desk.db", "admin", passphrase)
        print(store.list_testimonies())
    """
    shown = display_name(url)
    engine = create_store_engine(url, must_exist=True, busy_timeout_s=busy_timeout_s)
    try:
        check_store(engine, shown)
        with transaction(engine, shown, write=False) as conn:
            meta = read_meta(conn)
            if meta.get("format") != STORE_FORMAT:
                raise StoreError(f"{shown}: unknown store format")
            kdf = KdfParams(int(meta["kdf_ops"]), int(meta["kdf_mem"]))
            user, keys = unlock(conn, meta["store_id"], username, passphrase, kdf)
        store = SqlCaseStore(engine, url, user, keys, meta["store_id"], kdf)
        with transaction(engine, shown, write=True) as conn:
            append_event(conn, username, "session.open", username, {})
    except CaseworkError:
        engine.dispose()
        raise
    return store
