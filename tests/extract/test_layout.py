"""Page layout of published reports, and English extraction that leaves page furniture out.

The pages here are written for these tests.
"""

from __future__ import annotations

from datetime import date

from casework.extract import extract_mentions
from casework.extract.layout import read_layout

PAGE = (
    "received: 2021-03-20\n\n"
    "Police arrest three traders in Hyesan\n\n"
    "A market in Sinuiju, photographed in 2012. Photo: Example Agency\n\n"
    "SEOUL (Example) -- Police arrested three traders in Hyesan on March 3, a source in Ryanggang said.\n\n"
    "The three traders were caught selling Chinese phones in the town's market.\n\n"
    "Share\nAdvertisement\nRelated articles\n"
)


def test_lines_are_told_apart() -> None:
    body = PAGE.index("\n\n") + 2
    layout = read_layout(PAGE, body)
    assert [line.part for line in layout.lines] == [
        "headline", "caption", "story", "story", "furniture", "furniture", "furniture",
    ]  # fmt: skip
    ((start, end),) = layout.skipped
    assert PAGE[start:end].startswith("SEOUL (Example) --")


def test_a_testimony_is_all_story() -> None:
    text = "We were taken to the police station.\nThey kept us for two days.\n"
    assert {line.part for line in read_layout(text).lines} == {"story"}


def test_one_incident_from_headline_lead_and_body_without_the_caption() -> None:
    (mention,) = extract_mentions(PAGE)
    assert mention.type == "arrest" and mention.main
    assert (mention.date, mention.place.province, mention.place.county_or_city) == ("2021-03-03", "Ryanggang", "Hyesan")
    incident_spans = [span.text for span in mention.evidence if span.field == "incident"]
    assert len(incident_spans) == 3 and not any("Sinuiju" in text for text in incident_spans)
    assert all(PAGE[s.start : s.end] == s.text for s in mention.evidence)


def test_a_caption_year_is_not_stamped_on_the_story() -> None:
    page = (
        "A street in Hoeryong, photographed in 2015 by a partner.\n\n"
        "In late January, the police arrested a woman for using a Chinese phone, a source said.\n"
    )
    (mention,) = extract_mentions(page, date(2021, 2, 28))
    assert mention.date == "2021-01"
