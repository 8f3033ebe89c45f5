"""The gazetteer resolves every spelling to one canonical place, organ or site."""

from __future__ import annotations

import pytest

from casework.gazetteer import load_gazetteer
from casework.model import Place


@pytest.mark.parametrize("name", ["Hoeryong", "Hoeryŏng", "Hoeryeong", "회령", "회령시", "Hoeryong City", "HOERYONG"])
def test_spellings_of_hoeryong_resolve_to_one_place(name: str) -> None:
    assert load_gazetteer().resolve_place(name) == Place("North Hamgyong", "Hoeryong")


@pytest.mark.parametrize(
    ("name", "province"),
    [
        ("Musan County", "North Hamgyong"),
        ("Hyesan-si", "Ryanggang"),
        ("Manp'o", "Chagang"),
        ("Sinŭiju", "North Pyongan"),
    ],
)
def test_a_county_gives_its_province(name: str, province: str) -> None:
    assert load_gazetteer().province_of(name) == province


def test_provinces_are_the_twelve_canonical_names() -> None:
    assert sorted(load_gazetteer().provinces()) == sorted(
        [
            "North Hamgyong",
            "South Hamgyong",
            "Ryanggang",
            "Chagang",
            "North Pyongan",
            "South Pyongan",
            "North Hwanghae",
            "South Hwanghae",
            "Kangwon",
            "Pyongyang",
            "Rason",
            "Nampo",
        ]
    )


def test_find_places_gives_offsets_into_the_original_text() -> None:
    text = "Arrests in P’yŏngyang and in Hoeryŏng City, North Hamgyong Province."
    matches = load_gazetteer().find_places(text)
    assert [m.text for m in matches] == ["P’yŏngyang", "Hoeryŏng City", "North Hamgyong Province"]
    assert all(text[m.start : m.end] == m.text for m in matches)
    assert [m.province for m in matches] == ["Pyongyang", "North Hamgyong", "North Hamgyong"]


def test_korean_short_names_need_context() -> None:
    gazetteer = load_gazetteer()
    assert gazetteer.find_places("대동 사람들이 신천에서") == []
    places = gazetteer.find_places("함경북도 회령에서 잡혔다. 회령 주민들은")
    assert [m.county_or_city for m in places] == [None, "Hoeryong", "Hoeryong"]


def test_lowercase_words_are_not_place_names() -> None:
    assert load_gazetteer().find_places("the musan mine") == []


def test_ambiguous_county_name_needs_its_province() -> None:
    gazetteer = load_gazetteer()
    assert gazetteer.resolve_place("Unsan") is None
    places = gazetteer.find_places("in Unsan, North Pyongan")
    assert places[0].admin_id.startswith("KP-03")


def test_organ_names_over_time_resolve_to_one_perpetrator() -> None:
    gazetteer = load_gazetteer()
    for name in ["Ministry of State Security", "State Security Department", "bowibu", "보위부", "국가보위성"]:
        assert [m.perpetrator for m in gazetteer.find_organs(name)] == ["Ministry of State Security"], name
    for name in ["People's Security Bureau", "police", "보안서", "안전부"]:
        assert [m.perpetrator for m in gazetteer.find_organs(name)] == ["Ministry of Social Security"], name


def test_mss_is_resolved_by_context_or_left_open() -> None:
    gazetteer = load_gazetteer()
    assert gazetteer.find_organs("The MSS took him.")[0].perpetrator is None
    assert gazetteer.find_organs("The MSS took him.", year=2017)[0].perpetrator == "Ministry of State Security"
    assert gazetteer.find_organs("The police, the MSS, took him.")[1].perpetrator == "Ministry of Social Security"
    assert gazetteer.find_organs("The bowibu, the MSS, took him.")[1].perpetrator == "Ministry of State Security"


def test_detention_sites_are_found_with_their_place() -> None:
    sites = load_gazetteer().find_sites("He was sent to Jongo-ri, kyohwaso No. 12.")
    assert [s.site_id for s in sites] == ["kyohwaso-12", "kyohwaso-12"]
    assert sites[0].province == "North Hamgyong"


def test_population_and_coordinates() -> None:
    gazetteer = load_gazetteer()
    assert gazetteer.population("Hyesan") == 192680
    assert gazetteer.coordinates("North Hamgyong", "Hoeryong") == (42.514, 129.897)
    assert gazetteer.coordinates("Ryanggang", None) is not None
    assert gazetteer.coordinates(None, None) is None


def test_near_misses_repeated_many_times_match_by_word() -> None:
    from casework.gazetteer.names import NameIndex

    index = NameIndex(["hoeryong", "hoeryong city", "ho"])
    assert [m.key for m in index.finditer("hoeryong cit " * 3)] == ["hoeryong"] * 3
    assert sum(1 for _ in index.finditer("hoeryong cit" * 20_000)) == 1


def test_mention_names_follow_the_corpus_convention() -> None:
    gazetteer = load_gazetteer()
    assert gazetteer.resolve_place("Kim Jong-suk County") == Place("Ryanggang", "Kimjongsuk")
    assert gazetteer.resolve_place("Kimhyongjik") == Place("Ryanggang", "Kimhyongjik")
    assert gazetteer.find_places("in Unsan, South Pyongan")[0].county_or_city == "Unsan"
    assert gazetteer.coordinates("North Pyongan", "Unsan") != gazetteer.coordinates("South Pyongan", "Unsan")
