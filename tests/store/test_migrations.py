"""The migrations create exactly the tables the queries expect, and go down again."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from casework.errors import StoreError
from casework.store import CaseStore, open_store
from casework.store.engine import _alembic_config, create_store_engine, head_revision, upgrade_schema
from casework.store.schema import metadata


def test_up_matches_schema_and_down_removes_it(store_url: str) -> None:
    engine = create_store_engine(store_url, must_exist=False)
    try:
        with engine.begin() as conn:
            upgrade_schema(conn)
        with engine.connect() as conn:
            context = MigrationContext.configure(conn)
            assert context.get_current_revision() == head_revision()
            assert compare_metadata(context, metadata) == []
        with engine.begin() as conn:
            command.downgrade(_alembic_config(conn), "base")
        with engine.connect() as conn:
            assert set(sa.inspect(conn).get_table_names()) <= {"alembic_version"}
    finally:
        engine.dispose()


STATUS_INDEX = "ix_mentions_status_order"


def _mention_indexes(conn: sa.Connection) -> dict[str, list[str | None]]:
    return {ix["name"] or "": list(ix["column_names"]) for ix in sa.inspect(conn).get_indexes("mentions")}


def test_status_index_goes_up_and_down_alone(store_url: str) -> None:
    """0002 adds only the status index; going back to 0001 removes only it."""
    engine = create_store_engine(store_url, must_exist=False)
    try:
        with engine.begin() as conn:
            command.upgrade(_alembic_config(conn), "0001")
        with engine.connect() as conn:
            before = _mention_indexes(conn)
            tables = set(sa.inspect(conn).get_table_names())
        assert STATUS_INDEX not in before
        with engine.begin() as conn:
            command.upgrade(_alembic_config(conn), "0002")
        with engine.connect() as conn:
            assert _mention_indexes(conn) == {**before, STATUS_INDEX: ["status", "testimony_seq", "n"]}
        with engine.begin() as conn:
            command.downgrade(_alembic_config(conn), "0001")
        with engine.connect() as conn:
            assert _mention_indexes(conn) == before
            assert set(sa.inspect(conn).get_table_names()) == tables
            assert MigrationContext.configure(conn).get_current_revision() == "0001"
    finally:
        engine.dispose()


def test_a_format_1_store_with_accounts_is_refused_in_one_line(store_url: str) -> None:
    """Format 1 shared one key among all roles; it cannot be split without every passphrase."""
    engine = create_store_engine(store_url, must_exist=False)
    try:
        with engine.begin() as conn:
            command.upgrade(_alembic_config(conn), "0004")
            conn.execute(sa.text("INSERT INTO casework_meta (key, value) VALUES ('format', 'casework-store/1')"))
            conn.execute(
                sa.text(
                    "INSERT INTO users (username, role, kdf_ops, kdf_mem, salt, data_key_ct, created_at) "
                    "VALUES ('admin', 'admin', 1, 8192, :b, :b, '2024-01-01')"
                ),
                {"b": b"x" * 16},
            )
    finally:
        engine.dispose()
    with pytest.raises(StoreError, match="cannot be converted in place"):
        open_store(store_url, "admin", "admin passphrase")


def test_0005_goes_up_and_down_on_an_empty_database(store_url: str) -> None:
    engine = create_store_engine(store_url, must_exist=False)
    try:
        with engine.begin() as conn:
            command.upgrade(_alembic_config(conn), "0004")
        with engine.connect() as conn:
            before = {t: sorted(c["name"] for c in sa.inspect(conn).get_columns(t)) for t in ("users", "testimonies")}
            indexes = _mention_indexes(conn)
        with engine.begin() as conn:
            command.upgrade(_alembic_config(conn), "0005")
        with engine.connect() as conn:
            assert "keys_ct" in [c["name"] for c in sa.inspect(conn).get_columns("users")]
        with engine.begin() as conn:
            command.downgrade(_alembic_config(conn), "0004")
        with engine.connect() as conn:
            after = {t: sorted(c["name"] for c in sa.inspect(conn).get_columns(t)) for t in ("users", "testimonies")}
            assert after == before and _mention_indexes(conn) == indexes
    finally:
        engine.dispose()


def test_counting_and_paging_by_status_use_the_index(admin_store: CaseStore) -> None:
    """The planner reads the status index for a count and for a page in testimony order."""
    from casework.store.schema import mentions

    engine = create_store_engine(admin_store.url, must_exist=True)
    count = sa.select(sa.func.count()).select_from(mentions).where(mentions.c.status == "accepted")
    page = (
        sa.select(mentions.c.mention_id)
        .where(mentions.c.status == "accepted")
        .order_by(mentions.c.testimony_seq, mentions.c.n)
        .limit(50)
    )
    try:
        with engine.connect() as conn:
            for query in (count, page):
                sql = str(query.compile(conn, compile_kwargs={"literal_binds": True}))
                if conn.dialect.name == "sqlite":
                    plan = " ".join(str(row[-1]) for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}"))
                    assert "TEMP B-TREE" not in plan  # no sort: the page comes out of the index in order
                else:
                    conn.exec_driver_sql("SET LOCAL enable_seqscan = off")  # an empty table would be scanned
                    plan = " ".join(str(row[0]) for row in conn.exec_driver_sql(f"EXPLAIN {sql}"))
                    assert "Sort" not in plan
                # A count may read either index that starts with the status (both hold it in order).
                assert STATUS_INDEX in plan or (query is count and "ix_mentions_status_confidence" in plan), plan
    finally:
        engine.dispose()


def test_0010_adds_the_confidence_column_and_its_index_and_takes_them_away(store_url: str) -> None:
    """Mentions stored before 0010 keep their rows (with no score); going down removes only what 0010 added."""
    engine = create_store_engine(store_url, must_exist=False)
    try:
        with engine.begin() as conn:
            command.upgrade(_alembic_config(conn), "0009")
        with engine.connect() as conn:
            before_indexes = _mention_indexes(conn)
            before_columns = [c["name"] for c in sa.inspect(conn).get_columns("mentions")]
        with engine.begin() as conn:
            command.upgrade(_alembic_config(conn), "0010")
        with engine.connect() as conn:
            assert _mention_indexes(conn) == {
                **before_indexes, "ix_mentions_status_confidence": ["status", "confidence", "testimony_seq", "n"]
            }
            assert [c["name"] for c in sa.inspect(conn).get_columns("mentions")] == [*before_columns, "confidence"]
        with engine.begin() as conn:
            command.downgrade(_alembic_config(conn), "0009")
        with engine.connect() as conn:
            assert _mention_indexes(conn) == before_indexes
            assert [c["name"] for c in sa.inspect(conn).get_columns("mentions")] == before_columns
    finally:
        engine.dispose()
