"""The HTML report in a real headless Chromium, offline, from file://.

Charts and the map must render with non-zero size, the table must sort (so the
script loaded under the page's CSP), and no request may leave the page: every
request is recorded and anything but file:// is aborted and fails the test.
Screenshots go to test-output/report/ for a person to look at.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from browser_support import launch_chromium, require_chromium, screenshot_dir
from casework.report import ReportSnapshot

if TYPE_CHECKING:
    from playwright.sync_api import Route

pytestmark = pytest.mark.browser


def file_only(route: Route) -> None:
    """Let file:// through; abort anything else (it is still recorded as a request)."""
    if route.request.url.startswith("file://"):
        route.continue_()
    else:
        route.abort()


def test_report_renders_offline_with_no_request_leaving(gold_snapshot: ReportSnapshot, gold_report: Path) -> None:
    require_chromium()
    from playwright.sync_api import sync_playwright

    index = gold_report
    shots = screenshot_dir("report")
    requests: list[str] = []
    problems: list[str] = []

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            context = browser.new_context(offline=True, viewport={"width": 1280, "height": 900})
            context.route("**/*", file_only)
            page = context.new_page()
            page.on("request", lambda request: requests.append(request.url))
            page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
            page.on("pageerror", lambda error: problems.append(str(error)))
            page.goto(index.as_uri())
            page.wait_for_load_state("load")

            for selector in ("#timeline-chart", "#years-chart", "#grades-chart", "svg.province-map", "#incident-table"):
                element = page.locator(selector)
                assert element.is_visible(), selector
                box = element.bounding_box()
                assert box is not None and box["width"] > 50 and box["height"] > 50, selector
            for chart in ("#timeline-chart", "#years-chart", "#grades-chart"):
                assert page.eval_on_selector(chart, "img => img.complete && img.naturalWidth > 0"), chart
            provinces = page.locator("svg.province-map path.province")
            assert provinces.count() == 11
            for i in range(11):
                box = provinces.nth(i).bounding_box()
                assert box is not None and box["width"] > 0 and box["height"] > 0
            page.screenshot(path=str(shots / "index.png"), full_page=False)
            page.locator("#map").screenshot(path=str(shots / "map.png"))

            header = page.locator("#incident-table thead th").first
            header.locator("button").click()
            assert header.get_attribute("aria-sort") == "ascending"
            first_id = page.locator("#incident-table tbody tr td").first.inner_text()
            assert first_id == min(i.incident_id for i in gold_snapshot.incidents)
            header.locator("button").click()
            assert header.get_attribute("aria-sort") == "descending"
            assert page.locator("#incident-table tbody tr td").first.inner_text() == max(
                i.incident_id for i in gold_snapshot.incidents
            )

            page.locator("#incident-table a", has_text=first_id).first.click()
            page.wait_for_load_state("load")
            marks = page.locator("pre.testimony mark")
            assert marks.count() >= 1 and marks.first.is_visible()
            page.screenshot(path=str(shots / "incident.png"), full_page=False)
        finally:
            browser.close()

    assert requests, "the recorder saw no request at all"
    assert [url for url in requests if not url.startswith("file://")] == []
    assert problems == []


def test_the_request_recorder_catches_an_external_reference(tmp_path: Path) -> None:
    """Control: a page that does reach out is caught, so the test above can fail."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    page_file = tmp_path / "leaky.html"
    page_file.write_text('<!DOCTYPE html><img src="https://example.org/pixel.png" alt="">', encoding="utf-8")
    requests: list[str] = []
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            context = browser.new_context(offline=True)
            context.route("**/*", file_only)
            page = context.new_page()
            page.on("request", lambda request: requests.append(request.url))
            page.goto(page_file.as_uri())
            page.wait_for_load_state("load")
        finally:
            browser.close()
    assert "https://example.org/pixel.png" in requests
