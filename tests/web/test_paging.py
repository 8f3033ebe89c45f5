"""Paging: one page from the store when its listing takes limit/offset, else a slice of the whole list."""

from __future__ import annotations

from flask import Flask

from casework.web.paging import page_of, pages_in_store

ROWS = [f"M-{n}" for n in range(1, 124)]


def whole_list(status: str | None = None) -> list[str]:
    return list(ROWS)


class PagingListing:
    """A listing with the store-side paging signature; records what it was asked for."""

    def __init__(self) -> None:
        self.asked: list[tuple[int | None, int]] = []

    def __call__(self, *, status: str | None = None, limit: int | None = None, offset: int = 0) -> list[str]:
        self.asked.append((limit, offset))
        return ROWS[offset : offset + limit if limit is not None else None]


def test_slicing_a_whole_list(app: Flask) -> None:
    assert not pages_in_store(whole_list)
    with app.test_request_context("/review?page=3"):
        page = page_of(whole_list, status="suggested")
    assert list(page.items) == ROWS[100:123]
    assert (page.number, page.total, page.has_next, page.has_previous) == (3, 123, False, True)
    assert (page.first_row, page.last_row) == (101, 123)


def test_asking_the_store_for_one_page(app: Flask) -> None:
    listing = PagingListing()
    assert pages_in_store(listing)
    with app.test_request_context("/review?page=2"):
        page = page_of(listing, count=lambda status=None: len(ROWS), status="suggested")
    assert listing.asked == [(51, 50)]  # one extra row tells whether there is a next page
    assert list(page.items) == ROWS[50:100]
    assert page.has_next and page.total == 123


def test_bad_page_numbers_fall_back_to_the_first(app: Flask) -> None:
    for query in ("?page=0", "?page=-4", "?page=abc", ""):
        with app.test_request_context(f"/review{query}"):
            assert page_of(whole_list).number == 1
