"""The Flask application factory of the analysts' web app.

The app is a thin layer over the library: each view opens nothing itself, it calls
the logged-in analyst's unlocked :class:`~casework.store.api.CaseStore` (kept in
server memory by :mod:`casework.web.sessions`), and the store enforces roles and
writes the audit log. Sessions, CSRF, forms and rate limiting are Flask-Login,
Flask-WTF and Flask-Limiter; this module only configures them strictly.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from typing import Any

from flask import Flask, Response, request, url_for
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_wtf.csrf import CSRFProtect
from werkzeug.middleware.proxy_fix import ProxyFix

from casework.desk import User, allowed
from casework.model import ROLES, EvidenceSpan, Place
from casework.web.auth import install_login
from casework.web.error_pages import register_error_handler
from casework.web.highlight import CONTEXT_FIELDS
from casework.web.i18n import install_i18n
from casework.web.sessions import DeskSessions

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cache-Control": "no-store",
    "Pragma": "no-cache",
}


def _roles_allowed(action: str) -> tuple[str, ...]:
    """The roles the store lets do ``action``, asked of the store's own rules (never copied here)."""
    return tuple(role for role in ROLES if allowed(User("-", role), action))


# Display hints only: which buttons to show to which role. The store enforces its rules in every
# call; a hidden button is a courtesy.
REVIEWERS = _roles_allowed("mention.write")  # decide mentions, links, incidents
TEXT_READERS = _roles_allowed("testimony.read")  # read testimony text, add testimonies

DEFAULTS: dict[str, Any] = {
    "CASEWORK_IDLE_TIMEOUT": 30 * 60,  # seconds without a request before logout
    "CASEWORK_SESSION_LIFETIME": 8 * 3600,  # seconds after login before logout, regardless
    "CASEWORK_LOGIN_LIMIT": "5 per minute",  # per client address and username
    "CASEWORK_LOGIN_LIMIT_PER_ADDRESS": "30 per minute",  # per client address, any username
    "CASEWORK_PAGE_SIZE": 50,
    "CASEWORK_LINK_UNCERTAIN": (0.3, 0.97),  # match probabilities shown on the link review page
    "CASEWORK_REPORT_TMP": "/dev/shm" if os.path.isdir("/dev/shm") else None,  # noqa: S108 - memory, not disk
    "CASEWORK_CLOCK": time.monotonic,
    "CASEWORK_PROXY_HOPS": 0,  # reverse proxies in front whose X-Forwarded-For/-Proto are trusted
    "MAX_CONTENT_LENGTH": 2 * 1024 * 1024,
    "SESSION_COOKIE_NAME": "casework_session",
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Strict",
    "SESSION_COOKIE_SECURE": False,  # `casework serve` sets it for non-loopback addresses
    "SESSION_PROTECTION": "strong",
    "REMEMBER_COOKIE_DURATION": 0,
    "WTF_CSRF_ENABLED": True,
    "WTF_CSRF_TIME_LIMIT": 8 * 3600,
    "RATELIMIT_STORAGE_URI": "memory://",
    "RATELIMIT_HEADERS_ENABLED": False,
    "TEMPLATES_AUTO_RELOAD": False,
}


def create_app(store_url: str, **config: Any) -> Flask:
    """Build the web app for one store; ``config`` overrides Flask/Casework settings by name.

    Args:
        store_url: SQLite path or PostgreSQL URL, as for the CLI's ``--store``.
        config: e.g. ``CASEWORK_IDLE_TIMEOUT=600``, ``SECRET_KEY=...``, ``WTF_CSRF_ENABLED=False``.

    Example:
        >>> app = create_app("desk.db", CASEWORK_IDLE_TIMEOUT=900)  # doctest: +SKIP
        >>> app.test_client().get("/login").status_code  # doctest: +SKIP
        200
    """
    app = Flask(__name__)
    app.config.update(DEFAULTS)
    app.config["SECRET_KEY"] = os.urandom(32)  # per process: restarting logs everyone out
    app.config["CASEWORK_STORE_URL"] = store_url
    app.config.update(config)

    sessions = DeskSessions(
        idle_timeout=float(app.config["CASEWORK_IDLE_TIMEOUT"]),
        lifetime=float(app.config["CASEWORK_SESSION_LIFETIME"]),
        clock=app.config["CASEWORK_CLOCK"],
    )
    app.extensions["casework_sessions"] = sessions

    CSRFProtect(app)
    install_i18n(app)
    limiter = Limiter(get_remote_address, app=app, storage_uri=app.config["RATELIMIT_STORAGE_URI"])
    app.extensions["casework_limiter"] = limiter
    install_login(app, sessions, limiter)
    _register_views(app)
    register_error_handler(app)
    app.after_request(_secure_headers)
    hops = int(app.config["CASEWORK_PROXY_HOPS"])
    if hops > 0:  # behind a TLS proxy: rate limits and the audit need the client's address, not the proxy's
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)  # type: ignore[method-assign]
    app.jinja_env.autoescape = True
    app.jinja_env.globals["CONTEXT_FIELDS"] = sorted(CONTEXT_FIELDS)
    app.jinja_env.filters["place_text"] = place_text
    app.jinja_env.filters["field_evidence"] = field_evidence
    app.jinja_env.globals["REVIEWERS"] = REVIEWERS
    app.jinja_env.globals["TEXT_READERS"] = TEXT_READERS
    app.context_processor(_url_builder(app))
    return app


def place_text(place: Place) -> str:
    """A place as one line, smallest first ("Hyesan, Ryanggang"), or a dash.

    A filter, not a macro: a review page writes it 50 times, and a Jinja macro call
    costs several times a plain function's.
    """
    return ", ".join(p for p in (place.site, place.county_or_city, place.province) if p) or "—"


def field_evidence(evidence: Sequence[EvidenceSpan]) -> list[EvidenceSpan]:
    """A mention's spans for its own fields, without those covering a whole sentence or passage."""
    return [span for span in evidence if span.field not in CONTEXT_FIELDS]


URL_CACHE_SIZE = 20_000  # built links kept per app (a 50-row page builds about 270)


def _url_builder(app: Flask) -> Callable[[], dict[str, Any]]:
    """A context processor giving templates a ``url_for`` that remembers the links it built.

    Why: a list page builds a few hundred links, and Werkzeug's rule building costs more
    than the rest of a row. A link depends only on the endpoint, its arguments and the
    mount point (``script_root``), so it is kept per app under those; calls with
    anything else (relative endpoints, ``_external``/``_anchor``, values that are not
    plain strings or integers) go to Flask every time. The cache is emptied when full.
    """
    cache: dict[tuple[Any, ...], str] = {}

    def processor() -> dict[str, Any]:
        root = request.script_root

        def cached_url_for(endpoint: str, **values: Any) -> str:
            if (
                endpoint.startswith(".")
                or not all(type(v) in (str, int) or v is None for v in values.values())
                or any(k.startswith("_") for k in values)
            ):
                return url_for(endpoint, **values)
            key = (root, endpoint, *sorted(values.items()))
            found = cache.get(key)
            if found is None:
                if len(cache) >= URL_CACHE_SIZE:
                    cache.clear()
                found = cache[key] = url_for(endpoint, **values)
            return found

        return {"url_for": cached_url_for}

    return processor


def _register_views(app: Flask) -> None:
    from casework.web.views import drafts, home, incidents, links, reports, review, testimonies
    from casework.web.views.search import install_search

    for module in (home, testimonies, review, links, incidents, drafts, reports):
        app.register_blueprint(module.bp)
    install_search(app)
    app.jinja_env.globals["ENDPOINTS"] = frozenset(app.view_functions)


def _secure_headers(response: Response) -> Response:
    """Strict headers on every response; nothing is cached (pages may carry testimony)."""
    for name, value in SECURITY_HEADERS.items():
        response.headers[name] = value
    return response
