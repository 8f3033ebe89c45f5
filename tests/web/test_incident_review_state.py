"""The web incident list says how many incidents a person reviewed, and what each still needs."""

from __future__ import annotations

from collections.abc import Callable

from flask.testing import FlaskClient


def test_incident_list_says_how_many_are_reviewed(as_role: Callable[[str], FlaskClient], ids: dict[str, str]) -> None:
    html = as_role("reader").get("/incidents").get_data(as_text=True)
    assert "0 of 1 incidents reviewed by a person." in html
    assert "0 of 2 mentions, 0 of 1 links" in html
