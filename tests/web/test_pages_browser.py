"""Every page in Korean and English, at desk and phone width, in Debian's Chromium: axe-core and screenshots.

Each page is loaded as an admin (who sees every page) with the browser asking for Korean
or English, at 1280 px and at 390 px (an iPhone's width). axe-core (vendored from npm,
``vendor/axe-core``, MPL-2.0) is run on each and must report no serious or critical
violation; at 390 px nothing may be wider than the screen (no sideways scrolling of the
page itself). Screenshots and the axe results go to ``test-output/pages/`` (git-ignored)
for a person to look at.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import waitress

from browser_support import launch_chromium, require_chromium, screenshot_dir
from casework.web import create_app

from .desk import PASSPHRASES
from .test_pages import PAGES

pytestmark = pytest.mark.browser

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
WIDTHS = (1280, 390)
LANGUAGES = ("en", "ko")


@pytest.fixture
def live_url(store_path: str, ids: dict[str, str]) -> Iterator[str]:
    app = create_app(store_path)
    server = waitress.create_server(app, host="127.0.0.1", port=0, threads=4)
    threading.Thread(target=server.run, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}"  # type: ignore[union-attr]
    finally:
        server.close()


def _name(path: str) -> str:
    cleaned = path.strip("/").replace("/", "-").replace("?", "-").replace("=", "-").replace("&", "-")
    return cleaned or "home"


def test_every_page_is_accessible_in_both_languages_and_at_phone_width(live_url: str, ids: dict[str, str]) -> None:
    require_chromium()
    from playwright.sync_api import sync_playwright

    shots = screenshot_dir("pages")
    axe_source = AXE.read_text(encoding="utf-8")
    paths = [template.format(**ids) for template, _roles in PAGES]
    paths += ["/search?q=hyesan", "/review?status=suggested&testimony=" + ids["testimony"], "/no-such-page"]
    problems: dict[str, list[dict[str, object]]] = {}
    overflow: list[str] = []
    report: dict[str, object] = {}
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            for language in LANGUAGES:
                for width in WIDTHS:
                    # The page's own CSP forbids injected scripts; axe is test code, so this context bypasses it.
                    context = browser.new_context(
                        locale="ko-KR" if language == "ko" else "en-GB",
                        viewport={"width": width, "height": 900},
                        bypass_csp=True,
                    )
                    page = context.new_page()
                    page.goto(f"{live_url}/login")
                    _check(page, axe_source, f"{language}-{width}-login", shots, problems, overflow, report, width)
                    page.fill("#username", "admin")
                    page.fill("#passphrase", PASSPHRASES["admin"])
                    page.click("input[type=submit]")
                    page.wait_for_load_state("load")
                    for path in paths:
                        page.goto(live_url + path)
                        page.wait_for_load_state("load")
                        name = f"{language}-{width}-{_name(path)}"
                        _check(page, axe_source, name, shots, problems, overflow, report, width)
                    context.close()
        finally:
            browser.close()
    (shots / "axe-results.json").write_text(json.dumps(report, indent=1, ensure_ascii=False), encoding="utf-8")
    assert problems == {}, json.dumps(problems, indent=1, ensure_ascii=False)[:4000]
    assert overflow == [], f"pages wider than the screen at 390 px: {overflow}"


def _check(page, axe_source, name, shots, problems, overflow, report, width) -> None:  # type: ignore[no-untyped-def]
    page.screenshot(path=str(shots / f"{name}.png"), full_page=True)
    page.evaluate(axe_source)
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    serious = [
        {"id": v["id"], "impact": v["impact"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    report[name] = [{"id": v["id"], "impact": v["impact"], "nodes": len(v["nodes"])} for v in result["violations"]]
    if serious:
        problems[name] = serious
    if width < 500:
        scroll = page.evaluate("() => document.documentElement.scrollWidth")
        if scroll > width + 1:
            overflow.append(f"{name}: {scroll}px")
