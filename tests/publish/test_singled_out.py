"""People a report singles out without naming them, in sentences written for these tests."""

from __future__ import annotations

from casework.publish import assess_risk
from casework.publish.people import detect_named_people
from casework.publish.singled_out import detect_singled_out


def _found(text: str) -> list[tuple[str, str]]:
    return [(f.cue.name, text[f.start : f.end]) for f in detect_singled_out(text)]


def _named(text: str) -> list[str]:
    return [f.cue.name for f in detect_named_people(text)]


def test_a_few_people_of_one_neighbourhood_on_one_day() -> None:
    assert _found("Two women of Songhu-dong were detained on the 4th.") == [
        ("few_of_neighbourhood", "Two women of Songhu-dong")
    ]
    assert _found("지난 3일 연봉동 주민 2명이 체포됐다.") == [("few_of_neighbourhood", "연봉동 주민 2명")]
    assert assess_risk("보안원들은 5일 저녁 성후동 남자 1명과 여자 1명을 연행했다.").risk == "medium"


def test_a_neighbourhood_without_a_day_or_with_a_crowd_is_not_flagged() -> None:
    assert _found("Two women of Songhu-dong were detained last year.") == []
    assert _found("지난 3일 연봉동 주민 수십 명이 동원됐다.") == []
    # words that merely end like a neighbourhood
    assert _found("지난 3일 노동 주민 2명이 모였다.") == []


def test_a_resident_of_a_named_town_with_family_in_the_south() -> None:
    assert _found("무산군에 사는 주민이 한국에 있는 가족과 통화하다 붙잡혔다.") == [
        ("resident_family_abroad", "무산군에 사는 주민")
    ]
    assert _found("A resident of Musan who phoned her daughter in Seoul was arrested.") == [
        ("resident_family_abroad", "A resident of Musan")
    ]
    # residents in general, or a town that is not one
    assert _found("무산군에 사는 주민들이 한국에 있는 가족과 통화하다 붙잡혔다.") == []
    assert _found("A resident of Nowhereville who phoned his son in Seoul was arrested.") == []


def test_one_household_an_official_keeps_visiting() -> None:
    assert [name for name, _ in _found("한 탈북자 가정에 보위지도원이 자주 찾아온다.")] == ["household_visited"]
    assert [name for name, _ in _found("A security agent visits one defector family every week.")] == [
        "household_visited"
    ]
    assert _found("Security agents visited defector families across the province.") == []


def test_a_drama_plot_singles_out_no_one() -> None:
    assert _found("In the drama, an agent visits one family every week.") == []


def test_a_person_introduced_in_one_sentence_and_described_in_the_next() -> None:
    assert "named_person_age" in _named("A man surnamed Ri was arrested in Hoeryong. He is 52 and worked at the port.")
    assert _named("A woman in her 40s was detained last week. She lived in Hyesan.") == ["person_town_age"]
    assert _named("40대 여성이 체포됐다. 이 여성은 혜산시에 살았다.") == ["person_town_age"]
    # the next sentence is about someone else, or gives nothing
    assert _named("A woman in her 40s was detained last week. Officials lived in Hyesan.") == []
    assert _named("A man named Pak was mentioned in passing. He said nothing.") == []


def test_an_exact_age_with_a_town() -> None:
    assert _named("A 34-year-old woman from Hyesan was executed.") == ["person_town_age"]
    assert _named("혜산시에 사는 34세 여성이 처형됐다.") == ["person_town_age"]
    assert _named("A 30-year-old man in China was caught.") == []


def test_an_age_with_where_the_person_lives_or_works() -> None:
    assert _named("A woman in her 40s who worked at the market in Hyesan was arrested.") == ["person_town_age"]
    assert _named("혜산시에서 장사하는 40대 여성이 체포됐다.") == ["person_town_age"]
    assert _named("A 34-year-old woman was arrested. She worked at a textile mill in Hyesan.") == ["person_town_age"]
    assert _named("A man in his 30s who worked in China was arrested.") == []
