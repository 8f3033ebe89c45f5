"""The search page: built in memory in the background, facets, results linking to the evidence."""

from __future__ import annotations

import time
from collections.abc import Callable

from flask.testing import FlaskClient


def _search(client: FlaskClient, query: str) -> str:
    for _ in range(600):  # the index is built in a background thread after the first page
        html = client.get(f"/search?{query}").get_data(as_text=True)
        if "search index is being built" not in html:
            return html
        time.sleep(0.1)
    raise AssertionError("the search index was never built")


def test_search_finds_a_mention_and_links_to_its_evidence(
    as_role: Callable[[str], FlaskClient], ids: dict[str, str]
) -> None:
    client = as_role("analyst")
    html = _search(client, "q=hyesan&kind=mention")
    assert f'href="/mentions/{ids["mention"]}"' in html
    assert 'name="type" value="arrest"' in html  # the facet offers the type found
    assert "1 record found" in html


def test_search_facets_narrow_and_korean_interface(as_role: Callable[[str], FlaskClient], ids: dict[str, str]) -> None:
    client = as_role("reader")
    html = _search(client, "kind=incident&grade=corroborated")
    assert f'href="/incidents/{ids["incident"]}"' in html
    korean = client.get("/search?kind=incident", headers={"Accept-Language": "ko"}).get_data(as_text=True)
    assert "검색" in korean and "교차 확인" in korean


def test_a_change_made_in_the_app_rebuilds_the_index(
    as_role: Callable[[str], FlaskClient], ids: dict[str, str]
) -> None:
    from .desk import post

    client = as_role("analyst")
    assert "2 records found" in _search(client, "kind=mention&status=suggested")
    post(client, f"/mentions/{ids['other_mention']}/accept", {})
    for _ in range(600):  # the old index answers until the new one is built (in the background)
        html = _search(client, "kind=mention&status=suggested")
        if "1 record found" in html:
            break
        time.sleep(0.1)
    assert "1 record found" in html and f'href="/mentions/{ids["other_mention"]}"' not in html
