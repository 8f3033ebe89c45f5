"""One way to print data: ``--format table|json|jsonl|csv`` on every command whose output is data.

Data goes to stdout, in the format asked for; messages (progress, summaries, warnings,
errors) go to stderr, so ``casework list --format csv > list.csv`` holds only the data.
``table`` is for people (aligned columns), ``json`` one array, ``jsonl`` one object per
line, ``csv`` a header row then one row per record (cells that a spreadsheet would run
as a formula are prefixed with an apostrophe).
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

import click

FORMATS = ("table", "json", "jsonl", "csv")
DEFAULT_FORMAT_HELP = (
    "Output: an aligned table, one JSON array, JSON lines or CSV (data on stdout, messages on stderr)."
)
F = TypeVar("F", bound=Callable[..., Any])
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class FormatChoice(click.Choice[str]):
    """The four formats, also accepting a command's older words (``text``) as hidden aliases.

    Why: scripts written against a command's earlier ``--format text`` keep working, while
    ``--help`` and error messages name only the four formats every command shares.
    """

    def __init__(self, aliases: Mapping[str, str] | None = None) -> None:
        super().__init__(FORMATS)
        self.aliases = dict(aliases or {})

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str) and value in self.aliases:
            return self.aliases[value]
        return super().convert(value, param, ctx)


def format_option(
    default: str | None = "table", *, aliases: Mapping[str, str] | None = None, help: str | None = None
) -> Callable[[F], F]:
    """The ``--format`` option, the same word and choices on every command.

    Args:
        default: the format when none is given (None: the command decides, e.g. by mode).
        aliases: older words of this command mapped to one of the four (hidden from ``--help``).
        help: the command's own sentence on what each format holds, when the default one is not enough.
    """
    return click.option(
        "--format",
        "fmt",
        type=FormatChoice(aliases),
        default=default,
        show_default=default is not None,
        help=help or DEFAULT_FORMAT_HELP,
    )


def message(text: str) -> None:
    """A line for the person at the terminal (stderr), never mixed into the data."""
    click.echo(text, err=True)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ", ".join(_cell(v) for v in value)
    return str(value)


def emit(rows: Iterable[Mapping[str, Any]], fmt: str, columns: Sequence[str]) -> None:
    """Print ``rows`` (dicts with at least ``columns``) to stdout in ``fmt``; streams for jsonl and csv."""
    if fmt == "jsonl":
        for row in rows:
            click.echo(json.dumps(dict(row), ensure_ascii=False, default=str))
        return
    if fmt == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            cells = [_cell(row.get(c)) for c in columns]
            writer.writerow([f"'{c}" if c.startswith(_FORMULA_START) else c for c in cells])
        return
    everything = [dict(row) for row in rows]
    if fmt == "json":
        click.echo(json.dumps(everything, ensure_ascii=False, indent=1, default=str))
        return
    if not everything:
        return  # an empty table prints nothing (a CSV still has its header row, JSON its empty array)
    table = [[_cell(row.get(c)) for c in columns] for row in everything]
    widths = [max([len(c), *(len(r[i]) for r in table)]) for i, c in enumerate(columns)]
    click.echo("  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip())
    for cells in table:
        click.echo("  ".join(v.ljust(w) for v, w in zip(cells, widths, strict=True)).rstrip())


@contextmanager
def working(description: str, total: int | None = None) -> Iterator[Callable[..., None]]:
    """A progress bar on stderr while a long command works (only when stderr is a terminal).

    With ``total`` it counts (``12/40``); without, the work is one call whose end cannot be
    foreseen, so it shows a spinner and the time elapsed. Yields ``advance(n=1)``.
    """
    if not sys.stderr.isatty():
        yield lambda n=1: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = [SpinnerColumn(), TextColumn("{task.description}"), BarColumn()]
    columns += [MofNCompleteColumn()] if total else []
    with Progress(*columns, TimeElapsedColumn(), console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task(description, total=total)
        yield lambda n=1: progress.advance(task, n)
