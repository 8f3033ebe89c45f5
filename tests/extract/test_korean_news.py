"""Korean news pages: headlines, related-article lists and the article told between them.

The texts are written for these tests in the layout of a Korean news page (a
headline line, a subtitle, the article, a byline and a list of other headlines).
"""

from __future__ import annotations

from datetime import date

from casework.extract.ko_story import headline_lines, story_end
from casework.extract.korean import extract_korean

RECEIVED = date(2022, 9, 20)

PAGE = (
    "평성 행사로 단속 강화…주민 체포돼\n"
    "\n"
    '소식통은 19일 "지난 15일 평안남도 순천시에서 한 50대 남성이 시 보안서에 체포됐다"고 전했다.\n'
    "김영수 기자 reporter@example.org\n"
    "많이 본 뉴스\n"
    "ㆍ배우 결혼 발표 화제ㆍ주가 반등에 관심ㆍ오래된 미제 사건 범인 검거\n"
)


def test_headline_folds_into_the_article_and_keeps_its_place() -> None:
    mentions = extract_korean(PAGE, RECEIVED)
    assert [(m.type, m.place.province, m.place.county_or_city, m.date) for m in mentions] == [
        ("arrest", "South Pyongan", "Sunchon", "2022-09-15")
    ]
    texts = [e.text for e in mentions[0].evidence if e.field == "incident"]
    assert texts[0].startswith("지난 15일")
    assert any("주민 체포돼" in t for t in texts)


def test_headline_alone_keeps_its_city() -> None:
    page = "혜산시에서 주민 3명 체포돼\n\n소식통은 당국의 단속이 심해지고 있다고 말했다.\n"
    mentions = extract_korean(page, RECEIVED)
    assert [(m.type, m.place.county_or_city) for m in mentions] == [("arrest", "Hyesan")]


def test_lists_of_other_articles_end_the_story() -> None:
    assert PAGE[story_end(PAGE, 0) :].startswith("많이 본 뉴스")
    inline = "기사 끝. 홍길동 기자 a@b.kr 핫뉴스ㆍ첫 제목 이야기ㆍ둘째 제목 검거"
    assert story_end(inline, 0) == inline.index("ㆍ")
    assert story_end("ㆍ하나뿐인 점은 목록이 아니다.", 0) == len("ㆍ하나뿐인 점은 목록이 아니다.")


def test_headline_lines_are_those_without_a_sentence_ending() -> None:
    lines = headline_lines(PAGE, 0, len(PAGE))
    found = [PAGE[a:b] for a, b in lines]
    assert found[0] == "평성 행사로 단속 강화…주민 체포돼"
    assert not any(line.startswith("소식통은") for line in found)


def _typed(text: str) -> list[tuple[str, str | None]]:
    return [(m.type, m.place.province) for m in extract_korean(text, RECEIVED)]


def test_a_crowd_made_to_attend_a_public_trial_is_mobilisation_beside_the_trial() -> None:
    text = "지난 10일 함흥시 운동장에서 공개재판이 열렸고 인근 주민 수백 명이 강제로 참석했다."
    assert sorted(t for t, _ in _typed(text)) == ["forced_labour_or_mobilisation", "other"]


def test_the_executed_persons_alleged_crime_is_not_the_violation() -> None:
    text = "지난달 김책시에서 이웃을 때려 다치게 했다는 이유로 한 남성이 공개총살됐다."
    assert _typed(text) == [("execution", "North Hamgyong")]


def test_statistics_and_announced_policy_are_not_incidents() -> None:
    assert _typed("당국 집계에 따르면 지난해 국경 지역에서 200여 명이 체포됐다.") == []
    assert _typed("당국은 앞으로 국경을 넘다 적발되는 주민을 모두 교화소로 보낼 방침이다.") == []
