"""CLI commands for sources, accounts, backup/restore and the audit log."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from casework.cli._common import open_unlocked, read_passphrase
from casework.desk import backup_store, restore_store
from casework.errors import AuditChainBroken, AuthError, InputError
from casework.model import ROLES, SourceIdentity

NEW_PASSPHRASE_ENV = "CASEWORK_NEW_PASSPHRASE"  # noqa: S105 - the name of a variable, not a secret


@click.group("sources", invoke_without_command=True)
@click.pass_context
def sources_group(ctx: click.Context) -> None:
    """List source pseudonyms; `sources add` and `sources show` are for source handlers.

    Example: casework sources
    """
    if ctx.invoked_subcommand is None:
        for source in open_unlocked(ctx).list_sources():
            click.echo(source.pseudonym)


@sources_group.command("add")
@click.argument("pseudonyms", nargs=-1, required=True)
@click.option("--name", default=None, help="Real name (sealed in the identity compartment).")
@click.option("--contact", default=None, help="Contact channel (sealed).")
@click.option("--notes", default=None, help="Free-text notes (sealed).")
@click.option("--prompt", "ask", is_flag=True, help="Type the identity at prompts (keeps it out of shell history).")
@click.pass_context
def sources_add(
    ctx: click.Context,
    pseudonyms: tuple[str, ...],
    name: str | None,
    contact: str | None,
    notes: str | None,
    ask: bool,
) -> None:
    """Register source pseudonyms; with one pseudonym, optionally the identity behind it.

    Options end up in shell history; prefer --prompt for real identities.

    Example: casework sources add SRC-07 --prompt
    """
    with_identity = ask or bool(name or contact or notes)
    if with_identity and len(pseudonyms) != 1:
        raise InputError("sources add: identity options need exactly one pseudonym")
    if ask:
        name = click.prompt("Name", default="", show_default=False) or None
        contact = click.prompt("Contact", default="", show_default=False) or None
        notes = click.prompt("Notes", default="", show_default=False) or None
    store = open_unlocked(ctx)
    for pseudonym in pseudonyms:
        identity = SourceIdentity(pseudonym, name, contact, notes) if (name or contact or notes) else None
        store.add_source(pseudonym, identity)
        click.echo(f"added source {pseudonym}" + (" with identity" if identity else ""))


@sources_group.command("show")
@click.argument("pseudonym")
@click.pass_context
def sources_show(ctx: click.Context, pseudonym: str) -> None:
    """Show the identity behind a pseudonym (admins and source handlers; audited).

    Example: casework sources show SRC-07
    """
    identity = open_unlocked(ctx).get_source_identity(pseudonym)
    click.echo(f"source:  {identity.pseudonym}")
    click.echo(f"name:    {identity.name or '-'}")
    click.echo(f"contact: {identity.contact or '-'}")
    click.echo(f"notes:   {identity.notes or '-'}")


@click.group("user")
def user_group() -> None:
    """Manage accounts (admins only).

    Example: casework user add ana --role analyst
    """


@user_group.command("add")
@click.argument("username")
@click.option("--role", type=click.Choice(ROLES), required=True)
@click.pass_context
def user_add(ctx: click.Context, username: str, role: str) -> None:
    """Create an account; its passphrase is prompted, or read from CASEWORK_NEW_PASSPHRASE.

    Example: casework user add ana --role analyst
    """
    store = open_unlocked(ctx)
    passphrase = _new_passphrase(username)
    user = store.add_user(username, passphrase, role)
    click.echo(f"added user {user.username} ({user.role})")


@user_group.command("passwd")
@click.argument("username", required=False)
@click.pass_context
def user_passwd(ctx: click.Context, username: str | None) -> None:
    """Change your own passphrase, or (admins) reset another account's.

    The new passphrase is prompted, or read from CASEWORK_NEW_PASSPHRASE.

    Example: casework user passwd
    """
    store = open_unlocked(ctx)
    if username is None or username == store.user.username:
        store.change_passphrase(_new_passphrase(store.user.username))
        click.echo(f"passphrase changed for {store.user.username}")
    else:
        store.set_user_passphrase(username, _new_passphrase(username))
        click.echo(f"passphrase reset for {username}")


@user_group.command("remove")
@click.argument("username")
@click.pass_context
def user_remove(ctx: click.Context, username: str) -> None:
    """Delete an account and its wrapped keys (admins only).

    Example: casework user remove ana
    """
    open_unlocked(ctx).remove_user(username)
    click.echo(f"removed user {username}")


def _new_passphrase(username: str) -> str:
    passphrase = os.environ.get(NEW_PASSPHRASE_ENV)
    if passphrase:
        return passphrase
    if not sys.stdin.isatty():
        raise AuthError(f"no new passphrase: set {NEW_PASSPHRASE_ENV} or run in a terminal")
    return str(click.prompt(f"New passphrase for {username}", hide_input=True, confirmation_prompt=True))


@user_group.command("list")
@click.pass_context
def user_list(ctx: click.Context) -> None:
    """List accounts and their roles.

    Example: casework user list
    """
    for user in open_unlocked(ctx).list_users():
        click.echo(f"{user.username:20} {user.role}")


@click.command("backup")
@click.argument("path", type=click.Path(path_type=Path))
@click.pass_context
def backup_cmd(ctx: click.Context, path: Path) -> None:
    """Write an encrypted, authenticated backup of the whole store (admins only).

    Example: casework backup desk-2024-05-01.cwbackup
    """
    rows = backup_store(open_unlocked(ctx), path)
    click.echo(f"backup written to {path} ({rows} rows)")


@click.command("restore")
@click.argument("path", type=click.Path(path_type=Path))
@click.pass_context
def restore_cmd(ctx: click.Context, path: Path) -> None:
    """Restore a backup into an empty store (the --store path or URL), as an admin of the backup.

    Example: casework --store restored.db restore desk-2024-05-01.cwbackup
    """
    obj = ctx.find_root().obj
    rows = restore_store(obj["store"], path, read_passphrase(), username=obj["username"])
    click.echo(f"restored {rows} rows into {obj['store']}")


@click.group("audit")
def audit_group() -> None:
    """Check and read the hash-chained audit log.

    Example: casework audit verify
    """


@audit_group.command("verify")
@click.option(
    "--anchor", default=None, metavar="HASH", help="A head hash noted earlier that must still be in the chain."
)
@click.pass_context
def audit_verify(ctx: click.Context, anchor: str | None) -> None:
    """Recompute the audit chain; name the first broken event (exit 2 if any).

    With --anchor, also check that an earlier head is still in the chain, which
    catches a log truncated or rewritten after that point.

    Example: casework audit verify --anchor 3f1c...e9
    """
    store = open_unlocked(ctx)
    report = store.verify_audit()
    if not report.ok:
        raise AuditChainBroken(f"audit chain broken: {report.message}", report.first_broken)
    if anchor is not None:
        event_id = store.find_audit_anchor(anchor)
        if event_id is None:
            raise AuditChainBroken("audit chain broken: the anchor is not in the log (truncated or rewritten)")
        click.echo(f"anchor found at event {event_id}")
    click.echo(f"audit chain intact: {report.message}")


@audit_group.command("log")
@click.option("--limit", type=click.IntRange(1), default=50, show_default=True)
@click.pass_context
def audit_log(ctx: click.Context, limit: int) -> None:
    """Show the newest audit events, oldest first (admins only).

    Example: casework audit log --limit 20
    """
    for event in open_unlocked(ctx).audit_events(limit):
        details = " ".join(f"{k}={v}" for k, v in sorted(event.details.items()))
        click.echo(
            f"{event.event_id:6} {event.at.isoformat(timespec='seconds')} {event.username:12} "
            f"{event.action:20} {event.target or '-'} {details}".rstrip()
        )


ADMIN_COMMANDS: list[click.Command] = [sources_group, user_group, backup_cmd, restore_cmd, audit_group]
