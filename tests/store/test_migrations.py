"""The migrations create exactly the tables the queries expect, and go down again."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

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
