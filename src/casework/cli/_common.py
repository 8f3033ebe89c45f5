"""Helpers shared by CLI modules: passphrases, opening the store, JSON lines."""

from __future__ import annotations

import json
import os
import sys
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from casework.desk import CaseStore

PASSPHRASE_ENV = "CASEWORK_PASSPHRASE"  # noqa: S105 - the name of a variable, not a secret
BUSY_TIMEOUT_ENV = "CASEWORK_BUSY_TIMEOUT"  # seconds to wait for another writer (SQLite), default 10


def read_passphrase(prompt: str = "Passphrase", confirm: bool = False) -> str:
    """The passphrase from ``CASEWORK_PASSPHRASE`` or an interactive prompt.

    The environment variable exists for scripts and the demo; it is weaker than the
    prompt because other processes of the same user (and crash dumps) can read a
    process's environment.
    """
    value = os.environ.get(PASSPHRASE_ENV)
    if value:
        return value
    if not sys.stdin.isatty():
        from casework.errors import AuthError

        raise AuthError(f"no passphrase: set {PASSPHRASE_ENV} or run in a terminal")
    return str(click.prompt(prompt, hide_input=True, confirmation_prompt=confirm))


def echo_json(obj: Any) -> None:
    """One JSON object per line, UTF-8, keys in a stable order."""
    click.echo(json.dumps(obj, ensure_ascii=False))


def open_unlocked(ctx: click.Context) -> CaseStore:
    """The store named by ``--store``, unlocked as ``--user`` with the passphrase.

    Every command that reads or changes the store starts here, so the way a
    passphrase is obtained, and the one-line errors for a wrong one, are the same
    everywhere. The store is closed when the command ends.
    """
    from casework.desk import open_store

    obj = ctx.find_root().obj or {}
    wait = os.environ.get(BUSY_TIMEOUT_ENV)
    timeout = float(wait) if wait else 10.0
    store = open_store(obj["store"], obj["username"], read_passphrase(), busy_timeout_s=timeout)
    ctx.call_on_close(store.close)
    return store
