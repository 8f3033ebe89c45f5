"""Re-reports: which outlet a published report credits for its story (sentences written for these tests)."""

from __future__ import annotations

import pytest

from casework.intake.attribution import canonical_outlet, credited_outlet, credited_outlets


@pytest.mark.parametrize(
    ("text", "own", "origin"),
    [
        ("Two traders were detained in Hyesan last week, Daily NK reported on Monday.", "The Times", "Daily NK"),
        ("According to RFA, police searched every house in the district.", "Toronto Sun", "Radio Free Asia"),
        ("A source in Ryanggang told Radio Free Asia's Korean Service that ten were held.", None, "Radio Free Asia"),
        ("SEOUL (Reuters) - A court sentenced three men to labour camps.", "Taipei Times", "Reuters"),
        ("Three men were shot at the border (Yonhap).", "Metro", "Yonhap"),
        ("자유아시아방송에 따르면 보위부가 주민 5명을 체포했다.", "뉴스핌", "Radio Free Asia"),
        ("주민 3명이 공개처형됐다고 북한 전문매체 데일리NK가 2일 보도했다.", "서울신문", "Daily NK"),
        ("(서울=연합뉴스) 국경에서 탈북민 2명이 붙잡혔다.", "세계일보", "Yonhap"),
        ('양강도 소식통은 3일 데일리NK에 "보안서가 단속을 벌였다"고 말했다.', "북한개혁방송", "Daily NK"),
        ("미국 자유아시아방송(RFA)이 소식통을 인용해 5일 보도했다.", "헤럴드경제", "Radio Free Asia"),
    ],
)
def test_a_re_report_credits_its_origin(text: str, own: str | None, origin: str) -> None:
    assert credited_outlet(text, own) == origin


@pytest.mark.parametrize(
    ("text", "own"),
    [
        ("A source in North Hamgyong told Daily NK on Friday that two women were arrested.", "Daily NK"),
        ("소식통은 데일리NK와의 통화에서 보위부가 단속했다고 전했다.", "데일리NK"),
        ("Police arrested four people in Chongjin, a source said.", "NK News"),
        ("State media called the defectors puppets of South Chosun.", "The Guardian"),
        ("A photo released by KCNA (KCNA) shows soldiers at the border.", "The Sun"),
        ("The radio drama was about an apple orchard.", None),
    ],
)
def test_an_original_report_credits_no_one(text: str, own: str | None) -> None:
    assert credited_outlets(text, own) == []


def test_the_outlet_credited_most_is_the_origin() -> None:
    text = (
        "Leaders met in Hanoi, the New York Times reported. Two fortune tellers were shot in Chongjin, "
        "according to RFA. A source told RFA the crowd was forced to watch; RFA reported more arrests."
    )
    assert credited_outlet(text, "Inquisitr") == "Radio Free Asia"


def test_outlet_names_are_canonical_across_spellings_and_scripts() -> None:
    assert canonical_outlet("DailyNK") == canonical_outlet("데일리NK") == "Daily NK"
    assert canonical_outlet("자유아시아방송 (RFA 한국어)") == "Radio Free Asia"
    assert canonical_outlet("The Guardian (DailyNK report)") == "The Guardian"
    assert canonical_outlet("Whitsunday Times") == "Whitsunday Times"
    assert canonical_outlet("  ") is None


def test_an_aside_about_another_outlets_story_is_no_credit() -> None:
    text = "Police detained two smugglers in Sinuiju, a source said. Meanwhile, RFA reported floods in Hyesan."
    assert credited_outlet(text, "Example Post") is None
