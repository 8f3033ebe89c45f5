"""The web incident page shows the record: fields as the exports settle them, review state and history."""

from __future__ import annotations

from collections.abc import Callable

from flask.testing import FlaskClient

from casework.model import Incident
from casework.store import IncidentEvent, open_store

from .desk import PASSPHRASES


def _relink_with_history(store_path: str, ids: dict[str, str]) -> None:
    """Store the seeded incident again as a linkage run would, with a merge in its history."""
    store = open_store(store_path, "admin", PASSPHRASES["admin"])
    try:
        incident = Incident("I-0001", (ids["mention"], ids["other_mention"]), grade="corroborated",
                            sources=("SRC-01", "SRC-02"), independent_sources=2)
        store.save_incidents([incident], history=[
            IncidentEvent("I-0001", "created", mentions=1),
            IncidentEvent("I-0002", "merged", other_id="I-0001", mentions=2),
        ])
    finally:
        store.close()


def test_incident_page_shows_the_record(as_role: Callable[[str], FlaskClient], ids: dict[str, str]) -> None:
    html = as_role("reader").get(f"/incidents/{ids['incident']}").get_data(as_text=True)
    assert "Perpetrator</dt><dd>Ministry of State Security</dd>" in html
    assert "Type</dt><dd>arrest</dd>" in html
    assert "(to the month)" in html  # the date keeps the precision the mentions give
    assert "Place</dt><dd>Hyesan, Ryanggang</dd>" in html
    assert "Victims</dt><dd>3, women</dd>" in html
    assert "Corroboration grade</dt><dd>corroborated</dd>" in html
    assert "0 of 2 mentions confirmed by a person, 0 of 1 links" in html
    assert "No recorded changes to this incident id." in html


def test_incident_page_shows_review_and_history(
    as_role: Callable[[str], FlaskClient], ids: dict[str, str], store_path: str
) -> None:
    _relink_with_history(store_path, ids)
    store = open_store(store_path, "admin", PASSPHRASES["admin"])
    try:
        store.review_mention(ids["mention"], status="accepted")
    finally:
        store.close()
    html = as_role("reader").get(f"/incidents/{ids['incident']}").get_data(as_text=True)
    assert "1 of 2 mentions confirmed by a person, 0 of 1 links" in html
    history = html[html.index("<h2>History</h2>"):]
    assert "created" in history and "merged" in history and "I-0002" in history
    assert "admin (linkage run)" in history


def test_incident_page_in_korean(as_role: Callable[[str], FlaskClient], ids: dict[str, str]) -> None:
    client = as_role("reader")
    html = client.get(f"/incidents/{ids['incident']}", headers={"Accept-Language": "ko"}).get_data(as_text=True)
    assert "Corroboration grade" not in html and "confirmed by a person" not in html


def test_link_pair_page_shows_both_evidence_and_the_weights(
    as_role: Callable[[str], FlaskClient], ids: dict[str, str]
) -> None:
    client = as_role("analyst")
    html = client.get(f"/links/pair/{ids['mention']}/{ids['other_mention']}").get_data(as_text=True)
    first, second = html.index('id="side-1"'), html.index('id="side-2"')
    assert first < second
    assert "March 2023" in html[first:second] and "Hyesan" in html[first:second]
    assert "arrested" in html[second:]  # the other mention's only evidence span
    weights = html[html.index("Match weights"):]
    assert "Prior (before any comparison)" in weights and "Total match weight" in weights
    assert "Match probability: " in weights
    assert 'name="decision" value="confirm"' in weights


def test_link_pair_page_for_an_unknown_mention_is_not_found(
    as_role: Callable[[str], FlaskClient], ids: dict[str, str]
) -> None:
    assert as_role("analyst").get(f"/links/pair/{ids['mention']}/T-9999-1").status_code == 404
