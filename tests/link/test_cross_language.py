"""Evidence that crosses languages without a lexicon: numbers and names, and words counted per testimony."""

from __future__ import annotations

from casework.link.concepts import concept_ids, name_keys, number_tokens


def test_numbers_are_the_same_tokens_in_english_and_korean() -> None:
    english = number_tokens("Two women in their 30s were given 15 years in 2021.")
    korean = number_tokens("30대 여성 두 명이 2021년 15년형을 받았다")
    assert english == korean == ["#15", "#2", "#30"]


def test_years_and_the_word_one_are_not_numbers() -> None:
    assert number_tokens("one of them was taken in 2019 and 1998") == []


def test_a_korean_name_and_its_romanised_spellings_share_a_key() -> None:
    korean = set(name_keys("보위부는 박영철을 체포했다"))
    for spelling in (
        "agents arrested Park Yong-chol",
        "agents arrested Pak Yong Chol",
        "agents arrested Bak Yeong-cheol",
    ):
        assert "~pakyonkcol" in set(name_keys(spelling)) & korean


def test_a_name_followed_by_a_particle_keeps_its_key() -> None:
    assert "~comin" in name_keys("조민이 처형됐다") and "~comin" in name_keys("They executed Jo Min.")


def test_a_sentence_start_alone_is_no_name() -> None:
    assert name_keys("Agents came at night.") == []


def test_new_concepts_are_shared_across_languages() -> None:
    english = concept_ids("a female fortune teller was shot for superstition")
    korean = concept_ids("미신 행위를 한 여성 점쟁이가 총살됐다")
    assert {"WOMEN", "SUPERSTITION"} <= set(english) & set(korean)
