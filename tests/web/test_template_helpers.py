"""The per-request template helpers (bound gettext, cached terms, dates and links) give the same pages.

They exist for speed (a list page calls them about a thousand times); these tests check
that what they remember never leaks between languages or mount points.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from flask.testing import FlaskClient


def _without_tokens(html: str) -> str:
    return re.sub(r'name="csrf_token" value="[^"]*"', "", html)


def test_language_switch_between_requests_is_not_remembered_wrongly(as_role: Callable[[str], FlaskClient]) -> None:
    client = as_role("analyst")
    english = client.get("/review?status=accepted", headers={"Accept-Language": "en"}).get_data(as_text=True)
    korean = client.get("/review?status=accepted", headers={"Accept-Language": "ko"}).get_data(as_text=True)
    again = client.get("/review?status=accepted", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert '<html lang="en">' in english and "Review queue" in english
    assert '<html lang="ko">' in korean and "Review queue" not in korean
    assert _without_tokens(again) == _without_tokens(english)


def test_links_follow_the_mount_point_of_each_request(as_role: Callable[[str], FlaskClient]) -> None:
    client = as_role("analyst")
    plain = client.get("/review").get_data(as_text=True)
    mounted = client.get("/review", environ_overrides={"SCRIPT_NAME": "/desk"}).get_data(as_text=True)
    assert 'href="/testimonies"' in plain and 'href="/desk/testimonies"' not in plain
    assert 'href="/desk/testimonies"' in mounted and 'href="/testimonies"' not in mounted


def test_a_place_is_written_smallest_first_or_as_a_dash() -> None:
    from casework.model import EvidenceSpan, Place
    from casework.web.app import field_evidence, place_text

    assert place_text(Place("Ryanggang", "Hyesan", None)) == "Hyesan, Ryanggang"
    assert place_text(Place(None, None, "Camp 15")) == "Camp 15"
    assert place_text(Place()) == "—"
    spans = [EvidenceSpan("incident", 0, 9, "a passage"), EvidenceSpan("date", 2, 6, "2020")]
    assert [s.field for s in field_evidence(spans)] == ["date"]
