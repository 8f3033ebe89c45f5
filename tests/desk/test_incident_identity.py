"""Incident ids stay put across linkage runs; merges, splits and retirements are history; old ids resolve."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from casework.desk import decide_link, link_store, publish_dataset, split_mention
from casework.desk.identity import keep_ids, resolve_ids
from casework.model import EvidenceSpan, Incident, Mention, Place, Victims
from casework.store import FAST_TEST_KDF, CaseStore, init_store, open_store

PASSPHRASE = "incident identity test passphrase"

# Invented events, each told by several people in their own words.
EVENTS = {
    "market": ("arrest", "2019-02-24", "North Hamgyong", "Hoeryong", "Ministry of State Security", 3,
               "agents led three traders away from the market after they phoned relatives in China"),
    "airfield": ("execution", "2016-11-12", "Ryanggang", "Hyesan", "Ministry of Social Security", 2,
                 "two men who sold crystal were shot before a crowd near the airfield"),
    "dam": ("forced_labour_or_mobilisation", "2021-05", "Kangwon", "Wonsan", "Korean Workers' Party", 40,
            "students were sent to carry stones at the dam site for the whole spring"),
    "border": ("detention", "2018-07-03", "North Pyongan", "Sinuiju", "border guards", 5,
               "five people caught at the river were held in the guard post cells for a month"),
}


def _mention(event: str, day_shift: int = 0) -> Mention:
    kind, date, province, county, perpetrator, count, words = EVENTS[event]
    if day_shift and len(date) == 10:
        date = f"{date[:8]}{int(date[8:]) + day_shift:02d}"
    return Mention(
        type=kind,
        date=date,
        place=Place(province, county, None),
        perpetrator=perpetrator,
        victims=Victims(count, None, None),
        relation="first-hand",
        evidence=(EvidenceSpan("incident", 0, len(words), words),),
    )


def _add(store: CaseStore, number: int, event: str, day_shift: int = 0) -> str:
    source = f"SRC-{number:02d}"
    store.add_source(source)
    info = store.add_testimony(f"invented testimony {number} about the {event}".encode(), source=source)
    (mention_id,) = store.save_mentions(info.testimony_id, [_mention(event, day_shift)])
    return mention_id


def _members(store: CaseStore) -> dict[str, frozenset[str]]:
    return {i.incident_id: frozenset(i.mentions) for i in store.list_incidents()}


def _assert_ids_kept(before: dict[str, frozenset[str]], after: dict[str, frozenset[str]]) -> None:
    """Every id in both runs now names the incident that holds most of its earlier mentions."""
    for incident_id, old in before.items():
        if incident_id not in after:
            continue
        shared = len(old & after[incident_id])
        assert shared > 0, incident_id
        assert shared == max(len(old & members) for members in after.values()), incident_id


def test_five_relinks_with_reviews_keep_ids_and_resolve_old_exports(tmp_path: Path) -> None:
    url = str(tmp_path / "desk.db")
    init_store(url, "admin", PASSPHRASE, kdf=FAST_TEST_KDF)
    store = open_store(url, "admin", PASSPHRASE)
    try:
        number = 0
        for event, tellers in (("market", 3), ("airfield", 2), ("dam", 2), ("border", 2)):
            for shift in range(tellers):
                number += 1
                _add(store, number, event, shift)
        link_store(store)
        first = _members(store)
        publish_dataset(store, tmp_path / "before", precision="year")
        published_before = [r["incident"] for r in
                            json.loads((tmp_path / "before" / "incidents.json").read_text())["incidents"]]
        assert published_before and set(published_before) <= set(first)

        def relink() -> dict[str, frozenset[str]]:
            before = _members(store)
            link_store(store)
            after = _members(store)
            _assert_ids_kept(before, after)
            return after

        # 2: a reviewer says two separate incidents are one -> a merge keeps the older id.
        ids = sorted(first)
        a, b = sorted(first[ids[0]])[0], sorted(first[ids[1]])[0]
        decide_link(store, a, b, "confirm")
        second = relink()
        merged = [e for e in store.incident_history() if e.event == "merged"]
        assert merged and merged[-1].incident_id == ids[1] and merged[-1].other_id == ids[0]
        assert ids[1] not in second and {a, b} <= second[ids[0]]

        # 3: a reviewer splits one mention off the largest incident -> the id stays on the rest.
        big = max(second, key=lambda i: (len(second[i]), i))
        off = sorted(second[big])[-1]
        split_mention(store, big, off)
        third = relink()
        assert off not in third[big] and len(third[big]) == len(second[big]) - 1
        (alone,) = [i for i, members in third.items() if off in members]
        assert alone not in second
        assert any(e.event == "split" and e.incident_id == alone and e.other_id == big
                   for e in store.incident_history())

        # 4: new testimony about a known event joins it; a new event gets a new id.
        _add(store, 20, "border", 2)
        _add(store, 21, "dam")
        relink()

        # 5: a mention rejected in review leaves linkage; an incident left empty is retired.
        lonely = [i for i, members in _members(store).items() if len(members) == 1]
        if lonely:
            (gone,) = _members(store)[lonely[0]]
            store.review_mention(gone, status="rejected")
        fifth = relink()
        if lonely:
            assert lonely[0] not in fifth
            assert any(e.event == "retired" and e.incident_id == lonely[0] for e in store.incident_history())

        history = store.incident_history()
        assert {"created", "merged", "split"} <= {e.event for e in history}
        assert all(e.by_user == "admin" and e.via == "run" and e.on_day for e in history)
        numbers = [e.incident_id for e in history if e.event in ("created", "split")]
        assert len(numbers) == len(set(numbers))  # an id is minted once, never reused

        publish_dataset(store, tmp_path / "after", precision="year")
        after = json.loads((tmp_path / "after" / "incidents.json").read_text())
        now = {r["incident"] for r in after["incidents"]}
        superseded = {r["incident"]: r["superseded_by"] for r in after["superseded"]}
        for cited in published_before:
            if cited in now:
                continue
            assert cited in superseded, cited
            target = superseded[cited]
            assert target is None or target in now, cited
        assert superseded[ids[1]] == ids[0]
        csv_rows = (tmp_path / "after" / "superseded.csv").read_text().splitlines()
        assert csv_rows[0] == "incident,superseded_by" and f"{ids[1]},{ids[0]}" in csv_rows
    finally:
        store.close()


def test_keep_ids_merge_split_retire_and_mint() -> None:
    old = [
        Incident("I-0001", ("a", "b", "c")),
        Incident("I-0002", ("d", "e")),
        Incident("I-0003", ("f",)),
        Incident("I-0004", ("g",)),
    ]
    new = [
        Incident("I-0001", ("a", "b")),  # I-0001 loses c
        Incident("I-0002", ("c",)),  # ... which is split off
        Incident("I-0003", ("d", "e", "f")),  # I-0002 and I-0003 merge: the older id carries on
        Incident("I-0004", ("h",)),  # a new incident; g is gone, so I-0004 is retired
    ]
    kept, events = keep_ids(old, new, known_ids=["I-0007"])
    assert [i.incident_id for i in kept] == ["I-0001", "I-0008", "I-0002", "I-0009"]
    assert [(e.incident_id, e.event, e.other_id) for e in events] == [
        ("I-0001", "changed", None),
        ("I-0002", "changed", None),
        ("I-0003", "merged", "I-0002"),
        ("I-0004", "retired", None),
        ("I-0008", "split", "I-0001"),
        ("I-0009", "created", None),
    ]
    resolved = resolve_ids(events, [i.incident_id for i in kept])
    assert resolved["I-0003"] == "I-0002" and resolved["I-0004"] is None and resolved["I-0008"] == "I-0008"


def test_unchanged_relink_writes_no_history() -> None:
    old = [Incident("I-0001", ("a", "b")), Incident("I-0002", ("c",))]
    kept, events = keep_ids(old, [Incident("I-0005", ("c",)), Incident("I-0009", ("b", "a"))])
    assert [i.incident_id for i in kept] == ["I-0002", "I-0001"] and events == []


@pytest.mark.parametrize("order", [0, 1])
def test_a_tie_keeps_the_id_on_the_part_with_the_first_mention(order: int) -> None:
    parts = [Incident("X", ("a",)), Incident("Y", ("b",))]
    kept, _ = keep_ids([Incident("I-0001", ("a", "b"))], parts if order == 0 else parts[::-1])
    assert {i.incident_id: i.mentions for i in kept}["I-0001"] == ("a",)
