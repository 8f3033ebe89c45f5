"""Mentions, incidents, link decisions and settings round-trip through the sealed columns."""

from __future__ import annotations

import pytest

from casework.errors import NotFoundError
from casework.model import EvidenceSpan, Incident, Mention, Place, Victims
from casework.store import CaseStore


def _mention() -> Mention:
    return Mention(
        type="arrest",
        date="2019-02",
        date_text="late February",
        date_precision="month",
        place=Place("North Hamgyong", "Hoeryong", None),
        perpetrator="Ministry of State Security",
        victims=Victims(3, "three women", "women in their forties"),
        relation="second-hand",
        evidence=(EvidenceSpan("type", 10, 18, "arrested"),),
    )


def test_mentions_round_trip_and_review(admin_store: CaseStore) -> None:
    admin_store.add_source("SRC-01")
    admin_store.add_testimony(b"some testimony words", source="SRC-01")
    ids = admin_store.save_mentions("T-0001", [_mention(), _mention()])
    assert ids == ["T-0001-1", "T-0001-2"]
    stored = admin_store.get_mention("T-0001-1")
    assert stored.status == "suggested"
    assert stored.mention == _mention().__class__(
        **{**_mention().__dict__, "mention_id": "T-0001-1", "testimony": "T-0001", "source": "SRC-01"}
    )
    admin_store.review_mention("T-0001-2", status="rejected")
    assert [m.mention.mention_id for m in admin_store.list_mentions(status="suggested")] == ["T-0001-1"]
    assert admin_store.list_testimonies()[0].extracted
    again = admin_store.save_mentions("T-0001", [_mention()], replace_suggested=True)
    assert again == ["T-0001-3"]
    assert {m.mention.mention_id for m in admin_store.list_mentions(testimony_id="T-0001")} == {"T-0001-2", "T-0001-3"}


def test_incidents_replace_and_link_decisions(admin_store: CaseStore) -> None:
    admin_store.add_source("SRC-01")
    admin_store.add_testimony(b"some testimony words", source="SRC-01")
    a, b = admin_store.save_mentions("T-0001", [_mention(), _mention()])
    incident = Incident("I-0001", (a, b), "corroborated", ("SRC-01",), 1, 1, ("retelling",))
    admin_store.save_incidents([incident])
    assert admin_store.list_incidents() == [incident]
    assert admin_store.get_incident("I-0001") == incident
    admin_store.save_incidents([])
    with pytest.raises(NotFoundError):
        admin_store.get_incident("I-0001")
    admin_store.save_link_decision(b, a, "confirm")
    admin_store.save_link_decision(a, b, "reject")
    assert admin_store.link_decisions() == [(a, b, "reject")]


def test_settings_and_totp(admin_store: CaseStore) -> None:
    assert admin_store.get_setting("nothing") is None
    admin_store.set_setting("linkage.model", '{"m": 1}')
    assert admin_store.get_setting("linkage.model") == '{"m": 1}'
    assert admin_store.totp_secret() is None
    admin_store.set_totp_secret("JBSWY3DPEHPK3PXP")
    assert admin_store.totp_secret() == "JBSWY3DPEHPK3PXP"


def test_pages_and_counts(admin_store: CaseStore) -> None:
    admin_store.add_source("SRC-01")
    for number in range(5):
        admin_store.add_testimony(f"testimony {number}".encode(), source="SRC-01")
        admin_store.save_mentions(f"T-000{number + 1}", [_mention(), _mention()])
    admin_store.save_incidents([Incident(f"I-{n}", ()) for n in range(7)])
    assert admin_store.count_testimonies() == 5 and admin_store.count_incidents() == 7
    assert [t.testimony_id for t in admin_store.list_testimonies(limit=2, offset=3)] == ["T-0004", "T-0005"]
    assert all(t.extracted for t in admin_store.list_testimonies(limit=2))
    page = admin_store.list_mentions(limit=3, offset=2)
    assert [m.mention.mention_id for m in page] == ["T-0002-1", "T-0002-2", "T-0003-1"]
    admin_store.review_mention("T-0003-1", status="accepted")
    assert admin_store.count_mentions() == 10
    assert admin_store.count_mentions(status="accepted") == 1
    assert admin_store.count_mentions(testimony_id="T-0002") == 2
    assert [i.incident_id for i in admin_store.list_incidents(limit=2, offset=5)] == ["I-5", "I-6"]
