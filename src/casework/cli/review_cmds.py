"""CLI commands of review beyond link suggestions: decisions, withdrawals, splits and mentions.

Subcommands of ``casework review`` (the group lives with ``casework review links``):
``decisions`` lists every link decision with who and when and reports contradictions;
``withdraw`` takes one back; ``split`` makes a mention its own incident, asking first
when it would withdraw a person's "same incident"; ``mentions`` lists extraction
suggestions and accepts, rejects or corrects them. Each calls one desk function, so
the rules are the web app's.
"""

from __future__ import annotations

import click

from casework import desk
from casework.cli._common import echo_json, open_unlocked
from casework.cli.link_cmds import review_group
from casework.errors import InputError
from casework.model import Mention


@review_group.command("decisions")
@click.pass_context
def review_decisions(ctx: click.Context) -> None:
    """List link decisions (who decided, which day) and any that contradict each other.

    A conflict (two mentions decided different incidents that confirmed links join)
    must be resolved with `casework review withdraw`; the exit status is 1 while one is left.

    Example: casework review decisions
    """
    store = open_unlocked(ctx)
    records = store.link_decision_records()
    for r in records:
        echo_json({"mention_a": r.mention_a, "mention_b": r.mention_b, "decision": r.decision,
                   "decided_by": r.decided_by, "decided_on": r.decided_on})
    conflicts = desk.link_conflicts(store)
    for conflict in conflicts:
        click.echo(f"conflict: {conflict.line()}", err=True)
    click.echo(f"{len(records)} decisions, {len(conflicts)} conflicts", err=True)
    if conflicts:
        ctx.exit(1)


@review_group.command("withdraw")
@click.argument("mention_a")
@click.argument("mention_b")
@click.pass_context
def review_withdraw(ctx: click.Context, mention_a: str, mention_b: str) -> None:
    """Take back a link decision; the next `casework link` lets the model decide that pair again.

    Example: casework review withdraw T-0001-1 T-0004-2
    """
    record = desk.withdraw_link(open_unlocked(ctx), mention_a, mention_b)
    click.echo(f"withdrew '{record.decision}' on {record.mention_a} {record.mention_b} "
               f"({record.decided_by}, {record.decided_on})", err=True)


@review_group.command("split")
@click.argument("incident")
@click.argument("mention")
@click.option("--yes", is_flag=True, help="Do not ask; withdraw any 'same incident' decision the split overrides.")
@click.pass_context
def review_split(ctx: click.Context, incident: str, mention: str, yes: bool) -> None:
    """Make MENTION its own incident at the next `casework link` (decided "different" from the rest of INCIDENT).

    Asks first, naming the decisions it would withdraw when a person had confirmed the mention belongs there.

    Example: casework review split I-0004 T-0007-1
    """
    store = open_unlocked(ctx)
    confirmed = desk.split_confirmations(store, incident, mention)
    for r in confirmed:
        click.echo(f"{r.mention_a} and {r.mention_b} were confirmed as one incident by {r.decided_by} "
                   f"on {r.decided_on}", err=True)
    if not yes and not click.confirm(f"Split {mention} off {incident}?", err=True):
        raise InputError("split cancelled")
    others = desk.split_mention(store, incident, mention, withdraw_confirmed=True)
    click.echo(f"{mention} decided different from {len(others)} other mentions of {incident}; "
               "run `casework link` to update the incidents", err=True)


@review_group.command("mentions")
@click.option("--status", type=click.Choice(["suggested", "accepted", "rejected", "retired"]), default="suggested",
              show_default=True, help="Which mentions to list.")
@click.option("--testimony", help="Only this testimony's mentions.")
@click.option("--sort", type=click.Choice(["testimony", "confidence"]), default="testimony", show_default=True,
              help="Order of the list: testimony order, or the extractor's confidence (0-100, lowest first).")
@click.option("--descending", is_flag=True, help="Reverse the order (with --sort confidence: highest first).")
@click.option("--accept", "accept", multiple=True, metavar="MENTION", help="Accept a suggestion (repeatable).")
@click.option("--reject", "reject", multiple=True, metavar="MENTION", help="Reject a suggestion (repeatable).")
@click.option("--correct", nargs=3, multiple=True, metavar="MENTION FIELD VALUE",
              help=f"Correct one field (then accepted); FIELD is one of {', '.join(desk.CORRECTABLE)}; "
                   "an empty VALUE clears it.")
@click.pass_context
def review_mentions(
    ctx: click.Context,
    status: str,
    testimony: str | None,
    sort: str,
    descending: bool,
    accept: tuple[str, ...],
    reject: tuple[str, ...],
    correct: tuple[tuple[str, str, str], ...],
) -> None:
    """List extraction suggestions (JSON lines), or accept, reject or correct them.

    Each listed mention carries its confidence: how much of it the extractor read from
    the text (0-100); --sort confidence lists the least complete first, in the same
    order as the web review queue.

    Example: casework review mentions --correct T-0003-1 date 2019-02 --accept T-0003-2
    """
    store = open_unlocked(ctx)
    if accept or reject or correct:
        if set(accept) & set(reject):
            raise InputError("a mention cannot be both accepted and rejected")
        corrections: dict[str, Mention] = {}
        for mention_id, field, value in correct:
            base = corrections.get(mention_id) or store.get_mention(mention_id).mention
            corrections[mention_id] = desk.correct_field(base, field, value)
        for mention_id in accept:
            desk.review_mention(store, mention_id, "accepted")
        for mention_id in reject:
            desk.review_mention(store, mention_id, "rejected")
        for mention_id, corrected in corrections.items():
            desk.review_mention(store, mention_id, "accepted", corrected)
        click.echo(f"{len(accept)} accepted, {len(reject)} rejected, {len(corrections)} corrected", err=True)
        return
    found = desk.review_queue(
        store, status=status, testimony_id=testimony, sort=sort, descending=descending  # type: ignore[arg-type]
    )
    for stored in found:
        echo_json({"status": stored.status, "confidence": stored.confidence, **stored.mention.to_json()})
    click.echo(f"{len(found)} {status} mentions", err=True)


COMMANDS: list[click.Command] = []  # the subcommands above join ``casework review`` when this module is imported
