"""Finding 4: plain metadata was a contact timeline (received days, channels, sources, microseconds).

Attacker: seizes the database and reads every plain column, hoping to line up per
source the days and channels of contact against call-detection records.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import sqlalchemy as sa
from tests.security.conftest import as_user

from casework.store import export_records
from casework.store.engine import create_store_engine
from casework.store.plain_columns import END, START, render, unexplained_columns

DOC = Path(__file__).resolve().parents[2] / "docs" / "security.md"


def test_no_day_channel_or_source_of_a_testimony_is_plain(desk: str) -> None:
    admin = as_user(desk, "admin")
    try:
        admin.add_source("SRC-41")
        admin.add_testimony(b"words", source="SRC-41", received=date(2023, 9, 12), channel="phone")
        admin.save_mentions("T-0001", [])
        exported = list(export_records(admin))
    finally:
        admin.close()
    engine = create_store_engine(desk, must_exist=True)
    try:
        with engine.connect() as conn:
            names = sa.inspect(conn).get_table_names()
            plain = " ".join(
                str(v)
                for t in names
                if t != "sources"
                for r in conn.execute(sa.text(f'SELECT * FROM "{t}"'))
                for v in r
                if not isinstance(v, bytes | memoryview)
            )
            testimony_row = " ".join(str(v) for v in conn.execute(sa.text("SELECT * FROM testimonies")).one())
    finally:
        engine.dispose()
    assert "2023-09-12" not in plain and "phone" not in plain
    assert "SRC-41" not in testimony_row  # which source gave which testimony is sealed
    assert not re.search(r"\d{2}:\d{2}:\d{2}", plain)  # no plain time of day anywhere
    assert [r["received"] for r in exported if r["kind"] == "testimony"] == ["2023-09"]


def test_every_column_is_sealed_or_explained() -> None:
    assert unexplained_columns() == []


def test_the_plain_column_table_in_the_docs_is_generated_from_the_schema() -> None:
    text = DOC.read_text(encoding="utf-8")
    assert text.split(START, 1)[1].split(END, 1)[0] == render().split(START, 1)[1].split(END, 1)[0], (
        "run: python -m casework.store.plain_columns --write docs/security.md"
    )


def test_a_new_plain_column_without_a_reason_fails() -> None:
    from casework.store.schema import testimonies

    column = sa.Column("called_at", sa.String(40))
    testimonies.append_column(column)
    try:
        assert unexplained_columns() == ["testimonies.called_at"]
    finally:
        testimonies._columns.remove(column)  # type: ignore[attr-defined]
