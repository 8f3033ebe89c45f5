"""Alembic migrations of the store, run programmatically by :mod:`casework.store.engine`."""
