"""CLI of the extract stage: ``casework extract`` on the store or on files.

With ``--text`` it needs no store and prints one JSON line per mention (the
evaluation contract, :meth:`casework.model.Mention.to_json`); a bad file gets one
line on stderr naming it and the other files are still read. Without ``--text`` it
extracts every stored testimony that has no mentions yet and stores them as
suggestions awaiting review.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from casework import desk
from casework.cli._common import echo_json, open_unlocked
from casework.errors import CaseworkError

__all__ = ["COMMANDS", "extract"]


def _parse_date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter("expected YYYY-MM-DD") from None


@click.command("extract")
@click.option(
    "--text",
    "files",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Testimony file(s) to extract without a store (repeat the option, or list files after it).",
)
@click.argument("more_files", nargs=-1, type=click.Path(path_type=Path))
@click.option("--received", callback=_parse_date, help="Date relative expressions refer to (YYYY-MM-DD).")
@click.option("--language", type=click.Choice(["en", "ko"]), help="Language of the files (detected when absent).")
@click.pass_context
def extract(
    ctx: click.Context,
    files: tuple[Path, ...],
    more_files: tuple[Path, ...],
    received: date | None,
    language: str | None,
) -> None:
    """Extract incident mentions with evidence spans.

    Without --text: every testimony in the store not yet extracted, stored as
    suggestions. With --text: files, one JSON line per mention on stdout.

    Example: casework extract --text t001.txt t002.txt --received 2019-03-05
    """
    if files or more_files:
        failed = _extract_files([*files, *more_files], received, language)
        if failed:
            sys.exit(2)
        return
    _extract_store(ctx, received, language)


# Files extracted together (Korean ones share the analyser's threads); output flows batch by batch.
_BATCH = 64


def _extract_files(paths: list[Path], received: date | None, language: str | None) -> int:
    failed = 0
    batches = (paths[first : first + _BATCH] for first in range(0, len(paths), _BATCH))
    for found in (f for batch in batches for f in desk.extract_files(batch, received, language)):
        if isinstance(found, CaseworkError):
            click.echo(f"error: {found}", err=True)
            failed += 1
            continue
        for mention in found:
            echo_json(mention.to_json())
    return failed


def _extract_store(ctx: click.Context, received: date | None, language: str | None) -> None:
    from rich.progress import Progress

    store = open_unlocked(ctx)
    with Progress(transient=True) as progress:
        task = progress.add_task("extracting", total=None)

        def advance(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        testimonies, mentions = desk.extract_pending(store, received=received, language=language, progress=advance)
    click.echo(f"extracted {mentions} mention(s) from {testimonies} testimony(ies); they await review")


COMMANDS: list[click.Command] = [extract]
