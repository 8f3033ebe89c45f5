"""CLI commands of the link stage: ``casework link`` and ``casework review links``.

Thin: each command reads mentions (from a JSON-lines file or the store), calls
:func:`casework.link.link_mentions` or :func:`casework.link.explain_pair`, and
prints JSON lines. Messages on stderr say what happened in counts and ids only.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import click

from casework.cli._common import echo_json, open_unlocked
from casework.errors import InputError
from casework.link import (
    DEFAULT_THRESHOLD,
    Linkage,
    explain_pair,
    link_mentions,
    link_new_mentions,
    read_mentions_file,
    settled_incidents,
)
from casework.link.engines import ENGINES
from casework.link.scoring import decision_agreement
from casework.model import Mention

MODEL_SETTING = "link.model"


def _incident_lines(linkage: Linkage) -> list[dict[str, Any]]:
    out = []
    for incident in linkage.incidents:
        detail = linkage.corroboration[incident.incident_id]
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


def _print_linkage(linkage: Linkage) -> None:
    for mention in linkage.mentions:
        echo_json({"mention": mention.mention_id, "incident": linkage.assignment[mention.mention_id or ""]})
    for line in _incident_lines(linkage):
        echo_json(line)


def _print_incident_table(linkage: Linkage) -> None:
    """Incidents for a person: the best-supported first, one row each."""
    from rich.console import Console
    from rich.table import Table

    table = Table("incident", "grade", "mentions", "sources", "independent", "first-hand", "flags")
    for line in sorted(_incident_lines(linkage), key=lambda row: (-len(row["mentions"]), row["incident"])):
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


def _say_size(mentions: Sequence[Mention]) -> bool:
    """Tell the user about an empty or one-mention input; False when there is nothing to link."""
    if not mentions:
        click.echo("no mentions: nothing to link", err=True)
        return False
    if len(mentions) == 1:
        click.echo("one mention: it is its own single-source incident", err=True)
    return True


def _store_mentions(store: Any) -> list[Mention]:
    return [s.mention for s in store.list_mentions() if s.status != "rejected"]


@click.command("link")
@click.option("--mentions", "mentions_file", type=click.Path(dir_okay=False), help="JSON-lines mentions (no store).")
@click.option(
    "--engine", type=click.Choice(ENGINES), default="duckdb", show_default=True, help="SQL engine for Splink."
)
@click.option(
    "--threshold",
    type=click.FloatRange(0.0, 1.0),
    default=DEFAULT_THRESHOLD,
    show_default=True,
    help="Match probability from which two mentions are one incident.",
)
@click.option("--explain", nargs=2, metavar="M1 M2", help="Show the match-weight breakdown for two mentions.")
@click.option("--retrain", is_flag=True, help="Store mode: train the model again instead of reusing the saved one.")
@click.option("--full", is_flag=True, help="Store mode: score all pairs again instead of only the new mentions.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "jsonl"]),
    default=None,
    help="Output: jsonl (default with --mentions) or a table of incidents (default with a store).",
)
@click.pass_context
def link_command(
    ctx: click.Context,
    mentions_file: str | None,
    engine: str,
    threshold: float,
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
    if mentions_file:
        mentions = read_mentions_file(mentions_file)
        if explain:
            linkage = link_mentions(mentions, engine=engine, threshold=threshold)
            echo_json(explain_pair(mentions, explain[0], explain[1], linkage.model_json).to_json())
            return
        if not _say_size(mentions):
            return
        linkage = link_mentions(mentions, engine=engine, threshold=threshold)
        if fmt == "table":
            _print_incident_table(linkage)
        else:
            _print_linkage(linkage)
        click.echo(f"{len(mentions)} mentions -> {len(linkage.incidents)} incidents", err=True)
        return
    store = open_unlocked(ctx)
    mentions = _store_mentions(store)
    saved = None if retrain else store.get_setting(MODEL_SETTING)
    if explain:
        echo_json(explain_pair(mentions, explain[0], explain[1], saved).to_json())
        return
    if not _say_size(mentions):
        store.save_incidents([])
        return
    decisions = [(a, b, str(d)) for a, b, d in store.link_decisions()]
    settled = settled_incidents(store.list_incidents(), mentions, decisions) if saved and not full else {}
    if saved and settled:
        linkage = link_new_mentions(
            mentions, settled, model_json=saved, decisions=decisions, engine=engine, threshold=threshold
        )
        how = f"saved model, {len(mentions) - len(settled)} new or re-examined mentions"
    else:
        linkage = link_mentions(mentions, decisions=decisions, engine=engine, model_json=saved, threshold=threshold)
        how = "saved model" if saved else "model trained on the store"
    store.save_incidents(linkage.incidents)
    if linkage.model_json and linkage.model_json != saved:
        store.set_setting(MODEL_SETTING, linkage.model_json)
    if fmt == "jsonl":
        _print_linkage(linkage)
    else:
        _print_incident_table(linkage)
    click.echo(f"{len(mentions)} mentions -> {len(linkage.incidents)} incidents ({how})", err=True)


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
    "--engine", type=click.Choice(ENGINES), default="duckdb", show_default=True, help="SQL engine for Splink."
)
@click.pass_context
def review_links(
    ctx: click.Context,
    low: float,
    high: float,
    confirm: tuple[str, str] | None,
    reject: tuple[str, str] | None,
    engine: str,
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
        known = {m.mention_id for m in _store_mentions(store)}
        for mention_id in decided:
            if mention_id not in known:
                raise InputError(f"mention {mention_id} not found")
        store.save_link_decision(decided[0], decided[1], "confirm" if confirm else "reject")
        click.echo(f"{'confirmed' if confirm else 'rejected'} link {decided[0]} {decided[1]}", err=True)
        return
    mentions = _store_mentions(store)
    if len(mentions) < 2:
        click.echo("fewer than two mentions: no links to review", err=True)
        return
    decisions = [(a, b, str(d)) for a, b, d in store.link_decisions()]
    linkage = link_mentions(mentions, decisions=decisions, engine=engine, model_json=store.get_setting(MODEL_SETTING))
    pairs = linkage.uncertain_pairs(low, high)
    for pair in pairs:
        echo_json(
            {
                "mention_a": pair.mention_a,
                "mention_b": pair.mention_b,
                "match_probability": round(pair.match_probability, 4),
                "match_weight": round(pair.match_weight, 3),
            }
        )
    click.echo(f"{len(pairs)} uncertain pairs between {low} and {high}", err=True)
    if decisions:
        scored = {frozenset((p.mention_a, p.mention_b)): p.match_probability for p in linkage.pairs}
        agreeing, total = decision_agreement(scored, decisions, linkage.threshold)
        click.echo(f"the model alone agrees with {agreeing} of {total} reviewer decisions", err=True)


COMMANDS: list[click.Command] = [link_command, review_group]
