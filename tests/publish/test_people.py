"""Named and described people in news-style sentences written for these tests, and the false readings fixed."""

from __future__ import annotations

from casework.publish import assess_risk
from casework.publish.people import detect_named_people


def _spans(text: str) -> list[tuple[str, str]]:
    return [(s.kind, s.risk) for s in assess_risk(text).spans]


def _named(text: str) -> list[tuple[str, str]]:
    return [(f.cue.name, f.cue.risk) for f in detect_named_people(text)]


def test_a_surname_with_an_age_band_is_one_person_whoever_they_are() -> None:
    text = "Agents held a man in his thirties, identified only by his family name of Choe, in Kilju last month."
    assert _named(text) == [("named_person_age", "high")]
    assert assess_risk(text).risk == "high"
    assert _named("Guards beat a prisoner surnamed Yang, 52, until he fainted.") == [("named_person_age", "high")]


def test_korean_surname_forms_with_an_age() -> None:
    assert _named("보위부는 지난달 무산군에서 40대 김모씨를 붙잡았다.") == [("named_person_age", "high")]
    assert _named("군 보위부는 박 모(30대·남) 씨를 연행했다.") == [("named_person_age", "high")]
    assert _named("보안서는 B(52·여)씨 등 5명을 구류장에 가뒀다.") == [("named_person_age", "high")]
    assert _named("'춘옥'이라는 이름의 여성은 열 살 때 중국으로 건너갔다.") == [("named_person_age", "high")]


def test_a_rank_and_a_name_with_an_age() -> None:
    assert _named("Sergeant Ri Chol-ho, 24, was court-martialled in Kanggye.") == [("named_person_age", "high")]
    assert _named("경비대 소속 한모 중사가 총살됐다.") == [("named_person_age", "high")]


def test_a_name_with_only_a_town_or_a_trade_is_medium() -> None:
    assert _named("A herbalist known as Sunhui was taken from her home in Kilju.") == [("named_person_place", "medium")]
    assert _named("시장에서 장사하던 오씨는 무산군 보안서로 끌려갔다.") == [("named_person_place", "medium")]


def test_public_figures_and_names_without_details_are_not_flagged() -> None:
    assert _named("Kim Jong Un, 41, inspected a fish farm in Sinpo.") == []
    assert _named("The ministry named Choe Ryong as its new head.") == []
    assert _named("A man named Pak was mentioned in passing.") == []


def test_one_person_with_an_age_band_and_a_town() -> None:
    assert _named("회령시에 사는 50대 여성이 지난주 단속에 걸렸다.") == [("person_town_age", "medium")]
    assert _named("Police detained a woman in her forties from Musan at the station.") == [
        ("person_town_age", "medium")
    ]


def test_an_age_band_with_a_town_and_a_day_in_the_same_clause() -> None:
    assert _named("A tailor in his sixties was shot in Hyesan on October 3 before a crowd.") == [
        ("person_age_day", "medium")
    ]
    assert _named("지난 9일 청진시의 한 30대 남성이 체포됐다.") == [("person_age_day", "medium")]
    # the town belongs to someone else, in another clause
    assert _named("On May 2 a man in his fifties was hanged; a broker in Kilju was held the same week.") == []


def test_this_year_and_an_age_threshold_are_not_ages() -> None:
    assert "age" not in {k for k, _ in _spans("한 소식통은 올해 1월 국경 경비가 강화됐다고 말했다.")}
    assert "age" not in {k for k, _ in _spans("소식통은 7세 미만 아이들도 함께 붙잡혔다고 전했다.")}
    assert "age" in {k for k, _ in _spans("소식통은 올해 마흔둘이다.")}


def test_a_phone_the_victims_were_caught_with_is_not_the_source_channel() -> None:
    caught = "소식통은 중국 휴대폰으로 남한 가족과 통화하다 적발된 주민 두 명이 끌려갔다고 전했다."
    assert "contact_channel" not in {k for k, _ in _spans(caught)}
    ours = "소식통은 중국 손전화로 본지에 이 소식을 알려왔다."
    assert "contact_channel" in {k for k, _ in _spans(ours)}


def test_a_drama_plot_is_not_a_family_relation() -> None:
    assert "family_relation" not in {k for k, _ in _spans("Our source said the film follows her brother's escape.")}
    drama = "소식통은 그 드라마에서 자신의 아버지를 찾는 장면이 문제가 됐다고 전했다."
    assert "family_relation" not in {k for k, _ in _spans(drama)}
    assert "family_relation" in {k for k, _ in _spans("Our source said her brother was taken away.")}


def test_generic_law_is_not_one_case_file_and_executions_are_not_a_route() -> None:
    generic = "Our source, a clerk, said anyone caught can be sentenced to up to five years."
    assert "unique_event_role" not in {k for k, _ in _spans(generic)}
    assert "contact_channel" not in {k for k, _ in _spans("Our source said guards carried out executions at dawn.")}


def test_a_reporter_or_source_moving_about() -> None:
    assert ("other", "medium") in _spans("Our correspondent travelled to Hyesan last week and met traders.")
    assert ("other", "medium") in _spans("The source, who recently visited Pyongyang, said prices rose.")
    assert ("other", "medium") in _spans("최근 평양에 다녀온 소식통은 쌀값이 올랐다고 전했다.")
