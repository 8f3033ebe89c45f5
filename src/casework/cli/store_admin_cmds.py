"""CLI commands for sources, accounts, backup/restore and the audit log."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import click

from casework import desk
from casework.cli._common import TOTP_ENV, open_unlocked, read_passphrase, strip_controls
from casework.cli.output import working
from casework.errors import AuditChainBroken, AuthError, InputError
from casework.model import ROLES, SourceIdentity

TESTIMONY_ID = re.compile(r"^T-[0-9]{4,9}$")
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
    if ask:  # typed without echo: an identity on screen ends up in screenshots and over shoulders
        name = click.prompt("Name", default="", show_default=False, hide_input=True) or None
        contact = click.prompt("Contact", default="", show_default=False, hide_input=True) or None
        notes = click.prompt("Notes", default="", show_default=False, hide_input=True) or None
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
    click.echo(f"name:    {strip_controls(identity.name or '-')}")
    click.echo(f"contact: {strip_controls(identity.contact or '-')}")
    click.echo(f"notes:   {strip_controls(identity.notes or '-')}")


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
@click.option("--rekey", is_flag=True, help="Also rotate every store key (required for admins and source handlers).")
@click.pass_context
def user_remove(ctx: click.Context, username: str, rekey: bool) -> None:
    """Delete an account and its wrapped keys (admins only).

    An account that held the source identity key (admin, source handler) may have kept
    it: removing it needs --rekey, which draws new keys and re-encrypts everything.

    Example: casework user remove hana --rekey
    """
    open_unlocked(ctx).remove_user(username, rekey=rekey)
    click.echo(f"removed user {username}" + (" and rotated every store key" if rekey else ""))


@user_group.group("totp")
def totp_group() -> None:
    """Second factor (TOTP) of your own account.

    Example: casework user totp enroll
    """


@totp_group.command("enroll")
@click.option("--secret", default=None, help="A base32 secret made elsewhere (scripts); default: a new one.")
@click.pass_context
def totp_enroll(ctx: click.Context, secret: str | None) -> None:
    """Enrol (or replace) your TOTP second factor; a current code confirms it.

    Prints the secret and an otpauth:// URI for an authenticator app, then asks for a
    code (or reads CASEWORK_TOTP). From then on every command asks for a code.

    Example: casework user totp enroll
    """
    import pyotp

    store = open_unlocked(ctx, enrolling=True)
    secret = (secret or pyotp.random_base32()).strip().upper()
    try:
        totp = pyotp.TOTP(secret)
        uri = totp.provisioning_uri(name=store.user.username, issuer_name="Casework")
    except (ValueError, TypeError):
        raise InputError("--secret: not a base32 TOTP secret") from None
    if not os.environ.get(TOTP_ENV):
        click.echo(f"secret: {secret}", err=True)
        click.echo(f"uri:    {uri}", err=True)
    code = os.environ.pop(TOTP_ENV, None)
    if not code:
        if not sys.stdin.isatty():
            raise AuthError(f"no confirming code: set {TOTP_ENV} or run in a terminal")
        code = str(click.prompt("Code from the app", hide_input=True))
    if not totp.verify(code.strip(), valid_window=1):
        raise AuthError("wrong second-factor code; the second factor was not enrolled")
    store.set_totp_secret(secret)
    click.echo(f"second factor enrolled for {store.user.username}")


@click.command("rekey")
@click.pass_context
def rekey_cmd(ctx: click.Context) -> None:
    """Rotate every store key: new keys, everything re-encrypted, old wraps retired (admins only).

    Other accounts keep their passphrases; they receive the new keys sealed to their
    own public key and take them at their next login. Backups made before still open
    with the old keys: destroy the ones you no longer need.

    Example: casework rekey
    """
    epoch = open_unlocked(ctx).rekey()
    click.echo(f"every store key rotated (key epoch {epoch}); make a new backup and destroy older ones")


@click.command("purge")
@click.argument("item")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@click.pass_context
def purge_cmd(ctx: click.Context, item: str, yes: bool) -> None:
    """Erase a testimony (T-0007, with all its versions and mentions) or a source (SRC-07, with its
    identity and every testimony) for good (admins only). One audit event records ids and counts.

    Backups made before still hold what was purged (see docs/security.md).

    Example: casework purge SRC-07
    """
    if not yes and sys.stdin.isatty():
        click.confirm(f"Erase {item} for good?", abort=True)
    store = open_unlocked(ctx)
    if TESTIMONY_ID.match(item):
        versions, mentions = store.purge_testimony(item)
        click.echo(f"purged {item}: {versions} version(s), {mentions} mention(s)")
    else:
        testimonies, mentions = store.purge_source(item)
        click.echo(f"purged source {item}: identity, {testimonies} testimonies, {mentions} mention(s)")
    click.echo("backups made before this still hold it: destroy or re-make them", err=True)


@click.command("wipe")
@click.option("--confirm", "confirm", required=True, metavar="STORE", help="The --store value again, to confirm.")
@click.pass_context
def wipe_cmd(ctx: click.Context, confirm: str) -> None:
    """Emergency wipe: destroy every wrapped key, then overwrite and delete the store's files.

    Needs no passphrase (whoever can reach the files can already delete them); it does
    the deletion properly. On PostgreSQL, every Casework table is dropped. Backups
    elsewhere are not touched.

    Example: casework --store desk.db wipe --confirm desk.db
    """
    from casework.desk import wipe_store

    target = ctx.find_root().obj["store"]
    if confirm != target:
        raise InputError("wipe: --confirm must repeat the --store value exactly")
    for line in wipe_store(target):
        click.echo(line)


def _new_passphrase(username: str) -> str:
    passphrase = os.environ.pop(NEW_PASSPHRASE_ENV, None)
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
    store = open_unlocked(ctx)
    with working("backing up"):
        rows = desk.backup_store(store, path)
    click.echo(f"backup written to {path} ({rows} rows); audit anchor beside it: {path}.anchor")


@click.command("restore")
@click.argument("path", type=click.Path(path_type=Path))
@click.pass_context
def restore_cmd(ctx: click.Context, path: Path) -> None:
    """Restore a backup into an empty store (the --store path or URL), as an admin of the backup.

    Example: casework --store restored.db restore desk-2024-05-01.cwbackup
    """
    obj = ctx.find_root().obj
    passphrase = read_passphrase()
    with working("restoring"):
        rows = desk.restore_store(obj["store"], path, passphrase, username=obj["username"])
    click.echo(f"restored {rows} rows into {obj['store']}")


@click.group("audit")
def audit_group() -> None:
    """Check and read the hash-chained audit log.

    Example: casework audit verify
    """


@audit_group.command("verify")
@click.option(
    "--anchor",
    "anchors",
    multiple=True,
    metavar="FILE|HASH",
    help="An anchor file (written beside every backup, or by `audit anchor`) or a head hash noted earlier.",
)
@click.pass_context
def audit_verify(ctx: click.Context, anchors: tuple[str, ...]) -> None:
    """Recompute the audit chain and its MACs; name the first broken event (exit 2 if any).

    With --anchor, also check that an earlier head is still in the chain, unchanged,
    which catches a log truncated or rewritten after that point.

    Example: casework audit verify --anchor desk-2024-05-01.cwbackup.anchor
    """
    store = open_unlocked(ctx)
    report = store.verify_audit()
    if not report.ok:
        raise AuditChainBroken(f"audit chain broken: {report.message}", report.first_broken)
    for anchor in anchors:
        if Path(anchor).is_file():
            event_id: int | None = store.check_audit_anchor(anchor)
        else:
            event_id = store.find_audit_anchor(anchor)
            if event_id is None:
                raise AuditChainBroken("audit chain broken: the anchor is not in the log (truncated or rewritten)")
        click.echo(f"anchor found at event {event_id} ({anchor})")
    click.echo(f"audit chain intact: {report.message}")


@audit_group.command("anchor")
@click.argument("path", type=click.Path(path_type=Path, dir_okay=False))
@click.pass_context
def audit_anchor(ctx: click.Context, path: Path) -> None:
    """Write the current head of the audit log to PATH: keep it away from the store (paper, another machine).

    Example: casework audit anchor /media/usb/desk.anchor
    """
    event_id = open_unlocked(ctx).write_audit_anchor(path)
    click.echo(f"anchor of event {event_id} written to {path}")


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


ADMIN_COMMANDS: list[click.Command] = [
    sources_group,
    user_group,
    backup_cmd,
    restore_cmd,
    audit_group,
    rekey_cmd,
    purge_cmd,
    wipe_cmd,
]
