"""A PostgreSQL server out of connection slots is waited for, briefly, not reported at once.

Under load (many test workers, or desk processes) the server refuses new sessions
with "too many connections/clients"; opening the store used to turn the first such
refusal into "cannot connect to the database server". A database ``CONNECTION
LIMIT`` of 1 plus one held session reproduces the refusal for real, on this test's
own database only, without touching the server's global limit.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterator

import psycopg
import pytest
import sqlalchemy as sa

from casework.errors import StoreError
from casework.store import FAST_TEST_KDF, init_store, open_store
from casework.store import engine as store_engine

PASS = "retry test passphrase"


@pytest.fixture
def limited_url(pg_url: str) -> Iterator[str]:
    """The test database owned by a fresh non-superuser role (superusers ignore CONNECTION LIMIT)."""
    role = f"cw_role_{uuid.uuid4().hex[:10]}"
    database = sa.make_url(pg_url).database
    admin = sa.create_engine(pg_url.rsplit("/", 1)[0] + "/test", isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE ROLE "{role}" LOGIN'))
        conn.execute(sa.text(f'ALTER DATABASE "{database}" OWNER TO "{role}"'))
    try:
        url = sa.make_url(pg_url).set(username=role).render_as_string(hide_password=False)
        init_store(url, "admin", PASS, kdf=FAST_TEST_KDF)
        with admin.connect() as conn:
            conn.execute(sa.text(f'ALTER DATABASE "{database}" CONNECTION LIMIT 1'))
        yield url
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
            conn.execute(sa.text(f'DROP ROLE IF EXISTS "{role}"'))
        admin.dispose()


def _hold_the_only_slot(url: str) -> psycopg.Connection[tuple[object, ...]]:
    parsed = sa.make_url(url)
    return psycopg.connect(host=parsed.host, port=parsed.port, user=parsed.username, dbname=parsed.database)


class _ReleaseOnRetry(logging.Handler):
    """Frees the held slot when the store logs its first retry: deterministic, no sleeps."""

    def __init__(self, held: psycopg.Connection[tuple[object, ...]]) -> None:
        super().__init__(logging.DEBUG)
        self.held = held
        self.retries = 0

    def emit(self, record: logging.LogRecord) -> None:
        if "retrying" in record.getMessage():
            self.retries += 1
            self.held.close()


def test_opening_waits_for_a_free_connection_slot(limited_url: str, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger=store_engine.__name__)
    held = _hold_the_only_slot(limited_url)
    release = _ReleaseOnRetry(held)
    logging.getLogger(store_engine.__name__).addHandler(release)
    try:
        store = open_store(limited_url, "admin", PASS)
    finally:
        logging.getLogger(store_engine.__name__).removeHandler(release)
        held.close()
    try:
        assert release.retries >= 1
        store.add_source("SRC-01")
        assert [s.pseudonym for s in store.list_sources()] == ["SRC-01"]
    finally:
        store.close()


def test_a_server_that_stays_full_is_a_one_line_error(limited_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_engine, "CONNECT_RETRY_DELAYS_S", (0.01, 0.01))
    held = _hold_the_only_slot(limited_url)
    try:
        with pytest.raises(StoreError, match="cannot connect to the database server") as caught:
            open_store(limited_url, "admin", PASS)
    finally:
        held.close()
    assert "\n" not in str(caught.value)


def test_refusals_that_do_not_pass_are_not_retried() -> None:
    assert store_engine.is_transient_refusal(Exception('FATAL:  too many connections for database "x"'))
    assert store_engine.is_transient_refusal(Exception("FATAL:  sorry, too many clients already"))
    assert not store_engine.is_transient_refusal(Exception('FATAL:  database "x" does not exist'))
    assert not store_engine.is_transient_refusal(Exception('FATAL:  password authentication failed for user "x"'))
