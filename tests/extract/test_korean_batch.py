"""Korean testimonies extracted in one batch give what each gives alone (the batch only shares Kiwi's calls)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from casework.desk.extraction import extract_file, extract_files
from casework.errors import CaseworkError
from casework.extract import extract_many, extract_mentions
from casework.extract.ko_segments import korean_sentences, korean_sentences_many
from casework.extract.korean import extract_korean, extract_korean_many

_TEXTS = [
    'received: 2021-06-20\n\n양강도 소식통은 "지난 14일 혜산시에서 주민 3명이 보위부에 체포됐다"고 전했다.\n\n'
    "이들은 도 보위부 구류장에 갇혀 조사를 받고 있다.",
    "",
    "received: 2021-06-20\n\n",
    "함경북도 회령시에서 지난달 공개재판이 열렸고 주민들이 강제로 참석했다.\n\n"
    + "시장에서 장사를 하던 여성이 단속됐다. " * 40,
    "평안북도 신의주에서 밀수꾼 2명이 총살됐다.",
]


def test_batch_equals_one_at_a_time() -> None:
    one = [extract_korean(t, date(2021, 6, 20)) for t in _TEXTS]
    assert extract_korean_many([(t, date(2021, 6, 20)) for t in _TEXTS]) == one
    assert [len(m) for m in one] == [2, 0, 0, 3, 1]


def test_extract_many_mixes_languages_in_order() -> None:
    documents = [
        ("Police arrested two men in Hyesan on the 3rd.", date(2020, 5, 9), None, "a"),
        (_TEXTS[4], date(2020, 5, 9), None, "b"),
        ("Nothing happened.", date(2020, 5, 9), "en", "c"),
        (_TEXTS[0], None, "ko", "d"),
    ]
    alone = [extract_mentions(text, received, language, name) for text, received, language, name in documents]
    assert extract_many(documents) == alone
    assert [[m.type for m in ms] for ms in alone] == [["arrest"], ["execution"], [], ["arrest", "detention"]]


def test_sentences_of_a_batch_keep_offsets_into_each_text() -> None:
    spans = [(t, 0, len(t)) for t in _TEXTS]
    batch = list(korean_sentences_many(spans))
    assert batch == [korean_sentences(t) for t in _TEXTS]
    for text, sentences in zip(_TEXTS, batch, strict=True):
        for sentence in sentences:
            for segment in sentence.segments:
                assert all(text[w.start : w.end] == w.text for w in segment.words)


def test_an_abandoned_batch_releases_the_analyser() -> None:
    batch = korean_sentences_many([(t, 0, len(t)) for t in _TEXTS])
    next(batch)
    batch.close()
    assert korean_sentences("주민이 체포됐다.")  # would wait forever on a held lock


def test_files_in_one_batch_fail_one_by_one(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(_TEXTS[0], encoding="utf-8")
    bad_header = tmp_path / "bad.txt"
    bad_header.write_text("received: yesterday\n\n주민 3명이 체포됐다.", encoding="utf-8")
    english = tmp_path / "en.txt"
    english.write_text("Police arrested two men in Hyesan on the 3rd.", encoding="utf-8")
    found = extract_files([good, tmp_path / "missing.txt", bad_header, english], date(2021, 6, 20))
    assert isinstance(found[1], CaseworkError) and isinstance(found[2], CaseworkError)
    assert "missing.txt" in str(found[1]) and "bad.txt" in str(found[2])
    assert found[0] == extract_file(good, date(2021, 6, 20))
    assert [[m.type for m in ms] for ms in (found[0], found[3]) if isinstance(ms, list)] == [
        ["arrest", "detention"],
        ["arrest"],
    ]
    assert {m.testimony for m in found[0] if isinstance(found[0], list)} == {"good"}
