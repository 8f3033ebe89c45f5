"""Header blocks, decoding refusals, language detection and hashes of testimony files."""

from __future__ import annotations

import hashlib
from datetime import date

import pytest

from casework.errors import InputError
from casework.intake import decode_testimony, detect_language, parse_testimony
from casework.intake.header import reference_date


def test_header_body_offset_and_hash() -> None:
    raw = b"received: 2019-03-05\nchannel: phone\nsource: SRC-01\nlist: desk-phone\n\nA source told us."
    parsed = parse_testimony(raw, "t.txt")
    assert parsed.header == {"received": "2019-03-05", "channel": "phone", "source": "SRC-01", "list": "desk-phone"}
    assert parsed.body == "A source told us."
    assert parsed.text[parsed.body_offset :] == parsed.body
    assert parsed.received == date(2019, 3, 5)
    assert parsed.sha256 == hashlib.sha256(raw).hexdigest()


def test_no_header_means_whole_text_is_body() -> None:
    parsed = parse_testimony(b"Nothing but text: even with a colon.", "t.txt")
    assert parsed.header == {} and parsed.body_offset == 0


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"", "t.txt: file is empty"),
        (b"   \n", "t.txt: file is empty"),
        (b"abc\x00def", "t.txt: binary file"),
        (b"caf\xe9", "t.txt: not UTF-8 text (invalid byte at offset 3)"),
        (b"received: 2019-02-30\n\ntext", "t.txt: header field 'received' is not a date"),
        (b"received: 2019-02-01\nweather: fine\n\ntext", "t.txt: line 2: malformed header line"),
        (b"source: SRC-01\nsource: SRC-02\n\ntext", "t.txt: line 2: header field 'source' given twice"),
        (b"source: SRC-01\nchannel: phone", "t.txt: header block is not followed by a blank line"),
    ],
)
def test_refusals_name_the_file_and_never_quote_content(raw: bytes, message: str) -> None:
    with pytest.raises(InputError) as err:
        parse_testimony(raw, "t.txt")
    assert str(err.value).startswith(message)
    assert "text" not in str(err.value).replace("UTF-8 text", "").replace("and text", "")


def test_byte_order_mark_is_dropped_but_hashed() -> None:
    raw = "\ufeffhello".encode()
    assert decode_testimony(raw, "t.txt") == "hello"
    assert parse_testimony(raw, "t.txt").sha256 == hashlib.sha256(raw).hexdigest()


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("소식통에 따르면 보위부가 주민 3명을 체포했다.", "ko"),
        ("A source in Hyesan told us the bowibu arrested three women.", "en"),
        ("The source said 보위부 came at night and took them.", "en"),
        ("량강도 혜산시 소식통은 SRC 측에 말했다 (RFA).", "ko"),
    ],
)
def test_language_detection(text: str, language: str) -> None:
    assert detect_language(text) == language


def test_a_published_report_header() -> None:
    raw = (
        b"url: https://example.org/news/2020/06/arrests\noutlet: Example News\npublished: 2020-06\n"
        b"language: en\n\nPolice arrested three traders last month."
    )
    parsed = parse_testimony(raw, "r.txt")
    assert parsed.header["outlet"] == "Example News" and parsed.published == "2020-06"
    assert parsed.body == "Police arrested three traders last month."
    assert parsed.reference_date == date(2020, 6, 30)  # "on the 19th" then falls inside June


def test_publication_date_wins_over_receipt_for_relative_dates() -> None:
    assert reference_date(date(2021, 1, 5), "2020-12-24") == date(2020, 12, 24)
    assert reference_date(date(2021, 1, 5), None) == date(2021, 1, 5)
    assert reference_date(None, None) is None


@pytest.mark.parametrize("value", ["2020", "2020-13", "2020-02-30", "June 2020", "20-06-01"])
def test_a_bad_publication_date_is_one_line(value: str) -> None:
    with pytest.raises(InputError) as err:
        parse_testimony(f"outlet: X\npublished: {value}\n\ntext".encode(), "r.txt")
    assert str(err.value) == "r.txt: field 'published' is not a date (YYYY-MM-DD or YYYY-MM)"


def test_relative_dates_of_a_report_count_from_its_publication() -> None:
    from casework.extract import extract_mentions

    text = "outlet: Example News\npublished: 2020-06-10\n\nPolice arrested two men in Hyesan on the 3rd."
    [mention] = [m for m in extract_mentions(text) if m.type == "arrest"]
    assert mention.date == "2020-06-03"
