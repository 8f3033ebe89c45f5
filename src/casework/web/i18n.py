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

from collections.abc import Callable
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from babel.dates import format_skeleton
from flask import Blueprint, Flask, current_app, g, has_request_context, redirect, request, url_for
from flask_babel import Babel, format_date, format_decimal, get_locale, get_translations, lazy_gettext
from markupsafe import Markup, escape
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
    "retired": lazy_gettext("retired (testimony corrected)"),
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


FIELD_NAMES: dict[str, Any] = {
    "type": lazy_gettext("type"),
    "date": lazy_gettext("date"),
    "place": lazy_gettext("place"),
    "perpetrator": lazy_gettext("perpetrator"),
    "victims": lazy_gettext("victims"),
    "relation": lazy_gettext("relation"),
    "incident": lazy_gettext("the incident"),
    "sentence": lazy_gettext("sentence"),
    "context": lazy_gettext("context"),
}
COUNT_LABELS: dict[str, Any] = {
    "testimonies": lazy_gettext("testimonies"),
    "mentions": lazy_gettext("mentions"),
    "awaiting review": lazy_gettext("awaiting review"),
    "incidents": lazy_gettext("incidents"),
}
# Error pages: our fixed wording per error code (project errors keep their id-bearing English line below it).
ERROR_TITLES: dict[str, Any] = {
    "bad_request": lazy_gettext("bad request"),
    "unauthorised": lazy_gettext("not logged in"),
    "forbidden": lazy_gettext("not allowed"),
    "not_found": lazy_gettext("not found"),
    "method_not_allowed": lazy_gettext("method not allowed"),
    "too_large": lazy_gettext("too large"),
    "too_many_requests": lazy_gettext("too many requests"),
    "unavailable": lazy_gettext("unavailable"),
    "csrf_failed": lazy_gettext("form expired"),
    "internal_error": lazy_gettext("internal error"),
    "duplicate": lazy_gettext("already stored"),
    "bad_input": lazy_gettext("bad input"),
    "publication_refused": lazy_gettext("publication refused"),
    "store_locked": lazy_gettext("store busy"),
    "store_corrupt": lazy_gettext("store damaged"),
    "audit_chain_broken": lazy_gettext("audit log broken"),
    "casework_error": lazy_gettext("error"),
}
ERROR_TEXTS: dict[str, Any] = {
    "bad_request": lazy_gettext("The request could not be understood."),
    "unauthorised": lazy_gettext("Log in first."),
    "forbidden": lazy_gettext("Your role does not allow this."),
    "not_found": lazy_gettext("There is no such page or record."),
    "method_not_allowed": lazy_gettext("This page does not accept that method."),
    "too_large": lazy_gettext("The upload is larger than this desk accepts."),
    "too_many_requests": lazy_gettext("Too many attempts. Wait a minute and try again."),
    "unavailable": lazy_gettext("This part of Casework is not available on this server yet."),
    "csrf_failed": lazy_gettext("The form expired or did not come from this site. Reload the page and try again."),
    "internal_error": lazy_gettext("Internal error."),
    "duplicate": lazy_gettext("This was already stored."),
    "bad_input": lazy_gettext("The input was refused."),
    "publication_refused": lazy_gettext("Publication was refused by the check."),
    "store_locked": lazy_gettext("The store is busy with another change. Try again."),
    "store_corrupt": lazy_gettext("The store failed an integrity check; see the server log."),
    "audit_chain_broken": lazy_gettext("The audit log failed its integrity check."),
    "casework_error": lazy_gettext("The request could not be completed."),
}


def error_title(code: str) -> str:
    """A short title for an error code, in the page's language."""
    found = ERROR_TITLES.get(code)
    return str(found) if found is not None else code.replace("_", " ")


def error_text(code: str, message: str) -> str:
    """The page's line for an error: in English the message itself; otherwise our wording for its code."""
    if str(get_locale() or "en") == "en":
        return message
    found = ERROR_TEXTS.get(code)
    return str(found) if found is not None else message


def gazetteer_lists() -> Markup:
    """``<datalist>`` elements of the gazetteer's canonical names, for the correction form's fields."""
    from casework.desk import vocabularies

    parts = []
    for name, values in vocabularies().items():
        options = "".join(f'<option value="{escape(v)}">' for v in values)
        parts.append(f'<datalist id="gazetteer-{name}">{options}</datalist>')
    return Markup("".join(parts))  # noqa: S704 - every value is escaped


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
                return str(format_skeleton("y", date(int(parts[0]), 1, 1), locale=get_locale()))
            if len(parts) == 2:
                return str(format_skeleton("yMMM", date(int(parts[0]), int(parts[1]), 1), locale=get_locale()))
            day = date.fromisoformat(value[:10])
        except ValueError:
            return value
        return str(format_date(day, style))
    return str(format_date(value, style))


def local_number(value: int | float | None) -> str:
    """A number with the page language's grouping (``12,345``)."""
    return "—" if value is None else str(format_decimal(value))


class PageLanguage:
    """One request's language, looked up once: gettext, terms, dates and numbers for its templates.

    Why: Flask-Babel finds the translations and the locale anew at every call (about ten
    context lookups each), and Jinja's own ``_`` is a context function, so inside a loop
    every call also copies the template context. A review page makes about a thousand
    such calls. Here the catalogue and the locale are taken once per request and the
    template gets plain functions bound to them; what cannot change between requests in
    the same language (a term, a partial date, a number) is cached per language.
    """

    def __init__(self) -> None:
        self.translations = get_translations()
        self.code = str(get_locale() or "en")

    def gettext(self, message: str, **variables: Any) -> str:
        """Jinja's new-style gettext (autoescaped: the catalogue string is markup, the variables are escaped)."""
        translated = self.translations.ugettext(message)
        if not variables and "%" not in translated:  # nothing to format: most calls on a page
            return Markup(translated)  # noqa: S704 - our own catalogue
        return Markup(translated) % variables  # noqa: S704 - our own catalogue

    def ngettext(self, singular: str, plural: str, num: int, **variables: Any) -> str:
        variables.setdefault("num", num)
        return Markup(self.translations.ungettext(singular, plural, num)) % variables  # noqa: S704 - our catalogue

    def term(self, value: str | None) -> str:
        return _cached_term(self.code, value)

    def field_name(self, name: str) -> str:
        return _cached_field_name(self.code, name)

    def local_date(self, value: date | datetime | str | None, style: str = "medium") -> str:
        if isinstance(value, datetime):  # time zones: through Flask-Babel each time
            return local_date(value, style)
        return _cached_date(self.code, value, style)

    def local_number(self, value: int | float | None) -> str:
        return _cached_number(self.code, value)


def request_language() -> PageLanguage:
    """The current request's :class:`PageLanguage` (made at its first use in the request)."""
    if not has_request_context():
        return PageLanguage()
    found: PageLanguage | None = g.get("casework_language")
    if found is None:
        found = g.casework_language = PageLanguage()
    return found


# The caches below are keyed by the language code that is current when they are filled, so a
# value computed for one request is right for every later request in the same language.
@lru_cache(maxsize=512)
def _cached_term(code: str, value: str | None) -> str:
    return term(value)


@lru_cache(maxsize=128)
def _cached_field_name(code: str, name: str) -> str:
    return str(FIELD_NAMES.get(name, name))


@lru_cache(maxsize=8192)
def _cached_date(code: str, value: date | str | None, style: str) -> str:
    return local_date(value, style)


@lru_cache(maxsize=8192)
def _cached_number(code: str, value: int | float | None) -> str:
    return local_number(value)


def _template_helpers() -> dict[str, Callable[..., Any]]:
    """Per render: the language helpers bound to this request (they shadow the globals of the same name)."""
    language = request_language()
    return {
        "_": language.gettext,
        "gettext": language.gettext,
        "ngettext": language.ngettext,
        "local_date": language.local_date,
        "local_number": language.local_number,
        "term": language.term,
        "page_language": lambda: language.code,
    }


def install_i18n(app: Flask) -> None:
    """Flask-Babel with our catalogues, the language switch and the template helpers."""
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(TRANSLATIONS))
    app.config.setdefault("BABEL_DEFAULT_LOCALE", "en")
    Babel(app, locale_selector=select_language)
    # Templates imported without context (macros) see these globals: plain functions, not Jinja's
    # context functions, so calling them in a loop copies nothing.
    app.jinja_env.globals.update(
        {
            "_": lambda message, **variables: request_language().gettext(message, **variables),
            "gettext": lambda message, **variables: request_language().gettext(message, **variables),
            "ngettext": lambda s, p, n, **variables: request_language().ngettext(s, p, n, **variables),
        }
    )
    app.context_processor(_template_helpers)
    app.jinja_env.globals.update(
        term=lambda value: request_language().term(value),
        local_date=lambda value, style="medium": request_language().local_date(value, style),
        local_number=lambda value: request_language().local_number(value),
        LANGUAGE_NAMES=LANGUAGE_NAMES,
        FIELD_NAMES=FIELD_NAMES,
        COUNT_LABELS=COUNT_LABELS,
        error_title=error_title,
        error_text=error_text,
        gazetteer_lists=gazetteer_lists,
    )
    app.jinja_env.globals["page_language"] = lambda: request_language().code
    app.jinja_env.filters["term"] = lambda value: request_language().term(value)
    app.jinja_env.filters["field_name"] = lambda name: request_language().field_name(name)
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
