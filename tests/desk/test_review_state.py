"""Every output says how many incidents a person reviewed, and can be limited to those."""

from __future__ import annotations

import json
from pathlib import Path

from casework.desk import (
    DeskFigures,
    DeskReview,
    count_review_queue,
    count_reviewed_incidents,
    decide_link,
    desk_figures,
    desk_review,
    publish_dataset,
    review_mention,
    review_states,
    reviewed_incidents,
    write_store_report,
)
from casework.model import Incident, Mention, Place, Victims
from casework.store import FAST_TEST_KDF, init_store, open_store

PASSPHRASE = "review state test passphrase"


def test_review_state_in_exports_and_reports(tmp_path: Path) -> None:
    url = str(tmp_path / "desk.db")
    init_store(url, "admin", PASSPHRASE, kdf=FAST_TEST_KDF)
    store = open_store(url, "admin", PASSPHRASE)
    try:
        for number in range(1, 5):
            store.add_source(f"SRC-{number:02d}")
            store.add_testimony(f"an invented account, number {number}".encode(), source=f"SRC-{number:02d}")
            kind = "arrest" if number < 4 else "detention"
            mention = Mention(type=kind, date="2021-06", place=Place("Ryanggang", None, None), victims=Victims(2))
            store.save_mentions(f"T-{number:04d}", [mention])
        store.save_incidents([
            Incident("I-0001", ("T-0001-1", "T-0002-1", "T-0003-1"), "corroborated", ("SRC-01", "SRC-02"), 3),
            Incident("I-0002", ("T-0004-1",), "single-source", ("SRC-04",), 1),
        ])
        for mention_id in ("T-0001-1", "T-0002-1", "T-0003-1"):
            review_mention(store, mention_id, "accepted")
        decide_link(store, "T-0001-1", "T-0002-1", "confirm")
        states = review_states(store)
        assert (states["I-0001"].mentions_confirmed, states["I-0001"].links_confirmed) == (3, 1)
        assert not states["I-0001"].reviewed and not states["I-0002"].reviewed
        decide_link(store, "T-0003-1", "T-0002-1", "confirm")
        assert review_states(store)["I-0001"].reviewed

        everything = publish_dataset(store, tmp_path / "all", precision="year")
        assert (everything.incidents, everything.reviewed) == (2, 1)
        records = json.loads((tmp_path / "all" / "incidents.json").read_text())["incidents"]
        assert {r["incident"]: r["reviewed"] for r in records} == {"I-0001": True, "I-0002": False}
        only = publish_dataset(store, tmp_path / "reviewed", precision="year", reviewed_only=True)
        assert (only.incidents, only.reviewed) == (1, 1)

        for public in (True, False):
            index = write_store_report(store, tmp_path / f"report-{public}", public=public, fmt="markdown")
            text = index.read_text(encoding="utf-8")
            assert "1 of 2 incidents reviewed by a person" in text
            assert "casework." not in text  # no module paths in a report
        html = write_store_report(store, tmp_path / "html", public=True).read_text(encoding="utf-8")
        assert "1 of 2 incidents reviewed by a person" in html
        limited = write_store_report(store, tmp_path / "limited", public=True, fmt="markdown", reviewed_only=True)
        assert "1 of 1 incidents reviewed by a person" in limited.read_text(encoding="utf-8")
    finally:
        store.close()


def test_page_states_and_kept_summary_follow_changes(tmp_path: Path) -> None:
    """A page's states (its members' rows only) equal the whole desk's; the kept summary follows every change."""
    url = str(tmp_path / "desk.db")
    init_store(url, "admin", PASSPHRASE, kdf=FAST_TEST_KDF)
    store = open_store(url, "admin", PASSPHRASE)
    try:
        ids: list[str] = []
        for number in range(1, 7):
            store.add_source(f"SRC-{number:02d}")
            store.add_testimony(f"an invented account, number {number}".encode(), source=f"SRC-{number:02d}")
            ids += store.save_mentions(f"T-{number:04d}", [Mention(type="arrest", date="2020")])
        incidents = [Incident(f"I-{n:04d}", (ids[2 * n], ids[2 * n + 1]), "corroborated") for n in range(3)]
        store.save_incidents(incidents)
        assert store.get_mentions([ids[1], "T-0099-1", ids[0]])[0].mention.mention_id == ids[1]
        assert [i.incident_id for i in store.get_incidents(["I-0002", "I-0404", "I-0000"])] == ["I-0002", "I-0000"]
        assert desk_review(store) == DeskReview(3, ())
        assert desk_figures(store) == DeskFigures(testimonies=6, mentions=6, awaiting_review=6, incidents=3)
        assert count_review_queue(store, status="suggested") == 6

        for mention_id in ids[2:4]:
            review_mention(store, mention_id, "accepted")
        decide_link(store, ids[2], ids[3], "confirm")
        review_mention(store, ids[4], "accepted")
        assert store.mention_statuses([ids[4], ids[5], "T-0099-1"]) == {ids[4]: "accepted", ids[5]: "suggested"}
        assert store.confirmed_links_among([ids[3]]) == [tuple(sorted(ids[2:4]))]
        whole = review_states(store)
        for incident in incidents:
            assert review_states(store, [incident]) == {incident.incident_id: whole[incident.incident_id]}
        assert desk_review(store) == DeskReview(3, ("I-0001",))
        assert [i.incident_id for i in reviewed_incidents(store, limit=10)] == ["I-0001"]
        assert reviewed_incidents(store, limit=10, offset=1) == []

        review_mention(store, ids[5], "accepted")
        decide_link(store, ids[4], ids[5], "confirm")
        assert desk_review(store) == DeskReview(3, ("I-0001", "I-0002"))
        assert count_reviewed_incidents(store) == 2
        assert desk_figures(store) == DeskFigures(testimonies=6, mentions=6, awaiting_review=2, incidents=3)
        assert count_review_queue(store, status="suggested") == 2
        assert count_review_queue(store, status="accepted", testimony_id="T-0003") == 1
    finally:
        store.close()
