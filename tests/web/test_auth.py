"""Logging in and out, second factor, session expiry, login rate limiting, audit of web actions."""

from __future__ import annotations

import pyotp
from flask import Flask
from flask.testing import FlaskClient

from casework.store import open_store
from casework.web import create_app

from .desk import PASSPHRASES, Clock, csrf_token, login, post


def _audit_actions(store_path: str) -> list[tuple[str, str, dict[str, str]]]:
    store = open_store(store_path, "admin", PASSPHRASES["admin"])
    try:
        return [(e.action, e.username, e.details) for e in store.audit_events(limit=500)]
    finally:
        store.close()


def test_pages_need_login_and_redirect_back(client: FlaskClient) -> None:
    response = client.get("/incidents")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=/incidents")
    token = csrf_token(client, "/login?next=/incidents")
    response = client.post(
        "/login?next=/incidents", data={"username": "ana", "passphrase": PASSPHRASES["ana"], "csrf_token": token}
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/incidents"


def test_login_never_redirects_off_site(client: FlaskClient) -> None:
    token = csrf_token(client)
    response = client.post(
        "/login?next=//evil.example/x", data={"username": "ana", "passphrase": PASSPHRASES["ana"], "csrf_token": token}
    )
    assert response.headers["Location"] == "/"


def test_wrong_passphrase_shows_the_form_again_without_saying_which(client: FlaskClient) -> None:
    token = csrf_token(client)
    response = client.post("/login", data={"username": "ana", "passphrase": "not-the-one", "csrf_token": token})
    assert response.status_code == 401
    html = response.get_data(as_text=True)
    assert "Wrong username or passphrase." in html
    assert 'name="username"' in html
    response = client.post("/login", data={"username": "nobody", "passphrase": "not-the-one", "csrf_token": token})
    assert "Wrong username or passphrase." in response.get_data(as_text=True)


def test_login_shows_user_and_role_and_logout_closes_the_store(app: Flask, client: FlaskClient) -> None:
    login(client, "ana")
    html = client.get("/").get_data(as_text=True)
    assert "ana" in html and "analyst" in html
    sessions = app.extensions["casework_sessions"]
    assert len(sessions) == 1
    response = post(client, "/logout")
    assert response.status_code == 302
    assert len(sessions) == 0
    assert client.get("/").status_code == 302


def test_failed_logins_are_audited_with_the_next_login(store_path: str, client: FlaskClient) -> None:
    token = csrf_token(client)
    for _ in range(2):
        client.post("/login", data={"username": "ana", "passphrase": "wrong-passphrase", "csrf_token": token})
    login(client, "ana")
    post(client, "/logout")
    events = _audit_actions(store_path)
    logins = [d for action, user, d in events if action == "web.login" and user == "ana"]
    assert logins and logins[-1]["failed_attempts"] == "2"
    assert any(action == "web.logout" and user == "ana" for action, user, _ in events)


def test_login_is_rate_limited_per_address_and_username(client: FlaskClient) -> None:
    token = csrf_token(client)
    for _ in range(5):
        response = client.post("/login", data={"username": "ana", "passphrase": "wrong-pass", "csrf_token": token})
        assert response.status_code == 401
    response = client.post("/login", data={"username": "ana", "passphrase": PASSPHRASES["ana"], "csrf_token": token})
    assert response.status_code == 429
    assert "Too many attempts" in response.get_data(as_text=True)
    # another account from the same address is not locked out by ana's failures
    login(client, "rita")


def test_idle_session_expires_and_closes_the_store(app: Flask, client: FlaskClient, clock: Clock) -> None:
    login(client, "ana")
    assert client.get("/").status_code == 200
    clock.advance(app.config["CASEWORK_IDLE_TIMEOUT"] - 1)
    assert client.get("/").status_code == 200  # activity keeps it alive
    clock.advance(app.config["CASEWORK_IDLE_TIMEOUT"] + 1)
    response = client.get("/")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")
    assert len(app.extensions["casework_sessions"]) == 0


def test_session_ends_after_its_lifetime_even_when_active(store_path: str, ids: dict[str, str], clock: Clock) -> None:
    app = create_app(store_path, CASEWORK_CLOCK=clock, CASEWORK_IDLE_TIMEOUT=600, CASEWORK_SESSION_LIFETIME=1800)
    client = app.test_client()
    login(client, "ana")
    for _ in range(3):  # 1500 s of activity, never idle for 600 s
        clock.advance(500)
        assert client.get("/").status_code == 200
    clock.advance(500)
    assert client.get("/").status_code == 302


def test_json_clients_get_401_not_a_redirect(client: FlaskClient) -> None:
    response = client.get("/incidents", headers={"Accept": "application/json"})
    assert response.status_code == 401
    assert response.get_json() == {"error": {"status": 401, "code": "unauthorised", "message": "Log in first."}}


def test_second_factor_enrolment_then_required_at_login(store_path: str, client: FlaskClient) -> None:
    login(client, "ana")
    html = client.get("/account/second-factor").get_data(as_text=True)
    secret = html.split("<dt>Secret</dt><dd><code>")[1].split("</code>")[0]
    assert len(secret) >= 16
    wrong = post(client, "/account/second-factor", {"code": "000000"}, follow_redirects=False)
    assert wrong.status_code == 400 and "Wrong code" in wrong.get_data(as_text=True)
    response = post(client, "/account/second-factor", {"code": pyotp.TOTP(secret).now()})
    assert response.status_code == 302
    post(client, "/logout")

    store = open_store(store_path, "ana", PASSPHRASES["ana"])
    assert store.totp_secret() == secret
    store.close()

    token = csrf_token(client)
    response = client.post("/login", data={"username": "ana", "passphrase": PASSPHRASES["ana"], "csrf_token": token})
    assert response.headers["Location"] == "/login/second-factor"
    assert client.get("/").status_code == 302  # not logged in before the code
    token = csrf_token(client, "/login/second-factor")
    bad = client.post("/login/second-factor", data={"code": "123456", "csrf_token": token})
    assert bad.status_code == 401
    good = client.post("/login/second-factor", data={"code": pyotp.TOTP(secret).now(), "csrf_token": token})
    assert good.status_code == 302
    assert client.get("/").status_code == 200


def test_second_factor_page_without_pending_login_sends_back(client: FlaskClient) -> None:
    response = client.get("/login/second-factor")
    assert response.status_code == 302 and response.headers["Location"] == "/login"


def test_second_factor_removal_needs_a_current_code(store_path: str, client: FlaskClient) -> None:
    store = open_store(store_path, "ana", PASSPHRASES["ana"])
    secret = pyotp.random_base32()
    store.set_totp_secret(secret)
    store.close()
    token = csrf_token(client)
    client.post("/login", data={"username": "ana", "passphrase": PASSPHRASES["ana"], "csrf_token": token})
    token = csrf_token(client, "/login/second-factor")
    client.post("/login/second-factor", data={"code": pyotp.TOTP(secret).now(), "csrf_token": token})
    assert "A second factor is enrolled" in client.get("/account/second-factor").get_data(as_text=True)
    refused = post(client, "/account/second-factor/remove", {"code": "000000"})
    assert refused.status_code == 400 and "was not removed" in refused.get_data(as_text=True)
    assert post(client, "/account/second-factor/remove", {"code": pyotp.TOTP(secret).now()}).status_code == 302
    store = open_store(store_path, "ana", PASSPHRASES["ana"])
    assert store.totp_secret() is None
    store.close()


def test_wrong_second_factor_codes_are_limited_per_account(store_path: str, client: FlaskClient) -> None:
    store = open_store(store_path, "ana", PASSPHRASES["ana"])
    secret = pyotp.random_base32()
    store.set_totp_secret(secret)
    store.close()
    current = pyotp.TOTP(secret).now()
    wrong = f"{(int(current) + 500_000) % 1_000_000:06d}"
    statuses = []
    for _ in range(3):  # a fresh passphrase login each time must not reset the count
        token = csrf_token(client)
        client.post("/login", data={"username": "ana", "passphrase": PASSPHRASES["ana"], "csrf_token": token})
        token = csrf_token(client, "/login/second-factor")
        for _ in range(2):
            statuses.append(client.post("/login/second-factor", data={"code": wrong, "csrf_token": token}).status_code)
    assert statuses[:5] == [401] * 5
    assert statuses[5] == 429
