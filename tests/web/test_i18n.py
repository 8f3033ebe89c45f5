"""The interface in Korean and English: catalogues complete and compiled, language choice, local formats."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from flask.testing import FlaskClient

from casework.web.i18n import TRANSLATIONS

from .desk import csrf_token


def _catalogue(language: str, suffix: str):  # type: ignore[no-untyped-def]
    path = TRANSLATIONS / language / "LC_MESSAGES" / f"messages.{suffix}"
    with path.open("rb") as handle:
        return read_po(handle, locale=language) if suffix == "po" else read_mo(handle)


def test_every_message_has_a_korean_translation() -> None:
    with (TRANSLATIONS / "messages.pot").open("rb") as handle:
        template = read_po(handle)
    korean = _catalogue("ko", "po")
    missing = []
    for message in template:
        if not message.id:
            continue
        found = korean.get(message.id)
        strings = found.string if found is not None else ""
        if found is None or "fuzzy" in found.flags or not all(strings if isinstance(strings, tuple) else (strings,)):
            missing.append(message.id)
    assert missing == [], f"untranslated: {missing[:10]}"


def test_compiled_catalogues_match_their_sources() -> None:
    """The committed .mo files are the compiled .po files (run `make translations` after editing a .po)."""
    for language in ("en", "ko"):
        source, compiled = _catalogue(language, "po"), _catalogue(language, "mo")
        expected = {
            _key(m.id): _key(m.string) for m in source if m.id and any(_key(m.string)) and "fuzzy" not in m.flags
        }
        got = {_key(m.id): _key(m.string) for m in compiled if m.id and _key(m.string) != _key(m.id)}
        assert got == expected, language


def _key(value: object) -> tuple[str, ...]:
    return tuple(value) if isinstance(value, (list, tuple)) else (str(value),)


def test_browser_language_then_own_choice(as_role: Callable[[str], FlaskClient]) -> None:
    client = as_role("analyst")
    korean = client.get("/", headers={"Accept-Language": "ko-KR,ko;q=0.9,en;q=0.5"}).get_data(as_text=True)
    assert '<html lang="ko">' in korean and "검토 대기열" in korean and "본문으로 건너뛰기" in korean
    english = client.get("/", headers={"Accept-Language": "en-GB"}).get_data(as_text=True)
    assert '<html lang="en">' in english and "Review queue" in english
    token = csrf_token(client, "/")
    response = client.post("/language", data={"language": "ko", "back": "/incidents", "csrf_token": token})
    assert response.status_code == 302 and response.headers["Location"] == "/incidents"
    chosen = client.get("/", headers={"Accept-Language": "en-GB"}).get_data(as_text=True)
    assert '<html lang="ko">' in chosen, "the person's choice wins over the browser's"


def test_language_switch_refuses_an_outside_redirect(client: FlaskClient) -> None:
    token = csrf_token(client, "/login")
    response = client.post("/language", data={"language": "ko", "back": "https://evil.example/", "csrf_token": token})
    assert response.status_code == 302 and response.headers["Location"].startswith("/")
    assert "evil" not in response.headers["Location"]


def test_catalogue_files_are_packaged() -> None:
    assert (TRANSLATIONS / "ko" / "LC_MESSAGES" / "messages.mo").is_file()
    assert Path(TRANSLATIONS).is_dir()
