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

Second factor: required for the roles the store names (admins and source handlers by
default); such an account without one can only enrol until it has. Every wrong code
counts against the limit, the last one too (it answers with a redirect, not a 401).
So that someone who has phished a passphrase cannot lock the real user out by
burning the limit, a browser that has completed a login before carries a signed
device cookie and gets its own budget (OWASP's "device cookies"); unknown browsers
share one budget per account.
"""

from __future__ import annotations

import logging
import secrets
import threading
from typing import Any
from urllib.parse import urlsplit

from flask import Blueprint, Flask, current_app, flash, g, redirect, render_template, request, session, url_for
from flask_babel import gettext
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager, UserMixin, current_user, login_user, logout_user
from itsdangerous import BadSignature, URLSafeTimedSerializer
from werkzeug.exceptions import Unauthorized
from werkzeug.wrappers import Response as WerkzeugResponse

from casework.desk import CaseStore, open_store
from casework.errors import AuthError
from casework.web.error_pages import error_response, wants_json
from casework.web.forms import LoginForm, TotpForm
from casework.web.sessions import DeskSession, DeskSessions

log = logging.getLogger(__name__)

PUBLIC_ENDPOINTS = frozenset({"auth.login", "auth.second_factor", "static", "language.choose"})
ENROLMENT_ENDPOINTS = frozenset({"home.second_factor", "auth.logout", "static", "language.choose"})
MAX_SECOND_FACTOR_TRIES = 5
DEVICE_COOKIE = "casework_device"
DEVICE_MAX_AGE_S = 90 * 24 * 3600


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
        desk = current_desk()
        if desk.must_enrol and request.endpoint not in ENROLMENT_ENDPOINTS:
            if desk.store.totp_secret():
                desk.must_enrol = False
            else:
                flash(gettext("Your role needs a second factor: enrol one to continue."))
                return redirect(url_for("home.second_factor"))
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
            form.form_errors.append(gettext("Wrong username or passphrase."))
            return render_template("login.html", form=form), 401
        if store.totp_secret():
            desk = sessions.open(store, second_factor_pending=True)
            session.clear()
            session["pending_login"] = desk.token
            session["next"] = _safe_next(request.args.get("next"))
            return redirect(url_for("auth.second_factor"))
        desk = sessions.open(store)
        desk.must_enrol = store.second_factor_required
        return _finish_login(desk, failures, second_factor=False)

    def second_factor_key() -> str:
        """Wrong codes are limited per account (a new passphrase login does not reset the count);
        a browser that logged in before has its own budget, so an attacker cannot use up the real user's."""
        desk = sessions.get(session.get("pending_login"))
        if desk is None:
            return f"totp|{get_remote_address()}"
        device = _known_device(desk.username)
        return f"totp|{desk.username}|device|{device}" if device else f"totp|{desk.username}"

    def code_failed(response: WerkzeugResponse) -> bool:
        return bool(g.get("second_factor_failed"))

    @bp.route("/login/second-factor", methods=["GET", "POST"])
    @limiter.limit(login_limit, key_func=second_factor_key, methods=["POST"], deduct_when=code_failed, scope="totp")
    def second_factor() -> Any:
        desk = sessions.get(session.get("pending_login"))
        if desk is None or not desk.second_factor_pending:
            flash(gettext("Log in again."))
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
        if not desk.store.verify_second_factor(code) or used_codes.get(desk.username) == code:
            g.second_factor_failed = True
            desk.store.audit("web.login_failed", None, reason="wrong second factor", address=get_remote_address())
            tries = session.get("second_factor_tries", 0) + 1
            session["second_factor_tries"] = tries
            if tries >= MAX_SECOND_FACTOR_TRIES:
                sessions.close(desk.token, "too many wrong second-factor codes")
                session.clear()
                flash(gettext("Too many wrong codes. Log in again."))
                return redirect(url_for("auth.login"))
            form.form_errors.append(gettext("Wrong code."))
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
        flash(gettext("You are logged out."))
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
    response = redirect(next_url or ("/account/second-factor" if desk.must_enrol else url_for("home.index")))
    if second_factor and not _known_device(desk.username):
        token = _device_signer().dumps({"u": desk.username, "d": secrets.token_urlsafe(12)})
        response.set_cookie(
            DEVICE_COOKIE, token, max_age=DEVICE_MAX_AGE_S, httponly=True, samesite="Strict",
            secure=bool(current_app.config.get("SESSION_COOKIE_SECURE")),
        )
    return response


def _device_signer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(str(current_app.secret_key), salt="casework-device")


def _known_device(username: str) -> str | None:
    """The id of this browser's device cookie when it was issued to ``username`` at a full login."""
    token = request.cookies.get(DEVICE_COOKIE)
    if not token:
        return None
    try:
        value = _device_signer().loads(token, max_age=DEVICE_MAX_AGE_S)
    except BadSignature:
        return None
    if not isinstance(value, dict) or value.get("u") != username:
        return None
    return str(value.get("d") or "") or None


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
