"""Creating a store and unlocking it as a user."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterable

import sqlalchemy as sa

from casework.errors import CaseworkError, StoreError
from casework.store import crypto, policy
from casework.store.api import CaseStore, KdfParams
from casework.store.audit import AuditKeys, append_event
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
from casework.store.keys import check_role, insert_user, unlock
from casework.store.schema import META_TABLE, casework_meta, settings, today_iso, users

log = logging.getLogger(__name__)

STORE_FORMAT = "casework-store/2"  # 2: keys by role, sealed metadata, MAC'd audit log
SECOND_FACTOR_META = "second_factor_roles"


def init_store(
    url: str,
    admin_username: str,
    passphrase: str,
    *,
    kdf: KdfParams | None = None,
    default_list: str = "desk",
    second_factor_roles: Iterable[str] | None = None,
) -> None:
    """Create an empty store with its keys and a first admin account, in one transaction.

    Args:
        url: a SQLite file path (created, readable by its owner only) or a ``postgresql+psycopg://``
            URL of an empty database.
        admin_username: the first account; it holds every store key.
        passphrase: the admin's passphrase (checked for strength: casework.store.policy).
        kdf: Argon2id cost for every account of this store (never below the floor in code).
        default_list: the documentation list new testimonies join unless told otherwise.
        second_factor_roles: roles that must log in with TOTP (default: admins and source handlers).

    Example:
        init_store("desk.db", "admin", "violet kettle marsh drift quay")
    """
    check_identifier(admin_username, "username")
    check_identifier(default_list, "default list")
    policy.check_passphrase(passphrase, user_inputs=(admin_username,))
    kdf = policy.check_kdf(kdf or KdfParams())
    roles = tuple(policy.default_second_factor_roles() if second_factor_roles is None else second_factor_roles)
    for role in roles:
        check_role(role)
    shown = display_name(url)
    engine = create_store_engine(url, must_exist=False)
    try:
        if not is_empty(engine, shown):
            with database_errors(shown), engine.connect() as conn:
                _refuse_existing(conn, shown)
        keys = crypto.Keyring({name: crypto.random_key() for name in crypto.KEY_NAMES})
        audit_keys = AuditKeys.from_keyring(keys)
        store_id = uuid.uuid4().hex
        with transaction(engine, shown, write=True) as conn:
            _refuse_existing(conn, shown)  # again under the write lock: another init may have won the race
            upgrade_schema(conn)
            meta = {
                "format": STORE_FORMAT,
                "store_id": store_id,
                "created_on": today_iso(),
                "kdf_ops": str(kdf.ops),
                "kdf_mem": str(kdf.mem_bytes),
                "key_epoch": "1",
                SECOND_FACTOR_META: ",".join(roles),
            }
            conn.execute(casework_meta.insert(), [{"key": k, "value": v} for k, v in meta.items()])
            insert_user(conn, admin_username, "admin", passphrase, keys, kdf, 1)
            conn.execute(
                settings.insert().values(
                    key="default_list",
                    value_ct=crypto.seal_text(keys.keys["records"], default_list, "settings/default_list/value"),
                )
            )
            append_event(conn, admin_username, "store.init", None, {"format": STORE_FORMAT}, audit_keys)
            append_event(conn, admin_username, "user.add", admin_username, {"role": "admin"}, audit_keys)
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

    A second factor, when the account has one or its role requires one, is checked by
    the caller (CLI, web) with :meth:`CaseStore.verify_second_factor` before anything else.

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
                raise StoreError(f"{shown}: unknown store format (made by another version of Casework)")
            kdf = KdfParams(int(meta["kdf_ops"]), int(meta["kdf_mem"]))
            epoch = int(meta["key_epoch"])
            unlocked = unlock(conn, meta["store_id"], epoch, username, passphrase, kdf)
        store = SqlCaseStore(
            engine,
            url,
            unlocked.user,
            unlocked.keyring,
            meta["store_id"],
            kdf,
            epoch=epoch,
            wrapping=unlocked.wrapping,
            second_factor_roles=tuple(r for r in meta.get(SECOND_FACTOR_META, "").split(",") if r),
        )
        with transaction(engine, shown, write=True) as conn:
            if unlocked.converted is not None:
                conn.execute(users.update().where(users.c.username == username).values(**unlocked.converted))
            store._audit(conn, "session.open", username)
    except CaseworkError:
        engine.dispose()
        raise
    return store
