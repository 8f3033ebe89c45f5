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
