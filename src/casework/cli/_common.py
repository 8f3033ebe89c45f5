"""Helpers shared by CLI modules: passphrases, opening the store, JSON lines."""

from __future__ import annotations

import json
import os
import sys
import unicodedata
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from casework.desk import CaseStore

PASSPHRASE_ENV = "CASEWORK_PASSPHRASE"  # noqa: S105 - the name of a variable, not a secret
TOTP_ENV = "CASEWORK_TOTP"  # the current second-factor code, for scripts
BUSY_TIMEOUT_ENV = "CASEWORK_BUSY_TIMEOUT"  # seconds to wait for another writer (SQLite), default 10


def read_passphrase(prompt: str = "Passphrase", confirm: bool = False) -> str:
    """The passphrase from ``CASEWORK_PASSPHRASE`` or an interactive prompt.

    The environment variable exists for scripts and the demo; it is weaker than the
    prompt because other processes of the same user (and crash dumps) can read a
    process's environment.
    """
    cache = _session_cache()
    if "passphrase" in cache:  # a command that opens the store twice reads it once
        return str(cache["passphrase"])
    value = os.environ.pop(PASSPHRASE_ENV, None)  # read once, then gone: children never inherit it
    if not value:
        if not sys.stdin.isatty():
            from casework.errors import AuthError

            raise AuthError(f"no passphrase: set {PASSPHRASE_ENV} or run in a terminal")
        value = str(click.prompt(prompt, hide_input=True, confirmation_prompt=confirm))
    cache["passphrase"] = value
    return value


def _session_cache() -> dict[str, Any]:
    """What this command has already been told (passphrase, a verified second factor), in its root context."""
    ctx = click.get_current_context(silent=True)
    if ctx is None:
        return {}
    root = ctx.find_root()
    if not isinstance(root.obj, dict):
        return {}
    cache: dict[str, Any] = root.obj.setdefault("_secrets", {})
    return cache


def harden_process() -> None:
    """What every ``casework`` process does first: private files, no core dumps.

    umask 077 makes every file we create (store, WAL, backups, anchors, reports,
    exports) readable by the owner only; a core dump of a process holding unwrapped
    keys would put them on disk, so the core size limit is set to zero.
    """
    os.umask(0o077)
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (ImportError, ValueError, OSError):  # not on this platform, or not allowed: nothing to lower
        pass


def strip_controls(text: str) -> str:
    """Text safe for a terminal: control and escape characters become U+FFFD, tabs and newlines stay.

    A hostile testimony could otherwise move the cursor, rewrite earlier lines or set the
    window title (ANSI/OSC escapes) when it is shown.
    """
    return "".join(
        ch if ch in "\n\t" or not (unicodedata.category(ch) in ("Cc", "Cf") and ch not in "\u200c\u200d")
        else "\ufffd"
        for ch in text
    )


def echo_json(obj: Any) -> None:
    """One JSON object per line, UTF-8, keys in a stable order."""
    click.echo(json.dumps(obj, ensure_ascii=False))


def open_unlocked(ctx: click.Context, *, enrolling: bool = False) -> CaseStore:
    """The store named by ``--store``, unlocked as ``--user`` with the passphrase.

    Every command that reads or changes the store starts here, so the way a
    passphrase is obtained, and the one-line errors for a wrong one, are the same
    everywhere. The store is closed when the command ends.
    """
    from casework.desk import open_store, require_store_file

    obj = ctx.find_root().obj or {}
    require_store_file(obj["store"])  # no passphrase prompt for a store that is not there
    wait = os.environ.get(BUSY_TIMEOUT_ENV)
    timeout = float(wait) if wait else 10.0
    store = open_store(obj["store"], obj["username"], read_passphrase(), busy_timeout_s=timeout)
    ctx.call_on_close(store.close)
    if not enrolling:
        check_second_factor(store)
    return store


def check_second_factor(store: CaseStore) -> None:
    """The second factor, before anything else: required by role (admins and handlers by default) or enrolled.

    The code comes from ``CASEWORK_TOTP`` (read once, then removed) or a prompt. A
    wrong code is an audit event and the same one-line error as a wrong passphrase.
    """
    from casework.errors import AuthError

    cache = _session_cache()
    if cache.get("second_factor") == store.user.username:
        return
    secret_enrolled = store.totp_secret() is not None
    if not secret_enrolled:
        if store.second_factor_required:
            raise AuthError(
                f"role {store.user.role} needs a second factor: enrol one with: casework user totp enroll"
            )
        return
    code = os.environ.pop(TOTP_ENV, None)
    if not code:
        if not sys.stdin.isatty():
            raise AuthError(f"no second-factor code: set {TOTP_ENV} or run in a terminal")
        code = str(click.prompt("Second-factor code", hide_input=True))
    if not store.verify_second_factor(code):
        store.audit("session.second_factor_failed", store.user.username)
        raise AuthError("wrong second-factor code")
    cache["second_factor"] = store.user.username
