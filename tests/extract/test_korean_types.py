"""What a Korean clause states: the incident type, what is left out, and how the source knows.

The sentences are written for these tests in the styles of Korean reporting
(a reporter's phone source, a first-person account, a relayed story).
"""

from __future__ import annotations

from datetime import date

import pytest

from casework.extract.korean import extract_korean

RECEIVED = date(2023, 5, 10)


def _types(text: str) -> list[str]:
    return [m.type for m in extract_korean(text, RECEIVED)]


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        ("소식통은 지난 3일 혜산시에서 주민 5명이 보위부에 연행됐다고 전했다.", "arrest"),
        ("지난달 회령시에서 청년 2명이 안전부에 끌려갔다.", "arrest"),
        ("그는 지난해 교화 5년을 받고 교화소로 갔다.", "detention"),
        ("지난 4월 온성군 주민 2명이 노동단련대로 보내졌다.", "detention"),
        ("지난 12일 신의주에서 밀수꾼 2명이 공개총살됐다.", "execution"),
        ("지난달 말 무산군에서 강을 건너던 남성이 국경경비대의 총에 맞아 숨졌다.", "execution"),
        ("지난달 청진에서 일가족 4명이 하룻밤 사이에 사라졌다.", "disappearance"),
        ("지난 18일 중국 공안이 탈북민 12명을 신의주로 넘겼다.", "forced_repatriation"),
        ("이달 초 탈북민 30여 명이 강제북송됐다.", "forced_repatriation"),
        ("보위부 구류장에서 보위원들이 밤새 구타했다.", "torture_or_ill_treatment"),
        ("지난달부터 만포시 농장원들이 모내기 전투에 동원되고 있다.", "forced_labour_or_mobilisation"),
        ("이달 초부터 보위부가 주민들의 손전화를 검열하고 있다.", "surveillance"),
        ("지난달부터 공장들이 노동자들에게 매달 중국돈 100원씩을 바치라고 강요하고 있다.", "extortion_or_bribery"),
        ("지난 14일 탈북자 가족 3명이 산골 마을로 추방됐다.", "punishment_of_family"),
        ("지난달 코로나 봉쇄 때 주민들은 집 밖에 한 발짝도 나가지 못했다.", "other"),
    ],
)
def test_each_type_has_its_cues(text: str, type_: str) -> None:
    assert _types(text) == [type_]


def test_the_main_predicate_names_the_incident() -> None:
    assert _types("지난 4월 주민 2명이 경비대에 붙잡혀 노동단련대로 보내졌다.") == ["detention"]
    assert _types("지난달 돈을 못 낸 노동자들은 동원에 끌려갔다.") == ["forced_labour_or_mobilisation"]


@pytest.mark.parametrize(
    "text",
    [
        "보위부가 밤에 데려간 것으로 다들 짐작한다.",
        "노동단련대에 간 사람도 있다는 소문이 돈다.",
        "아무리 뇌물을 써도 이번에는 소용이 없다.",
        "문 밖에 나가면 잡아갔다.",
        "이번에는 중개인이 아니라 돈을 받은 가족을 먼저 잡아간 것이 이상하다.",
        "최근 쌀값이 6천원대 초반에 팔리고 있다.",
        "이 남성은 약을 몰래 팔았다는 혐의로 붙잡혔는데, 가족들은 걱정하고 있다.",
    ],
)
def test_speculation_conditions_background_and_market_news_are_not_incidents(text: str) -> None:
    assert _types(text) == []


def test_a_background_capture_with_its_own_time_is_its_own_arrest() -> None:
    text = "지난해 10월 중국 공안에 체포된 탈북민 20여 명이 지난달 초 신의주로 강제북송됐다."
    mentions = extract_korean(text, RECEIVED)
    assert sorted((m.type, m.date) for m in mentions) == [("arrest", "2022-10"), ("forced_repatriation", "2023-04")]
    arrest = next(m for m in mentions if m.type == "arrest")
    assert arrest.place.province is None and arrest.perpetrator == "Chinese public security"


def test_clauses_about_one_incident_are_merged_and_the_crowd_made_to_watch_is_its_own_mobilisation() -> None:
    text = (
        '양강도 소식통은 "지난 12일 혜산 비행장 옆에서 남성 2명이 공개총살됐다"고 전했다. '
        "도 보안국은 공개재판을 열고 곧바로 총살을 집행했다. 노동자들과 학생들까지 모두 동원돼 지켜봐야 했다."
    )
    mentions = extract_korean(text, date(2015, 11, 14))
    assert [(m.type, m.date, m.place.county_or_city, m.victims.count) for m in mentions] == [
        ("execution", "2015-11-12", "Hyesan", 2),
        ("forced_labour_or_mobilisation", "2015-11-12", "Hyesan", None),
    ]
    assert mentions[0].perpetrator == "Ministry of Social Security"
    assert len([e for e in mentions[0].evidence if e.field == "incident"]) == 2


def test_holding_people_in_north_korea_is_a_detention_and_abroad_part_of_the_arrest() -> None:
    text = "지난 12일 만포시 주민 3명이 보위부에 붙잡혔다. 소식통은 이들이 만포시 보위부 구류장에 갇혀 있다고 덧붙였다."
    assert _types(text) == ["arrest", "detention"]
    text = "지난 2일 중국 공안이 선양에서 탈북민 4명을 체포했다. 이들은 단둥으로 이송돼 변방구류소에 갇혀 있다."
    assert _types(text) == ["arrest"]


def test_reporter_style_is_unknown_and_rumour_is_second_hand() -> None:
    text = (
        '자강도 소식통은 7일 "지난달 말 강계시에서 30대 남성이 공개총살됐다"고 전했다. '
        '이어 "처형된 남성의 가족도 곧바로 어디론가 추방됐다는 말이 있다"고 전했다.'
    )
    relations = {m.type: m.relation for m in extract_korean(text, date(2021, 10, 8))}
    assert relations == {"execution": "unknown", "punishment_of_family": "second-hand"}


def test_first_person_account_is_first_hand_and_hearsay_second_hand() -> None:
    text = (
        "조카와 연락이 닿았는데 조카가 이야기를 들려줬다. "
        "작년 8월 무산에서 40대 남자가 경비대 총에 맞아 죽었다고 한다. "
        "2019년 봄 내가 강을 건널 때는 국경경비대 소대장에게 중국돈 5천원을 주고서야 건널 수 있었다."
    )
    relations = {m.type: m.relation for m in extract_korean(text, date(2021, 1, 20))}
    assert relations == {"execution": "second-hand", "extortion_or_bribery": "first-hand"}


def test_fields_are_canonical_and_dates_never_invent_a_day() -> None:
    text = '함경북도 소식통은 "지난달 말에 회령시 청년 3명이 안전부에 끌려갔다"고 전했다.'
    (mention,) = extract_korean(text, date(2025, 3, 5))
    assert (mention.date, mention.date_precision, mention.date_text) == ("2025-02", "month", "지난달 말")
    assert (mention.place.province, mention.place.county_or_city) == ("North Hamgyong", "Hoeryong")
    assert mention.perpetrator == "Ministry of Social Security"
    assert (mention.victims.count, mention.victims.count_text) == (3, "청년 3명")


def test_header_block_is_skipped_and_its_received_date_used() -> None:
    header = "received: 2016-06-24\nchannel: phone\nsource: SRC-99\n\n"
    text = header + '양강도 소식통은 "지난 14일 주민 3명이 체포됐다"고 전했다.\n'
    (mention,) = extract_korean(text, None)
    assert mention.date == "2016-06-14"
    assert all(text[e.start : e.end] == e.text for e in mention.evidence)
    assert min(e.start for e in mention.evidence) > text.index("\n\n")


def test_empty_body_has_no_mentions() -> None:
    assert extract_korean("received: 2020-01-01\n\n   \n", None) == []


@pytest.mark.parametrize(
    "text",
    ["올해는 아직 공개처형이 없었다.", "지난달 주민 2명이 체포되지 않았다.", "지난달 보위부는 아무도 체포하지 못했다."],
)
def test_denied_incidents_are_not_incidents(text: str) -> None:
    assert _types(text) == []


def test_a_bare_linked_clause_adds_to_the_incident_already_told() -> None:
    text = (
        '함경북도 소식통은 "이달 중순 회령시 강변에서 공개 총살이 있었다"고 알려왔다. '
        "소식통에 따르면 마약을 밀수한 죄로 남성 2명이 총살되었으며, 주민들이 모두 동원되었다."
    )
    mention, crowd = extract_korean(text, date(2023, 3, 24))
    assert (mention.type, mention.date, mention.victims.count) == ("execution", "2023-03", 2)
    assert (crowd.type, crowd.date) == ("forced_labour_or_mobilisation", "2023-03")


def test_reported_as_is_stated() -> None:
    assert _types("혜산시 주민 3명이 보위부에 체포된 것으로 알려졌다.") == ["arrest"]


def _brief(text: str, received: date = RECEIVED) -> list[tuple[str, str | None, str | None, int | None]]:
    return [(m.type, m.date, m.place.province, m.victims.count) for m in extract_korean(text, received)]


def test_counts_per_province_in_one_sentence_are_separate_incidents() -> None:
    text = "소식통은 지난달 함경북도에서 3명, 량강도에서 5명이 국경을 넘다 체포됐다고 전했다."
    assert _brief(text) == [("arrest", "2023-04", "North Hamgyong", 3), ("arrest", "2023-04", "Ryanggang", 5)]


def test_counts_in_one_province_stay_one_incident() -> None:
    text = "지난달 혜산시에서 여성 4명과 남성 2명이 보위부에 체포됐다."
    assert [m.type for m in extract_korean(text, RECEIVED)] == ["arrest"]


def test_sentences_handed_down_at_one_trial_are_one_incident_each() -> None:
    text = "지난 2일 청진시 공개재판에서 2명에게는 총살형이, 3명에게는 교화 10년형이 선고됐다."
    assert _brief(text) == [
        ("execution", "2023-05-02", "North Hamgyong", 2),
        ("detention", "2023-05-02", "North Hamgyong", 3),
    ]


def test_a_chain_of_predicates_with_their_own_counts_tells_several_incidents() -> None:
    text = "당국은 지난 3일 회령시에서 밀수꾼 1명을 공개처형하고 12명을 노동단련대형에 처했다."
    assert _brief(text) == [
        ("execution", "2023-05-03", "North Hamgyong", 1),
        ("detention", "2023-05-03", "North Hamgyong", 12),
    ]


def test_a_crowd_made_to_watch_in_the_same_clause_is_a_mobilisation() -> None:
    text = "지난 9일 혜산시 장마당 주민 수천 명이 지켜보는 가운데 남성 1명이 공개처형됐다."
    assert [m.type for m in extract_korean(text, RECEIVED)] == ["execution", "forced_labour_or_mobilisation"]


def test_the_offence_a_person_is_accused_of_is_not_the_violation() -> None:
    text = "지난 2일 회령시에서 경비원을 폭행한 혐의로 남성 1명이 체포됐다."
    assert [m.type for m in extract_korean(text, RECEIVED)] == ["arrest"]


def test_an_imminent_or_planned_repatriation_has_not_happened() -> None:
    assert _types("중국에서 붙잡힌 탈북민 5명이 강제북송 위기에 처했다.") == []
    assert _types("공안은 이들을 다음 주에 북송할 예정이라고 밝혔다.") == []


def test_relatives_held_for_another_person_are_a_punishment_of_the_family() -> None:
    text = "지난달 탈북한 박씨의 아내와 두 아들은 보위부 구류장에 구류되어 조사를 받고 있다."
    assert _types(text) == ["punishment_of_family"]
    assert _types("탈북자 가족에 따르면 지난 3일 남성 2명이 보위부 구류장에 갇혔다.") == ["detention"]


def test_a_public_trial_is_other_unless_its_outcome_is_told() -> None:
    assert _types("지난 4일 온성군에서 주민 5명에 대한 공개재판이 열렸다.") == ["other"]
    text = "지난 4일 온성군에서 공개재판이 열렸다. 재판에서 남성 1명이 교화 15년형을 선고받았다."
    assert _types(text) == ["detention"]


def test_another_group_told_with_also_is_another_incident() -> None:
    text = "지난달 혜산시에서 보위부가 밀수꾼 5명을 체포했다. 보위부는 마약을 판 주민 20여 명도 잡아들였다."
    assert [m.victims.count for m in extract_korean(text, RECEIVED)] == [5, 20]


def test_a_rumoured_punishment_is_not_an_incident() -> None:
    assert _types("회령시에서는 붙잡힌 주민들을 총살한다는 이야기가 나돌고 있다.") == []


def test_an_incident_said_to_have_happened_is_stated() -> None:
    assert _types("지난 7일 무산군에서 강을 건너던 주민 1명이 사살되는 사건이 발생했다.") == ["execution"]


def test_incidents_told_in_passing_or_years_earlier_are_background() -> None:
    text = (
        "지난 3일 혜산시에서 주민 2명이 보위부에 체포됐다. "
        "보위부는 2019년 5월 탈북자 가족 4명을 체포했을 때에도 같은 방법을 썼다."
    )
    assert [(m.type, m.main) for m in extract_korean(text, RECEIVED)] == [("arrest", True), ("arrest", False)]


def test_the_sources_own_location_is_not_the_incidents_place() -> None:
    text = (
        "북한 자강도 보위부가 탈북자 가족들을 매일 감시하고 있다. "
        '평안북도 소식통은 "보위부원들이 탈북자 가족의 집을 수시로 수색하고 있다"고 전했다.'
    )
    assert [m.place.province for m in extract_korean(text, RECEIVED)] == ["Chagang"]


def test_the_sources_location_is_the_last_resort() -> None:
    text = '량강도 소식통은 10일 "최근 보위부가 손전화 사용자들에 대한 감시를 강화하고 있다"고 말했다.'
    assert [m.place.province for m in extract_korean(text, RECEIVED)] == ["Ryanggang"]


def test_a_saying_reported_as_rumour_is_not_an_incident() -> None:
    assert _types("주민들 사이에서는 '재판받은 사람들의 가족을 모두 추방한다'는 소문이 돌고 있다.") == []


def test_held_in_china_is_the_arrest_and_a_transfer_within_china_no_repatriation() -> None:
    text = (
        "지난 5일 중국 공안이 선양에서 탈북민 6명을 체포했다. "
        "이들 중 3명은 투먼 수용소로 이송됐고 나머지는 옌지로 송환됐다."
    )
    assert _types(text) == ["arrest"]
