"""CLI command of the report stage: ``casework report``."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from casework.errors import StoreError

if TYPE_CHECKING:
    from casework.store.api import CaseStore


@contextmanager
def _unlocked(ctx: click.Context) -> Iterator[CaseStore]:
    """The store stage's opener, whether it returns a store or a context manager."""
    from casework.cli import _common

    opener = getattr(_common, "open_unlocked", None)
    if opener is None:
        raise StoreError("the store stage is not available in this build")
    opened: Any = opener(ctx)
    if hasattr(opened, "__enter__"):
        with opened as store:
            yield store
        return
    try:
        yield opened
    finally:
        opened.close()


@click.command("report")
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path), help="Directory.")
@click.option("--public", is_flag=True, help="Publishable variant: coarsened, no texts or pseudonyms, checked first.")
@click.option(
    "--precision",
    type=click.Choice(["day", "month", "year"]),
    default="month",
    show_default=True,
    help="Finest date shown in a public report.",
)
@click.option(
    "--format", "fmt", type=click.Choice(["html", "markdown"]), default="html", show_default=True, help="Output."
)
@click.option(
    "--accept-risk", "accept_risk", metavar="REASON", help="Publish despite high risk; the reason is audited."
)
@click.option("--title", default=None, help="Report title.")
@click.pass_context
def report(
    ctx: click.Context,
    out_dir: Path,
    public: bool,
    precision: str,
    fmt: str,
    accept_risk: str | None,
    title: str | None,
) -> None:
    """Write a self-contained report (HTML or Markdown) of the store's incidents.

    The internal report shows each incident's mentions with the evidence marked in
    the testimony; keep it on the desk. --public writes the publishable variant and
    refuses on high risk unless --accept-risk gives a reason.

    Example: casework --store desk.db report --out report/ --public --precision month
    """
    from casework.report import snapshot_from_store, write_report
    from casework.report.snapshot import DEFAULT_TITLE

    with _unlocked(ctx) as store:
        snapshot = snapshot_from_store(store, public=public, title=title or DEFAULT_TITLE)
        index = write_report(snapshot, out_dir, public=public, precision=precision, fmt=fmt, accept_risk=accept_risk)
        details = {"public": str(public).lower(), "format": fmt, "precision": precision}
        if public and accept_risk:
            store.audit("report.accept_risk", str(out_dir), reason=accept_risk, **details)
        store.audit("report.write", str(out_dir), **details)
    click.echo(str(index))


COMMANDS: list[click.Command] = [report]
