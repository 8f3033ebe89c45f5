"""CLI commands of the link stage: ``casework link`` and ``casework review links``.

Thin: each command calls one desk function (:func:`casework.desk.link_store`,
:func:`casework.desk.link_file`, :func:`casework.desk.uncertain_pairs`,
:func:`casework.desk.decide_link`) and prints JSON lines or a table. Messages on
stderr say what happened in counts and ids only.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import click

from casework import desk
from casework.cli._common import echo_json, open_unlocked
from casework.cli.output import emit, format_option, working
from casework.errors import InputError
from casework.model import LINK_ENGINES, Mention


def _incident_lines(run: desk.LinkRun) -> list[dict[str, Any]]:
    out = []
    for incident in run.incidents:
        detail = run.corroboration[incident.incident_id]
        out.append(
            {
                "incident": incident.incident_id,
                "mentions": list(incident.mentions),
                "grade": incident.grade,
                "sources": list(incident.sources),
                "independent_sources": incident.independent_sources,
                "first_hand": incident.first_hand,
                "retellings": list(detail.retellings),
                "date_spread_days": detail.date_spread_days,
                "victim_count_range": list(detail.count_range) if detail.count_range else None,
                "flags": list(incident.flags),
            }
        )
    return out


INCIDENT_COLUMNS = (
    "incident",
    "mentions",
    "grade",
    "sources",
    "independent_sources",
    "first_hand",
    "retellings",
    "date_spread_days",
    "victim_count_range",
    "flags",
)
PAIR_COLUMNS = ("mention_a", "mention_b", "match_probability", "match_weight")


def _linkage_lines(run: desk.LinkRun) -> list[dict[str, Any]]:
    """Each mention's incident, then each incident: the linkage as data."""
    assignment = run.linkage.assignment
    lines: list[dict[str, Any]] = [
        {"mention": m.mention_id, "incident": assignment[m.mention_id or ""]} for m in run.linkage.mentions
    ]
    return lines + _incident_lines(run)


def _print_run(run: desk.LinkRun, fmt: str) -> None:
    """``table``: incidents for a person; ``jsonl``/``json``: mentions then incidents; ``csv``: incidents."""
    if fmt == "table":
        _print_incident_table(run)
    elif fmt == "csv":
        emit(_incident_lines(run), "csv", INCIDENT_COLUMNS)
    else:
        emit(_linkage_lines(run), fmt, INCIDENT_COLUMNS)


def _print_incident_table(run: desk.LinkRun) -> None:
    """Incidents for a person: the best-supported first, one row each."""
    from rich.console import Console
    from rich.table import Table

    table = Table("incident", "grade", "mentions", "sources", "independent", "first-hand", "flags")
    for line in sorted(_incident_lines(run), key=lambda row: (-len(row["mentions"]), row["incident"])):
        table.add_row(
            line["incident"],
            line["grade"],
            " ".join(line["mentions"]),
            " ".join(line["sources"]),
            str(line["independent_sources"]),
            str(line["first_hand"]),
            " ".join(line["flags"]),
        )
    Console(width=140).print(table)


def _say_notes(run: desk.LinkRun) -> None:
    """Show what went wrong in training without stopping the run (an EM session skipped)."""
    for note in run.linkage.notes:
        click.echo(f"warning: {note}", err=True)


def _say_size(mentions: Sequence[Mention]) -> bool:
    """Tell the user about an empty or one-mention input; False when there is nothing to link."""
    if not mentions:
        click.echo("no mentions: nothing to link", err=True)
        return False
    if len(mentions) == 1:
        click.echo("one mention: it is its own single-source incident", err=True)
    return True


@click.command("link")
@click.option("--mentions", "mentions_file", type=click.Path(dir_okay=False), help="JSON-lines mentions (no store).")
@click.option(
    "--engine", type=click.Choice(LINK_ENGINES), default="duckdb", show_default=True, help="SQL engine for Splink."
)
@click.option(
    "--spark-master",
    metavar="URL",
    help="With --engine spark: a Spark master (spark://HOST:7077, yarn, k8s://...); "
    "default SPARK_REMOTE (Spark Connect) if set, else local mode.",
)
@click.option(
    "--threshold",
    type=click.FloatRange(0.0, 1.0),
    default=None,
    help="Match probability from which two mentions are one incident (default: the linkage stage's, 0.95).",
)
@click.option("--explain", nargs=2, metavar="M1 M2", help="Show the match-weight breakdown for two mentions.")
@click.option("--retrain", is_flag=True, help="Store mode: train the model again instead of reusing the saved one.")
@click.option("--full", is_flag=True, help="Store mode: score all pairs again instead of only the new mentions.")
@format_option(
    None,
    help="Output: jsonl or json (each mention's incident, then each incident; jsonl is the default with "
    "--mentions), csv (one row per incident) or a table of incidents (the default with a store).",
)
@click.pass_context
def link_command(
    ctx: click.Context,
    mentions_file: str | None,
    engine: str,
    spark_master: str | None,
    threshold: float | None,
    explain: tuple[str, str] | None,
    retrain: bool,
    full: bool,
    fmt: str | None,
) -> None:
    """Group mentions that describe the same incident and grade each incident.

    With --mentions FILE.jsonl no store is needed: each line holds one mention
    (mention, testimony, source, the extraction contract's fields, optionally
    depends_on). Output: one JSON line per mention with its incident, then one per
    incident with its grade. Without --mentions the store's accepted and suggested
    mentions are linked, reviewer decisions win, and incidents and model are saved;
    once a model is saved, later runs score only new mentions against the existing
    incidents (--full scores everything again, --retrain also retrains).

    Example: casework link --mentions mentions.jsonl --threshold 0.95
    """
    chosen = desk.engine_from_options(engine, spark_master)
    threshold = desk.DEFAULT_THRESHOLD if threshold is None else threshold
    if mentions_file:
        with working("linking"):
            run = desk.link_file(mentions_file, engine=chosen, threshold=threshold)
        _say_notes(run)
        mentions = run.linkage.mentions
        if explain:
            echo_json(desk.explain_file_pair(mentions, explain[0], explain[1], run.linkage.model_json).to_json())
            return
        if not _say_size(mentions):
            return
        _print_run(run, fmt or "jsonl")
        click.echo(f"{len(mentions)} mentions -> {len(run.incidents)} incidents", err=True)
        return
    store = open_unlocked(ctx)
    if explain:
        echo_json(desk.explain_store_pair(store, explain[0], explain[1]).to_json())
        return
    with working("linking"):
        run = desk.link_store(store, engine=chosen, threshold=threshold, retrain=retrain, full=full)
    _say_notes(run)
    if not _say_size(run.linkage.mentions):
        return
    _print_run(run, fmt or "table")
    click.echo(f"{run.mentions} mentions -> {len(run.incidents)} incidents ({run.how})", err=True)


@click.group("review")
def review_group() -> None:
    """Review machine suggestions (links between mentions).

    Example: casework review links --low 0.3 --high 0.95
    """


@review_group.command("links")
@click.option(
    "--low", type=click.FloatRange(0.0, 1.0), default=0.3, show_default=True, help="Lowest probability listed."
)
@click.option(
    "--high", type=click.FloatRange(0.0, 1.0), default=0.97, show_default=True, help="Highest probability listed."
)
@click.option("--confirm", nargs=2, metavar="M1 M2", help="Record that M1 and M2 describe one incident.")
@click.option("--reject", nargs=2, metavar="M1 M2", help="Record that M1 and M2 are different incidents.")
@click.option(
    "--engine", type=click.Choice(LINK_ENGINES), default="duckdb", show_default=True, help="SQL engine for Splink."
)
@format_option("jsonl")
@click.pass_context
def review_links(
    ctx: click.Context,
    low: float,
    high: float,
    confirm: tuple[str, str] | None,
    reject: tuple[str, str] | None,
    engine: str,
    fmt: str,
) -> None:
    """List uncertain links, most uncertain first, or record a reviewer's decision.

    Decisions win over the model on every later `casework link` (confirm =
    must-link, reject = cannot-link) and serve as labels for evaluation.

    Example: casework review links --confirm t001-1 t044-1
    """
    if confirm and reject:
        raise InputError("give either --confirm or --reject, not both")
    store = open_unlocked(ctx)
    decided = confirm or reject
    if decided:
        desk.decide_link(store, decided[0], decided[1], "confirm" if confirm else "reject")
        click.echo(f"{'confirmed' if confirm else 'rejected'} link {decided[0]} {decided[1]}", err=True)
        return
    with working("scoring pairs"):
        found = desk.uncertain_pairs(store, low=low, high=high, engine=engine)
    if found.mentions < 2:
        click.echo("fewer than two mentions: no links to review", err=True)
        return
    rows = (
        {
            "mention_a": pair.mention_a,
            "mention_b": pair.mention_b,
            "match_probability": round(pair.match_probability, 4),
            "match_weight": round(pair.match_weight, 3),
        }
        for pair in found.pairs
    )
    emit(rows, fmt, PAIR_COLUMNS)
    click.echo(f"{len(found.pairs)} uncertain pairs between {low} and {high}", err=True)
    if found.decided:
        click.echo(f"the model alone agrees with {found.agreeing} of {found.decided} reviewer decisions", err=True)


COMMANDS: list[click.Command] = [link_command, review_group]
