"""Logging in and out: passphrase (Argon2id, the CLI's keys), optional TOTP, rate limits.

A login unlocks the store with ``casework.store.open_store`` exactly as the CLI does
and keeps the unlocked store server-side (:mod:`casework.web.sessions`); the browser
gets only a signed random token through Flask-Login. Every page except the login
pages requires a live session.

Audit decision for failed logins: a failed passphrase leaves no unlocked store to
write to, and the audit log is data inside the encrypted store. So failures are
counted in memory per username and written into the audit log with the next
successful login of that username (``web.login`` with ``failed_attempts``); the
server log gets one line per failure that names no username. A failed second factor
happens with the store unlocked and is audited at once (``web.login_failed``).
"""

from __future__ import annotations

import logging
import threading
from typing import Any
from urllib.parse import urlsplit

import pyotp
from flask import Blueprint, Flask, current_app, flash, redirect, render_template, request, session, url_for
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager, UserMixin, current_user, login_user, logout_user
from werkzeug.exceptions import Unauthorized
from werkzeug.wrappers import Response as WerkzeugResponse

from casework.desk import CaseStore, open_store
from casework.errors import AuthError
from casework.web.error_pages import error_response, wants_json
from casework.web.forms import LoginForm, TotpForm
from casework.web.sessions import DeskSession, DeskSessions

log = logging.getLogger(__name__)

PUBLIC_ENDPOINTS = frozenset({"auth.login", "auth.second_factor", "static"})
MAX_SECOND_FACTOR_TRIES = 5


class WebUser(UserMixin):  # type: ignore[misc]
    """The Flask-Login user: a view of one :class:`DeskSession` (its id is the token)."""

    def __init__(self, desk: DeskSession) -> None:
        self.desk = desk

    def get_id(self) -> str:
        return self.desk.token

    @property
    def username(self) -> str:
        return self.desk.username

    @property
    def role(self) -> str:
        return self.desk.role


def current_desk() -> DeskSession:
    """The logged-in analyst's session (views run only when there is one)."""
    desk = getattr(current_user, "desk", None)
    if not isinstance(desk, DeskSession):
        raise Unauthorized()
    return desk


def current_store() -> CaseStore:
    """The logged-in analyst's unlocked store; it enforces their role in every call."""
    return current_desk().store


class FailedLogins:
    """Failed passphrase attempts per username, kept until that user's next login."""

    def __init__(self, limit: int = 10_000) -> None:
        self._counts: dict[str, int] = {}
        self._limit = limit
        self._lock = threading.Lock()

    def record(self, username: str) -> None:
        with self._lock:
            if username in self._counts or len(self._counts) < self._limit:
                self._counts[username] = self._counts.get(username, 0) + 1

    def collect(self, username: str) -> int:
        with self._lock:
            return self._counts.pop(username, 0)


def install_login(app: Flask, sessions: DeskSessions, limiter: Limiter) -> None:
    """Flask-Login, the login-required guard and the auth blueprint for ``app``."""
    manager = LoginManager(app)
    manager.session_protection = "strong"

    @manager.user_loader  # type: ignore[untyped-decorator]
    def load_user(token: str) -> WebUser | None:
        desk = sessions.get(token)
        if desk is None or desk.second_factor_pending:
            return None
        return WebUser(desk)

    @manager.unauthorized_handler  # type: ignore[untyped-decorator]
    def unauthorized() -> Any:
        if wants_json():
            return error_response(Unauthorized())
        return redirect(url_for("auth.login", next=_safe_next(request.full_path)))

    @app.before_request
    def require_login() -> Any:
        if request.endpoint is None or request.endpoint in PUBLIC_ENDPOINTS:
            return None
        if not current_user.is_authenticated:
            return manager.unauthorized()
        return None

    @app.context_processor
    def navigation() -> dict[str, Any]:
        return {"desk_user": current_user if current_user.is_authenticated else None}

    app.register_blueprint(_auth_blueprint(sessions, limiter, FailedLogins()))


def _login_key() -> str:
    username = (request.form.get("username") or "").strip().lower()
    return f"{get_remote_address()}|{username}"


def _auth_blueprint(sessions: DeskSessions, limiter: Limiter, failures: FailedLogins) -> Blueprint:
    bp = Blueprint("auth", __name__)
    used_codes: dict[str, str] = {}

    def login_limit() -> str:
        return str(current_app.config["CASEWORK_LOGIN_LIMIT"])

    def address_limit() -> str:
        return str(current_app.config["CASEWORK_LOGIN_LIMIT_PER_ADDRESS"])

    def failed(response: WerkzeugResponse) -> bool:
        return response.status_code == 401

    @bp.route("/login", methods=["GET", "POST"])
    @limiter.limit(login_limit, key_func=_login_key, methods=["POST"], deduct_when=failed, scope="login-user")
    @limiter.limit(address_limit, methods=["POST"], deduct_when=failed, scope="login-address")
    def login() -> Any:
        if current_user.is_authenticated:
            return redirect(url_for("home.index"))
        form = LoginForm()
        if not form.validate_on_submit():
            return render_template("login.html", form=form), 400 if request.method == "POST" else 200
        username = form.username.data.strip()
        try:
            store = open_store(current_app.config["CASEWORK_STORE_URL"], username, form.passphrase.data)
        except AuthError:
            failures.record(username)
            log.info("failed web login from %s", get_remote_address())
            form.form_errors.append("Wrong username or passphrase.")
            return render_template("login.html", form=form), 401
        if store.totp_secret():
            desk = sessions.open(store, second_factor_pending=True)
            session.clear()
            session["pending_login"] = desk.token
            session["next"] = _safe_next(request.args.get("next"))
            return redirect(url_for("auth.second_factor"))
        return _finish_login(sessions.open(store), failures, second_factor=False)

    def second_factor_key() -> str:
        """Wrong codes are limited per account, so a new passphrase login does not reset the count."""
        desk = sessions.get(session.get("pending_login"))
        return f"totp|{desk.username}" if desk is not None else f"totp|{get_remote_address()}"

    @bp.route("/login/second-factor", methods=["GET", "POST"])
    @limiter.limit(login_limit, key_func=second_factor_key, methods=["POST"], deduct_when=failed, scope="totp")
    def second_factor() -> Any:
        desk = sessions.get(session.get("pending_login"))
        if desk is None or not desk.second_factor_pending:
            flash("Log in again.")
            return redirect(url_for("auth.login"))
        form = TotpForm()
        if not form.validate_on_submit():
            return render_template("totp.html", form=form), 400 if request.method == "POST" else 200
        secret = desk.store.totp_secret()
        if not secret:  # removed since the passphrase step: start again rather than guess
            sessions.close(desk.token, "second factor changed during login")
            session.clear()
            return redirect(url_for("auth.login"))
        code = form.code.data.strip()
        if not pyotp.TOTP(secret).verify(code, valid_window=1) or used_codes.get(desk.username) == code:
            desk.store.audit("web.login_failed", None, reason="wrong second factor", address=get_remote_address())
            tries = session.get("second_factor_tries", 0) + 1
            session["second_factor_tries"] = tries
            if tries >= MAX_SECOND_FACTOR_TRIES:
                sessions.close(desk.token, "too many wrong second-factor codes")
                session.clear()
                flash("Too many wrong codes. Log in again.")
                return redirect(url_for("auth.login"))
            form.form_errors.append("Wrong code.")
            return render_template("totp.html", form=form), 401
        used_codes[desk.username] = code
        desk.second_factor_pending = False
        return _finish_login(desk, failures, second_factor=True)

    @bp.route("/logout", methods=["POST"])
    def logout() -> Any:
        desk = current_desk()
        sessions.close(desk.token, "logout")
        logout_user()
        session.clear()
        flash("You are logged out.")
        return redirect(url_for("auth.login"))

    return bp


def _finish_login(desk: DeskSession, failures: FailedLogins, *, second_factor: bool) -> Any:
    next_url = session.get("next") or _safe_next(request.args.get("next"))
    session.clear()  # a fresh cookie session at login: no fixation
    login_user(WebUser(desk))
    desk.store.audit(
        "web.login",
        None,
        address=get_remote_address(),
        second_factor="yes" if second_factor else "no",
        failed_attempts=str(failures.collect(desk.username)),
    )
    return redirect(next_url or url_for("home.index"))


def _safe_next(target: str | None) -> str | None:
    """Only same-site paths may be redirected to after login (no open redirect)."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    if parts.path in ("/login", "/logout", "/login/second-factor"):
        return None
    return target.rstrip("?") or None
