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


def test_a_day_earlier_in_the_same_month_is_this_year() -> None:
    assert _one("지난 8월 5일 처형됐다", date(2011, 8, 25))[0] == "2011-08-05"
    assert _one("8월 30일 처형됐다", date(2011, 8, 25))[0] == "2010-08-30"


def test_a_bare_day_may_carry_a_particle() -> None:
    assert _one("19일에는 재판이 열렸다", date(2011, 8, 25))[:2] == ("2011-08-19", "day")


def test_the_day_an_outlet_reported_is_not_an_event_date() -> None:
    found = find_korean_dates("지난 3일 체포됐다고 한 매체가 9일 보도했다. 소식통은 8일 통화에서 말했다", RECEIVED)
    assert [d.text for d in found] == ["지난 3일"]


def test_recent_and_now_are_the_month_of_the_report() -> None:
    assert _one("최근 체포됐다")[:2] == ("2019-12", "month")
    assert _one("현재 갇혀 있다")[:2] == ("2019-12", "month")
    assert _one("며칠 전 끌려갔다")[:2] == ("2019-12", "month")
    assert find_korean_dates("최근 체포됐다", RECEIVED)[0].kind == "vague"


def test_a_date_after_the_report_is_a_plan_or_a_prophecy_not_an_event() -> None:
    assert find_korean_dates("2021년에 큰 전쟁이 난다고 예언했다", RECEIVED) == []


def test_a_range_of_days_is_its_month() -> None:
    assert _one("3월 2∼6일 사이에 붙잡혔다")[:2] == ("2019-03", "month")


@pytest.mark.parametrize(
    ("text", "ref", "iso"),
    [
        ("올초 단속에 걸렸다", date(2021, 5, 3), "2021"),
        ("올 초 붙잡혔다", date(2021, 5, 3), "2021"),
        ("연초부터 검열했다", date(2021, 5, 3), "2021"),
        ("지난 연말 잡혀갔다", date(2021, 5, 3), "2020"),
        ("연말에 끌려갔다", date(2021, 12, 3), "2021"),
        ("지난 봄에 동원됐다", date(2021, 7, 3), "2021"),
        ("지난 봄에 동원됐다", date(2021, 4, 3), "2020"),
        ("지난 겨울 강을 건넜다", date(2021, 1, 20), "2019"),
        ("이번 겨울 강을 건넜다", date(2021, 1, 20), "2020"),
    ],
)
def test_parts_of_a_year_and_seasons_without_a_year(text: str, ref: date, iso: str) -> None:
    assert _one(text, ref)[:2] == (iso, "year")


def test_year_end_words_inside_other_words_are_not_dates() -> None:
    assert find_korean_dates("연말정산 서류를 냈다", date(2021, 5, 3)) == []
