"""English time expressions resolve against the received date, never inventing a day."""

from __future__ import annotations

from datetime import date

import pytest

from casework.extract.dates import find_dates

RECEIVED = date(2019, 3, 5)


@pytest.mark.parametrize(
    ("text", "iso", "precision"),
    [
        ("on the 6th", "2019-02-06", "day"),
        ("on the 4th", "2019-03-04", "day"),
        ("on the 28th of last month", "2019-02-28", "day"),
        ("last week", "2019-02", "month"),
        ("This week", "2019-03", "month"),
        ("late July", "2018-07", "month"),
        ("in the spring of 2017", "2017", "year"),
        ("in the summer", "2018", "year"),
        ("March 4", "2019-03-04", "day"),
        ("4 March 2016", "2016-03-04", "day"),
        ("earlier this month", "2019-03", "month"),
        ("two years ago", "2017", "year"),
        ("about three weeks ago", "2019-02", "month"),
        ("In October 2015", "2015-10", "month"),
        ("In 2018", "2018", "year"),
        ("yesterday", "2019-03-04", "day"),
    ],
)
def test_expressions_resolve_at_their_precision(text: str, iso: str, precision: str) -> None:
    (match,) = find_dates(text, RECEIVED)
    assert (match.iso, match.precision) == (iso, precision)
    assert match.text.lower().endswith(text.lower().split()[-1])


def test_offsets_are_shifted_into_the_whole_text() -> None:
    (match,) = find_dates("xx on the 6th", RECEIVED, offset=100)
    assert (match.start, match.end) == (103, 113)


def test_anaphoric_and_unresolvable_expressions_keep_their_text() -> None:
    (following,) = find_dates("the following day", RECEIVED)
    assert following.anaphoric and following.value is None and following.text == "the following day"
    (ord_day,) = find_dates("on the 6th", None)
    assert ord_day.value is None and ord_day.text == "on the 6th"


def test_words_that_look_like_months_are_not_dates() -> None:
    assert find_dates("they may be held; the march was long", RECEIVED) == []


def test_money_is_not_a_year() -> None:
    assert find_dates("paid 2,000 yuan and 2000 won", RECEIVED) == [] or all(
        m.text != "2000" for m in find_dates("paid 2,000 yuan", RECEIVED)
    )


def test_weekdays_are_the_last_such_day_and_habits_are_not_dates() -> None:
    received = date(2020, 6, 18)  # a Thursday
    assert [m.iso for m in find_dates("on Tuesday Chinese police", received)] == ["2020-06-16"]
    assert [m.iso for m in find_dates("last Friday night", received)] == ["2020-06-12"]
    assert find_dates("Every Saturday we had to go", received) == []
    assert find_dates("checked every household on Saturday nights", received) == []
