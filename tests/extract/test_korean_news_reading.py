"""Korean news phrasing: per-place lists, trials with their crowds, steps told as modifiers, places in headlines.

Sentences written for these tests in the style of Korean reporting on North Korea.
"""

from __future__ import annotations

from datetime import date

from casework.extract.ko_places import find_korean_places
from casework.extract.korean import extract_korean

RECEIVED = date(2023, 5, 10)


def _read(text: str) -> list[tuple[str, str | None, str | None, str | None]]:
    return [(m.type, m.date, m.place.province, m.place.county_or_city) for m in extract_korean(text, RECEIVED)]


def test_counts_told_respectively_go_with_the_places_in_order() -> None:
    text = "양강도 혜산시와 함경북도 회령시에서 각각 10명과 7명의 주민이 보위부에 체포됐다고 소식통이 전했다."
    mentions = extract_korean(text, RECEIVED)
    assert [(m.type, m.place.county_or_city, m.victims.count) for m in mentions] == [
        ("arrest", "Hyesan", 10),
        ("arrest", "Hoeryong", 7),
    ]


def test_cities_of_one_province_told_respectively_are_two_incidents() -> None:
    text = '함경북도 소식통은 "지난달 중순 청진시와 김책시에서 밀수꾼 4명과 2명이 각각 안전부에 붙잡혔다"고 말했다.'
    assert _read(text) == [
        ("arrest", "2023-04", "North Hamgyong", "Chongjin"),
        ("arrest", "2023-04", "North Hamgyong", "Kimchaek"),
    ]


def test_a_trial_held_and_a_crowd_mobilised_in_one_clause() -> None:
    text = "보위부는 지난달 20일 혜산시 체육관에서 밀수꾼들에 대한 공개재판을 열고 학생 수천 명을 동원했다."
    assert _read(text) == [
        ("other", "2023-04-20", "Ryanggang", "Hyesan"),
        ("forced_labour_or_mobilisation", "2023-04-20", "Ryanggang", "Hyesan"),
    ]


def test_a_trial_told_after_its_sentence_gives_it_place_and_crowd() -> None:
    text = (
        "한국 노래를 부른 청년 3명이 최근 교화 10년형을 선고받았다. "
        '평안남도 소식통은 "재판은 지난달 평성시 문화회관에서 열렸으며 노동자들이 강제로 참석했다"고 말했다.'
    )
    assert _read(text) == [
        ("detention", "2023-04", "South Pyongan", "Pyongsong"),
        ("forced_labour_or_mobilisation", "2023-04", "South Pyongan", "Pyongsong"),
    ]


def test_a_repatriation_told_as_a_modifier_with_its_own_date() -> None:
    text = "지난해 12월 중국에서 강제북송된 탈북민 50여 명은 현재 신의주 보위부 구류장에 수감돼 있다."
    mentions = extract_korean(text, RECEIVED)
    assert [(m.type, m.date, m.main) for m in mentions] == [
        ("detention", "2023-05", True),
        ("forced_repatriation", "2022-12", False),
    ]


def test_equipment_mobilised_is_the_means_of_the_search() -> None:
    text = '양강도 소식통은 "보위부가 전파탐지기를 동원해 중국 휴대전화 사용자를 색출하고 있다"고 말했다.'
    assert [t for t, *_ in _read(text)] == ["surveillance"]


def test_serving_a_sentence_is_detention() -> None:
    text = "탈북했다가 붙잡힌 김모 씨는 현재 전거리교화소에서 복역 중이다."
    assert "detention" in [t for t, *_ in _read(text)]


def test_headline_and_glued_place_nouns_name_the_city() -> None:
    def cities(text: str) -> list[str | None]:
        return [p.county_or_city for p in find_korean_places(text)]

    assert cities("혜산서 밀수꾼 공개처형") == ["Hyesan"]
    assert cities("무산광산에서 일하던 노동자") == ["Musan"]
    assert cities("혜산비행장에서 열린 재판") == ["Hyesan"]
    assert cities("고산지역에서 ") == []  # an ordinary word (highland), not Kosan


def test_people_driven_or_put_to_work_are_mobilised() -> None:
    assert [t for t, *_ in _read('소식통은 "요즘 혜산시 주민들은 매일 도로 보수 작업에 내몰리고 있다"고 말했다.')] == [
        "forced_labour_or_mobilisation"
    ]
    assert _read("청진시에서는 지난달 초부터 대학생들이 살림집 건설에 강제로 투입됐다.") == [
        ("forced_labour_or_mobilisation", "2023-04", "North Hamgyong", "Chongjin")
    ]


def test_a_gathering_held_with_a_mobilised_crowd() -> None:
    assert _read("신의주시에서 지난 5일 수만 명의 주민을 동원한 군중집회가 열렸다.") == [
        ("forced_labour_or_mobilisation", "2023-05-05", "North Pyongan", "Sinuiju")
    ]


def test_a_beating_by_officials_outside_custody() -> None:
    text = "함흥시에서 지난달 한 주민이 보안원에게 뇌물을 주지 않았다는 이유로 심하게 맞아 병원에 실려갔다."
    assert _read(text) == [("torture_or_ill_treatment", "2023-04", "South Hamgyong", "Hamhung")]
    assert _read("지난달 장마당에서 장사꾼들이 서로 싸우다 맞았다.") == []


def test_what_happened_after_an_arrest_states_the_arrest() -> None:
    text = "평양에서 지난 4월 한 간부가 부정부패 혐의로 체포된 뒤 연락이 끊겼다."
    assert _read(text) == [("arrest", "2023-04", "Pyongyang", "Pyongyang")]


def test_the_day_a_source_told_is_not_the_incident_date() -> None:
    from casework.extract.ko_dates import find_korean_dates

    def dates(text: str) -> list[str | None]:
        return [d.resolved.iso if d.resolved else None for d in find_korean_dates(text, date(2021, 7, 15))]

    assert dates("주민 3명이 체포됐다고 소식통이 4일 전했다.") == []  # 전했다 (told), not "4 days ago"
    assert dates("소식통은 통화에서 8일 이 같이 밝혔다") == []
    assert dates("지난 8일 체포됐다고 전했다") == ["2021-07-08"]
    assert dates("3일 전 체포됐다") == ["2021-07-12"]


def test_orders_rules_and_warnings_are_not_incidents() -> None:
    assert _read("당국은 최근 중국산 휴대전화 사용자를 모두 체포하라는 지시를 내렸다.") == []
    assert _read('소식통은 "단속에 걸리면 무조건 교화소에 보낸다는 포고문이 붙었다"고 말했다.') == []


def test_a_photo_caption_tells_no_incident() -> None:
    text = "[사진] 2019년 공개처형 장면을 담은 영상 캡처. /사진=자료\n\n지난달 혜산시에서 주민 2명이 체포됐다.\n"
    assert [t for t, *_ in _read(text)] == ["arrest"]


def test_vanishing_confiscation_and_a_gathered_crowd() -> None:
    assert [t for t, *_ in _read("온성군에서 지난달 초 주민 일가족이 하룻밤 사이에 종적을 감춘 것으로 전해졌다.")] == [
        "disappearance"
    ]
    assert [t for t, *_ in _read("순천시에서 최근 안전원들이 상인들의 물건을 몰수하고 벌금을 물렸다.")] == [
        "extortion_or_bribery"
    ]
    text = "혜산시에서 지난달 20일 주민 수천 명이 모인 가운데 공개재판이 열렸다."
    assert sorted(t for t, *_ in _read(text)) == ["forced_labour_or_mobilisation", "other"]


def test_a_headline_city_narrows_the_article_province() -> None:
    page = "청진서 대학생 3명 체포\n\n북한 함경북도에서 한국 영상을 본 대학생들이 지난달 체포됐다.\n"
    assert _read(page) == [("arrest", "2023-04", "North Hamgyong", "Chongjin")]


def test_a_time_right_before_a_modifier_is_the_modifier_s() -> None:
    assert _read("2019년 개봉한 한국 영화를 몰래 본 청진시 대학생 4명이 보위부에 체포됐다.") == [
        ("arrest", None, "North Hamgyong", "Chongjin")
    ]
    assert _read("10년 전 탈북했던 여성이 중국에서 붙잡혔다.")[0][1] is None
    # a time with its particle, or before a quality ("심한"), is the clause's own
    assert _read("구류장에 갇혀 있던 여성이 지난 15일 심한 구타 끝에 숨졌다.")[0][1] == "2023-04-15"
    assert _read("지난 14일 탈북을 시도하던 주민 3명이 체포됐다.")[0][1] == "2023-04-14"


def test_a_background_clause_with_its_own_time_and_place_states_its_incident() -> None:
    assert _read("지난 3일 혜산시에서 주민 3명이 체포됐는데 이들은 모두 밀수꾼이었다.") == [
        ("arrest", "2023-05-03", "Ryanggang", "Hyesan")
    ]
    assert _read("주민 3명이 체포됐는데 이들은 모두 밀수꾼이었다.") == []


def test_short_names_in_a_list_or_with_their_own_count_are_places() -> None:
    def cities(text: str) -> list[str | None]:
        return [p.county_or_city for p in find_korean_places(text)]

    assert cities("청진, 회령, 무산 등 국경도시에서") == ["Chongjin", "Hoeryong", "Musan"]
    assert cities("회령 3명, 무산 2명이 체포됐다") == ["Hoeryong", "Musan"]
    assert cities("연탄, 쌀 등을 팔았다") == []  # ordinary words stay words
    assert _read("지난달 회령 3명, 무산 2명이 보위부에 체포됐다.") == [
        ("arrest", "2023-04", "North Hamgyong", "Hoeryong"),
        ("arrest", "2023-04", "North Hamgyong", "Musan"),
    ]


def test_north_korean_spellings_and_more_sentence_words() -> None:
    assert [t for t, *_ in _read("지난달 혜산시에서 주민 2명이 로동교화형을 받았다.")] == ["detention"]
    assert [t for t, *_ in _read("지난달 혜산시에서 밀수꾼 2명이 보안원에게 붙들렸다.")] == ["arrest"]
    assert [t for t, *_ in _read("지난달 청진시에서 한 청년이 노동단련형 6개월을 받았다.")] == ["detention"]


def test_not_knowing_where_is_no_speculation_but_might_be_is() -> None:
    text = "평양에서 지난 4월 한 간부가 부정부패 혐의로 체포된 뒤 연락이 끊겼고 가족들도 어디로 갔는지 모른다."
    assert [t for t, *_ in _read(text)] == ["arrest"]
    assert _read("지난달 혜산시에서 밀수꾼들이 체포될지도 모른다.") == []
