"""A Playwright page that records every request and console error, for the browser tests."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from conftest import ARTIFACTS

LOCAL_HOSTS = {"127.0.0.1"}


@dataclass
class Recorder:
    """Every request URL, the ones to non-local hosts, and console/page errors."""

    requests: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def assert_clean(self) -> None:
        assert not self.foreign, f"requests left 127.0.0.1: {self.foreign}"
        assert not self.failed, f"failed requests: {self.failed}"
        assert not self.errors, f"console errors: {self.errors}"


def open_page(browser: Any, color_scheme: str = "light", **options: Any) -> tuple[Any, Recorder]:
    """A new page in a fresh context; requests to other hosts are recorded and aborted.

    ``options`` go to the browser context, e.g. a phone's ``viewport``, ``is_mobile``."""
    defaults = {"viewport": {"width": 1280, "height": 900}, "locale": "zh-CN"}
    context = browser.new_context(**{**defaults, **options, "color_scheme": color_scheme})
    recorder = Recorder()

    def route(route: Any) -> None:
        url = route.request.url
        recorder.requests.append(url)
        scheme = urlsplit(url).scheme
        if scheme in ("http", "https") and urlsplit(url).hostname not in LOCAL_HOSTS:
            recorder.foreign.append(url)
            route.abort()
        else:
            route.continue_()

    context.route("**/*", route)
    page = context.new_page()
    page.on(
        "console",
        lambda message: recorder.errors.append(message.text) if message.type == "error" else None,
    )
    page.on("pageerror", lambda error: recorder.errors.append(str(error)))
    page.on(
        "response",
        lambda response: (
            recorder.failed.append(f"{response.status} {response.url}")
            if response.status >= 400
            else None
        ),
    )
    return page, recorder


def screenshot(page: Any, name: str, full_page: bool = True) -> Path:
    """Save a screenshot under tests/artifacts/screenshots/ for a person to look at."""
    target = ARTIFACTS / "screenshots" / f"{name}.png"
    target.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(target), full_page=full_page)
    return target


def search(page: Any, query: str) -> list[str]:
    """Type ``query`` into Material's search box and return the result links (absolute)."""
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    box.press("End")  # Material listens to keyup; fill() sends no key events
    page.wait_for_selector("li.md-search-result__item a", timeout=15000)
    links = page.locator("li.md-search-result__item > a")
    return [links.nth(i).evaluate("a => a.href") for i in range(links.count())]
