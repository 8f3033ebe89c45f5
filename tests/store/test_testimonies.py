"""Intake, duplicates, versions, listing and reading of testimonies, on both backends."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from casework.errors import InputError, NotFoundError, StoreError
from casework.store import CaseStore


def with_header(body: str, **header: str) -> bytes:
    lines = [f"{k}: {v}" for k, v in header.items()]
    return (("\n".join(lines) + "\n\n") if lines else "").encode() + body.encode()


def test_add_and_read_back_exact_text(admin_store: CaseStore) -> None:
    admin_store.add_source("SRC-01")
    raw = with_header("A source in Hyesan told us on March 4 ...", received="2019-03-05", channel="phone")
    result = admin_store.add_testimony(raw, source="SRC-01", filename="t001.txt")
    assert result.testimony_id == "T-0001" and not result.duplicate
    testimony = admin_store.get_testimony("T-0001")
    assert testimony.text == raw.decode()
    assert testimony.sha256 == result.sha256
    assert testimony.received == date(2019, 3, 5) and testimony.channel == "phone"
    assert testimony.language == "en" and testimony.list_name == "desk" and testimony.filename == "t001.txt"


def test_arguments_win_over_header_and_korean_is_detected(admin_store: CaseStore) -> None:
    admin_store.add_source("SRC-02")
    raw = with_header("소식통에 따르면 보위부가 주민 3명을 체포했다.", channel="phone", list="partner-ngo")
    admin_store.add_testimony(raw, source="SRC-02", channel="letter")
    (info,) = admin_store.list_testimonies()
    assert (info.channel, info.language, info.list_name) == ("letter", "ko", "partner-ngo")


def test_same_bytes_twice_is_a_duplicate_and_adds_nothing(admin_store: CaseStore) -> None:
    admin_store.add_source("SRC-01")
    first = admin_store.add_testimony(b"the same words", source="SRC-01")
    again = admin_store.add_testimony(b"the same words", source="SRC-01")
    assert again.duplicate and again.testimony_id == first.testimony_id
    assert len(admin_store.list_testimonies()) == 1


def test_correction_is_a_new_version_pointing_to_the_old(admin_store: CaseStore) -> None:
    admin_store.add_source("SRC-01")
    admin_store.add_testimony(b"first version", source="SRC-01", filename="a.txt")
    corrected = admin_store.correct_testimony("T-0001", b"second version")
    new = admin_store.get_testimony(corrected.testimony_id)
    assert (new.version, new.supersedes, new.filename) == (2, "T-0001", "a.txt")
    assert admin_store.get_testimony("T-0001").text == "first version"
    with pytest.raises(StoreError, match="already corrected by T-0002"):
        admin_store.correct_testimony("T-0001", b"third version")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"channel": "pigeon"}, "field 'channel'"),
        ({"received": date.today() + timedelta(days=2)}, "in the future"),
        ({"language": "fr"}, "field 'language'"),
        ({"list_name": "has spaces"}, "field 'list'"),
    ],
)
def test_bad_fields_are_refused_naming_the_field(admin_store: CaseStore, kwargs: dict[str, Any], message: str) -> None:
    admin_store.add_source("SRC-01")
    with pytest.raises(InputError, match=message):
        admin_store.add_testimony(b"some words", source="SRC-01", filename="x.txt", **kwargs)
    assert admin_store.list_testimonies() == []


def test_unknown_source_is_refused(admin_store: CaseStore) -> None:
    with pytest.raises(NotFoundError, match="x.txt: field 'source': unknown source SRC-99"):
        admin_store.add_testimony(b"some words", source="SRC-99", filename="x.txt")


def test_set_list_and_default_list_setting(admin_store: CaseStore) -> None:
    admin_store.add_source("SRC-01")
    admin_store.set_setting("default_list", "desk-phone")
    admin_store.add_testimony(b"words one", source="SRC-01")
    admin_store.set_testimony_list("T-0001", "interview-programme")
    assert admin_store.list_testimonies()[0].list_name == "interview-programme"
    admin_store.add_testimony(b"words two", source="SRC-01")
    assert admin_store.list_testimonies()[1].list_name == "desk-phone"


def test_header_language_auto_means_detect(admin_store: CaseStore) -> None:
    admin_store.add_source("SRC-01")
    admin_store.add_testimony(with_header("소식통에 따르면 보위부가 체포했다.", language="auto"), source="SRC-01")
    admin_store.correct_testimony("T-0001", with_header("소식통에 따르면 보위부가 3명을 체포했다.", language="auto"))
    assert [t.language for t in admin_store.list_testimonies()] == ["ko", "ko"]
