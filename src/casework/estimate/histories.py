"""Capture histories: how many incidents each combination of lists recorded.

Multiple systems estimation never looks at incidents one by one, only at the
contingency table of capture patterns (which lists recorded an incident). This
module builds that table from an analyst's CSV or from the store's linked incidents,
and refuses input that cannot be a table of counts, naming the row, because a silent
mistake here changes every estimate downstream.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import product
from pathlib import Path

import numpy as np
import numpy.typing as npt

from casework.errors import InputError
from casework.model import Incident

__all__ = ["CaptureHistories", "histories_from_clusters", "histories_from_incidents", "read_histories"]

MAX_LISTS = 12
MAX_PROBLEMS = 5


@dataclass(frozen=True)
class CaptureHistories:
    """Counts of incidents per capture pattern over named lists (the unobserved cell excluded).

    ``table`` maps a pattern (one 0/1 per list, in the order of ``lists``) to the number
    of incidents recorded by exactly those lists; absent patterns count zero.
    """

    lists: tuple[str, ...]
    table: Mapping[tuple[int, ...], int]

    @property
    def observed(self) -> int:
        """How many distinct incidents at least one list recorded."""
        return int(sum(self.table.values()))

    def list_totals(self) -> dict[str, int]:
        """Incidents recorded by each list."""
        return {name: sum(c for p, c in self.table.items() if p[i]) for i, name in enumerate(self.lists)}

    def patterns(self) -> npt.NDArray[np.int_]:
        """Every non-empty pattern, in a fixed order (binary counting, first list slowest)."""
        return np.array([p for p in product((0, 1), repeat=len(self.lists)) if any(p)], dtype=int)

    def counts(self) -> npt.NDArray[np.float64]:
        """Counts aligned with :meth:`patterns`, zeros included."""
        return np.array([self.table.get(tuple(int(v) for v in p), 0) for p in self.patterns()], dtype=float)

    def without_empty_lists(self) -> CaptureHistories:
        """The same table with lists that recorded nothing removed (common inside a stratum)."""
        keep = [i for i, name in enumerate(self.lists) if self.list_totals()[name] > 0]
        if len(keep) == len(self.lists):
            return self
        table: Counter[tuple[int, ...]] = Counter()
        for p, c in self.table.items():
            table[tuple(p[i] for i in keep)] += c
        return CaptureHistories(tuple(self.lists[i] for i in keep), dict(table))

    def to_json(self) -> dict[str, object]:
        return {
            "lists": list(self.lists),
            "patterns": [{"pattern": list(p), "count": c} for p, c in sorted(self.table.items()) if c],
            "observed": self.observed,
        }


def _problem_error(path: str, problems: list[str]) -> InputError:
    shown = problems[:MAX_PROBLEMS]
    more = f" (and {len(problems) - MAX_PROBLEMS} more)" if len(problems) > MAX_PROBLEMS else ""
    return InputError(f"{path}: " + "; ".join(shown) + more)


def read_histories(path: Path) -> CaptureHistories:
    """Read a capture-history CSV: one 0/1 column per list and a ``count`` column.

    Every problem is collected and reported on one line naming the CSV line, so an
    analyst can fix the file in one pass. Repeated patterns are added together; an
    all-zero pattern is accepted only with a zero or empty count (it is the cell the
    estimate is about, so nobody can have counted it).

    Args:
        path: the CSV file (the format of ``data/mse/kosovo_4list.csv``).

    Example:
        >>> read_histories(Path("kosovo_4list.csv")).observed
        4400
    """
    name = str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as err:
        raise InputError(f"{name}: cannot read ({err.strerror})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(f"{name}: not UTF-8 text (invalid byte at offset {err.start})") from None
    return parse_histories(text, name)


def parse_histories(text: str, name: str = "<histories>") -> CaptureHistories:
    """Parse capture-history CSV text; see :func:`read_histories`."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[tuple[int, list[str]]] = []
    try:
        for row in reader:
            if row and any(cell.strip() for cell in row):
                rows.append((reader.line_num, row))
    except csv.Error as err:
        raise InputError(f"{name}: line {reader.line_num}: malformed CSV ({err})") from None
    if not rows:
        raise InputError(f"{name}: empty file, expected a header row with list columns and 'count'")
    header_line, header = rows[0]
    columns = [c.strip() for c in header]
    lowered = [c.lower() for c in columns]
    if "count" not in lowered:
        raise InputError(f"{name}: line {header_line}: no 'count' column in the header")
    if len(set(lowered)) != len(lowered) or any(not c for c in columns):
        raise InputError(f"{name}: line {header_line}: column names must be non-empty and distinct")
    count_at = lowered.index("count")
    list_at = [i for i in range(len(columns)) if i != count_at]
    if not list_at:
        raise InputError(f"{name}: line {header_line}: no list columns besides 'count'")
    if len(list_at) > MAX_LISTS:
        raise InputError(f"{name}: line {header_line}: {len(list_at)} lists; at most {MAX_LISTS} are supported")
    lists = tuple(columns[i] for i in list_at)

    problems: list[str] = []
    table: Counter[tuple[int, ...]] = Counter()
    for line, row in rows[1:]:
        if len(row) != len(columns):
            problems.append(f"line {line}: expected {len(columns)} fields, found {len(row)}")
            continue
        pattern: list[int] = []
        for i in list_at:
            cell = row[i].strip()
            if cell not in ("0", "1"):
                problems.append(f"line {line}: column '{columns[i]}' is {cell[:20]!r}, expected 0 or 1")
                break
            pattern.append(int(cell))
        else:
            cell = row[count_at].strip()
            if not any(pattern) and cell in ("", "0", "NA", "na"):
                continue
            try:
                count = int(cell)
            except ValueError:
                problems.append(f"line {line}: count {cell[:20]!r} is not a whole number")
                continue
            if count < 0:
                problems.append(f"line {line}: count {count} is negative")
            elif not any(pattern):
                problems.append(f"line {line}: the all-zero pattern is the unobserved cell; its count must be empty")
            else:
                table[tuple(pattern)] += count
    if problems:
        raise _problem_error(name, problems)
    if sum(table.values()) == 0:
        last = rows[-1][0]
        raise InputError(f"{name}: lines {header_line + 1}-{last}: every count is zero; nothing to estimate")
    return CaptureHistories(lists, dict(table))


def histories_from_clusters(
    clusters: Mapping[str, str], list_of_mention: Mapping[str, str], lists: Iterable[str] | None = None
) -> CaptureHistories:
    """Capture histories from a clustering ``mention id -> incident id``.

    An incident's pattern is the set of lists whose testimonies mention it; mentions
    with no list are ignored (an incident only they mention is not counted).

    Args:
        clusters: which incident each mention belongs to.
        list_of_mention: the list (documentation system) of each mention's testimony.
        lists: the list names to use as columns (default: every list seen, sorted).

    Example:
        >>> histories_from_clusters({"m1": "I1", "m2": "I1"}, {"m1": "A", "m2": "B"}).table
        {(1, 1): 1}
    """
    members: dict[str, set[str]] = {}
    for mention, incident in clusters.items():
        list_name = list_of_mention.get(mention)
        if list_name:
            members.setdefault(incident, set()).add(list_name)
    return _histories(members.values(), lists)


def histories_from_incidents(incidents: Iterable[Incident], list_of_mention: Mapping[str, str]) -> CaptureHistories:
    """Capture histories of linked incidents: each incident's pattern is the lists that mention it.

    Args:
        incidents: incidents with their mention ids.
        list_of_mention: the list of each mention's testimony (``testimony.list_name``).

    Example:
        >>> histories_from_incidents([Incident("I1", ("m1", "m2"))], {"m1": "A", "m2": "B"}).observed
        1
    """
    members = [{list_of_mention[m] for m in inc.mentions if list_of_mention.get(m)} for inc in incidents]
    return _histories(members, None)


def _histories(members: Iterable[set[str]], lists: Iterable[str] | None) -> CaptureHistories:
    groups = [g for g in members if g]
    names = tuple(sorted(set().union(*groups))) if lists is None else tuple(lists)
    table: Counter[tuple[int, ...]] = Counter()
    for group in groups:
        pattern = tuple(int(n in group) for n in names)
        if any(pattern):
            table[pattern] += 1
    return CaptureHistories(names, dict(table))
