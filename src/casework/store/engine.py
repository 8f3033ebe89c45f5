"""Connecting to SQLite or PostgreSQL, running migrations, and naming database failures.

A store is addressed by a plain path (a SQLite file) or a ``postgresql+psycopg://``
URL. SQLite is tuned for crash safety and for leaving nothing behind: WAL with
``synchronous=FULL`` (a reported commit survives power loss), ``secure_delete`` (freed
pages are zeroed), ``temp_store=MEMORY`` (no temporary files with sorted rows). Writers
take the lock up front (``BEGIN IMMEDIATE`` on SQLite, a transaction-scoped advisory
lock on PostgreSQL) so that testimony numbering and the audit chain stay linear.

A PostgreSQL server that is briefly out of connection slots (many test workers or
desk processes at once) refuses new sessions with a FATAL error; that is a wait, not
a failure, so opening a connection retries those refusals for a few seconds before
reporting "cannot connect".
"""

from __future__ import annotations

import logging
import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from casework.errors import NotAStoreError, StoreCorruptError, StoreError, StoreLockedError
from casework.store.schema import META_TABLE

log = logging.getLogger(__name__)

WRITE_OPTION = "casework_write"
SUPPORTED_BACKENDS = ("sqlite", "postgresql")
DEFAULT_BUSY_TIMEOUT_S = 10.0
_PG_WRITE_LOCK = 0x43415345  # "CASE": one advisory lock id for all writers of a database
# Waits before each new attempt when the server turns a connection away for now (~6 s in all).
CONNECT_RETRY_DELAYS_S: tuple[float, ...] = (0.05, 0.1, 0.2, 0.4, 0.8, 1.6, 3.2)
# libpq reports these refusals without an SQLSTATE, so they are known by their text.
_TRANSIENT_REFUSALS = (
    "too many connections",  # per-database or per-role CONNECTION LIMIT reached
    "too many clients",  # max_connections reached
    "connection slots are reserved",
    "the database system is starting up",
)


def is_url(url: str) -> bool:
    return "://" in url


def display_name(url: str) -> str:
    """The store's name for messages: a path, or a URL without its password."""
    if not is_url(url):
        return url
    try:
        return sa.make_url(url).render_as_string(hide_password=True)
    except sa.exc.ArgumentError:
        return "<store URL>"


def sqlalchemy_url(url: str) -> str:
    if is_url(url):
        return url
    return "sqlite:///" + str(Path(url).expanduser().resolve())


def sqlite_path(url: str) -> Path | None:
    if not is_url(url):
        return Path(url).expanduser()
    try:
        parsed = sa.make_url(url)
    except sa.exc.ArgumentError:
        raise StoreError(f"{display_name(url)}: not a store path or a supported database URL") from None
    if parsed.get_backend_name() == "sqlite" and parsed.database:
        return Path(parsed.database)
    return None


def require_store_file(url: str) -> None:
    """Refuse at once a SQLite path with no store, so nobody is asked for a passphrase first."""
    shown = display_name(url)
    path = sqlite_path(url)
    if path is not None:
        if path.is_dir():
            raise NotAStoreError(f"{shown}: is a directory, not a Casework store")
        if not path.exists():
            raise NotAStoreError(f"{shown}: no store here (create one with: casework init)")


def create_store_engine(url: str, *, must_exist: bool, busy_timeout_s: float = DEFAULT_BUSY_TIMEOUT_S) -> sa.Engine:
    """An engine with our connection settings; a missing SQLite file is not silently created."""
    shown = display_name(url)
    path = sqlite_path(url)
    if path is not None:
        if must_exist or path.is_dir():
            require_store_file(url)
        if not path.parent.exists():
            raise StoreError(f"{shown}: folder {path.parent} does not exist")
        if not path.exists():
            _create_private(path, shown)
    try:
        target = sqlalchemy_url(url)
        if sa.make_url(target).get_backend_name() not in SUPPORTED_BACKENDS:
            raise StoreError(f"{shown}: unsupported database (use a SQLite path or a postgresql+psycopg:// URL)")
        if path is not None:
            engine = sa.create_engine(target, connect_args={"check_same_thread": False, "timeout": busy_timeout_s})
            _tune_sqlite(engine, busy_timeout_s)
        else:
            wait_ms = int(busy_timeout_s * 1000)
            engine = sa.create_engine(
                target, pool_pre_ping=True, connect_args={"options": f"-c lock_timeout={wait_ms}"}
            )
            _retry_refused_connections(engine)
    except (sa.exc.ArgumentError, sa.exc.NoSuchModuleError, ImportError):
        raise StoreError(f"{shown}: not a store path or a supported database URL") from None
    return engine


def _create_private(path: Path, shown: str) -> None:
    """Create a new SQLite file readable by its owner only; SQLite gives its WAL and -shm the same mode."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        pass  # created meanwhile by a concurrent init: that one decides its mode
    except OSError as err:
        raise StoreError(f"{shown}: cannot create the database file ({err.strerror})") from None


def _tune_sqlite(engine: sa.Engine, busy_timeout_s: float) -> None:
    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves, below
        cursor = dbapi_connection.cursor()
        try:
            _switch_to_wal(cursor, busy_timeout_s)
            for pragma in (
                "synchronous=FULL",
                "secure_delete=ON",
                "temp_store=MEMORY",
                "foreign_keys=ON",
                f"busy_timeout={int(busy_timeout_s * 1000)}",
            ):
                cursor.execute(f"PRAGMA {pragma}")
        finally:
            cursor.close()

    @sa.event.listens_for(engine, "begin")
    def _on_begin(conn: sa.Connection) -> None:
        write = conn.get_execution_options().get(WRITE_OPTION, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def _switch_to_wal(cursor: Any, busy_timeout_s: float) -> None:
    """``PRAGMA journal_mode=WAL``, waiting out a concurrent first switch of a brand-new file.

    SQLite answers "database is locked" at once, without its busy handler, when two
    connections race to put a new database into WAL mode (two ``casework init`` at
    once); once the file is in WAL mode the pragma is a read and never waits.
    """
    deadline = time.monotonic() + busy_timeout_s
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as err:
            if "locked" not in str(err).lower() or time.monotonic() >= deadline:
                raise
            time.sleep(0.01)


def is_transient_refusal(err: BaseException) -> bool:
    """True for a server that turned a new connection away for now (out of slots, starting up)."""
    reason = str(err).lower()
    return any(text in reason for text in _TRANSIENT_REFUSALS)


def _retry_refused_connections(engine: sa.Engine) -> None:
    @sa.event.listens_for(engine, "do_connect")
    def _connect(dialect: sa.Dialect, _record: Any, cargs: Any, cparams: Any) -> Any:
        for delay in CONNECT_RETRY_DELAYS_S:
            try:
                return dialect.connect(*cargs, **cparams)
            except dialect.loaded_dbapi.OperationalError as err:
                if not is_transient_refusal(err):
                    raise
                log.debug("database server refused a connection for now; retrying in %.2f s", delay)
                time.sleep(delay)
        return dialect.connect(*cargs, **cparams)


def is_postgres(engine: sa.Engine) -> bool:
    return engine.dialect.name == "postgresql"


@contextmanager
def transaction(engine: sa.Engine, shown: str, *, write: bool) -> Iterator[sa.Connection]:
    """One transaction; writers are serialised; database failures become one-line errors."""
    with database_errors(shown):
        with engine.connect() as conn:
            if write:
                conn = conn.execution_options(**{WRITE_OPTION: True})
            with conn.begin():
                if write and is_postgres(engine):
                    conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_WRITE_LOCK})
                yield conn


@contextmanager
def driver_transaction(engine: sa.Engine, shown: str) -> Iterator[Any]:
    """A write transaction like :func:`transaction`, yielding the DBAPI cursor itself.

    For the intake hot path (see :mod:`casework.store.intake_sql`): the same writer
    lock (``BEGIN IMMEDIATE`` / the advisory lock), the same commit-or-roll-back, and
    the same one-line errors, without SQLAlchemy's per-statement machinery.
    """
    driver_error: type[Exception] = engine.dialect.loaded_dbapi.Error
    with database_errors(shown):
        dbapi_conn = engine.raw_connection()  # pool checkout; connect failures arrive as DBAPIError
    try:
        cursor = dbapi_conn.cursor()
        try:
            try:
                if is_postgres(engine):
                    cursor.execute("SELECT pg_advisory_xact_lock(%s)", (_PG_WRITE_LOCK,))
                else:
                    cursor.execute("BEGIN IMMEDIATE")
                yield cursor
                dbapi_conn.commit()
            except driver_error as err:
                _roll_back(dbapi_conn, driver_error)
                raise describe_driver_error(err, shown) from None
            except BaseException:
                _roll_back(dbapi_conn, driver_error)
                raise
        finally:
            cursor.close()
    finally:
        dbapi_conn.close()  # back to the pool


def _roll_back(dbapi_conn: Any, driver_error: type[Exception]) -> None:
    try:
        dbapi_conn.rollback()
    except driver_error:  # a dead connection: the pool discards it; the first error is the one to report
        log.debug("rollback failed after a database error")


@contextmanager
def database_errors(shown: str) -> Iterator[None]:
    """Turn driver errors into Casework errors that name the store and nothing else.

    SQLAlchemy's own messages quote SQL and bound parameters; those must not reach a
    terminal or a log, so only the driver's error class and a fixed text survive.
    """
    try:
        yield
    except sa.exc.DBAPIError as err:
        raise describe_database_error(err, shown) from None


def describe_database_error(err: sa.exc.DBAPIError, shown: str) -> StoreError:
    if err.orig is None:
        return StoreError(f"{shown}: database error")
    return describe_driver_error(err.orig, shown)


def describe_driver_error(orig: BaseException, shown: str) -> StoreError:
    """The one-line error for a driver exception (sqlite3/psycopg), naming the store and nothing else."""
    reason = str(orig).lower()
    if "locked" in reason or "busy" in reason or "lock timeout" in reason:
        return StoreLockedError(f"{shown}: the store is locked by another process; try again")
    if "malformed" in reason or "not a database" in reason or "file is encrypted" in reason:
        return StoreCorruptError(f"{shown}: not a readable database (corrupted, or not a SQLite file)")
    if "no such table" in reason or ("does not exist" in reason and "relation" in reason):
        return NotAStoreError(f"{shown}: not a Casework store")
    if "unable to open" in reason:
        return StoreError(f"{shown}: cannot open the database file")
    if "connection" in reason or "connect" in reason:
        return StoreError(f"{shown}: cannot connect to the database server")
    log.debug("database error %s on %s", type(orig).__name__, shown)
    return StoreError(f"{shown}: database error ({type(orig).__name__})")


def _script_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(resources.files("casework.store") / "migrations"))
    return config


def _alembic_config(conn: sa.Connection) -> Config:
    config = _script_config()
    config.attributes["connection"] = conn
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(_script_config()).get_current_head()
    if head is None:
        raise StoreError("no store migrations found (broken installation)")
    return head


def upgrade_schema(conn: sa.Connection) -> None:
    """Bring the schema to the newest revision inside the caller's transaction."""
    command.upgrade(_alembic_config(conn), "head")


def migrate(engine: sa.Engine, shown: str) -> None:
    """Bring the schema to the newest revision, in one transaction."""
    with transaction(engine, shown, write=True) as conn:
        upgrade_schema(conn)


def is_empty(engine: sa.Engine, shown: str) -> bool:
    with database_errors(shown), engine.connect() as conn:
        return not sa.inspect(conn).get_table_names()


def check_store(engine: sa.Engine, shown: str) -> None:
    """Refuse what is not a Casework store; upgrade an older schema in place."""
    with database_errors(shown), engine.connect() as conn:
        if not sa.inspect(conn).has_table(META_TABLE):
            raise NotAStoreError(f"{shown}: not a Casework store")
        current = MigrationContext.configure(conn).get_current_revision()
    head = head_revision()
    if current == head:
        return
    known = {script.revision for script in ScriptDirectory.from_config(_script_config()).walk_revisions()}
    if current not in known:
        raise StoreError(f"{shown}: made by a newer version of Casework (schema {current}); upgrade Casework")
    log.info("upgrading store schema from %s to %s", current, head)
    migrate(engine, shown)
