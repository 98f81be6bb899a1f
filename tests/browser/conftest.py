"""Headless Chromium (Debian's package) driven by Playwright against the live server."""

import os
import shutil
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; the test's own ORM calls are
# still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser():
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: run scripts/test, which installs it")
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, locale="zh-CN", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    # Anything the content-security policy blocks (an inline script or style, a framed
    # page) shows up as a console error: the page would be broken for users.
    refused = []
    page.on(
        "console", lambda message: "Content Security Policy" in message.text and refused.append(message.text)
    )
    yield page
    context.close()
    assert refused == [], "blocked by the content-security policy:\n" + "\n".join(refused)


@pytest.fixture
def shot(page, request):
    """Save a full-page screenshot of the current step: test-artifacts/screenshots/<test>/NN-step.png."""
    folder = SCREENSHOTS / request.node.name.removeprefix("test_")
    folder.mkdir(parents=True, exist_ok=True)
    counter = iter(range(1, 1000))

    def take(name: str) -> None:
        page.screenshot(path=folder / f"{next(counter):02d}-{name}.png", full_page=True)

    take.folder = folder
    return take
