"""Korean victim counts keep the stated number, the lower bound of a range, and no number for vague ones."""

from __future__ import annotations

import pytest

from casework.extract.ko_counts import find_korean_counts


@pytest.mark.parametrize(
    ("text", "count", "count_text"),
    [
        ("회령시 청년 3명이 끌려갔다", 3, "청년 3명"),
        ("세 명이 잡혀갔다", 3, "세 명"),
        ("주민 30여 명이 동원됐다", 30, "주민 30여 명"),
        ("10명 이상이 체포됐다", 10, "10명 이상"),
        ("50명 가까운 작업반원", 50, "50명 가까운"),
        ("두세 명이 사라졌다", 2, "두세 명"),
        ("가족 네 식구가 실려 왔다", 4, "가족 네 식구"),
        ("살림집 40여 세대가 헐리고", 40, "살림집 40여 세대"),
        ("40대 여성 장사꾼이 숨졌다", 1, "40대 여성"),
        ("어부 세 명이 잡혀갔다", 3, "어부 세 명"),
    ],
)
def test_counts(text: str, count: int, count_text: str) -> None:
    found = find_korean_counts(text)
    assert [(c.count, c.text) for c in found][:1] == [(count, count_text)]
    assert all(text[c.start : c.end] == c.text for c in found)


@pytest.mark.parametrize("text", ["여러 명이 끌려갔다", "수십 명이 동원됐다", "청년돌격대원 수백 명이 떠났다"])
def test_vague_quantities_have_text_but_no_number(text: str) -> None:
    found = find_korean_counts(text)
    assert len(found) == 1 and found[0].count is None and found[0].text


@pytest.mark.parametrize("text", ["중국돈 100원씩을 바쳤다", "명단을 적어 냈다", "2019년 3월"])
def test_money_lists_and_dates_are_not_counts(text: str) -> None:
    assert find_korean_counts(text) == []
