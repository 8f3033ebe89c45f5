"""The ``casework`` command line: a thin layer over the library.

Each pipeline stage has its own module here that defines its commands; this module
only gathers them and turns :class:`~casework.errors.CaseworkError` into one line on
stderr and exit status 2, so that a user's mistake never ends in a traceback.
"""

from __future__ import annotations

import sys
from typing import Any

import click

from casework import __version__
from casework.errors import CaseworkError


class CaseworkGroup(click.Group):
    """A click group that reports project errors as one line and exit status 2."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        from casework.cli._common import harden_process

        harden_process()  # before any option is parsed: private files, no core dumps
        return super().main(*args, **kwargs)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except CaseworkError as err:
            click.echo(f"error: {err}", err=True)
            sys.exit(2)
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            sys.exit(130)


@click.group(cls=CaseworkGroup)
@click.version_option(__version__, prog_name="casework")
@click.option(
    "--store",
    "store",
    envvar="CASEWORK_STORE",
    default="./casework.db",
    show_default=True,
    help="Store: a SQLite file path or a postgresql+psycopg:// URL (env CASEWORK_STORE).",
)
@click.option(
    "--user",
    "username",
    envvar="CASEWORK_USER",
    default="admin",
    show_default=True,
    help="Who is acting (env CASEWORK_USER); the passphrase is prompted or read from CASEWORK_PASSPHRASE.",
)
@click.pass_context
def main(ctx: click.Context, store: str, username: str) -> None:
    """Casework: keep sources safe, turn testimony into records, corroborate, publish safely.

    Example: casework --store desk.db add t001.txt --source SRC-01
    """
    ctx.ensure_object(dict)
    ctx.obj["store"] = store
    ctx.obj["username"] = username


def _register() -> None:
    from casework.cli import (
        estimate_cmds,
        extract_cmds,
        import_cmds,
        link_cmds,
        publish_cmds,
        report_cmds,
        review_cmds,
        store_cmds,
        web_cmds,
    )

    modules = (store_cmds, import_cmds, extract_cmds, link_cmds, review_cmds, publish_cmds, estimate_cmds, report_cmds,
               web_cmds)
    for module in modules:
        for command in module.COMMANDS:
            main.add_command(command)


_register()
