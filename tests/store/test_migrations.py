"""The migrations create exactly the tables the queries expect, and go down again."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from casework.model import Mention
from casework.store import FAST_TEST_KDF, CaseStore, init_store, open_store
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


def test_an_older_store_is_upgraded_when_opened(store_url: str) -> None:
    """A store made before 0002 opens, keeps its mentions and gains the index."""
    init_store(store_url, "admin", "admin passphrase", kdf=FAST_TEST_KDF)
    store = open_store(store_url, "admin", "admin passphrase")
    store.add_source("SRC-01")
    store.add_testimony(b"older store", source="SRC-01")
    store.save_mentions("T-0001", [Mention("arrest"), Mention("detention")])
    store.close()
    engine = create_store_engine(store_url, must_exist=True)
    try:
        with engine.begin() as conn:
            command.downgrade(_alembic_config(conn), "0001")
        store = open_store(store_url, "admin", "admin passphrase")
        try:
            assert store.count_mentions(status="suggested") == 2
            assert [m.mention.mention_id for m in store.list_mentions(status="suggested")] == ["T-0001-1", "T-0001-2"]
        finally:
            store.close()
        with engine.connect() as conn:
            assert MigrationContext.configure(conn).get_current_revision() == head_revision()
            assert STATUS_INDEX in _mention_indexes(conn)
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
                assert STATUS_INDEX in plan, plan
    finally:
        engine.dispose()
