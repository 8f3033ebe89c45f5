"""``casework serve``: run the analysts' web app with waitress.

Loopback by default. Another address only when asked, with a warning: the app
speaks plain HTTP, so passphrases and testimony would cross the network in clear
unless a TLS-terminating reverse proxy sits in front of it.
"""

from __future__ import annotations

import ipaddress
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

import click

from casework.errors import NotAStoreError

if TYPE_CHECKING:
    from casework.web.sessions import DeskSessions

COMMANDS: list[click.Command] = []
SWEEP_SECONDS = 30.0

TLS_WARNING = (
    "warning: serving on a non-loopback address over plain HTTP. Put Casework behind a "
    "TLS-terminating reverse proxy (e.g. nginx or Caddy with HTTPS) and let only the proxy reach this port; "
    "session cookies are marked Secure, so browsers send them only over HTTPS."
)


def is_loopback(host: str) -> bool:
    """Whether ``host`` only listens on this machine (127.0.0.0/8, ::1, localhost)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (loopback by default).")
@click.option("--port", default=8700, show_default=True, type=click.IntRange(1, 65535), help="Port to listen on.")
@click.option("--threads", default=4, show_default=True, type=click.IntRange(1, 64), help="Worker threads.")
@click.option(
    "--idle-timeout", default=30, show_default=True, type=click.IntRange(1, 24 * 60), help="Minutes before idle logout."
)
@click.option(
    "--proxy-hops",
    default=0,
    show_default=True,
    type=click.IntRange(0, 5),
    help="Reverse proxies in front (their X-Forwarded-For/-Proto headers are trusted).",
)
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, threads: int, idle_timeout: int, proxy_hops: int) -> None:
    """Run the analysts' web app (log in with your Casework username and passphrase).

    Example: casework --store desk.db serve --port 8700
    """
    import waitress

    from casework.web import create_app

    store = ctx.obj["store"]
    if "://" not in store and not Path(store).exists():
        raise NotAStoreError(f"{store}: no such store (create one with: casework init)")
    loopback = is_loopback(host)
    if not loopback:
        click.echo(TLS_WARNING, err=True)
    app = create_app(
        store,
        SESSION_COOKIE_SECURE=not loopback,
        CASEWORK_IDLE_TIMEOUT=idle_timeout * 60,
        CASEWORK_PROXY_HOPS=proxy_hops,
    )
    sessions = app.extensions["casework_sessions"]
    sweeper = threading.Thread(
        target=_sweep_forever, args=(sessions, SWEEP_SECONDS), name="casework-sweep", daemon=True
    )
    sweeper.start()
    click.echo(f"Casework web app on http://{host}:{port}/ (Ctrl-C to stop)")
    try:
        waitress.serve(
            app,
            host=host,
            port=port,
            threads=threads,
            max_request_body_size=app.config["MAX_CONTENT_LENGTH"] + 64 * 1024,
            ident="casework",
        )
    finally:
        sessions.close_all()  # drop every unlocked store on the way out


def _sweep_forever(sessions: DeskSessions, every: float) -> None:
    """Close expired sessions even when no request comes in, so idle keys do not linger in memory."""
    while True:
        time.sleep(every)
        sessions.sweep()


COMMANDS.append(serve)
