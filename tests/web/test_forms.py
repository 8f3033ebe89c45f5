"""Forms: CSRF on every form, server-side validation shown again, uploads and their limit."""

from __future__ import annotations

import io
from collections.abc import Callable

from flask.testing import FlaskClient

from casework.desk import correct_field
from casework.store import open_store
from casework.web import create_app

from .desk import PASSPHRASES, csrf_token, login, post


def _status(store_path: str, mention_id: str) -> str:
    store = open_store(store_path, "admin", PASSPHRASES["admin"])
    try:
        return store.get_mention(mention_id).status
    finally:
        store.close()


def test_post_without_csrf_token_is_refused_and_changes_nothing(
    as_role: Callable[[str], FlaskClient], ids: dict[str, str], store_path: str
) -> None:
    client = as_role("analyst")
    for path in (f"/mentions/{ids['mention']}/accept", "/logout", "/testimonies/new", "/drafts/check"):
        response = client.post(path, data={"text": "x", "source": "SRC-01"})
        assert response.status_code == 400, path
        assert "did not come from this site" in response.get_data(as_text=True)
    response = client.post(f"/mentions/{ids['mention']}/accept", data={"csrf_token": "forged"})
    assert response.status_code == 400
    assert _status(store_path, ids["mention"]) == "suggested"
    assert client.get("/").status_code == 200  # still logged in: logout was refused too


def test_login_form_needs_csrf_token(client: FlaskClient) -> None:
    response = client.post("/login", data={"username": "ana", "passphrase": PASSPHRASES["ana"]})
    assert response.status_code == 400


def test_every_form_carries_a_csrf_token(as_role: Callable[[str], FlaskClient], ids: dict[str, str]) -> None:
    client = as_role("admin")
    for path in ("/testimonies/new", f"/mentions/{ids['mention']}", "/drafts/check", "/reports", "/links", "/review"):
        html = client.get(path).get_data(as_text=True)
        forms = html.count("<form")
        assert forms > 0 and html.count('name="csrf_token"') == forms, path


def test_testimony_form_needs_exactly_one_of_upload_or_text(as_role: Callable[[str], FlaskClient]) -> None:
    client = as_role("analyst")
    response = post(client, "/testimonies/new", {"source": "SRC-01"})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Either upload a .txt file or paste the text" in html and "<form" in html
    both = {"source": "SRC-01", "text": "pasted", "upload": (io.BytesIO(b"uploaded"), "t.txt")}
    response = post(client, "/testimonies/new", both, content_type="multipart/form-data")
    assert response.status_code == 400


def test_testimony_form_validates_every_field(as_role: Callable[[str], FlaskClient]) -> None:
    client = as_role("analyst")
    bad = {"source": "SRC-77", "received": "yesterday", "channel": "pigeon", "new_list": "no spaces!", "text": "x"}
    response = post(client, "/testimonies/new", bad)
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Not a valid choice" in html  # unknown source and channel
    assert "Not a valid date value" in html
    assert "Use letters, digits" in html  # a new list is typed on purpose, and checked


def test_list_is_chosen_from_the_store_lists(as_role: Callable[[str], FlaskClient]) -> None:
    """A typo must not start a new documentation list: only the separate 'new list' field makes one."""
    client = as_role("analyst")
    form = client.get("/testimonies/new").get_data(as_text=True)
    assert '<select id="list_name" name="list_name"' in form and 'name="new_list"' in form
    typo = {"source": "SRC-01", "list_name": "dessk", "text": "A new testimony about Hyesan."}
    response = post(client, "/testimonies/new", typo)
    assert response.status_code == 400 and "Choose one of the store" in response.get_data(as_text=True)
    deliberate = {"source": "SRC-01", "new_list": "interview-programme", "text": "Another testimony about Musan."}
    assert post(client, "/testimonies/new", deliberate, follow_redirects=False).status_code == 302
    assert '<option value="interview-programme">' in client.get("/testimonies/new").get_data(as_text=True)


def test_upload_of_a_text_file(as_role: Callable[[str], FlaskClient], store_path: str) -> None:
    client = as_role("analyst")
    upload = {"source": "SRC-02", "upload": (io.BytesIO(b"Arrested in Hyesan.\n"), "call.txt")}
    response = post(client, "/testimonies/new", upload, content_type="multipart/form-data")
    assert response.status_code == 302
    new_id = response.headers["Location"].rsplit("/", 1)[-1]
    page = client.get(f"/testimonies/{new_id}").get_data(as_text=True)
    assert "Arrested in Hyesan." in page
    again = post(
        client,
        "/testimonies/new",
        {"source": "SRC-02", "upload": (io.BytesIO(b"Arrested in Hyesan.\n"), "call.txt")},
        content_type="multipart/form-data",
    )
    assert again.status_code == 302
    assert "already stored" in client.get(again.headers["Location"]).get_data(as_text=True)


def test_upload_that_is_not_text_is_refused_with_the_reason(as_role: Callable[[str], FlaskClient]) -> None:
    client = as_role("analyst")
    for name, raw, message in (
        ("photo.jpg", b"\xff\xd8\xff", "Only .txt files are accepted."),
        ("bad.txt", b"\xff\xfe not utf-8", "not UTF-8 text"),
        ("nul.txt", b"abc\x00def", "binary file"),
    ):
        upload = {"source": "SRC-01", "upload": (io.BytesIO(raw), name)}
        response = post(client, "/testimonies/new", upload, content_type="multipart/form-data")
        assert response.status_code == 400, name
        assert message in response.get_data(as_text=True), name


def test_oversized_upload_is_refused_with_413(store_path: str, ids: dict[str, str]) -> None:
    app = create_app(store_path, MAX_CONTENT_LENGTH=64 * 1024)
    client = app.test_client()
    login(client, "ana")
    token = csrf_token(client, "/testimonies/new")
    upload = {"source": "SRC-01", "csrf_token": token, "upload": (io.BytesIO(b"a" * 200_000), "big.txt")}
    response = client.post("/testimonies/new", data=upload, content_type="multipart/form-data")
    assert response.status_code == 413
    assert "larger than this desk accepts (at most 0.1 MB)" in response.get_data(as_text=True)
    response = client.post(
        "/testimonies/new",
        data={**upload, "upload": (io.BytesIO(b"a" * 200_000), "big.txt")},
        content_type="multipart/form-data",
        headers={"Accept": "application/json"},
    )
    assert response.get_json()["error"]["code"] == "too_large"


def test_mention_correction_validates_fields(as_role: Callable[[str], FlaskClient], ids: dict[str, str]) -> None:
    client = as_role("analyst")
    bad = {"type": "picnic", "date": "March", "victims_count": "-2", "relation": "first-hand"}
    response = post(client, f"/mentions/{ids['mention']}", bad)
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Not a valid choice" in html
    assert "Use YYYY, YYYY-MM or YYYY-MM-DD." in html
    assert "Number must be between 0 and 1000000" in html


def test_web_correction_follows_the_desk_rule(
    as_role: Callable[[str], FlaskClient], ids: dict[str, str], store_path: str
) -> None:
    """The form and `casework review mentions --correct` share one rule (desk.correct_field)."""
    store = open_store(store_path, "admin", PASSPHRASES["admin"])
    try:
        before = store.get_mention(ids["mention"]).mention
    finally:
        store.close()
    changes = {"date": "2019-02", "province": "  Ryanggang ", "victims_count": "3", "perpetrator": ""}
    expected = before
    for field, value in changes.items():
        expected = correct_field(expected, field, value)
    form = {
        "type": before.type,
        "relation": before.relation,
        "county_or_city": before.place.county_or_city or "",
        "site": before.place.site or "",
        "victims_description": before.victims.description or "",
        **changes,
    }
    response = post(as_role("analyst"), f"/mentions/{ids['mention']}", form)
    assert response.status_code == 302
    store = open_store(store_path, "admin", PASSPHRASES["admin"])
    try:
        stored = store.get_mention(ids["mention"])
    finally:
        store.close()
    assert stored.status == "accepted"
    assert (stored.mention.date, stored.mention.date_precision) == ("2019-02", "month")
    assert stored.mention.place == expected.place
    assert stored.mention.victims == expected.victims
    assert stored.mention.perpetrator == expected.perpetrator


def test_tampered_link_decision_is_a_bad_request(as_role: Callable[[str], FlaskClient]) -> None:
    client = as_role("analyst")
    response = post(client, "/links/decide", {"mention_a": "", "mention_b": "x", "decision": "maybe"})
    assert response.status_code == 400


def test_empty_draft_is_shown_again(as_role: Callable[[str], FlaskClient]) -> None:
    response = post(as_role("analyst"), "/drafts/check", {"text": "  "})
    assert response.status_code == 400
    assert "Paste the draft to check." in response.get_data(as_text=True)
