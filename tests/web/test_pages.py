"""Every page for every role (allowed and denied), unknown ids, the one error shape, headers."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient

from casework.store import open_store
from casework.web.app import CONTENT_SECURITY_POLICY

from .desk import PASSPHRASES, post

ROLES = ("admin", "analyst", "source_handler", "reader")
EVERYONE = set(ROLES)
DESK = {"admin", "analyst", "source_handler"}  # may read testimony text
ANALYSIS = {"admin", "analyst"}  # may review mentions and links

# (path template, roles that get 200; every other role gets 403)
PAGES = [
    ("/", EVERYONE),
    ("/testimonies", EVERYONE),
    ("/testimonies/new", EVERYONE),  # the form; adding is refused by the store for readers (see below)
    ("/testimonies/{testimony}", DESK),
    ("/review", EVERYONE),
    ("/review?status=accepted", EVERYONE),
    ("/review?sort=confidence&desc=1", EVERYONE),
    ("/mentions/{mention}", EVERYONE),
    ("/links", ANALYSIS),
    ("/links/pair/{mention}/{other_mention}", ANALYSIS),
    ("/incidents", EVERYONE),
    ("/incidents/{incident}", EVERYONE),
    ("/drafts/check", EVERYONE),
    ("/reports", EVERYONE),
    ("/account/second-factor", EVERYONE),
]


@pytest.mark.parametrize("role", ROLES)
def test_every_page_for_every_role(as_role: Callable[[str], FlaskClient], ids: dict[str, str], role: str) -> None:
    client = as_role(role)
    for template, allowed in PAGES:
        path = template.format(**ids)
        response = client.get(path)
        expected = 200 if role in allowed else 403
        assert response.status_code == expected, (role, path, response.status_code)
        if expected == 403:
            assert "not allowed" in response.get_data(as_text=True)


ACTIONS = [
    ("/mentions/{mention}/accept", {}, ANALYSIS),
    ("/mentions/{mention}/reject", {}, ANALYSIS),
    ("/links/decide", {"mention_a": "{mention}", "mention_b": "{other_mention}", "decision": "confirm"}, ANALYSIS),
    ("/incidents/{incident}/split/{mention}", {"confirmed": "yes"}, ANALYSIS),
]


@pytest.mark.parametrize("role", ROLES)
def test_actions_for_every_role(as_role: Callable[[str], FlaskClient], ids: dict[str, str], role: str) -> None:
    client = as_role(role)
    for template, data, allowed in ACTIONS:
        body = {k: v.format(**ids) for k, v in data.items()}
        response = post(client, template.format(**ids), body)
        expected = 302 if role in allowed else 403
        assert response.status_code == expected, (role, template, response.status_code)


@pytest.mark.parametrize("role", ROLES)
def test_adding_a_testimony_by_role(as_role: Callable[[str], FlaskClient], role: str) -> None:
    client = as_role(role)
    body = {"source": "SRC-01", "text": f"A new testimony entered by a {role}.", "channel": "phone"}
    response = post(client, "/testimonies/new", body)
    assert response.status_code == (302 if role in DESK else 403)


def test_testimony_view_marks_the_evidence(as_role: Callable[[str], FlaskClient], ids: dict[str, str]) -> None:
    html = as_role("analyst").get(f"/testimonies/{ids['testimony']}").get_data(as_text=True)
    marks = re.findall(r"<mark [^>]*>([^<]*)</mark>", html)
    assert marks == ["March 2023", "arrested", "Hyesan"]
    assert f"{ids['mention']} arrest: place" in html


def test_reader_sees_the_mention_record_but_no_evidence_span(
    as_role: Callable[[str], FlaskClient], ids: dict[str, str]
) -> None:
    """Readers hold no text key (docs/security.md): evidence spans quote the testimony."""
    html = as_role("reader").get(f"/mentions/{ids['mention']}").get_data(as_text=True)
    assert ids["mention"] in html
    assert "<mark" not in html and "arrested" not in html and "Hyesan" not in html
    assert "Ministry of State Security.\n" not in html


def test_accepting_and_correcting_a_mention(
    as_role: Callable[[str], FlaskClient], ids: dict[str, str], store_path: str
) -> None:
    client = as_role("analyst")
    html = client.get("/review").get_data(as_text=True)
    assert ids["mention"] in html and "Accept" in html
    response = post(
        client,
        f"/mentions/{ids['mention']}",
        {"type": "detention", "date": "2023-03-05", "relation": "second-hand", "province": "Ryanggang"},
    )
    assert response.status_code == 302
    store = open_store(store_path, "admin", PASSPHRASES["admin"])
    stored = store.get_mention(ids["mention"])
    store.close()
    assert stored.status == "accepted"
    assert stored.mention.type == "detention" and stored.mention.date == "2023-03-05"
    assert stored.mention.date_precision == "day"
    assert stored.mention.evidence  # the evidence spans are kept
    assert ids["mention"] in client.get("/review?status=accepted").get_data(as_text=True)


def test_link_decision_and_split_are_saved(
    as_role: Callable[[str], FlaskClient], ids: dict[str, str], store_path: str
) -> None:
    client = as_role("analyst")
    body = {"mention_a": ids["mention"], "mention_b": ids["other_mention"], "decision": "confirm"}
    assert post(client, "/links/decide", body).status_code == 302
    assert "same incident" in client.get("/links").get_data(as_text=True)
    split = f"/incidents/{ids['incident']}/split/{ids['other_mention']}"
    asked = post(client, split)
    assert asked.status_code == 200 and "decided by ana" in asked.get_data(as_text=True)  # asks first, names it
    assert post(client, split, {"confirmed": "yes"}).status_code == 302
    store = open_store(store_path, "admin", PASSPHRASES["admin"])
    decisions = store.link_decisions()
    store.close()
    assert decisions == [(ids["mention"], ids["other_mention"], "reject")]
    page = client.get("/links").get_data(as_text=True)
    assert "Decided by" in page and "Withdraw" in page
    pair = {"mention_a": ids["mention"], "mention_b": ids["other_mention"], "decision": "reject"}
    assert post(client, "/links/withdraw", pair).status_code == 302
    store = open_store(store_path, "admin", PASSPHRASES["admin"])
    assert store.link_decisions() == []
    store.close()


UNKNOWN = [
    "/testimonies/T-9999",
    "/mentions/T-0001-99",
    "/incidents/I-9999",
    "/no/such/page",
    "/review?status=nonsense",
]


def test_unknown_ids_are_404_in_the_one_error_shape(as_role: Callable[[str], FlaskClient]) -> None:
    client = as_role("analyst")
    for path in UNKNOWN:
        response = client.get(path)
        assert response.status_code == 404, path
        assert "Traceback" not in response.get_data(as_text=True)
        response = client.get(path, headers={"Accept": "application/json"})
        body = response.get_json()
        assert response.status_code == 404
        assert set(body) == {"error"} and set(body["error"]) == {"status", "code", "message"}
        assert body["error"]["status"] == 404 and body["error"]["code"] == "not_found"
    assert post(client, "/mentions/T-0001-99/accept").status_code == 404
    assert post(client, "/incidents/I-0001/split/T-0002-99").status_code == 404


def test_error_shape_is_pinned(as_role: Callable[[str], FlaskClient], ids: dict[str, str]) -> None:
    client = as_role("reader")
    response = client.get(f"/testimonies/{ids['testimony']}", headers={"Accept": "application/json"})
    assert response.status_code == 403
    assert response.get_json() == {
        "error": {
            "status": 403,
            "code": "forbidden",
            "message": "user 'rita' (role reader) is not allowed: testimony.read",
        }
    }


def test_a_bug_is_a_500_without_traceback_or_text(store_path: str, ids: dict[str, str]) -> None:
    from casework.web import create_app

    app = create_app(store_path)

    @app.get("/boom")
    def boom() -> str:
        raise RuntimeError("three women were arrested in Hyesan")

    from .desk import login

    client = app.test_client()
    login(client, "ana")
    response = client.get("/boom")
    html = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "Hyesan" not in html and "Traceback" not in html and "RuntimeError" not in html
    assert "Internal error. Reference" in html


def _assert_strict(response_headers: dict[str, str]) -> None:
    assert response_headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert response_headers["Referrer-Policy"] == "no-referrer"
    assert response_headers["X-Content-Type-Options"] == "nosniff"
    assert response_headers["X-Frame-Options"] == "DENY"
    assert response_headers["Cache-Control"] == "no-store"


def test_security_headers_on_every_response(as_role: Callable[[str], FlaskClient], ids: dict[str, str]) -> None:
    client = as_role("analyst")
    for template, _ in PAGES:
        _assert_strict(dict(client.get(template.format(**ids)).headers))
    for path in ("/no/such/page", "/static/casework.css", "/login"):
        _assert_strict(dict(client.get(path).headers))
    cookie = client.get_cookie("casework_session")
    assert cookie is not None and cookie.http_only and cookie.same_site == "Strict"


def test_pages_have_no_inline_scripts_or_styles(as_role: Callable[[str], FlaskClient], ids: dict[str, str]) -> None:
    client = as_role("admin")
    for template, _ in PAGES:
        html = client.get(template.format(**ids)).get_data(as_text=True)
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), template
        assert "<style" not in html and " style=" not in html and " on" + "click=" not in html, template


def test_secure_cookie_when_asked(app: Flask, store_path: str) -> None:
    from casework.web import create_app

    secure = create_app(store_path, SESSION_COOKIE_SECURE=True)
    response = secure.test_client().get("/login", base_url="https://localhost")
    assert "Secure" in response.headers["Set-Cookie"]
    assert "Secure" not in app.test_client().get("/login").headers["Set-Cookie"]


def test_buttons_follow_the_role(as_role: Callable[[str], FlaskClient], ids: dict[str, str]) -> None:
    """Hidden buttons are a courtesy (the store enforces roles); readers see no actions they cannot take."""
    client = as_role("reader")
    review = client.get("/review").get_data(as_text=True)
    assert "Accept" not in review and "Reject" not in review and ">View<" in review
    assert "/links" not in client.get("/").get_data(as_text=True)
    assert "Add a testimony" not in client.get("/testimonies").get_data(as_text=True)
    assert "Split off" not in client.get(f"/incidents/{ids['incident']}").get_data(as_text=True)
    assert "Correct the fields" not in client.get(f"/mentions/{ids['mention']}").get_data(as_text=True)
    post(client, "/logout")
    client = as_role("analyst")
    review = client.get("/review").get_data(as_text=True)
    assert "Accept" in review and "Reject" in review
    assert "/links" in client.get("/").get_data(as_text=True)
    assert "Split off" in client.get(f"/incidents/{ids['incident']}").get_data(as_text=True)
