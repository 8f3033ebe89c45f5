"""CLI commands of the store and intake: init, add, list, show, correct, set-list, export.

Each command opens the store, calls one library function per item and prints one
line per result; a :class:`~casework.errors.CaseworkError` becomes one line on
stderr and exit status 2 (see :mod:`casework.cli`). Account, source, backup and
audit commands live in :mod:`casework.cli.store_admin_cmds`.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from casework import desk
from casework.cli._common import open_unlocked, read_passphrase, strip_controls
from casework.cli.output import emit, format_option, working
from casework.cli.store_admin_cmds import ADMIN_COMMANDS
from casework.model import CHANNELS


@click.command("init")
@click.option("--admin", "admin", default=None, help="Name of the first admin account (default: --user).")
@click.option("--default-list", default="desk", show_default=True, help="List that new testimonies join by default.")
@click.option("--kdf-ops", type=click.IntRange(1), default=None, hidden=True)
@click.option("--kdf-mem-kib", type=click.IntRange(8), default=None, hidden=True)
@click.pass_context
def init_cmd(
    ctx: click.Context, admin: str | None, default_list: str, kdf_ops: int | None, kdf_mem_kib: int | None
) -> None:
    """Create a new, empty encrypted store with a first admin account.

    The passphrase is prompted (twice), or read from CASEWORK_PASSPHRASE for scripts.

    Example: casework --store desk.db init --admin admin
    """
    obj = ctx.find_root().obj
    admin_name = admin or obj["username"]
    defaults = desk.KdfParams()
    kdf = desk.KdfParams(kdf_ops or defaults.ops, kdf_mem_kib * 1024 if kdf_mem_kib else defaults.mem_bytes)
    desk.init_store(
        obj["store"], admin_name, read_passphrase("New passphrase", confirm=True), kdf=kdf, default_list=default_list
    )
    click.echo(f"created store {obj['store']} with admin {admin_name}")


@click.command("add")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--source", default=None, help="Source pseudonym, e.g. SRC-07 (else the file's 'source:' line).")
@click.option("--received", default=None, metavar="YYYY-MM-DD", help="Date received (else the 'received:' line).")
@click.option("--channel", type=click.Choice(CHANNELS), default=None, help="How it came in (else the 'channel:' line).")
@click.option("--language", type=click.Choice(("auto", "en", "ko")), default="auto", show_default=True)
@click.option("--list", "list_name", default=None, help="Documentation list (else 'list:' line, else the default).")
@click.option("--outlet", default=None, help="Published report: the outlet (its source), else the 'outlet:' line.")
@click.option("--url", default=None, help="Published report: its address (else the 'url:' line).")
@click.option(
    "--published", default=None, metavar="YYYY-MM[-DD]", help="Published report: its date (else the 'published:' line)."
)
@click.pass_context
def add_cmd(
    ctx: click.Context,
    files: tuple[Path, ...],
    source: str | None,
    received: str | None,
    channel: str | None,
    language: str,
    list_name: str | None,
    outlet: str | None,
    url: str | None,
    published: str | None,
) -> None:
    """Add testimony files, folders of them or zip archives, up to 100 files per transaction.

    Files are UTF-8 .txt/.md, or .docx/.pdf transcripts (their text is stored and
    extracted; the document's own bytes are sealed beside it). A folder is walked and a
    zip read member by member; every file is hashed as received. Options win over a
    file's header block. Each stored file is reported as soon as it is committed; a bad
    file is reported in one line and the others go on; the exit status is 2 if any failed.

    A published report's source is its outlet (a pseudonym OUT-nnn is created on first
    use); a report that credits another outlet for its story is recorded as depending on it.

    Example: casework add t001.txt interviews/ calls.zip --source SRC-01 --channel phone

    Example: casework add report.txt --outlet "Daily NK" --published 2021-07 --url https://...
    """
    from casework.desk import add_bundle

    received_date = desk.parse_received(received, "--received")
    store = open_unlocked(ctx)
    failed = total = 0
    with working("adding") as advance:
        for outcome in add_bundle(
            store,
            list(files),
            source=source,
            received=received_date,
            channel=channel,
            language=None if language == "auto" else language,
            list_name=list_name,
            outlet=outlet,
            url=url,
            published=published,
        ):
            total += 1
            if outcome.testimony_id is None:
                failed += 1
                click.echo(f"error: {outcome.error}", err=True)
            elif outcome.duplicate:
                click.echo(f"{outcome.name}: already stored as {outcome.testimony_id}")
            else:
                kind = " (document sealed)" if outcome.document else ""
                click.echo(f"added {outcome.testimony_id} {outcome.name} sha256 {outcome.sha256}{kind}")
            advance()
    if failed:
        click.echo(f"error: {failed} of {total} files not added", err=True)
        sys.exit(2)


@click.command("list")
@format_option()
@click.option("--json", "as_json", is_flag=True, hidden=True, help="Same as --format jsonl (kept for old scripts).")
@click.option("--list", "list_name", default=None, help="Only testimonies of this documentation list.")
@click.option("--source", default=None, help="Only testimonies of this source pseudonym.")
@click.pass_context
def list_cmd(ctx: click.Context, fmt: str, as_json: bool, list_name: str | None, source: str | None) -> None:
    """List testimonies (metadata only; nothing is decrypted but the filename and hash).

    Example: casework list --list desk-phone --format csv > testimonies.csv
    """
    store = open_unlocked(ctx)
    rows = (
        {**desk.testimony_metadata(info), "sha256": info.sha256, "extracted": info.extracted}
        for info in store.list_testimonies()
        if not (list_name and info.list_name != list_name) and not (source and info.source != source)
    )
    emit(rows, "jsonl" if as_json else fmt, LIST_COLUMNS)


LIST_COLUMNS = ("testimony", "version", "supersedes", "source", "received", "channel", "language", "list", "sha256")


def _iso(value: Any) -> str:
    return value.isoformat() if value is not None else "-"


@click.command("show")
@click.argument("testimony_id")
@click.pass_context
def show_cmd(ctx: click.Context, testimony_id: str) -> None:
    """Show one testimony: chain-of-custody metadata, then the text as received (audited).

    Example: casework show T-0001
    """
    testimony = open_unlocked(ctx).get_testimony(testimony_id)
    click.echo(f"testimony:  {testimony.testimony_id} (version {testimony.version})")
    if testimony.supersedes:
        click.echo(f"supersedes: {testimony.supersedes}")
    click.echo(f"source:     {testimony.source}")
    click.echo(f"received:   {_iso(testimony.received)}")
    click.echo(f"channel:    {testimony.channel or '-'}")
    click.echo(f"language:   {testimony.language or '-'}")
    click.echo(f"list:       {testimony.list_name or '-'}")
    click.echo(f"file:       {strip_controls(testimony.filename or '-')}")
    click.echo(f"sha256:     {testimony.sha256}")
    click.echo("")
    click.echo(strip_controls(testimony.text))


@click.command("correct")
@click.argument("testimony_id")
@click.argument("file", type=click.Path(path_type=Path))
@click.pass_context
def correct_cmd(ctx: click.Context, testimony_id: str, file: Path) -> None:
    """Store a corrected text as a new version of a testimony; the old one is kept.

    Example: casework correct T-0003 t003-corrected.txt
    """
    raw, _parsed = desk.read_testimony_file(file)
    result = open_unlocked(ctx).correct_testimony(testimony_id, raw)
    if result.duplicate:
        click.echo(f"{file}: already stored as {result.testimony_id}")
    else:
        click.echo(f"added {result.testimony_id} (corrects {testimony_id}) sha256 {result.sha256}")


@click.command("set-list")
@click.argument("testimony_id")
@click.argument("list_name")
@click.pass_context
def set_list_cmd(ctx: click.Context, testimony_id: str, list_name: str) -> None:
    """Move a testimony to another documentation list.

    Example: casework set-list T-0003 interview-programme
    """
    open_unlocked(ctx).set_testimony_list(testimony_id, list_name)
    click.echo(f"{testimony_id}: list {list_name}")


@click.command("export")
@format_option(default="jsonl")
@click.pass_context
def export_cmd(ctx: click.Context, fmt: str) -> None:
    """Print non-sensitive fields of testimonies and incidents (JSON lines by default).

    No text, no filenames, no hashes (a hash would let anyone confirm a guessed
    text), no mentions (they quote the text), no identities.

    Example: casework export --format jsonl > desk.jsonl
    """
    records = list(desk.export_records(open_unlocked(ctx)))
    columns = list(dict.fromkeys(key for record in records for key in record))
    emit(records, fmt, columns)


COMMANDS: list[click.Command] = [
    init_cmd,
    add_cmd,
    list_cmd,
    show_cmd,
    correct_cmd,
    set_list_cmd,
    export_cmd,
    *ADMIN_COMMANDS,
]
