"""Existing incident records from a CSV or XLSX sheet: column mapping, checks, a dry run.

A desk arrives with years of cases in spreadsheets. Each row becomes an *imported
record*: a small testimony written from the row's own cells (so every field of the
mention it yields has an evidence span pointing at the cell it came from), attributed
to a source, under a documentation list, carrying the row's original id and the sheet's
SHA-256 as received. Columns are matched to fields by their headings (English and
Korean words, see :data:`HEADINGS`) unless a mapping is given. Every row is checked
before anything is written, and every rejected row is reported in one line naming the
row, the field and why, without quoting more than the offending cell.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from casework.errors import InputError
from casework.intake.header import MAX_BYTES
from casework.model import INCIDENT_TYPES, RELATIONS, EvidenceSpan, Mention, Place, Victims

FIELDS = (
    "original_id",
    "type",
    "date",
    "province",
    "county_or_city",
    "site",
    "perpetrator",
    "victim_count",
    "victims",
    "relation",
    "source",
    "received",
    "description",
)
REQUIRED = ("original_id", "type")
# Headings a sheet may use for each field (compared lower-cased, spaces and underscores alike).
HEADINGS: dict[str, tuple[str, ...]] = {
    "original_id": (
        "original id",
        "id",
        "case id",
        "case no",
        "case number",
        "record id",
        "사건번호",
        "번호",
        "id번호",
    ),
    "type": ("type", "incident type", "violation", "category", "유형", "사건유형", "침해유형"),
    "date": ("date", "incident date", "when", "날짜", "일자", "발생일", "사건일자"),
    "province": ("province", "region", "도", "지역", "도별"),
    "county_or_city": ("county", "city", "county or city", "county/city", "시군", "시/군", "군", "시"),
    "site": ("site", "place", "location", "facility", "장소", "시설"),
    "perpetrator": ("perpetrator", "agency", "perpetrator agency", "가해자", "가해기관"),
    "victim_count": ("victim count", "victims count", "number of victims", "count", "피해자수", "피해자 수", "인원"),
    "victims": ("victims", "victim", "victim description", "피해자"),
    "relation": ("relation", "relation of source", "출처관계"),
    "source": ("source", "source pseudonym", "informant", "정보원", "출처"),
    "received": ("received", "date received", "입수일"),
    "description": ("description", "summary", "narrative", "notes", "내용", "설명", "요약"),
}
# Type words as desks write them, English and Korean, for each incident type.
TYPE_WORDS: dict[str, tuple[str, ...]] = {
    "arrest": ("arrest", "arrested", "체포", "검거", "구속"),
    "detention": ("detention", "detained", "imprisonment", "구금", "수감", "감금"),
    "disappearance": ("disappearance", "enforced disappearance", "disappeared", "실종", "강제실종"),
    "execution": ("execution", "public execution", "executed", "처형", "공개처형", "총살"),
    "torture_or_ill_treatment": (
        "torture",
        "ill treatment",
        "ill-treatment",
        "torture or ill treatment",
        "고문",
        "가혹행위",
    ),
    "forced_labour_or_mobilisation": (
        "forced labour",
        "forced labor",
        "mobilisation",
        "mobilization",
        "강제노동",
        "동원",
    ),
    "surveillance": ("surveillance", "감시", "도청"),
    "forced_repatriation": ("forced repatriation", "repatriation", "refoulement", "강제송환", "강제북송", "북송"),
    "extortion_or_bribery": ("extortion", "bribery", "extortion or bribery", "갈취", "뇌물", "착취"),
    "punishment_of_family": ("punishment of family", "family punishment", "guilt by association", "연좌제", "가족처벌"),
    "other": ("other", "기타"),
}
_DATE = re.compile(r"^(\d{4})(?:[-./](\d{1,2})(?:[-./](\d{1,2}))?)?\.?$")
_KO_DATE = re.compile(r"^(\d{4})\s*년(?:\s*(\d{1,2})\s*월(?:\s*(\d{1,2})\s*일)?)?$")
_COUNT = re.compile(r"^\d{1,6}$")


def _norm(text: str) -> str:
    return re.sub(r"[\s_]+", " ", text.strip().lower())


_TYPE_OF = {_norm(w): t for t, words in TYPE_WORDS.items() for w in (*words, t, t.replace("_", " "))}


@dataclass(frozen=True)
class ImportedRecord:
    """One accepted row: the testimony text written from its cells and the mention it yields."""

    row: int
    original_id: str
    source: str
    received: date | None
    text: str
    mention: Mention


@dataclass
class SheetPlan:
    """What an import of one sheet would do: the records it would add and every row it would reject."""

    sheet: str
    sha256: str
    mapping: dict[str, str]  # column heading -> field
    records: list[ImportedRecord] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    rows: int = 0


def read_rows(path: Path, raw: bytes) -> list[list[Any]]:
    """Every row of the first sheet of an XLSX, or of a CSV (UTF-8, comma or tab), as cell values."""
    name = str(path)
    if len(raw) >= MAX_BYTES * 5:
        raise InputError(f"{name}: file is too large ({len(raw)} bytes)")
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return _xlsx_rows(name, raw)
    if suffix in (".csv", ".tsv"):
        return _csv_rows(name, raw, "\t" if suffix == ".tsv" else None)
    raise InputError(f"{name}: expected a .csv, .tsv or .xlsx file")


def _csv_rows(name: str, raw: bytes, delimiter: str | None) -> list[list[Any]]:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(
            f"{name}: not UTF-8 text (invalid byte at offset {err.start}); save the sheet as UTF-8 CSV"
        ) from None
    if delimiter is None:
        first = text.split("\n", 1)[0]
        delimiter = "\t" if first.count("\t") > first.count(",") else ","
    return [list(row) for row in csv.reader(io.StringIO(text), delimiter=delimiter)]


def _xlsx_rows(name: str, raw: bytes) -> list[list[Any]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
        sheet = book.worksheets[0]
        rows = [list(row) for row in sheet.iter_rows(values_only=True)]
        book.close()
    except Exception:  # noqa: BLE001 - any failure of the reader means: not an XLSX we can read
        raise InputError(f"{name}: not a readable XLSX workbook") from None
    return rows


def map_columns(headings: Sequence[Any], given: Mapping[str, str] | None, sheet: str) -> dict[str, str]:
    """Column heading -> field: the ``given`` mapping first, then :data:`HEADINGS`; unknown columns are ignored."""
    mapping: dict[str, str] = {}
    names = [str(h).strip() if h is not None else "" for h in headings]
    for heading, target in (given or {}).items():
        if target not in FIELDS:
            raise InputError(f"{sheet}: mapping '{heading}={target}': unknown field (use one of {', '.join(FIELDS)})")
        if heading not in names:
            raise InputError(f"{sheet}: mapping '{heading}={target}': no column headed '{heading}'")
        mapping[heading] = target
    taken = set(mapping.values())
    for heading in names:
        if not heading or heading in mapping:
            continue
        for target, words in HEADINGS.items():
            if target not in taken and _norm(heading) in {_norm(w) for w in (*words, target)}:
                mapping[heading] = target
                taken.add(target)
                break
    missing = [f for f in REQUIRED if f not in taken]
    if missing:
        raise InputError(
            f"{sheet}: no column for {', '.join(missing)} (name it, or map one with --map 'Heading=field')"
        )
    return mapping


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def parse_sheet_date(value: str) -> tuple[str, str] | None:
    """``(iso, precision)`` of ``2019``, ``2019-03``, ``2019-03-02``, ``2019.3.2`` or ``2019년 3월``; else None."""
    match = _DATE.match(value) or _KO_DATE.match(value)
    if not match:
        return None
    year, month, day = match.group(1), match.group(2), match.group(3)
    try:
        if day:
            return date(int(year), int(month), int(day)).isoformat(), "day"
        if month:
            if not 1 <= int(month) <= 12:
                return None
            return f"{year}-{int(month):02d}", "month"
    except ValueError:
        return None
    return year, "year"


def plan_sheet_import(
    path: Path,
    *,
    mapping: Mapping[str, str] | None = None,
    known_sources: set[str] | None = None,
    default_source: str | None = None,
    already_imported: set[str] | None = None,
) -> SheetPlan:
    """Read and check every row of a sheet; write nothing (the dry run is this plan, printed).

    Args:
        path: a ``.csv``/``.tsv`` (UTF-8) or ``.xlsx`` file whose first row names the columns.
        mapping: column heading -> field, for headings :data:`HEADINGS` does not know.
        known_sources: the store's source pseudonyms (a row naming another is rejected); None skips the check.
        default_source: the source of rows without a source column or cell.
        already_imported: original ids already in the store (such rows are rejected as duplicates).

    Example:
        plan = plan_sheet_import(Path("examples/cases.csv"), default_source="SRC-LEGACY")
        for problem in plan.problems: print(problem)
    """
    sheet = str(path)
    if not path.is_file():
        raise InputError(f"{sheet}: no such file")
    raw = path.read_bytes()
    rows = read_rows(path, raw)
    if not rows:
        raise InputError(f"{sheet}: the sheet is empty")
    columns = map_columns(rows[0], mapping, sheet)
    headings = [str(h).strip() if h is not None else "" for h in rows[0]]
    plan = SheetPlan(sheet, hashlib.sha256(raw).hexdigest(), columns)
    from casework.gazetteer import load_gazetteer

    gazetteer = load_gazetteer()
    seen: dict[str, int] = {}
    for number, row in enumerate(rows[1:], start=2):
        cells = {columns[h]: _cell(v) for h, v in zip(headings, row, strict=False) if h in columns}
        if not any(cells.values()):
            continue
        plan.rows += 1
        record, problems = _check_row(number, cells, sheet, plan.sha256, gazetteer, default_source, known_sources)
        original = cells.get("original_id", "")
        if original and original in seen:
            problems.append(f"{sheet}: row {number}: field 'original_id': {original} repeats row {seen[original]}")
        elif original and already_imported and original in already_imported:
            problems.append(f"{sheet}: row {number}: field 'original_id': {original} is already imported")
        if original:
            seen.setdefault(original, number)
        if problems:
            plan.problems.extend(problems)
        elif record is not None:
            plan.records.append(record)
    return plan


def _check_row(
    number: int,
    cells: dict[str, str],
    sheet: str,
    sheet_sha256: str,
    gazetteer: Any,
    default_source: str | None,
    known_sources: set[str] | None,
) -> tuple[ImportedRecord | None, list[str]]:
    where = f"{sheet}: row {number}"
    problems: list[str] = []
    original = cells.get("original_id", "")
    if not original:
        problems.append(f"{where}: field 'original_id': empty")
    incident_type = _TYPE_OF.get(_norm(cells.get("type", "")))
    if incident_type is None:
        shown = cells.get("type", "")[:40] or "empty"
        problems.append(f"{where}: field 'type': '{shown}' is not an incident type ({', '.join(INCIDENT_TYPES)})")
    when = cells.get("date", "")
    parsed_date = parse_sheet_date(when) if when else None
    if when and parsed_date is None:
        problems.append(f"{where}: field 'date': '{when[:40]}' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    province = cells.get("province", "")
    canonical_province = gazetteer.province_of(province) if province else None
    if province and canonical_province is None:
        problems.append(f"{where}: field 'province': '{province[:40]}' is not a province in the gazetteer")
    county = cells.get("county_or_city", "")
    place = gazetteer.resolve_place(county) if county else None
    if county and (place is None or (canonical_province and place.province != canonical_province)):
        problems.append(
            f"{where}: field 'county_or_city': '{county[:40]}' is not a county or city"
            + (f" of {canonical_province}" if canonical_province else "")
            + " in the gazetteer"
        )
    count = cells.get("victim_count", "")
    if count and not _COUNT.match(count):
        problems.append(f"{where}: field 'victim_count': '{count[:20]}' is not a whole number")
    relation = cells.get("relation", "") or "unknown"
    if relation not in RELATIONS:
        problems.append(f"{where}: field 'relation': '{relation[:20]}' is not one of {', '.join(RELATIONS)}")
    source = cells.get("source", "") or default_source or ""
    if not source:
        problems.append(f"{where}: field 'source': empty (give a source column or --source)")
    elif known_sources is not None and source not in known_sources:
        problems.append(f"{where}: field 'source': unknown source {source} (add it with: casework sources add)")
    received_text = cells.get("received", "")
    received = None
    if received_text:
        try:
            received = date.fromisoformat(received_text)
        except ValueError:
            problems.append(f"{where}: field 'received': '{received_text[:40]}' is not a date (YYYY-MM-DD)")
    if problems or incident_type is None:
        return None, problems
    text, spans = record_text(original, sheet, number, sheet_sha256, cells)
    perpetrator = cells.get("perpetrator") or None
    if perpetrator:
        organs = gazetteer.find_organs(perpetrator)
        perpetrator = next((o.perpetrator for o in organs if o.perpetrator), perpetrator)
    mention = Mention(
        type=incident_type,
        date=parsed_date[0] if parsed_date else None,
        date_text=when or None,
        date_precision=parsed_date[1] if parsed_date else None,  # type: ignore[arg-type]
        place=Place(
            canonical_province or (place.province if place else None),
            place.county_or_city if place else None,
            cells.get("site") or None,
        ),
        perpetrator=perpetrator,
        victims=Victims(int(count) if count else None, count or None, cells.get("victims") or None),
        relation=relation,
        evidence=spans,
    )
    return ImportedRecord(number, original, source, received, text, mention), []


# Which evidence field each cell is evidence for.
_EVIDENCE_FIELD = {
    "type": "type",
    "date": "date",
    "province": "place",
    "county_or_city": "place",
    "site": "place",
    "perpetrator": "perpetrator",
    "victim_count": "victims",
    "victims": "victims",
    "description": "incident",
}


def record_text(
    original_id: str, sheet: str, row: int, sheet_sha256: str, cells: Mapping[str, str]
) -> tuple[str, tuple[EvidenceSpan, ...]]:
    """The testimony text of an imported row (one ``field: value`` line per cell) and its evidence spans.

    The first line names it as an imported record with its original id, sheet, row and
    the sheet's hash, so the record says where it came from wherever it is shown.
    """
    lines = [f"Imported record {original_id} (sheet {Path(sheet).name}, row {row}, sha256 {sheet_sha256})", ""]
    spans: list[EvidenceSpan] = []
    offset = sum(len(line) + 1 for line in lines)
    for name in FIELDS:
        value = " ".join(cells.get(name, "").split())
        if not value or name in ("original_id", "source", "received"):
            continue
        prefix = f"{name.replace('_', ' ')}: "
        if name in _EVIDENCE_FIELD:
            start = offset + len(prefix)
            spans.append(EvidenceSpan(_EVIDENCE_FIELD[name], start, start + len(value), value))
        line = prefix + value
        lines.append(line)
        offset += len(line) + 1
    return "\n".join(lines) + "\n", tuple(spans)
