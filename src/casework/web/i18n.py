"""The interface in Korean and English: Flask-Babel, catalogues in ``translations/``, a language switch.

Language is chosen per request: the person's own choice (the language switch on every
page, kept in a cookie of its own that holds nothing but ``ko`` or ``en``), else the
browser's ``Accept-Language``, else English. Catalogues are gettext ``.po`` files in the
repository with their compiled ``.mo`` beside them (a test fails when a ``.mo`` is older
than its ``.po`` in content, and when a Korean message is missing); ``make translations``
re-extracts, updates and compiles them with Babel's own ``pybabel``.

Dates and numbers are shown through Babel's CLDR data (``format_date``,
``format_decimal``), so Korean pages read ``2024. 3. 2.`` and English ``2 Mar 2024``.
Words of the data model (incident types, grades, review states, relations, roles) are
translated here, once, by :func:`term`, so templates never spell them out.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from flask import Blueprint, Flask, current_app, redirect, request, url_for
from flask_babel import Babel, format_date, format_decimal, get_locale, lazy_gettext
from werkzeug.wrappers import Response as WerkzeugResponse

LANGUAGES = ("en", "ko")
LANGUAGE_NAMES = {"en": "English", "ko": "한국어"}
COOKIE = "casework_language"
TRANSLATIONS = Path(__file__).parent / "translations"

# The data model's words, marked for extraction once; shown through term().
TERMS: dict[str, Any] = {
    # incident types
    "arrest": lazy_gettext("arrest"),
    "detention": lazy_gettext("detention"),
    "disappearance": lazy_gettext("disappearance"),
    "execution": lazy_gettext("execution"),
    "torture_or_ill_treatment": lazy_gettext("torture or ill-treatment"),
    "forced_labour_or_mobilisation": lazy_gettext("forced labour or mobilisation"),
    "surveillance": lazy_gettext("surveillance"),
    "forced_repatriation": lazy_gettext("forced repatriation"),
    "extortion_or_bribery": lazy_gettext("extortion or bribery"),
    "punishment_of_family": lazy_gettext("punishment of family"),
    "other": lazy_gettext("other"),
    # grades
    "single-source": lazy_gettext("single source"),
    "corroborated": lazy_gettext("corroborated"),
    "well-corroborated": lazy_gettext("well corroborated"),
    "contested": lazy_gettext("contested"),
    # review states and link decisions
    "suggested": lazy_gettext("suggested"),
    "accepted": lazy_gettext("accepted"),
    "rejected": lazy_gettext("rejected"),
    "confirm": lazy_gettext("confirmed"),
    "reject": lazy_gettext("rejected"),
    # relations
    "first-hand": lazy_gettext("first-hand"),
    "second-hand": lazy_gettext("second-hand"),
    "unknown": lazy_gettext("unknown"),
    # roles
    "admin": lazy_gettext("admin"),
    "analyst": lazy_gettext("analyst"),
    "source_handler": lazy_gettext("source handler"),
    "reader": lazy_gettext("reader"),
    # channels
    "phone": lazy_gettext("phone"),
    "interview": lazy_gettext("interview"),
    "letter": lazy_gettext("letter"),
    "messaging": lazy_gettext("messaging"),
    # languages and record kinds
    "en": lazy_gettext("English"),
    "ko": lazy_gettext("Korean"),
    "incident": lazy_gettext("incident"),
    "mention": lazy_gettext("mention"),
    "testimony": lazy_gettext("testimony"),
    # risk levels
    "high": lazy_gettext("high"),
    "medium": lazy_gettext("medium"),
    "low": lazy_gettext("low"),
}


def term(value: str | None) -> str:
    """A data-model word (``arrest``, ``well-corroborated``, ``source_handler``) in the page's language."""
    if value is None:
        return "—"
    found = TERMS.get(value)
    return str(found) if found is not None else value.replace("_", " ")


def select_language() -> str:
    """The person's choice (cookie), else the browser's best match, else English."""
    chosen = request.cookies.get(COOKIE)
    if chosen in LANGUAGES:
        return chosen
    return request.accept_languages.best_match(LANGUAGES) or "en"


def local_date(value: date | datetime | str | None, style: str = "medium") -> str:
    """A date in the page's language; ISO partial dates (``2023``, ``2023-03``) keep their precision."""
    if value is None or value == "":
        return "—"
    if isinstance(value, str):
        parts = value.split("-")
        try:
            if len(parts) == 1:
                return str(format_date(date(int(parts[0]), 1, 1), "y"))
            if len(parts) == 2:
                return str(format_date(date(int(parts[0]), int(parts[1]), 1), "yMMM"))
            day = date.fromisoformat(value[:10])
        except ValueError:
            return value
        return str(format_date(day, style))
    return str(format_date(value, style))


def local_number(value: int | float | None) -> str:
    """A number with the page language's grouping (``12,345``)."""
    return "—" if value is None else str(format_decimal(value))


def install_i18n(app: Flask) -> None:
    """Flask-Babel with our catalogues, the language switch and the template helpers."""
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(TRANSLATIONS))
    app.config.setdefault("BABEL_DEFAULT_LOCALE", "en")
    Babel(app, locale_selector=select_language)
    app.jinja_env.globals.update(
        term=term, local_date=local_date, local_number=local_number, LANGUAGE_NAMES=LANGUAGE_NAMES
    )
    app.jinja_env.globals["page_language"] = lambda: str(get_locale() or "en")
    app.jinja_env.filters["term"] = term
    app.register_blueprint(_language_blueprint())


def _language_blueprint() -> Blueprint:
    bp = Blueprint("language", __name__)

    @bp.post("/language")
    def choose() -> WerkzeugResponse:
        """Remember the chosen language in its own cookie and go back where the person was."""
        from casework.web.auth import _safe_next as safe_next

        chosen = request.form.get("language", "")
        back = safe_next(request.form.get("back")) or url_for("home.index")
        response = redirect(back)
        if chosen in LANGUAGES:
            secure = bool(current_app.config.get("SESSION_COOKIE_SECURE"))
            response.set_cookie(
                COOKIE, chosen, max_age=365 * 24 * 3600, httponly=True, samesite="Strict", secure=secure
            )
        return response

    return bp
