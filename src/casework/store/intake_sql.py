"""Adding a testimony in three statements on the driver's connection: the intake hot path.

Why: a desk adds thousands of files at once, and bench/intake.py measured that
SQLAlchemy's per-statement work (compiling-cache lookups, execution contexts, result
objects, events) for the eight statements of one add cost more than the encryption
and the commit together. The semantics are unchanged: the caller still opens the
write transaction through :func:`casework.store.engine.transaction` (``BEGIN
IMMEDIATE`` on SQLite, the advisory lock on PostgreSQL), so numbering and the audit
chain stay linear, and the testimony and its audit event commit or vanish together.
Only the statements themselves go straight to the DBAPI cursor:

1. one SELECT that answers every question of the add at once: does the source exist,
   is this MAC already stored, the sealed default list, the next sequence number and
   the audit head (id and hash);
2. the testimony INSERT (skipped for a duplicate);
3. the audit event INSERT.

A folder (:meth:`CaseStore.add_testimonies`) asks the same first question for its first
file and, for the others, which of their sources exist and which of their MACs are
stored, in one SELECT each (chunks of :data:`IN_CHUNK`); the next number and the audit
head then follow from its own writes (it holds the write lock), and its rows go in with
two ``executemany`` calls.

The SQL is written for both dialects from the schema's column names, so a column
added to :mod:`casework.store.schema` shows up here too (a test compares both paths).
"""

from __future__ import annotations

import operator
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa

from casework.store.engine import driver_transaction
from casework.store.schema import audit_events, testimonies


@dataclass(frozen=True)
class IntakeLookup:
    """Everything an add needs to know, read under the write lock in one statement."""

    source_known: bool
    existing: str | None  # testimony id already holding these bytes
    default_list_ct: bytes | None
    next_seq: int
    audit_head: tuple[int, str] | None


IN_CHUNK = 500  # values per IN (...) list: far below SQLite's and PostgreSQL's parameter limits
_DATE_COLUMNS = tuple(column.name for column in testimonies.c if isinstance(column.type, sa.Date))


class IntakeStatements:
    """The hot path's SQL for one database dialect (``sqlite`` or ``postgresql``)."""

    def __init__(self, dialect: str) -> None:
        self.sqlite = dialect == "sqlite"

        def param(name: str) -> str:
            return f":{name}" if self.sqlite else f"%({name})s"

        self.lookup = (
            "SELECT "
            f"(SELECT 1 FROM sources WHERE pseudonym = {param('source')}), "
            f"(SELECT testimony_id FROM testimonies WHERE content_mac = {param('mac')}), "
            "(SELECT value_ct FROM settings WHERE key = 'default_list'), "
            "(SELECT COALESCE(MAX(seq), 0) + 1 FROM testimonies), "
            "(SELECT event_id FROM audit_events ORDER BY event_id DESC LIMIT 1), "
            "(SELECT hash FROM audit_events ORDER BY event_id DESC LIMIT 1)"
        )
        # The INSERTs bind by position: named binding looks up each of 17 names per row.
        marker = "?" if self.sqlite else "%s"
        self.insert_testimony = _insert_sql(testimonies, marker)
        self.insert_event = _insert_sql(audit_events, marker)
        self._testimony_values = operator.itemgetter(*(column.name for column in testimonies.c))
        self.event_values = operator.itemgetter(*(column.name for column in audit_events.c))
        self._param = param

    def known_sources(self, count: int) -> str:
        """Which of ``count`` pseudonyms (parameters ``p0``...) are sources."""
        return f"SELECT pseudonym FROM sources WHERE pseudonym IN ({self._params(count)})"

    def stored_macs(self, count: int) -> str:
        """Which of ``count`` content MACs (parameters ``p0``...) are stored, and as which testimony."""
        return f"SELECT content_mac, testimony_id FROM testimonies WHERE content_mac IN ({self._params(count)})"

    def _params(self, count: int) -> str:
        return ", ".join(self._param(f"p{n}") for n in range(count))

    def testimony_values(self, row: dict[str, Any]) -> tuple[Any, ...]:
        """A testimony row's values in column order, bound as SQLAlchemy would: SQLite keeps dates as ISO text."""
        if self.sqlite:
            for name in _DATE_COLUMNS:
                if isinstance(row[name], date):
                    row[name] = row[name].isoformat()
        values: tuple[Any, ...] = self._testimony_values(row)
        return values


def _insert_sql(table: sa.Table, marker: str) -> str:
    names = [column.name for column in table.c]
    return f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({', '.join(marker for _ in names)})"


class DriverCursor:
    """The DBAPI cursor of an open write transaction (:func:`casework.store.engine.driver_transaction`)."""

    def __init__(self, cursor: Any) -> None:
        self._cursor = cursor

    def lookup(self, sql: str, params: Mapping[str, Any]) -> IntakeLookup:
        self._cursor.execute(sql, params)
        known, existing, list_ct, next_seq, head_id, head_hash = self._cursor.fetchone()
        return IntakeLookup(
            source_known=known is not None,
            existing=None if existing is None else str(existing),
            default_list_ct=None if list_ct is None else bytes(list_ct),
            next_seq=int(next_seq),
            audit_head=None if head_id is None else (int(head_id), str(head_hash)),
        )

    def run_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        """One statement for many rows (a folder's testimonies, or their events); nothing for none."""
        if rows:
            self._cursor.executemany(sql, rows)

    def pairs(self, statement: Any, values: Iterable[str]) -> dict[str, str]:
        """``statement(count)``'s rows for ``values`` as {first column: last column}, in chunks."""
        chosen = sorted(set(values))
        found: dict[str, str] = {}
        for start in range(0, len(chosen), IN_CHUNK):
            chunk = chosen[start : start + IN_CHUNK]
            self._cursor.execute(statement(len(chunk)), {f"p{n}": value for n, value in enumerate(chunk)})
            found.update((str(row[0]), str(row[-1])) for row in self._cursor.fetchall())
        return found


@contextmanager
def intake_transaction(engine: sa.Engine, shown: str) -> Iterator[DriverCursor]:
    """One write transaction for one add; driver errors become one-line Casework errors."""
    with driver_transaction(engine, shown) as cursor:
        yield DriverCursor(cursor)
