"""Reading capture histories: the Kosovo format, and one-line errors that name the row."""

from __future__ import annotations

from pathlib import Path

import pytest

from casework.errors import InputError
from casework.estimate import histories_from_clusters, histories_from_incidents, parse_histories, read_histories
from casework.model import Incident
from conftest import need_shared


def test_reads_the_kosovo_table() -> None:
    histories = read_histories(need_shared("data", "mse", "kosovo_4list.csv"))
    assert histories.lists == ("EXH", "ABA", "OSCE", "HRW")
    assert histories.observed == 4400
    assert len(histories.patterns()) == 15
    assert histories.table[(1, 1, 1, 1)] == 27


def test_repeated_patterns_add_up_and_an_empty_unobserved_row_is_accepted() -> None:
    h = parse_histories("A,B,C,count\n1,0,0,3\n1,0,0,2\n0,0,0,\n0,1,1,4\n")
    assert h.table == {(1, 0, 0): 5, (0, 1, 1): 4}
    assert h.list_totals() == {"A": 5, "B": 4, "C": 4}
    assert list(h.counts()) == [0, 0, 4, 5, 0, 0, 0]  # patterns() order: 001 010 011 100 101 110 111


def test_count_column_is_found_anywhere_and_case_insensitively(tmp_path: Path) -> None:
    path = tmp_path / "h.csv"
    path.write_text("Count,X,Y,Z\n2,1,1,0\n", encoding="utf-8")
    assert read_histories(path).table == {(1, 1, 0): 2}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty file"),
        ("A,B,C,n\n1,0,0,3\n", "line 1: no 'count' column"),
        ("A,B,C,count\n1,0,2,3\n", "line 2: column 'C' is '2', expected 0 or 1"),
        ("A,B,C,count\n1,0,0,3\n0,1,0,-4\n", "line 3: count -4 is negative"),
        ("A,B,C,count\n1,0,0,3\n0,1,0,many\n", "line 3: count 'many' is not a whole number"),
        ("A,B,C,count\n1,0,0\n", "line 2: expected 4 fields, found 3"),
        ('A,B,C,count\n1,0,0,"3\n', "malformed CSV"),
        ("A,B,C,count\n1,0,0,0\n0,1,0,0\n", "lines 2-3: every count is zero"),
        ("A,B,C,count\n0,0,0,12\n", "line 2: the all-zero pattern is the unobserved cell"),
        ("A,A,C,count\n1,0,0,1\n", "distinct"),
        ("count\n3\n", "no list columns"),
    ],
)
def test_bad_input_gets_one_line_naming_the_row(text: str, message: str) -> None:
    with pytest.raises(InputError) as info:
        parse_histories(text, "h.csv")
    assert message in str(info.value)
    assert "\n" not in str(info.value)
    assert str(info.value).startswith("h.csv: ")


def test_several_problems_are_reported_at_once() -> None:
    with pytest.raises(InputError) as info:
        parse_histories("A,B,C,count\n1,0,x,1\n0,1,0,-1\n1,1,1,1\n", "h.csv")
    assert "line 2" in str(info.value) and "line 3" in str(info.value)


def test_unreadable_files(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read"):
        read_histories(tmp_path / "missing.csv")
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"A,B,C,count\n1,0,0,\xff\n")
    with pytest.raises(InputError, match="not UTF-8"):
        read_histories(bad)


def test_histories_from_incidents_use_the_lists_of_the_testimonies() -> None:
    incidents = [
        Incident("I1", ("m1", "m2", "m3")),  # A and B (m3 has no list)
        Incident("I2", ("m4",)),  # C
        Incident("I3", ("m5", "m6")),  # A twice: still one A
        Incident("I4", ("m7",)),  # no list at all: not counted
    ]
    lists = {"m1": "A", "m2": "B", "m4": "C", "m5": "A", "m6": "A"}
    h = histories_from_incidents(incidents, lists)
    assert h.lists == ("A", "B", "C")
    assert h.table == {(1, 1, 0): 1, (0, 0, 1): 1, (1, 0, 0): 1}


def test_histories_from_clusters_keep_every_list_as_a_column() -> None:
    h = histories_from_clusters({"m1": "I1", "m2": "I1"}, {"m1": "A", "m2": "B"}, ["A", "B", "C"])
    assert h.lists == ("A", "B", "C")
    assert h.table == {(1, 1, 0): 1}
    assert h.without_empty_lists().lists == ("A", "B")
