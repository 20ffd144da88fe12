"""Open plangraph's HTML pages in Debian's Chromium through Playwright, with no network.

For any test that needs a real browser (the views, the evidence audit page)::

    from browser_support import browser, open_page   # the `browser` fixture: one per session

    def test_my_page(browser, tmp_path):
        page = open_page(browser, tmp_path / "page.html")
        assert page.errors == [] and page.requests == []

``open_page`` loads a file, blocks every request the page makes (anything but the file
itself), and records each blocked request, console error, uncaught exception and dialog
(``alert``) on the returned ``OpenPage``. Import the ``browser`` fixture into a test module
(or a conftest) to use it.

The browser is Debian's ``chromium`` (``apt-get install chromium``; ``scripts/test`` installs
it): Playwright cannot download its own browser here. Where it is missing, the tests that
need it are skipped with the reason, except under ``CI=true``, where the run fails.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from plangraph.bench import draw

__all__ = ["CHROMIUM", "CHROMIUM_ARGS", "OpenPage", "browser", "open_page", "chromium_missing"]

# One setting of the browser for the tests and the benchmark's draw stage: the path (or
# $PLANGRAPH_CHROMIUM), the flags a root user on a closed network needs, and why it cannot run.
CHROMIUM, CHROMIUM_ARGS, chromium_missing = draw.CHROMIUM, draw.ARGS, draw.draw_missing


# Every test module that imports the fixture gets a fixture of its own, and Playwright's sync
# API cannot run twice at once in one process: they all share the one browser started here,
# which the last of them to finish closes.
_shared: dict[str, Any] = {}


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Chromium for the whole test session (starting one takes about 2 s)."""
    reason = chromium_missing()
    if reason:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"browser tests cannot run under CI: {reason}", pytrace=False)
        pytest.skip(f"browser tests skipped: {reason}")
    if not _shared:
        from playwright.sync_api import sync_playwright

        playwright = sync_playwright().start()
        try:
            _shared["browser"] = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                                            args=CHROMIUM_ARGS)
        except BaseException:
            playwright.stop()
            raise
        _shared.update(playwright=playwright, users=0)
    _shared["users"] += 1
    try:
        yield _shared["browser"]
    finally:
        _shared["users"] -= 1
        if _shared["users"] == 0:
            _shared["browser"].close()
            _shared["playwright"].stop()
            _shared.clear()


@dataclass
class OpenPage:
    """A loaded page and what it tried to do."""

    page: Any  # playwright.sync_api.Page
    url: str
    requests: list[str] = field(default_factory=list)  # every request other than the page itself
    errors: list[str] = field(default_factory=list)  # console errors and uncaught exceptions
    dialogs: list[str] = field(default_factory=list)  # alert/confirm/prompt messages

    def close(self) -> None:
        self.page.context.close()


def open_page(browser: Any, path: Path, *, width: int = 1280, height: int = 800,
              ready: str | None = None, timeout_ms: int = 30_000, init_script: str | None = None) -> OpenPage:
    """Open ``path`` in a new context of ``browser``; wait for ``load`` (and for the JS
    expression ``ready`` to be true, when given). ``init_script`` runs in the page before its own
    scripts (to watch what they do). Close it with ``OpenPage.close()``."""
    context = browser.new_context(viewport={"width": width, "height": height}, service_workers="block")
    if init_script:
        context.add_init_script(init_script)
    page = context.new_page()
    url = path.resolve().as_uri()
    opened = OpenPage(page, url)

    def route(request_route: Any) -> None:
        if request_route.request.url == url:
            request_route.continue_()
        else:
            request_route.abort()

    # the request event sees every request (file:, data: and blob: too); the route blocks
    # what goes out, so that a page that needs the network fails here as it would offline
    context.on("request", lambda request: opened.requests.append(request.url) if request.url != url else None)
    context.route("**/*", route)
    page.on("console", lambda msg: opened.errors.append(f"console: {msg.text}") if msg.type == "error" else None)
    page.on("pageerror", lambda exc: opened.errors.append(f"exception: {exc}"))

    def dialog(d: Any) -> None:
        opened.dialogs.append(f"{d.type}: {d.message}")
        d.dismiss()

    page.on("dialog", dialog)
    page.goto(url, wait_until="load", timeout=timeout_ms)
    if ready:
        page.wait_for_function(ready, timeout=timeout_ms)
    return opened
