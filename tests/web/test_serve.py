"""`casework serve`: loopback by default, a TLS warning and Secure cookies elsewhere."""

from __future__ import annotations

from typing import Any

import pytest
import waitress
from click.testing import CliRunner

from casework.cli import main
from casework.cli.web_cmds import is_loopback

EVERYWHERE = "0.0.0.0"  # noqa: S104 - the address under test, nothing binds to it here


def test_loopback_addresses() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback(EVERYWHERE) and not is_loopback("192.168.1.5") and not is_loopback("desk.example")


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """What `serve` hands to waitress (waitress itself is not started in this test)."""
    seen: dict[str, Any] = {}

    def fake_serve(app: Any, **kwargs: Any) -> None:
        seen["app"] = app
        seen.update(kwargs)

    monkeypatch.setattr(waitress, "serve", fake_serve)
    return seen


def test_serve_refuses_a_missing_store(served: dict[str, Any], tmp_path: Any) -> None:
    result = CliRunner().invoke(main, ["--store", str(tmp_path / "nothing.db"), "serve"])
    assert result.exit_code == 2
    assert "no such store" in result.output and "Traceback" not in result.output
    assert "app" not in served


def test_serve_defaults_to_loopback_without_warning(served: dict[str, Any], tmp_path: Any) -> None:
    (tmp_path / "d.db").touch()
    result = CliRunner().invoke(main, ["--store", str(tmp_path / "d.db"), "serve"])
    assert result.exit_code == 0, result.output
    assert served["host"] == "127.0.0.1" and served["port"] == 8700
    assert "TLS" not in result.output
    assert served["app"].config["SESSION_COOKIE_SECURE"] is False


def test_serve_elsewhere_only_when_asked_and_warns(served: dict[str, Any], tmp_path: Any) -> None:
    (tmp_path / "d.db").touch()
    args = ["--store", str(tmp_path / "d.db"), "serve", "--host", EVERYWHERE, "--port", "9000"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0
    assert "TLS-terminating reverse proxy" in result.output
    assert served["host"] == EVERYWHERE and served["port"] == 9000
    assert served["app"].config["SESSION_COOKIE_SECURE"] is True


def test_serve_help_has_an_example() -> None:
    result = CliRunner().invoke(main, ["serve", "--help"])
    assert result.exit_code == 0 and "Example:" in result.output
