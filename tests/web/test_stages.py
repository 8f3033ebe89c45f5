"""Pages that call other stages: extraction, linkage, the publication check and the report."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from casework.store import open_store
from casework.web import create_app

from .desk import PASSPHRASES, ROLE_USERS, login, post

DRAFT = "A 34-year-old woman who works at the Hyesan textile mill said police arrested her brother on 3 March 2023."


def test_extraction_queues_suggestions(as_role: Callable[[str], FlaskClient], ids: dict[str, str]) -> None:
    client = as_role("analyst")
    response = post(client, f"/testimonies/{ids['testimony']}/extract")
    assert response.status_code == 302
    assert response.headers["Location"] == f"/review?testimony={ids['testimony']}"
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Extraction found" in html and f"{ids['testimony']}-2" in html
    post(client, "/logout")
    assert post(as_role("reader"), f"/testimonies/{ids['testimony']}/extract").status_code == 403


def test_linkage_run_stores_incidents_and_lists_pairs(
    as_role: Callable[[str], FlaskClient], store_path: str, ids: dict[str, str]
) -> None:
    client = as_role("analyst")
    response = post(client, "/links/run")
    assert response.status_code == 302
    assert "Linked 2 mentions" in client.get("/links").get_data(as_text=True)
    store = open_store(store_path, "admin", PASSPHRASES["admin"])
    incidents = store.list_incidents()
    model = store.get_setting("link.model")
    store.close()
    assert sorted(m for i in incidents for m in i.mentions) == sorted([ids["mention"], ids["other_mention"]])
    assert model


def test_draft_check_marks_risky_spans_and_stores_nothing(
    as_role: Callable[[str], FlaskClient], store_path: str
) -> None:
    client = as_role("analyst")
    response = post(client, "/drafts/check", {"text": DRAFT})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'class="risk-high"' in html or 'class="risk-medium"' in html
    assert "high risk" in html
    store = open_store(store_path, "admin", PASSPHRASES["admin"])
    events = [e for e in store.audit_events(limit=200) if e.action == "draft.check" and e.details.get("via") == "web"]
    store.close()
    assert events and events[-1].details["chars"] == str(len(DRAFT))
    assert all("Hyesan" not in value for e in events for value in e.details.values())


@pytest.mark.parametrize(
    ("role", "public", "expected"),
    [
        ("analyst", True, 200),
        ("analyst", False, 200),
        ("reader", True, 200),
        ("reader", False, 403),  # the internal report quotes testimony, which readers may not read
    ],
)
def test_report_download_is_a_zip_and_leaves_nothing_behind(
    store_path: str, ids: dict[str, str], tmp_path: Path, role: str, public: bool, expected: int
) -> None:
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    client = create_app(store_path, CASEWORK_REPORT_TMP=str(scratch)).test_client()
    login(client, ROLE_USERS[role])
    data = {"fmt": "html", **({"public": "y"} if public else {})}
    response = post(client, "/reports", data)
    assert response.status_code == expected
    if expected == 200:
        assert response.headers["Content-Type"] == "application/zip"
        assert response.headers["Cache-Control"] == "no-store"
        names = zipfile.ZipFile(io.BytesIO(response.data)).namelist()
        assert "report/index.html" in names
        assert all(n.startswith("report/") for n in names)
    assert list(scratch.iterdir()) == []  # the report's temporary directory is gone
