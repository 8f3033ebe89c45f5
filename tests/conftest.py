"""Fixtures shared by the whole suite: shared data, PostgreSQL, no network.

``../shared`` (corpus, gazetteer, real reports) and the PostgreSQL server are used
for real. When they are absent a test skips with the reason, unless CI asked for
them with ``CASEWORK_REQUIRE_SHARED=1`` / ``CASEWORK_REQUIRE_POSTGRES=1``, in which
case it fails.
"""

from __future__ import annotations

import ipaddress
import os
import socket
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# Throwaway stores: the deliberately weak test KDF, the 8-character passphrase rule and no
# second factor by default (casework.store.policy). Subprocesses inherit it. A real desk never sets it.
os.environ.setdefault("CASEWORK_INSECURE_TESTING", "1")

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("CASEWORK_SHARED", REPO.parent / "shared"))
PG_ADMIN_URL = os.environ.get("CASEWORK_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def _required(env: str) -> bool:
    return os.environ.get(env, "") not in ("", "0")


def need_shared(*parts: str) -> Path:
    """Path under ../shared, or skip (fail in CI) when it is missing."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        reason = f"shared data not found: {path}"
        if _required("CASEWORK_REQUIRE_SHARED"):
            pytest.fail(reason + " (CASEWORK_REQUIRE_SHARED=1)")
        pytest.skip(reason)
    return path


@pytest.fixture
def shared() -> Path:
    return need_shared()


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return need_shared("corpus")


def _pg_available() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 5432), timeout=1):
            return True
    except OSError:
        return False


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test, dropped afterwards."""
    if not _pg_available():
        reason = "PostgreSQL is not running at 127.0.0.1:5432"
        if _required("CASEWORK_REQUIRE_POSTGRES"):
            pytest.fail(reason + " (CASEWORK_REQUIRE_POSTGRES=1)")
        pytest.skip(reason)
    import sqlalchemy as sa

    name = f"cw_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        yield PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + name
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The same test on SQLite (a temp file) and on PostgreSQL (a fresh database)."""
    if request.param == "sqlite":
        return str(tmp_path / "casework.db")
    return str(request.getfixturevalue("pg_url"))


_real_connect = socket.socket.connect


def _loopback_only(self: socket.socket, address: Any) -> Any:
    if isinstance(address, tuple) and address:
        host = address[0]
        try:
            ip = ipaddress.ip_address(host)
        except ValueError:
            ip = None
            if host not in ("localhost",):
                raise OSError(f"network blocked in tests: {host}") from None
        if ip is not None and not ip.is_loopback:
            raise OSError(f"network blocked in tests: {host}")
    return _real_connect(self, address)


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test runs with only loopback reachable, so no dependency phones home."""
    monkeypatch.setattr(socket.socket, "connect", _loopback_only)
