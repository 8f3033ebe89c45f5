"""CLI command of the report stage: ``casework report``."""

from __future__ import annotations

from pathlib import Path

import click

from casework import desk
from casework.cli._common import open_unlocked
from casework.cli.output import working
from casework.errors import PublicationRefused

RISKY_EXIT = 3  # as `casework publish` and `casework check`: "refused as risky", distinct from a mistake (2)


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
    "--accept-risk", "accept_risk", metavar="REASON", help="Publish despite medium or high risk; the reason is audited."
)
@click.option("--title", default=None, help="Report title.")
@click.option("--reviewed-only", is_flag=True, help="Only incidents a person has fully reviewed.")
@click.pass_context
def report(
    ctx: click.Context,
    out_dir: Path,
    public: bool,
    precision: str,
    fmt: str,
    accept_risk: str | None,
    title: str | None,
    reviewed_only: bool,
) -> None:
    """Write a self-contained report (HTML or Markdown) of the store's incidents.

    The internal report shows each incident's mentions with the evidence marked in
    the testimony; keep it on the desk. --public writes the publishable variant:
    dates at --precision, places at province level, no testimony text, quotations or
    pseudonyms; it refuses (exit 3) on medium or high risk unless --accept-risk gives a reason.
    The report says how many incidents a person has reviewed; --reviewed-only leaves out the rest.
    The command prints the path of the report's index file.

    Example: casework --store desk.db report --out public-report/ --public --precision month
    """
    store = open_unlocked(ctx)
    try:
        with working("writing the report"):
            index = desk.write_store_report(
                store, out_dir, public=public, precision=precision, fmt=fmt, accept_risk=accept_risk, title=title,
                reviewed_only=reviewed_only,
            )
    except PublicationRefused as err:
        click.echo(f"error: {err}", err=True)
        ctx.exit(RISKY_EXIT)
    click.echo(str(index))


COMMANDS: list[click.Command] = [report]
