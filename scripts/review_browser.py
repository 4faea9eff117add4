"""Headless Chromium for the review page, driven by Playwright for Python.

The browser is Debian's ``chromium`` (``/usr/bin/chromium``), never one that Playwright would
download: ``launch_chromium`` passes it as ``executable_path`` with flags that keep it from
reaching the network (no background networking, component updates, sync or first-run
tasks). Playwright starts every browser on a fresh temporary profile (its own
``--user-data-dir``) and each ``new_context`` is a separate storage, so no test or benchmark
sees another's saved work.

Used by the review tests, ``review_screenshot.py`` and ``bench_review.py``.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
)


def chromium_available() -> str | None:
    """None if the browser can be started, else why not."""
    if not CHROMIUM.exists():
        return f"{CHROMIUM} not found (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright for Python is not installed (pip install playwright)"
    return None


@contextmanager
def launch_chromium() -> Iterator[Any]:
    """A headless Chromium (a Playwright ``Browser``), closed on exit."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=list(CHROMIUM_FLAGS)
        )
        try:
            yield browser
        finally:
            browser.close()


def console_errors(page: Any) -> list[str]:
    """Collect the page's console errors and uncaught exceptions (CSP refusals among them)
    from now on, into the list returned."""
    errors: list[str] = []
    page.on("console", lambda message: message.type in ("error", "assert") and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def wait_for(page: Any, expression: str, timeout: float = 20.0) -> Any:
    """Poll a JavaScript expression until it is truthy; return its value. (Playwright's own
    ``wait_for_function`` evaluates strings with ``eval``, which the page's CSP forbids.)"""
    deadline = time.monotonic() + timeout
    while not (value := page.evaluate(expression)):
        if time.monotonic() > deadline:
            raise TimeoutError(f"{expression!r} still false after {timeout} s")
        time.sleep(0.005)
    return value


def wait_ready(page: Any) -> None:
    wait_for(page, "document.documentElement.dataset.ready === '1'")


def actions(page: Any) -> int:
    return int(page.evaluate("Number(document.documentElement.dataset.actions || 0)"))


def press_and_wait(page: Any, key: str) -> float:
    """Press ``key`` in the page and wait until the page has answered it (the frame after
    its handler ran); return the answer time the page measured, in ms."""
    before = actions(page)
    page.keyboard.press(key)
    wait_for(page, f"Number(document.documentElement.dataset.actions || 0) > {before}")
    return float(page.evaluate("Number(document.documentElement.dataset.lastActionMs)"))
