"""CLI commands of the publish stage: ``check`` a draft, ``publish`` the incidents dataset.

Exit statuses: 0 nothing high risk (``check``) or the export written; 3 something is
high risk (``check``) or the export was refused because a free text is medium or high
risk (``publish``), so that newsrooms can use the check in their own scripts; 2 a
user's mistake (missing, empty, binary or non-UTF-8 draft, an existing ``--fix`` file,
a wrong passphrase).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import click

from casework import desk
from casework.cli._common import echo_json, open_unlocked
from casework.cli.output import emit, format_option, message, working
from casework.errors import InputError, PublicationRefused

RISKY_EXIT = 3
SPAN_COLUMNS = ("start", "end", "risk", "kind", "text", "why", "safer")


def _read_draft(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, expected a draft file") from None
    except OSError as err:
        raise InputError(f"{path}: cannot be read ({err.strerror})") from None
    return desk.decode_testimony(raw, str(path))


def _write_new(path: Path, content: str, *, force: bool) -> None:
    if path.exists() and not force:
        raise InputError(f"{path}: exists; pass --force to overwrite it")
    handle, temp = tempfile.mkstemp(dir=path.parent if str(path.parent) else ".", prefix=".casework-fix-")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(content)
    os.replace(temp, path)


@click.command("check")
@click.argument("draft", type=click.Path(path_type=Path))
@format_option(
    aliases={"text": "table"},
    help="Output: the spans and the combined risk for a person (table), one JSON object (json), "
    "or one row per risky span (jsonl, csv; the combined risk then goes to stderr).",
)
@click.option("--fix", "fix", type=click.Path(path_type=Path, dir_okay=False), help="Write a redacted copy here.")
@click.option("--force", is_flag=True, help="Let --fix overwrite an existing file (never the draft).")
@click.option("--with-store", is_flag=True, help="Also check pseudonyms, identities and verbatim testimony.")
@click.pass_context
def check(ctx: click.Context, draft: Path, fmt: str, fix: Path | None, force: bool, with_store: bool) -> None:
    """Find details in DRAFT that narrow down who spoke; exit 3 when anything is high risk.

    Prints each risky span (offsets, text, kind, risk, why, safer wording), the
    combined risk and the estimated anonymity set. The store is consulted only with
    --with-store (it needs the passphrase); identities are checked only for roles
    that may read them.

    Example: casework check draft.md --fix draft.safe.md
    """
    text = _read_draft(draft)
    if fix is not None and fix.resolve() == draft.resolve():
        raise InputError(f"{fix}: --fix never overwrites the draft; name another file")
    assessment, notes = desk.check_draft(open_unlocked(ctx) if with_store else None, text)
    for note in notes:
        click.echo(f"note: {note}", err=True)
    size = "n/a (no details about a source)" if assessment.anonymity_set is None else assessment.anonymity_set
    if fmt == "json":
        echo_json(assessment.to_json())
    elif fmt in ("jsonl", "csv"):
        rows = [
            {"start": s.start, "end": s.end, "risk": s.risk, "kind": s.kind, "text": s.text, "why": s.why,
             "safer": s.safer}
            for s in assessment.spans
        ]
        emit(rows, fmt, SPAN_COLUMNS)
        message(f"risk: {assessment.risk}  spans: {len(assessment.spans)}  anonymity set: {size}")
    else:
        for span in assessment.spans:
            click.echo(f"{span.start}-{span.end}  {span.risk.upper():<6}  {span.kind}: {span.text!r}")
            click.echo(f"    why:   {span.why}")
            click.echo(f"    safer: {span.safer!r}" if span.safer else "    safer: remove")
        click.echo(f"risk: {assessment.risk}  spans: {len(assessment.spans)}  anonymity set: {size}")
        for line in assessment.explanation:
            click.echo(f"    {line}")
    if fix is not None:
        _write_new(fix, desk.redact_draft(text, assessment), force=force)
        click.echo(f"redacted copy written to {fix}", err=True)
    ctx.exit(RISKY_EXIT if assessment.high else 0)


@click.command("publish")
@click.option("--out", "out_dir", required=True, type=click.Path(path_type=Path, file_okay=False))
@click.option("--precision", type=click.Choice(["month", "year", "day"]), default="month", show_default=True)
@click.option("--place", type=click.Choice(["province", "county", "region"]), default="province", show_default=True)
@click.option("--accept-risk", "accept_risk", default=None,
              help="Publish despite medium or high risk; the reason is audited.")
@format_option(None, help="Output: the files written as a table, JSON array, JSON lines or CSV with a 'path' "
               "column (default: one bare path per line, as before --format).")
@click.option("--reviewed-only", is_flag=True, help="Only incidents a person has fully reviewed.")
@click.pass_context
def publish(
    ctx: click.Context, out_dir: Path, precision: str, place: str, accept_risk: str | None, fmt: str | None,
    reviewed_only: bool,
) -> None:
    """Write the public incidents dataset (CSV, JSON, HURIDOCS-style JSON) into --out.

    No source identities, pseudonyms, testimony ids or evidence text are written;
    dates and places only at the chosen precision. Refuses (exit 3) while a free-text
    field is medium or high risk, unless --accept-risk "reason" (recorded in the audit log).

    Example: casework publish --out public/ --precision month --place province
    """
    store = open_unlocked(ctx)
    try:
        with working("publishing"):
            result = desk.publish_dataset(store, out_dir, precision=precision, place=place,  # type: ignore[arg-type]
                                     accept_risk=accept_risk, reviewed_only=reviewed_only)
    except PublicationRefused as err:
        click.echo(f"error: {err}", err=True)
        ctx.exit(RISKY_EXIT)
    click.echo(f"{result.incidents} incidents published, {result.reviewed} of them reviewed by a person"
               + (" (reviewed only)" if reviewed_only else ""), err=True)
    if fmt is None:  # one path per line, what scripts read before there was --format
        for path in result.paths:
            click.echo(str(path))
        return
    emit(({"path": str(path)} for path in result.paths), fmt, ("path",))


COMMANDS: list[click.Command] = [check, publish]
