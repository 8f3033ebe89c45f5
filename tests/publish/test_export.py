"""Public exports from a real store: no identities, no pseudonyms, refusal and accepted risk."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from casework.cli import main
from casework.desk import publish_dataset
from casework.errors import PublicationRefused
from casework.model import Incident, Mention, Place, SourceIdentity, Victims
from casework.store import FAST_TEST_KDF, CaseStore, init_store, open_store

PASSPHRASE = "correct horse battery staple"
MARKERS = ("ZQXMARKERPSEUDO1", "ZQXMARKERPSEUDO2", "Zqxname Markerson", "+86 139 5555 0123", "zqx-marker@example.org")


def _store(url: str, *, description: str = "women who phoned relatives") -> CaseStore:
    init_store(url, "admin", PASSPHRASE, kdf=FAST_TEST_KDF)
    store = open_store(url, "admin", PASSPHRASE)
    store.add_source(MARKERS[0], SourceIdentity(MARKERS[0], name=MARKERS[2], contact=MARKERS[3], notes=MARKERS[4]))
    store.add_source(MARKERS[1], SourceIdentity(MARKERS[1], name="Zqx Other", contact=MARKERS[4]))
    ids: list[str] = []
    for n, pseudonym in enumerate(MARKERS[:2]):
        text = f"received: 2019-03-0{n + 1}\nchannel: phone\nsource: {pseudonym}\n\nAgents arrested three women."
        added = store.add_testimony(text.encode(), source=pseudonym, filename=f"t{n}.txt")
        mention = Mention(
            type="arrest",
            date="2019-02-24",
            date_text="on February 24",
            date_precision="day",
            place=Place("North Hamgyong", "Hoeryong", "Osan-dong"),
            perpetrator="Ministry of State Security",
            victims=Victims(3, "three women", description),
            relation="unknown",
        )
        ids.extend(store.save_mentions(added.testimony_id, [mention]))
    store.save_incidents([Incident("I-0001", tuple(ids), "corroborated", tuple(MARKERS[:2]), 2, 0)])
    return store


def test_export_carries_no_identity_or_pseudonym(store_url: str, tmp_path: Path) -> None:
    store = _store(store_url)
    try:
        paths = publish_dataset(store, tmp_path / "public").paths
    finally:
        store.close()
    names = ["incidents.csv", "incidents.huridocs.json", "incidents.json", "superseded.csv"]
    assert sorted(p.name for p in paths) == names
    for path in (tmp_path / "public").iterdir():
        content = path.read_text(encoding="utf-8").lower()
        for marker in (*MARKERS, "Osan-dong", "T-0", "2019-02-24"):
            assert marker.lower() not in content, (path.name, marker)
    record = json.loads((tmp_path / "public" / "incidents.json").read_text())["incidents"][0]
    assert record["date"] == "2019-02" and record["province"] == "North Hamgyong"
    assert record["county_or_city"] is None and record["independent_sources"] == 2


def test_high_risk_text_is_refused_unless_accepted_and_audited(tmp_path: Path) -> None:
    url = str(tmp_path / "desk.db")
    risky = f"women including the 47-year-old sister of {MARKERS[0]} who called us on a Chinese phone"
    store = _store(url, description=risky)
    try:
        with pytest.raises(PublicationRefused) as refused:
            publish_dataset(store, tmp_path / "public")
        assert MARKERS[0] not in str(refused.value) and "I-0001" in str(refused.value)
        assert not (tmp_path / "public").exists()
        publish_dataset(store, tmp_path / "public", accept_risk="editor approved the victims' description")
        events = store.audit_events(limit=20)
    finally:
        store.close()
    assert any(e.details.get("accepted_risk") == "editor approved the victims' description" for e in events)
    for path in (tmp_path / "public").iterdir():
        assert MARKERS[0].lower() not in path.read_text(encoding="utf-8").lower()


def test_publish_command_exit_3_when_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = str(tmp_path / "desk.db")
    _store(url, description=f"the sister of {MARKERS[0]}").close()
    monkeypatch.setenv("CASEWORK_PASSPHRASE", PASSPHRASE)
    runner = CliRunner(env={"CASEWORK_PASSPHRASE": PASSPHRASE})  # the CLI removes it from the environment once read
    result = runner.invoke(main, ["--store", url, "publish", "--out", str(tmp_path / "out")])
    assert result.exit_code == 3, result.output
    assert MARKERS[0] not in result.stderr
    result = runner.invoke(main, ["--store", url, "publish", "--out", str(tmp_path / "out"), "--accept-risk", "ok"])
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == 4
