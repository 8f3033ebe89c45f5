"""Victim counts: digits, words, ranges and vague quantities."""

from __future__ import annotations

import pytest

from casework.extract.counts import find_victims, parse_count


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("three young men", 3),
        ("a dozen smugglers", 12),
        ("about 30 people", 30),
        ("more than 100 residents", 100),
        ("five or six women", 5),
        ("several women", None),
        ("hundreds of people", None),
        ("a man", 1),
        ("a family of five", 5),
        ("a whole family", None),
        ("2,000 workers", 2000),
        ("about 40 of us", 40),
    ],
)
def test_count_phrases_normalise_as_the_guidelines_say(text: str, count: int | None) -> None:
    (match,) = find_victims(f"police took {text} away", offset=10)
    assert match.text == text and match.count == count
    assert match.start == 10 + len("police took ")


def test_parse_count_takes_the_lower_bound_of_a_range() -> None:
    assert parse_count("two or three") == 2
    assert parse_count("10 to 15") == 10


def test_numbers_that_are_not_people_are_not_counts() -> None:
    assert [m.text for m in find_victims("told us on March 15 that two men were shot")] == ["two men"]
    assert [m.count for m in find_victims("paid 3,000 yuan through a broker")] == [1]
    assert [m.count for m in find_victims("In 2019 a woman was held")] == [1]


def test_a_relative_is_one_victim() -> None:
    (match,) = find_victims("the police arrested my younger sister in Hyesan")
    assert (match.text, match.count) == ("my younger sister", 1)
