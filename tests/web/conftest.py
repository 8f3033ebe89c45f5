"""Fixtures of the web tests: a real store with one account per role, the app, a client.

The store is real (SQLite in a temp dir; PostgreSQL where a test asks for it) with the
deliberately weak test KDF; the clock of web sessions is a controllable one so that
expiry is tested without sleeping.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from casework.web import create_app

from .desk import ROLE_USERS, Clock, login, seed_store


@pytest.fixture
def store_path(tmp_path: Path) -> str:
    return str(tmp_path / "desk.db")


@pytest.fixture
def ids(store_path: str) -> dict[str, str]:
    return seed_store(store_path)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def app(store_path: str, ids: dict[str, str], clock: Clock) -> Flask:
    return create_app(store_path, CASEWORK_CLOCK=clock, TESTING=True, SECRET_KEY="test-secret-key")


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def as_role(client: FlaskClient) -> Callable[[str], FlaskClient]:
    """Log the client in as the account of a role; returns the client."""

    def _login(role: str) -> FlaskClient:
        login(client, ROLE_USERS[role])
        return client

    return _login
