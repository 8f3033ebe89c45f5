"""The web app's one error handler and its one error shape.

Every failure, whether a project error (:class:`~casework.errors.CaseworkError`), an
HTTP error (404, 413, 429, a CSRF failure) or a bug, ends here and is answered as an
HTML page, or as ``{"error": {"status", "code", "message"}}`` for clients that ask
for JSON. Threat addressed: error text ends up in screenshots, proxies and logs, so
it never carries a traceback or testimony text: project errors carry ids only (the
contract of :mod:`casework.errors`), HTTP errors get our fixed wording, and anything
else becomes "internal error" with a reference to find the log line (which names the
exception type only).
"""

from __future__ import annotations

import logging
import secrets

from flask import Flask, Response, jsonify, render_template, request
from flask_limiter.errors import RateLimitExceeded
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

from casework import errors

log = logging.getLogger(__name__)

# Most specific first: the first class the error is an instance of decides.
_PROJECT_ERRORS: tuple[tuple[type[errors.CaseworkError], int, str], ...] = (
    (errors.NotFoundError, 404, "not_found"),
    (errors.AccessDenied, 403, "forbidden"),
    (errors.AuthError, 401, "unauthorised"),
    (errors.DuplicateError, 409, "duplicate"),
    (errors.StoreLockedError, 503, "store_locked"),
    (errors.StoreCorruptError, 500, "store_corrupt"),
    (errors.AuditChainBroken, 500, "audit_chain_broken"),
    (errors.PublicationRefused, 409, "publication_refused"),
    (errors.InputError, 400, "bad_input"),
    (errors.CaseworkError, 400, "casework_error"),
)

_HTTP_MESSAGES: dict[int, tuple[str, str]] = {
    400: ("bad_request", "The request could not be understood."),
    401: ("unauthorised", "Log in first."),
    403: ("forbidden", "Your role does not allow this."),
    404: ("not_found", "There is no such page or record."),
    405: ("method_not_allowed", "This page does not accept that method."),
    413: ("too_large", "The upload is larger than this desk accepts."),
    429: ("too_many_requests", "Too many attempts. Wait a minute and try again."),
    503: ("unavailable", "This part of Casework is not available on this server yet."),
}


def describe(error: BaseException) -> tuple[int, str, str]:
    """(HTTP status, short code, safe one-line message) for any error."""
    if isinstance(error, CSRFError):
        return 400, "csrf_failed", "The form expired or did not come from this site. Reload the page and try again."
    if isinstance(error, RequestEntityTooLarge):
        limit = _limit_text()
        return 413, "too_large", f"The upload is larger than this desk accepts ({limit})."
    if isinstance(error, RateLimitExceeded):
        return 429, "too_many_requests", _HTTP_MESSAGES[429][1]
    if isinstance(error, HTTPException):
        status = error.code or 500
        code, message = _HTTP_MESSAGES.get(status, ("http_error", "The request could not be completed."))
        return status, code, message
    for cls, status, code in _PROJECT_ERRORS:
        if isinstance(error, cls):
            message = str(error) if status < 500 else "The store failed an integrity check; see the server log."
            return status, code, message
    return 500, "internal_error", "Internal error."


def wants_json() -> bool:
    """True when the client prefers JSON to HTML (API clients, scripts)."""
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return best == "application/json"


def error_response(error: BaseException) -> tuple[Response | str, int]:
    """Render ``error`` in the one shape; log bugs by type and reference only."""
    status, code, message = describe(error)
    if status >= 500:
        reference = secrets.token_hex(4)
        message = f"{message} Reference {reference}."
        log.error("web request failed: %s (reference %s)", type(error).__name__, reference)
    if wants_json():
        return jsonify(error={"status": status, "code": code, "message": message}), status
    return render_template("error.html", status=status, code=code, message=message), status


def register_error_handler(app: Flask) -> None:
    """Install :func:`error_response` for every exception (HTTP and otherwise)."""
    app.register_error_handler(Exception, error_response)


def _limit_text() -> str:
    from flask import current_app

    limit = current_app.config.get("MAX_CONTENT_LENGTH")
    if not limit:
        return "no limit set"
    return f"at most {limit / (1024 * 1024):.1f} MB"
