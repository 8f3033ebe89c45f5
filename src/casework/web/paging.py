"""Show long lists a page at a time, asking the store for one page when it can.

With 100,000 mentions a page that decrypts every mention per request cannot answer in
time. When a store listing method accepts ``limit``/``offset`` only one page (plus one
row, to know whether there is a next page) is fetched and decrypted; otherwise the
full list is fetched and sliced, which is correct but slow on large stores.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from flask import current_app, request

T = TypeVar("T")


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a listing; ``total`` is None when the store cannot count cheaply."""

    items: Sequence[T]
    number: int
    size: int
    has_next: bool
    total: int | None = None

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def first_row(self) -> int:
        return (self.number - 1) * self.size + 1 if self.items else 0

    @property
    def last_row(self) -> int:
        return (self.number - 1) * self.size + len(self.items)


def requested_page() -> int:
    """The ``?page=`` number, 1 when absent or not a positive integer."""
    page = request.args.get("page", type=int) or 1
    return max(1, min(page, 10**6))


def page_of(
    listing: Callable[..., Sequence[T]],
    *,
    count: Callable[..., int] | None = None,
    number: int | None = None,
    size: int | None = None,
    **filters: Any,
) -> Page[T]:
    """One page from a store listing method, using ``limit``/``offset`` when it has them.

    Args:
        listing: e.g. ``store.list_mentions``.
        count: e.g. ``store.count_mentions`` if the store has it (same filters).
        number: 1-based page number (default: from the request).
        size: rows per page (default: ``CASEWORK_PAGE_SIZE``).

    Example:
        >>> page = page_of(store.list_mentions, status="suggested")  # doctest: +SKIP
    """
    number = number or requested_page()
    size = size or int(current_app.config["CASEWORK_PAGE_SIZE"])
    offset = (number - 1) * size
    if pages_in_store(listing):
        rows = list(listing(limit=size + 1, offset=offset, **filters))
        total = count(**filters) if count is not None else None
        return Page(rows[:size], number, size, has_next=len(rows) > size, total=total)
    everything = list(listing(**filters))
    return Page(everything[offset : offset + size], number, size, offset + size < len(everything), len(everything))


def pages_in_store(listing: Callable[..., Any]) -> bool:
    """Whether a store listing method takes ``limit`` and ``offset``."""
    try:
        parameters = inspect.signature(listing).parameters
    except (TypeError, ValueError):
        return False
    return "limit" in parameters and "offset" in parameters
