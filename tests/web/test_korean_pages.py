"""Every page in Korean shows no interface text left in English.

Each page is fetched in Korean (as the browser would ask) and its visible text and its
accessible names (``aria-label``, ``title``, ``placeholder``, ``alt``) are read. What a
person or a source wrote, in English, is marked with ``lang="en"`` (testimony text,
the check's explanations) and skipped, as are ``<code>`` (ids, hashes) and the seeded
store's own data (names of places and organs, ids, pseudonyms). Any other run of Latin
letters is interface text that escaped translation.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html.parser import HTMLParser

from flask.testing import FlaskClient

from .desk import SECOND, TESTIMONY, csrf_token
from .test_pages import PAGES

KOREAN = {"Accept-Language": "ko-KR,ko;q=0.9"}
# Words that are data of the seeded desk, names, or the same in Korean writing.
ALLOWED = {
    "Casework",
    "TOTP",
    "SHA",
    "QR",
    "UTF",
    "YYYY",
    "MM",
    "DD",
    "HTML",
    "Markdown",
    "MB",
    "txt",
    "zip",
    "URI",
    "Ryanggang",
    "Hyesan",
    "Ministry",
    "State",
    "Security",
    "women",
    "three",
    "MSS",
    "SRC",
    "admin",
    "ana",
    "sam",
    "rita",
    "received",
    "channel",
    "Hyes",
    "arr",
    "Hoer",
    "Enter",
    "desk",
} | set(re.findall(r"[A-Za-z]+", TESTIMONY + SECOND))
SKIPPED = {"script", "style", "code", "datalist", "svg"}
ATTRIBUTES = ("aria-label", "title", "placeholder", "alt")


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, bool]] = []
        self.found: list[str] = []

    def _skipping(self) -> bool:
        return any(skip for _tag, skip in self.stack)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        skip = tag in SKIPPED or values.get("lang") in ("en", "und")
        if not self._skipping() and not skip:
            self.found += [v for k, v in attrs if k in ATTRIBUTES and v]
        if tag not in ("input", "br", "meta", "link", "img", "hr", "option"):
            self.stack.append((tag, skip))

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            open_tag, _ = self.stack.pop()
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if not self._skipping() and data.strip():
            self.found.append(data)


def english_left(html: str) -> list[str]:
    parser = _Text()
    parser.feed(html)
    words = {w for text in parser.found for w in re.findall(r"[A-Za-z]{2,}", text)}
    return sorted(words - ALLOWED)


def test_every_page_in_korean_has_no_english_interface_text(
    as_role: Callable[[str], FlaskClient], ids: dict[str, str]
) -> None:
    client = as_role("admin")
    paths = [template.format(**ids) for template, _roles in PAGES]
    paths += ["/search?q=hyesan", "/search?kind=incident", "/no-such-page", f"/incidents/{ids['incident']}x"]
    for _ in range(50):  # let the search index build once
        if "검색 색인을" not in client.get("/search", headers=KOREAN).get_data(as_text=True):
            break
    leftovers = {}
    for path in paths:
        html = client.get(path, headers=KOREAN).get_data(as_text=True)
        assert '<html lang="ko">' in html, path
        left = english_left(html)
        if left:
            leftovers[path] = left
    token = csrf_token(client, "/review")
    confirm = client.post(
        "/review/bulk",
        data={"action": "accept", "mention": [ids["mention"]], "csrf_token": token, "back": "/review"},
        headers=KOREAN,
    )
    if english_left(confirm.get_data(as_text=True)):
        leftovers["/review/bulk (confirm)"] = english_left(confirm.get_data(as_text=True))
    assert leftovers == {}


def test_login_page_in_korean(client: FlaskClient) -> None:
    html = client.get("/login", headers=KOREAN).get_data(as_text=True)
    assert english_left(html) == [] and "로그인" in html


def test_the_checker_catches_english(client: FlaskClient) -> None:
    assert english_left('<p lang="ko">검토 Review queue</p>') == ["Review", "queue"]
    assert english_left('<p lang="en">An English testimony</p><button aria-label="Accept it">승인</button>') == [
        "Accept",
        "it",
    ]
