"""Bulk intake readers: sheets (mapping, checks, dry run), folders and zips (hostile members), DOCX and PDF."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import pytest

from casework.errors import InputError
from casework.intake.bundles import bundle_items
from casework.intake.documents import read_received
from casework.intake.sheets import parse_sheet_date, plan_sheet_import
from document_samples import docx_bytes, pdf_bytes

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "import" / "cases.csv"


def test_example_sheet_dry_run_reports_every_bad_row_once_per_fault() -> None:
    plan = plan_sheet_import(EXAMPLE, known_sources={"SRC-LEGACY"})
    assert plan.rows == 15 and len(plan.records) == 10
    rows = sorted({int(p.split(": row ")[1].split(":")[0]) for p in plan.problems})
    assert rows == [12, 13, 14, 15, 16]
    assert all(p.startswith(f"{EXAMPLE}: row ") and "\n" not in p for p in plan.problems)
    assert any("field 'date': '2022-13'" in p for p in plan.problems)
    assert any("repeats row 11" in p for p in plan.problems)


def test_imported_record_points_every_field_at_its_cell() -> None:
    plan = plan_sheet_import(EXAMPLE, known_sources={"SRC-LEGACY"})
    korean = next(r for r in plan.records if r.original_id == "LEG-2022-010")
    assert korean.mention.type == "arrest" and korean.mention.date == "2022-11"
    assert korean.mention.place.province == "Ryanggang"
    assert korean.mention.perpetrator == "Ministry of State Security"
    for span in korean.mention.evidence:
        assert korean.text[span.start : span.end] == span.text
    assert korean.text.startswith("Imported record LEG-2022-010 (sheet cases.csv, row 11, sha256 ")
    assert hashlib.sha256(EXAMPLE.read_bytes()).hexdigest() in korean.text


def test_unknown_source_and_already_imported_rows_are_rejected() -> None:
    plan = plan_sheet_import(EXAMPLE, known_sources={"SRC-01"}, already_imported={"LEG-2019-001"})
    assert any("unknown source SRC-LEGACY" in p for p in plan.problems)
    assert any("LEG-2019-001 is already imported" in p for p in plan.problems)
    assert plan.records == []


def test_mapping_names_columns_a_sheet_heads_its_own_way(tmp_path: Path) -> None:
    sheet = tmp_path / "mine.csv"
    sheet.write_text("Ref,What,When\nA-1,arrest,2020-02\n", encoding="utf-8")
    with pytest.raises(InputError, match="no column for original_id, type"):
        plan_sheet_import(sheet, default_source="SRC-X")
    plan = plan_sheet_import(sheet, mapping={"Ref": "original_id", "What": "type", "When": "date"}, default_source="S")
    assert [r.original_id for r in plan.records] == ["A-1"] and plan.records[0].mention.date == "2020-02"
    with pytest.raises(InputError, match="no column headed 'Nope'"):
        plan_sheet_import(sheet, mapping={"Nope": "type"})


def test_xlsx_sheet_with_date_cells(tmp_path: Path) -> None:
    from datetime import datetime

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["사건번호", "유형", "날짜", "도", "정보원"])
    sheet.append(["K-1", "공개처형", datetime(2021, 4, 5), "함경북도", "SRC-9"])
    path = tmp_path / "cases.xlsx"
    book.save(path)
    plan = plan_sheet_import(path)
    assert plan.problems == []
    (record,) = plan.records
    assert record.mention.type == "execution" and record.mention.date == "2021-04-05"
    assert record.mention.place.province == "North Hamgyong"


def test_not_a_sheet_is_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "broken.xlsx"
    bad.write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(InputError, match="broken.xlsx: not a readable XLSX workbook"):
        plan_sheet_import(bad)
    latin = tmp_path / "latin.csv"
    latin.write_bytes("id,type\nA,arr\xeat\n".encode("latin-1"))
    with pytest.raises(InputError, match="not UTF-8"):
        plan_sheet_import(latin)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2019", ("2019", "year")),
        ("2019-3", ("2019-03", "month")),
        ("2019.03.02", ("2019-03-02", "day")),
        ("2019년 3월 2일", ("2019-03-02", "day")),
        ("2019-02-30", None),
        ("March 2019", None),
    ],
)
def test_sheet_dates(text: str, expected: tuple[str, str] | None) -> None:
    assert parse_sheet_date(text) == expected


def test_docx_and_pdf_give_text_and_keep_the_original_bytes() -> None:
    raw = docx_bytes()
    received = read_received("interview.docx", raw)
    assert received.original == raw and received.sha256 == hashlib.sha256(raw).hexdigest()
    text = received.text.decode("utf-8")
    assert "two men were detained in Hoeryong" in text and "speaker\twitness" in text
    pdf = pdf_bytes("In June 2020 a woman was arrested in Hyesan.")
    from_pdf = read_received("call.pdf", pdf)
    assert "arrested in Hyesan" in from_pdf.text.decode("utf-8") and from_pdf.original == pdf


def test_broken_documents_are_one_line() -> None:
    with pytest.raises(InputError, match="^x.docx: not a readable DOCX file$"):
        read_received("x.docx", b"PK\x03\x04 garbage")
    with pytest.raises(InputError, match="^y.pdf: not a readable PDF file$"):
        read_received("y.pdf", b"%PDF-1.4 garbage")
    with pytest.raises(InputError, match="expected a .txt, .md, .docx or .pdf file"):
        read_received("z.exe", b"MZ")


def test_folder_and_zip_hash_each_file_as_received(tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_bytes(b"source: SRC-01\n\nText one.\n")
    (folder / "sub" / "b.docx").write_bytes(docx_bytes())
    (folder / ".hidden.txt").write_bytes(b"skip me")
    (folder / "notes.xlsx").write_bytes(b"not testimony")
    (folder / "bad.txt").write_bytes(b"\xff\xfe\x00bad")
    items = list(bundle_items(folder))
    assert [Path(i.name).name for i in items] == ["a.txt", "bad.txt", "b.docx"]
    assert (
        items[0].received is not None
        and items[0].received.sha256 == hashlib.sha256(b"source: SRC-01\n\nText one.\n").hexdigest()
    )
    assert (
        items[1].received is None
        and items[1].error == f"{folder}/bad.txt: binary file (contains NUL bytes), expected UTF-8 text"
    )
    archive = tmp_path / "calls.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr("one.txt", "Text in a zip.\n")
        bundle.writestr("../escape.txt", "outside")
        bundle.writestr("__MACOSX/._one.txt", "junk")
    found = {Path(i.name).name: i for i in bundle_items(archive)}
    assert set(found) == {"one.txt", "escape.txt"}
    assert found["one.txt"].received is not None
    assert found["escape.txt"].error is not None and "leaves the archive" in found["escape.txt"].error
    assert not (tmp_path / "escape.txt").exists()


def test_not_a_zip_is_one_line(tmp_path: Path) -> None:
    fake = tmp_path / "fake.zip"
    fake.write_bytes(b"no zip here")
    with pytest.raises(InputError, match="fake.zip: not a readable zip archive"):
        list(bundle_items(fake))
