"""Korean time expressions resolve against the received date, at the precision they carry."""

from __future__ import annotations

from datetime import date

import pytest

from casework.extract.ko_dates import find_korean_dates

RECEIVED = date(2019, 12, 10)


def _one(text: str, ref: date = RECEIVED) -> tuple[str | None, str | None, str]:
    found = find_korean_dates(text, ref)
    assert len(found) == 1, found
    resolved = found[0].resolved
    return (resolved.iso if resolved else None, resolved.precision if resolved else None, found[0].text)


@pytest.mark.parametrize(
    ("text", "iso", "precision"),
    [
        ("지난 6일 체포됐다", "2019-12-06", "day"),
        ("지난 14일 체포됐다", "2019-11-14", "day"),
        ("7월 말 붙잡혔다", "2019-07", "month"),
        ("작년 가을 추방됐다", "2018", "year"),
        ("지난달 잡혀갔다", "2019-11", "month"),
        ("지난달 말에 잡혀갔다", "2019-11", "month"),
        ("올해 봄 동원됐다", "2019", "year"),
        ("이달 초 검열했다", "2019-12", "month"),
        ("지난주 끌려갔다", "2019-12", "month"),
        ("3월 4일 체포됐다", "2019-03-04", "day"),
        ("2019년 여름 건넜다", "2019", "year"),
        ("2016년 5월 넘겨졌다", "2016-05", "month"),
        ("지난달 25일께 체포됐다", "2019-11-25", "day"),
        ("작년 8월 숨졌다", "2018-08", "month"),
        ("지난 3월 중순에도", "2019-03", "month"),
        ("2년 전 들어갔다", "2017", "year"),
        ("어제 붙잡혔다", "2019-12-09", "day"),
        ("사흘 전 끌려갔다", "2019-12-07", "day"),
        ("일주일 전 끌려갔다", "2019-12", "month"),
        ("석 달 전 추방됐다", "2019-09", "month"),
    ],
)
def test_expressions_resolve_at_their_precision(text: str, iso: str, precision: str) -> None:
    assert _one(text)[:2] == (iso, precision)


def test_a_month_later_than_received_is_last_year() -> None:
    assert _one("11월 3일", date(2020, 2, 1))[0] == "2019-11-03"
    assert _one("지난 12월", date(2019, 12, 20))[0] == "2018-12"


def test_story_dates_follow_the_previous_date() -> None:
    found = find_korean_dates("2017년 1월 일이다. 그해 여름에는 죽었다. 한 달쯤 지나 풀려났다.", RECEIVED)
    assert [d.resolved.iso if d.resolved else None for d in found] == ["2017-01", "2017", "2017"]


def test_anaphoric_date_without_context_stays_unresolved_with_its_text() -> None:
    found = find_korean_dates("그해 여름 잡혀갔다", RECEIVED)
    assert [(d.text, d.resolved) for d in found] == [("그해 여름", None)]


def test_without_received_date_relative_expressions_are_unresolved() -> None:
    assert _one("지난 6일 체포됐다", None)[0] is None  # type: ignore[arg-type]
    assert _one("2019년 3월 체포됐다", None)[0] == "2019-03"  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text", ["보름 동안 갇혔다", "3일 동안 조사받았다", "10월까지 동원된다", "전달하던 사람", "70일 전투"]
)
def test_durations_ends_and_lookalike_words_are_not_dates(text: str) -> None:
    assert find_korean_dates(text, RECEIVED) == []


def test_the_day_a_reporter_spoke_is_not_an_event_date() -> None:
    found = find_korean_dates('함경북도 소식통은 4일 "지난 2일 체포됐다"고 전했다', RECEIVED)
    assert [d.text for d in found] == ["지난 2일"]


def test_no_day_is_invented() -> None:
    for text in ("이달 초", "지난달 말", "작년 여름", "지난주", "올해"):
        resolved = find_korean_dates(text, RECEIVED)[0].resolved
        assert resolved is not None and resolved.precision != "day"
