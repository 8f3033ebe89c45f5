"""End to end in a real headless Chromium (Debian's package) against the app served by waitress.

An analyst logs in, adds a testimony, runs extraction and accepts a mention, runs
linkage and confirms a pair, checks a draft, downloads the report; every page is screenshotted under
``test-output/web/`` for a person to look at. The page must make no request to any
other origin and the strict CSP must not block anything it uses.
"""

from __future__ import annotations

import re
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import waitress

from browser_support import launch_chromium, require_chromium, screenshot_dir
from casework.web import create_app

from .desk import PASSPHRASES

pytestmark = pytest.mark.browser

NEW_TESTIMONY = "In March 2023 the police arrested two men in Hyesan, my cousin saw it.\n"
DRAFT = "A 34-year-old woman who works at the Hyesan textile mill said police arrested her brother on 3 March 2023."


@pytest.fixture
def live_url(store_path: str, ids: dict[str, str]) -> Iterator[str]:
    """The real app on 127.0.0.1 with a free port, served by waitress in a thread."""
    app = create_app(store_path, CASEWORK_LINK_UNCERTAIN=(0.0, 1.0))  # every scored pair is up for review
    server = waitress.create_server(app, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}"  # type: ignore[union-attr]
    finally:
        server.close()


def test_analyst_day_in_the_browser(live_url: str, tmp_path: Path) -> None:
    require_chromium()
    from playwright.sync_api import expect, sync_playwright

    shots = screenshot_dir("web")
    foreign: list[str] = []
    csp_errors: list[str] = []

    def shoot(page: object, name: str) -> None:
        for folder in (shots, tmp_path):
            page.screenshot(path=str(folder / f"{name}.png"), full_page=True)  # type: ignore[attr-defined]

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.on("request", lambda r: None if r.url.startswith(live_url) else foreign.append(r.url))
            page.on(
                "console",
                lambda m: csp_errors.append(m.text) if "Content Security Policy" in m.text else None,
            )

            page.goto(f"{live_url}/login")
            shoot(page, "01-login")
            page.fill("#username", "ana")
            page.fill("#passphrase", PASSPHRASES["ana"])
            page.click("input[type=submit]")
            expect(page.locator(".who")).to_contain_text("analyst")
            shoot(page, "02-home")

            page.click("nav >> text=Testimonies")
            expect(page.locator("table.rows")).to_contain_text("T-0001")
            shoot(page, "03-testimonies")
            page.click("text=Add a testimony")
            page.click("input[type=submit]")  # empty form: shown again with the reason
            expect(page.locator(".error").first).to_be_visible()
            shoot(page, "04-add-invalid")
            page.select_option("#source", "SRC-01")
            page.select_option("#channel", "phone")
            page.fill("#text", NEW_TESTIMONY)
            page.click("input[type=submit]")
            expect(page.locator(".flashes")).to_contain_text("Added T-0003")
            new_page_url = page.url

            page.click("text=Run extraction")
            expect(page.locator(".flashes")).to_contain_text("found 1 mention")
            shoot(page, "05-review-queue")
            # Sort by confidence from the keyboard; the column says it is sorted, each score says what it means.
            page.get_by_role("link", name="Confidence, highest first").focus()
            page.keyboard.press("Enter")
            expect(page).to_have_url(re.compile(r"sort=confidence&desc=1"))
            header = page.get_by_role("columnheader", name="Confidence")
            expect(header).to_have_attribute("aria-sort", "descending")
            scores = page.locator("td.confidence")
            expect(scores.first).to_have_text(re.compile(r"^\d{1,3} out of 100$"))
            shown = [int(text.split()[0]) for text in scores.all_text_contents() if text.split()[0].isdigit()]
            assert shown == sorted(shown, reverse=True) and len(shown) == scores.count()
            assert "confidence-help" in (page.locator("table.review-table").get_attribute("aria-describedby") or "")
            shoot(page, "05b-review-by-confidence")
            page.locator("tr", has_text="T-0003-1").locator("button", has_text="Accept").click()
            expect(page.locator(".flashes")).to_contain_text("T-0003-1 accepted")

            page.goto(new_page_url)
            expect(page.locator("article.testimony-text mark").first).to_be_visible()
            shoot(page, "06-testimony-marked")
            page.click("text=T-0003-1")
            expect(page.locator("dl.excerpts mark").first).to_be_visible()
            shoot(page, "07-mention")

            page.click("nav >> text=Link review")
            page.click("button:has-text('Run linkage')")
            expect(page.locator(".flashes")).to_contain_text("uncertain pair")
            shoot(page, "08-link-review")
            first_pair = page.locator("table.rows").first.locator("tbody tr").first
            first_pair.locator("button", has_text="Same incident").click()
            expect(page.locator(".flashes")).to_contain_text("are the same incident")
            shoot(page, "09-link-decided")

            page.click("nav >> text=Incidents")
            expect(page.locator("table.rows")).to_contain_text("I-0001")
            shoot(page, "10-incidents")
            page.locator("table.rows a", has_text="I-0001").click()
            shoot(page, "11-incident")

            page.click("nav >> text=Draft check")
            page.fill("#text", DRAFT)
            page.click("input[type=submit]")
            expect(page.locator("article.draft mark").first).to_be_visible()
            shoot(page, "12-draft-check")

            page.click("nav >> text=Report")
            shoot(page, "13-report")
            with page.expect_download() as download_info:
                page.click("input[type=submit]")
            download = download_info.value
            assert download.suggested_filename == "casework-report-public.zip"
            with zipfile.ZipFile(download.path()) as archive:
                assert "report/index.html" in archive.namelist()
            page.click("text=Log out")
            expect(page.locator(".flashes")).to_contain_text("logged out")
        finally:
            browser.close()
    assert foreign == []
    assert csp_errors == []


def test_reader_is_shown_what_a_reader_may_do(live_url: str, ids: dict[str, str], tmp_path: Path) -> None:
    require_chromium()
    from playwright.sync_api import expect, sync_playwright

    shots = screenshot_dir("web")
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            page.goto(f"{live_url}/login")
            page.fill("#username", "rita")
            page.fill("#passphrase", PASSPHRASES["rita"])
            page.click("input[type=submit]")
            expect(page.locator(".who .role")).to_have_text("reader")
            page.click("nav >> text=Review queue")
            expect(page.locator("table.rows")).to_contain_text(ids["mention"])
            expect(page.locator("button", has_text="Accept")).to_have_count(0)
            page.screenshot(path=str(shots / "20-reader-review.png"), full_page=True)
            page.goto(f"{live_url}/testimonies/{ids['testimony']}")
            expect(page.locator(".error-page")).to_contain_text("403")
            page.screenshot(path=str(shots / "21-reader-denied.png"), full_page=True)
            page.screenshot(path=str(tmp_path / "21-reader-denied.png"), full_page=True)
        finally:
            browser.close()
