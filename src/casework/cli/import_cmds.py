"""CLI command for existing case records: ``import-sheet`` (CSV/XLSX with a dry run).

Folders, zips and DOCX/PDF transcripts are added by ``casework add``.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from casework.cli._common import open_unlocked
from casework.cli.output import emit, format_option, message

if TYPE_CHECKING:
    from casework.desk import ImportedRecord, MentionStatus


def _mapping(pairs: tuple[str, ...]) -> dict[str, str]:
    from casework.errors import InputError

    out: dict[str, str] = {}
    for pair in pairs:
        heading, sep, field = pair.rpartition("=")
        if not sep or not heading or not field:
            raise InputError(f"--map '{pair}': expected 'Column heading=field'")
        out[heading] = field
    return out


@click.command("import-sheet")
@click.argument("sheet", type=click.Path(path_type=Path))
@click.option("--map", "pairs", multiple=True, metavar="'HEADING=field'", help="Map a column to a field (repeat).")
@click.option("--source", default=None, help="Source pseudonym of rows without a source column or cell.")
@click.option("--list", "list_name", default=None, help="Documentation list of the imported records.")
@click.option(
    "--status",
    type=click.Choice(("accepted", "suggested")),
    default="accepted",
    show_default=True,
    help="Review state of the imported mentions (a desk's own records are usually accepted).",
)
@click.option("--dry-run", is_flag=True, help="Check every row and report what would be rejected; write nothing.")
@click.option("--skip-bad-rows", is_flag=True, help="Import the good rows even when some rows are bad.")
@format_option()
@click.pass_context
def import_sheet_cmd(
    ctx: click.Context,
    sheet: Path,
    pairs: tuple[str, ...],
    source: str | None,
    list_name: str | None,
    status: str,
    dry_run: bool,
    skip_bad_rows: bool,
    fmt: str,
) -> None:
    """Import existing incident records from a CSV or XLSX sheet, checking every row first.

    Columns are matched to fields by their headings (English or Korean: id, type, date,
    province, county, site, perpetrator, victim count, victims, relation, source,
    received, description), or with --map. Each good row becomes an imported record
    (a testimony written from its cells, with the original id, sheet and sheet hash) and
    one mention whose every field points at its cell. Every bad row is reported on
    stderr in one line naming the row, field and why; with any bad row nothing is
    written unless --skip-bad-rows. Rows already imported are reported, not added twice.

    Example: casework import-sheet cases.xlsx --source SRC-LEGACY --list partner-ngo --dry-run
    """
    from casework.desk import import_sheet_records, plan_store_sheet

    store = open_unlocked(ctx)
    plan = plan_store_sheet(store, sheet, mapping=_mapping(pairs), default_source=source)
    for problem in plan.problems:
        message(f"rejected: {problem}")
    bad_rows = len({p.split(": row ", 1)[1].split(":", 1)[0] for p in plan.problems if ": row " in p})
    summary = f"{sheet}: {plan.rows} rows, {len(plan.records)} good, {bad_rows} rejected"
    columns = ("row", "original_id", "type", "date", "province", "testimony", "mention", "outcome")
    if dry_run:
        rows = [_row(r, None, None, "would import") for r in plan.records]
        emit(rows, fmt, columns)
        message(summary + " (dry run: nothing written)")
        sys.exit(2 if plan.problems else 0)
    if plan.problems and not skip_bad_rows:
        message(summary + "; nothing written (fix the rows, or use --skip-bad-rows)")
        sys.exit(2)
    by_row = {r.row: r for r in plan.records}
    written: list[dict[str, object]] = []
    failed = 0
    chosen: MentionStatus = "accepted" if status == "accepted" else "suggested"
    for outcome in import_sheet_records(store, plan, list_name=list_name, status=chosen):
        if outcome.error:
            failed += 1
            message(f"error: {outcome.error}")
            continue
        verdict = "already imported" if outcome.duplicate else "imported"
        written.append(_row(by_row[outcome.row], outcome.testimony_id, outcome.mention_id, verdict))
    emit(written, fmt, columns)
    message(summary + f"; {sum(1 for w in written if w['outcome'] == 'imported')} imported")
    if failed or plan.problems:
        sys.exit(2)


def _row(record: ImportedRecord, testimony: str | None, mention: str | None, outcome: str) -> dict[str, object]:
    return {
        "row": record.row,
        "original_id": record.original_id,
        "type": record.mention.type,
        "date": record.mention.date,
        "province": record.mention.place.province,
        "testimony": testimony,
        "mention": mention,
        "outcome": outcome,
    }


COMMANDS: list[click.Command] = [import_sheet_cmd]
