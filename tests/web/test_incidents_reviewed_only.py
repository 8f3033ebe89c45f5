"""The web incident list can be limited to incidents a person has fully reviewed, as `--reviewed-only`."""

from __future__ import annotations

from collections.abc import Callable

from flask.testing import FlaskClient

from .desk import post


def test_reviewed_only_lists_no_unreviewed_incident(as_role: Callable[[str], FlaskClient]) -> None:
    client = as_role("analyst")
    everything = client.get("/incidents").get_data(as_text=True)
    assert "Show only incidents reviewed by a person" in everything
    response = client.get("/incidents?reviewed=only")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Show all incidents" in html
    # Nothing in the seeded desk is reviewed by a person yet: no incident row, and the list says why.
    assert 'class="rows"' not in html
    assert "No incident has been fully reviewed by a person yet." in html


def test_reviewed_only_in_korean(as_role: Callable[[str], FlaskClient]) -> None:
    client = as_role("analyst")
    html = client.get("/incidents?reviewed=only", headers={"Accept-Language": "ko"}).get_data(as_text=True)
    assert "아직 사람이 모두 검토한 사건이 없습니다." in html


def test_reviewed_only_lists_a_fully_reviewed_incident(
    as_role: Callable[[str], FlaskClient], ids: dict[str, str]
) -> None:
    client = as_role("analyst")
    for mention in (ids["mention"], ids["other_mention"]):
        assert post(client, f"/mentions/{mention}/accept").status_code == 302
    decided = post(
        client, "/links/decide", {"mention_a": ids["mention"], "mention_b": ids["other_mention"], "decision": "confirm"}
    )
    assert decided.status_code == 302
    html = client.get("/incidents?reviewed=only").get_data(as_text=True)
    assert ids["incident"] in html
    assert "1 of 1 incidents reviewed by a person." in html
