"""Linkage features kept per mention version between runs, so that a few new mentions cost a few rows.

Linking 1,000 new mentions into an archive of 100,000 scores only the new pairs
(``incremental.py``), but every mention's row (date interval, normalised place,
coordinates, evidence stems, concepts) used to be worked out again each run.
The cache keeps each row under a digest of what it is computed from (the
mention's id, testimony, type, date, place, perpetrator, victims and evidence
texts), so a corrected mention is a new version and a deleted one is dropped on
the next save. It is only valid for the code that computed it: a change to the
feature rules (``features.py``, ``concepts.py``, the date rules) or to the
gazetteer's coordinates changes :data:`FEATURES_VERSION`, and an old cache is
then ignored.

The rows hold decrypted mention fields, so the cache is never written as it is:
:meth:`FeatureCache.to_text` gives the text the desk keeps as a store setting,
which the store seals like every setting (``link.features``).
"""

from __future__ import annotations

import base64
import hashlib
import io
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa

from casework.link.features import ROW_SCHEMA, rows_to_table
from casework.model import Mention

__all__ = ["CACHE_SETTING", "FeatureCache", "features_version"]

CACHE_SETTING = "link.features"
"""The store setting (sealed) that holds the cache between runs."""

_KEY = "key"
_SEPARATOR, _MISSING = "\x1f", "\x00"


@cache
def features_version() -> str:
    """A digest of the code and data the rows are computed from; another value means another cache."""
    import casework.gazetteer as gazetteer
    import casework.link.concepts as concepts
    import casework.link.features as features
    import casework.model.facts as facts

    digest = hashlib.blake2b(digest_size=12)
    for module in (features, concepts, facts):
        digest.update(Path(str(module.__file__)).read_bytes())
    data = Path(str(gazetteer.__file__)).parent
    for path in sorted(data.rglob("*.csv")):
        digest.update(path.name.encode() + str(path.stat().st_size).encode())
    return digest.hexdigest()


def _is_every_row(positions: np.ndarray, count: int) -> bool:
    """Whether ``positions`` are 0, 1, ..., count - 1 in that order (no take needed)."""
    return len(positions) == count and bool((positions == np.arange(count)).all())


class FeatureCache:
    """Feature rows by mention version: the old ones from the last run, the new ones of this run."""

    def __init__(self, table: pa.Table | None = None) -> None:
        schema = pa.schema([pa.field(_KEY, pa.binary()), *ROW_SCHEMA])
        self._old = table if table is not None else schema.empty_table()
        self._position = {key: i for i, key in enumerate(self._old[_KEY].to_pylist())}
        self._new_keys: list[bytes] = []
        self._new_rows: list[tuple[Any, ...]] = []
        self._used = np.zeros(0, dtype=np.int64)
        self._joined: pa.Table | None = None
        self.hits = 0

    def __len__(self) -> int:
        return len(self._old) + len(self._new_rows)

    @staticmethod
    def key(mention: Mention) -> bytes:
        """A digest of every mention field a feature row is computed from."""
        place, victims = mention.place, mention.victims
        parts = (
            mention.mention_id,
            mention.testimony,
            mention.type,
            mention.date,
            place.province,
            place.county_or_city,
            place.site,
            mention.perpetrator,
            None if victims.count is None else str(victims.count),
            victims.description,
            *(span.text for span in mention.evidence),
        )
        text = _SEPARATOR.join([_MISSING if part is None else part for part in parts])
        return hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()

    def position(self, key: bytes) -> int | None:
        """Where the row of ``key`` is, or None when it must be computed."""
        found = self._position.get(key)
        if found is not None:
            self.hits += 1
        return found

    def add(self, key: bytes, values: tuple[Any, ...]) -> int:
        """Keep a newly computed row; returns its position."""
        self._new_keys.append(key)
        self._new_rows.append(values)
        self._position[key] = len(self._old) + len(self._new_rows) - 1
        return self._position[key]

    def _all(self) -> pa.Table:
        """Old and new rows as one table, made once per batch of new rows (it copies every row)."""
        if not self._new_rows:
            return self._old
        if self._joined is None or len(self._joined) != len(self):
            new = rows_to_table(self._new_rows).add_column(0, self._old.schema.field(_KEY), [self._new_keys])
            self._joined = pa.concat_tables([self._old, new]).combine_chunks()
        return self._joined

    def rows(self, positions: Sequence[int]) -> pa.Table:
        """The rows at ``positions``, in that order (ROW_SCHEMA); remembered as the ones in use."""
        self._used = np.asarray(positions, dtype=np.int64)
        table = self._all()
        if not _is_every_row(self._used, len(table)):  # the usual run: every row, in cache order
            table = table.take(pa.array(self._used))
        return table.drop_columns([_KEY])

    def to_text(self) -> str:
        """The rows of the last :meth:`rows` call, compressed, as text for a (sealed) store setting."""
        table = self._all()
        used = np.unique(self._used)
        if not _is_every_row(used, len(table)):
            table = table.take(pa.array(used))
        table = table.replace_schema_metadata({"version": features_version()})
        sink = io.BytesIO()
        with pa.ipc.new_stream(sink, table.schema, options=pa.ipc.IpcWriteOptions(compression="zstd")) as writer:
            writer.write_table(table)
        return base64.b64encode(sink.getvalue()).decode("ascii")

    @classmethod
    def from_text(cls, text: str | None) -> FeatureCache:
        """A cache from :meth:`to_text`; empty when there is none, it is unreadable, or the code changed."""
        if not text:
            return cls()
        try:
            with pa.ipc.open_stream(base64.b64decode(text)) as reader:
                table = reader.read_all()
        except (ValueError, pa.ArrowException):
            return cls()
        version = (table.schema.metadata or {}).get(b"version", b"").decode()
        if version != features_version() or table.schema.remove_metadata() != cls().schema:
            return cls()
        return cls(table.replace_schema_metadata(None))

    @property
    def schema(self) -> pa.Schema:
        return self._old.schema
