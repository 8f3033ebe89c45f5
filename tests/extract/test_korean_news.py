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
