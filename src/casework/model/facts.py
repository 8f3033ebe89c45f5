"""Facts of a mention that linkage and corroboration both reason about.

What period a date at its precision covers, and which incident types are close
enough that two honest accounts of one event may disagree on them. Kept in the
vocabulary, below both stages (linkage runs before corroboration and must not
import it), so that the linker's comparisons and the grader's notion of
"disagreement" can never drift apart.
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from functools import lru_cache

from casework.errors import LinkageError

__all__ = ["EPOCH", "TYPE_FAMILY", "date_interval", "type_family"]

EPOCH = date(1970, 1, 1).toordinal()
_ISO = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")

TYPE_FAMILY: dict[str, str] = {
    "arrest": "custody",
    "detention": "custody",
    "disappearance": "custody",
    "forced_repatriation": "custody",
    "execution": "violence",
    "torture_or_ill_treatment": "violence",
    "forced_labour_or_mobilisation": "coercion",
    "surveillance": "coercion",
    "extortion_or_bribery": "coercion",
    "punishment_of_family": "coercion",
    "other": "other",
}
"""Types that two honest accounts of one event may disagree on fall in one family.

A broker "caught" in one telling is "still held" in another (arrest vs detention);
a beating that killed is ill-treatment to one source and a killing to another.
"""


def type_family(incident_type: str) -> str:
    return TYPE_FAMILY.get(incident_type, "other")


def date_interval(value: str | None, *, where: str = "mention") -> tuple[int, int] | None:
    """The days (since 1970-01-01, inclusive) that an ISO date at its precision covers.

    ``2019-02`` covers 1-28 February 2019, ``2019`` the whole year: the corpus
    rules and the way a reader understands "in February".

    Raises:
        LinkageError: the date is not ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` or does not exist.
    """
    if value is None or value == "":
        return None
    found = _interval(value)
    if found is None:
        raise LinkageError(f"{where}: impossible date (field 'date')")
    return found


@lru_cache(maxsize=65536)
def _interval(value: str) -> tuple[int, int] | None:
    """The interval, or None when the date does not exist (cached: dates repeat)."""
    if not _ISO.fullmatch(value):
        return None
    try:
        parts = [int(p) for p in value.split("-")]
        if len(parts) == 1 and len(value) == 4:
            start, end = date(parts[0], 1, 1), date(parts[0], 12, 31)
        elif len(parts) == 2:
            start = date(parts[0], parts[1], 1)
            end = date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
        elif len(parts) == 3:
            start = end = date(parts[0], parts[1], parts[2])
        else:
            raise ValueError(value)
    except ValueError:
        return None
    return start.toordinal() - EPOCH, end.toordinal() - EPOCH
