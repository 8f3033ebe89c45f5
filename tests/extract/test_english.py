"""English extraction on short texts written for these tests."""

from __future__ import annotations

from datetime import date

from casework.extract import extract_mentions

HEADER = "received: 2020-06-18\nchannel: phone\nsource: SRC-99\n\n"


def test_header_is_skipped_and_its_received_date_used() -> None:
    text = HEADER + "A source in Ryanggang told us that police arrested three men in Hyesan on the 6th."
    (mention,) = extract_mentions(text)
    assert mention.type == "arrest"
    assert (mention.date, mention.date_precision) == ("2020-06-06", "day")
    assert (mention.place.province, mention.place.county_or_city) == ("Ryanggang", "Hyesan")
    assert mention.perpetrator == "Ministry of Social Security"
    assert (mention.victims.count, mention.victims.count_text) == (3, "three men")
    fields = {span.field for span in mention.evidence}
    assert {"incident", "type", "date", "place", "perpetrator", "victims"} <= fields
    assert all(text[s.start : s.end] == s.text for s in mention.evidence)


def test_reporting_date_is_not_the_incident_date() -> None:
    text = "A source told us on June 17 that the bowibu arrested a woman in Musan in late May."
    (mention,) = extract_mentions(text, date(2020, 6, 18))
    assert mention.date == "2020-05" and mention.date_text.endswith("late May")


def test_negated_and_speculative_statements_are_not_mentions() -> None:
    assert extract_mentions("Nobody was arrested in Hyesan this year.", date(2020, 6, 18)) == []
    assert extract_mentions("People believe she is held by the bowibu in Rason.", date(2020, 6, 18)) == []


def test_passing_reference_is_not_a_mention() -> None:
    text = "Since the arrests, residents in Hoeryong stay indoors."
    assert extract_mentions(text, date(2020, 6, 18)) == []


def test_first_hand_account_in_an_interview() -> None:
    text = "received: 2021-01-10\nchannel: interview\nsource: SRC-98\n\nIn 2017 the police in Wonsan arrested me."
    (mention,) = extract_mentions(text)
    assert mention.relation == "first-hand" and mention.date == "2017"


def test_korean_goes_to_the_korean_extractor_or_yields_nothing() -> None:
    result = extract_mentions("보위부가 회령시에서 주민 3명을 체포했다.", date(2020, 6, 18), language="ko")
    assert isinstance(result, list)


def test_a_practice_told_in_the_present_passive_is_not_an_incident() -> None:
    received = date(2021, 4, 2)
    assert extract_mentions("Those who are caught crossing the river are sent to labour camps.", received) == []
    text = "Deserters are branded traitors and executed, and their parents are banished to the mountains."
    assert extract_mentions(text, received) == []
    told = extract_mentions("Two deserters were executed in Kanggye last week, and others are sent away.", received)
    assert [m.type for m in told] == ["execution"]


def test_goods_that_disappear_from_markets_are_not_a_disappearance() -> None:
    text = "With the border closed, sugar has all but disappeared from the markets of Hyesan."
    assert extract_mentions(text, date(2021, 4, 2)) == []


def test_a_cue_in_a_relative_clause_does_not_take_the_main_clause_date() -> None:
    text = (
        "\nPolice arrested a teacher in Hyesan in February.\n\n"
        "A court in Hyesan sentenced the teacher, who was arrested at a checkpoint, to ten years on March 3.\n"
    )
    mentions = extract_mentions(text, date(2021, 4, 2))
    assert sorted((m.type, m.date) for m in mentions) == [("arrest", "2021-02"), ("detention", "2021-03-03")]


def test_a_report_takes_the_most_precise_date_and_place_its_story_reaches() -> None:
    text = (
        "\nFive smugglers were arrested near the river, a reporting partner said.\n\n"
        "The raid took place on May 9, in a village in Ryanggang Province's Pochon County. "
        "All five men arrested are farmers.\n"
    )
    (mention,) = extract_mentions(text, date(2021, 6, 1))
    assert (mention.type, mention.date) == ("arrest", "2021-05-09")
    assert (mention.place.province, mention.place.county_or_city) == ("Ryanggang", "Pochon")


def test_abbreviated_months_give_a_day_and_do_not_end_the_sentence() -> None:
    text = "An agent came to the home of a trader in Sinuiju on Feb. 9 and demanded a bribe of 500 yuan."
    (mention,) = extract_mentions(text, date(2022, 3, 15))
    assert (mention.type, mention.date) == ("extortion_or_bribery", "2022-02-09")
    assert mention.evidence[0].text.startswith("An agent came")


def test_the_charge_against_a_victim_is_not_an_incident_of_its_own() -> None:
    text = "Police in Hyesan arrested a teacher in May and charged her with bribing a border guard."
    assert [m.type for m in extract_mentions(text, date(2022, 6, 1))] == ["arrest"]


def test_what_people_could_face_is_a_prospect_in_every_clause_after_it() -> None:
    text = "Guards in Laos sent back nine defectors in May, and they could face prison, beatings, or execution."
    assert [m.type for m in extract_mentions(text, date(2022, 6, 1))] == ["forced_repatriation"]


def test_detained_with_no_place_of_holding_or_length_is_an_arrest() -> None:
    told = extract_mentions("A driver was detained by police in Musan in April.", date(2022, 6, 1))
    assert [m.type for m in told] == ["arrest"]
    text = "A driver was detained for three weeks at a holding centre in Musan in April."
    assert "detention" in {m.type for m in extract_mentions(text, date(2022, 6, 1))}


def test_a_report_counts_the_crowd_made_to_watch_an_execution_as_mobilisation() -> None:
    text = "\nThousands of residents were forced to watch as two smugglers were executed in Hyesan in May.\n"
    assert sorted(m.type for m in extract_mentions(text, date(2022, 6, 1))) == [
        "execution",
        "forced_labour_or_mobilisation",
    ]
    testimony = HEADER + "Thousands of residents were forced to watch as two smugglers were executed in Hyesan."
    assert [m.type for m in extract_mentions(testimony)] == ["execution"]


def test_a_report_back_reference_gives_its_place_to_the_incident_told_before() -> None:
    text = (
        "\nTwo traders were publicly executed, a source said.\n\n"
        "The executions took place in Hoeryong, a source in the province added.\n"
    )
    (mention,) = extract_mentions(text, date(2022, 6, 1))
    assert (mention.type, mention.place.county_or_city) == ("execution", "Hoeryong")
    assert extract_mentions("\nThe executions took place in Hoeryong.\n", date(2022, 6, 1)) == []


def test_the_crime_a_man_was_caught_at_is_not_a_second_incident() -> None:
    text = "\nA man caught smuggling copper was publicly executed in Sinuiju in May.\n"
    assert [m.type for m in extract_mentions(text, date(2022, 6, 1))] == ["execution"]


def test_a_report_counts_what_its_quoted_source_tells() -> None:
    quote = '"Traders were arrested at the market again," a reporting partner said.'
    assert [m.type for m in extract_mentions("\n" + quote + "\n", date(2022, 6, 1))] == ["arrest"]
    assert extract_mentions(HEADER + quote) == []
