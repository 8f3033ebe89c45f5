"""English extraction on news-style reports: how the genre states time, place and attribution.

The reports here are written for these tests (a leading blank line: no header, so a report).
"""

from __future__ import annotations

from datetime import date

from casework.extract import extract_mentions

PUBLISHED = date(2022, 6, 15)


def _report(*paragraphs: str) -> str:
    return "\n" + "\n\n".join(paragraphs) + "\n"


def test_recently_leaves_the_date_open() -> None:
    text = _report(
        "A trader was arrested in Hyesan in early May, a source said.",
        '"She was recently sent to a labour camp," the source added.',
    )
    told = {m.type: m for m in extract_mentions(text, PUBLISHED)}
    assert told["arrest"].date == "2022-05"
    assert told["detention"].date is None


def test_what_is_still_to_come_does_not_date_the_story() -> None:
    text = _report(
        "Last month, hundreds of students were mobilised to build apartments in Samjiyon.",
        "The leader will meet foreign envoys later this month.",
        "Activists say such mobilisations amount to forced labour.",
    )
    (mention,) = extract_mentions(text, PUBLISHED)
    assert (mention.type, mention.date) == ("forced_labour_or_mobilisation", "2022-05")


def test_a_report_keeps_an_arrest_abroad_told_in_the_pluperfect() -> None:
    text = _report("Twelve refugees who had been arrested in China were repatriated last week, a group said.")
    assert sorted(m.type for m in extract_mentions(text, PUBLISHED)) == ["arrest", "forced_repatriation"]


def test_the_crowd_made_to_watch_takes_the_place_of_the_execution() -> None:
    text = _report(
        "Thousands of residents were forced to watch as two smugglers were executed, a source said.",
        "The executions took place in Hoeryong last month.",
    )
    places = {m.type: m.place.county_or_city for m in extract_mentions(text, PUBLISHED)}
    assert places == {"execution": "Hoeryong", "forced_labour_or_mobilisation": "Hoeryong"}


def test_a_report_is_set_where_its_story_first_names_a_place() -> None:
    text = _report(
        "Thousands of workers traveled to the mountain town of Samjiyon in January.",
        "Defectors say the mobilisation of young workers is a form of forced labour.",
    )
    (mention,) = extract_mentions(text, PUBLISHED)
    assert (mention.place.province, mention.place.county_or_city) == ("Ryanggang", "Samjiyon")


def test_what_a_victim_was_punished_for_is_not_a_violation() -> None:
    text = _report("A border guard was executed in Hyesan in May for taking bribes from smugglers, a source said.")
    assert [m.type for m in extract_mentions(text, PUBLISHED)] == ["execution"]
    charged = _report("Police charged the broker with passing on information in return for money, the source said.")
    assert extract_mentions(charged, PUBLISHED) == []
    resumed = _report("The guard was accused of spying and was then sent to a prison camp in Hoeryong.")
    assert [m.type for m in extract_mentions(resumed, PUBLISHED)] == ["detention"]


def test_a_rule_for_anyone_is_not_an_incident() -> None:
    text = _report("The regime pressed China to repatriate anyone caught crossing the river, activists said.")
    assert extract_mentions(text, PUBLISHED) == []


def test_news_words_for_holding_and_questioning() -> None:
    told = {
        "She has been in custody since March, a source in Ryanggang said.": "detention",
        "The two traders were confined in a holding facility in Musan in April.": "detention",
        "He is serving a ten-year sentence at a prison in Chongjin.": "detention",
        "Six residents remain under investigation by local police in Onsong.": "arrest",
        "Residents were gathered to watch the trial of two smugglers in May.": "forced_labour_or_mobilisation",
        "The diplomat was made to confess his crimes on state television in May.": "other",
    }
    for sentence, kind in told.items():
        assert [m.type for m in extract_mentions(_report(sentence), PUBLISHED)] == [kind], sentence


def test_a_trial_that_ended_in_an_execution_is_not_another_incident() -> None:
    text = _report(
        "A public trial was held at the stadium in Hyesan on May 3, a source said.",
        "Two smugglers were executed by firing squad after the trial.",
    )
    assert [m.type for m in extract_mentions(text, PUBLISHED)] == ["execution"]
    alone = _report("A public trial of three traders was held at the stadium in Hyesan on May 3, a source said.")
    assert [m.type for m in extract_mentions(alone, PUBLISHED)] == ["other"]


def test_places_spelt_in_ways_the_gazetteer_does_not_list() -> None:
    text = _report("A smuggler was arrested in Chungjin, North Hamkyung Province, in May.")
    (mention,) = extract_mentions(text, PUBLISHED)
    assert (mention.place.province, mention.place.county_or_city) == ("North Hamgyong", "Chongjin")
    (abroad,) = extract_mentions(_report("A trader was arrested in Central Park in May."), PUBLISHED)
    assert abroad.place.province is None


def test_executions_of_different_named_people_are_different_incidents() -> None:
    text = _report(
        "North Korea executed Pak Chol Min, a vice minister, a South Korean official said.",
        "Kim Jong Un also had Ri Song Gun executed for corruption, the official added.",
        "Pak was executed at a military academy.",
    )
    assert [m.type for m in extract_mentions(text, PUBLISHED)] == ["execution", "execution"]


def test_an_arrest_abroad_is_not_set_where_the_report_is() -> None:
    text = _report(
        "Police in Hyesan have stepped up patrols, a source said.",
        "Five women were arrested in and around Shenyang last month and repatriated.",
    )
    arrest = next(m for m in extract_mentions(text, PUBLISHED) if m.type == "arrest")
    assert arrest.place.province is None


def test_a_hard_wrapped_paragraph_is_story_not_headlines() -> None:
    text = (
        "\nPolice arrested three smugglers in Hyesan on May 3 and sent them\n"
        "to a labour training camp, a source in the province told reporters\n"
        "on Monday.\n"
    )
    assert sorted(m.type for m in extract_mentions(text, PUBLISHED)) == ["arrest", "detention"]


def test_the_border_region_is_not_abroad() -> None:
    text = _report(
        "Officials in the China-North Korea border region are extorting traders, a source said.",
        "An agent demanded USD 150 from a money changer in Sinuiju on May 6.",
    )
    (mention,) = extract_mentions(text, PUBLISHED)
    assert (mention.type, mention.date, mention.place.county_or_city) == ("extortion_or_bribery", "2022-05-06",
                                                                           "Sinuiju")  # fmt: skip


def test_two_days_are_two_incidents() -> None:
    text = _report(
        "An agent demanded a bribe of RMB 1,000 from a money changer in Sinuiju on May 6.",
        "On May 8, a remittance broker had to hand over his radio to a security agent.",
    )
    assert [m.date for m in extract_mentions(text, PUBLISHED)] == ["2022-05-06", "2022-05-08"]


def test_the_top_court_sits_in_the_capital() -> None:
    text = _report(
        "The Supreme Court sentenced a foreign tourist to ten years of hard labour on Wednesday.",
        "He was detained on January 2 as he tried to leave the country.",
    )
    assert {m.type: m.place.province for m in extract_mentions(text, PUBLISHED)} == {
        "detention": "Pyongyang",
        "arrest": "Pyongyang",
    }


def test_news_words_for_disappearance_and_holding() -> None:
    told = {
        "The woman has been missing since she crossed the river in March.": "disappearance",
        "Nobody knows what happened to the three men, a source said.": "disappearance",
        "A court in Hyesan handed the women prison terms of three years.": "detention",
        "She spent three months at a holding center in Musan.": "detention",
        "She ended up in a kyohwaso in Kaechon.": "detention",
    }
    for sentence, kind in told.items():
        assert kind in [m.type for m in extract_mentions(_report(sentence), PUBLISHED)], sentence
    found = _report("The missing men were found working on a farm; they had been missing for a month.")
    assert extract_mentions(found, PUBLISHED) == []


def test_a_year_that_names_a_thing_is_not_a_date() -> None:
    text = _report('"Repatriation is a path to torture," according to an exhaustive 2012 study of the camps.')
    assert all(m.date != "2012" for m in extract_mentions(text, PUBLISHED))
    dated = _report("In the year 2016 two smugglers were executed in Hyesan.")
    assert [m.date for m in extract_mentions(dated, PUBLISHED)] == ["2016"]


def test_the_next_day_is_still_the_same_incident() -> None:
    text = _report(
        "Laos deported nine refugees to China on May 27, a group said.",
        "They were repatriated to North Korea on May 28.",
    )
    assert [m.type for m in extract_mentions(text, PUBLISHED)] == ["forced_repatriation"]


def test_what_comes_before_a_late_attribution_is_told_too() -> None:
    text = _report(
        "A former minister was forced to work at a farm in Chagang Province, the source said, "
        "adding that his deputy was sent to a prison camp."
    )
    assert sorted(m.type for m in extract_mentions(text, PUBLISHED)) == ["detention", "forced_labour_or_mobilisation"]
    framed = _report("On Friday, a source in Hyesan said that police arrested two traders on Monday.")
    assert [m.date for m in extract_mentions(framed, PUBLISHED)] == ["2022-06-13"]


def test_where_one_named_person_was_sent_is_not_where_another_was() -> None:
    text = _report(
        'Pak Chol Min was reportedly subjected to "forced labour" in Chagang Province.',
        "Negotiator Ri Song Hui and an interpreter are said to have been sent to a political prison camp.",
    )
    places = {m.type: m.place.province for m in extract_mentions(text, PUBLISHED)}
    assert places == {"forced_labour_or_mobilisation": "Chagang", "detention": None}
