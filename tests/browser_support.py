"""Launching Debian's Chromium from Playwright in tests, the same way everywhere.

Playwright's own browser download is never used (it needs the network): tests run
the ``chromium`` binary of the Debian package. Without it a browser test skips with
the reason, unless CI asked for it with ``CASEWORK_REQUIRE_BROWSER=1``, in which case
it fails.

Usage::

    from playwright.sync_api import sync_playwright
    from tests.browser_support import launch_chromium

    def test_page(tmp_path):
        require_chromium()
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            page = browser.new_page()
            ...
            browser.close()
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Playwright

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
_CANDIDATES = ("chromium", "chromium-browser")


def _required() -> bool:
    return os.environ.get("CASEWORK_REQUIRE_BROWSER", "") not in ("", "0")


def require_chromium() -> str:
    """The path of Debian's chromium and Playwright's presence, or skip (fail under CI)."""
    reason = ""
    try:
        import playwright.sync_api  # noqa: F401 - only checking that it is installed
    except ImportError:
        reason = "playwright for Python is not installed"
    path = next((p for p in (shutil.which(name) for name in _CANDIDATES) if p), None)
    if not reason and path is None:
        reason = "chromium not found on PATH (apt-get install -y chromium)"
    if reason:
        if _required():
            pytest.fail(reason + " (CASEWORK_REQUIRE_BROWSER=1)")
        pytest.skip(reason)
    assert path is not None
    return path


def launch_chromium(playwright: Playwright) -> Browser:
    """A headless Chromium from the system package, with the project's flags."""
    return playwright.chromium.launch(executable_path=require_chromium(), headless=True, args=CHROMIUM_ARGS)


def screenshot_dir(*parts: str) -> Path:
    """A folder under ``test-output/`` (git-ignored) for screenshots a person can look at."""
    folder = Path(__file__).resolve().parents[1].joinpath("test-output", *parts)
    folder.mkdir(parents=True, exist_ok=True)
    return folder
