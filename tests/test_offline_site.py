"""The built site makes no third-party request: a static scan of HTML, CSS and JS."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.site

# URL-bearing attributes of elements the browser fetches by itself.
FETCHING = {
    "link": "href",
    "script": "src",
    "img": "src",
    "iframe": "src",
    "source": "src",
    "video": "src",
    "audio": "src",
    "embed": "src",
    "object": "data",
    "image": "href",
    "use": "href",
}
CSS_URL = re.compile(r"url\(\s*['\"]?(?P<url>[^'\")]+)")
CSS_IMPORT = re.compile(r"@import\s+['\"](?P<url>[^'\"]+)")
JS_URL = re.compile(r"""["'`](?P<url>(?:https?:)?//[a-zA-Z0-9.-]+\.[a-z]{2,}[^"'`\s]*)""")

# Absolute URLs inside Material's JS bundles, and why none of them is ever fetched by this site.
# The conditions are asserted by test_conditional_fetchers_are_never_triggered below.
INERT_JS_HOSTS = {
    "unpkg.com": "mermaid.js (only for pre.mermaid) and a ResizeObserver polyfill (old browsers)",
    "api.github.com": "repository facts (only with data-md-component=source)",
    "clipboardjs.com": "licence comment",
    "lunrjs.com": "licence comment",
    "tartarus.org": "licence comment (Snowball stemmer)",
    "bit.ly": "comment in lunr",
}


class _Fetches(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name in (FETCHING.get(tag), "xlink:href" if tag in ("image", "use") else None):
            if name and values.get(name):
                relations = set((values.get("rel") or "").split())  # a token list
                if tag == "link" and relations and relations <= {"canonical", "alternate"}:
                    continue  # not fetched (an "alternate stylesheet" would be)
                self.urls.append((tag, values[name] or ""))
        if values.get("srcset"):
            for candidate in (values["srcset"] or "").split(","):
                self.urls.append((tag, candidate.strip().split(" ")[0]))
        if values.get("style"):
            self.urls.extend((tag, m.group("url")) for m in CSS_URL.finditer(values["style"] or ""))


def is_third_party(url: str) -> bool:
    parts = urlsplit(url.strip())
    if parts.scheme in ("data", "blob", "about", "javascript", "mailto"):
        return False
    return bool(parts.netloc) and parts.hostname not in ("127.0.0.1", "localhost")


def files(site: Path, *suffixes: str) -> list[Path]:
    return sorted(p for p in site.rglob("*") if p.suffix in suffixes)


def test_html_fetches_nothing_from_other_hosts(site: Path):
    offenders = []
    for page in files(site, ".html"):
        parser = _Fetches()
        parser.feed(page.read_text(encoding="utf-8"))
        style_blocks = re.findall(r"<style[^>]*>(.*?)</style>", page.read_text("utf-8"), re.S)
        urls = parser.urls + [
            ("style", m.group("url")) for b in style_blocks for m in CSS_URL.finditer(b)
        ]
        offenders += [
            f"{page.relative_to(site)}: <{tag}> {url}" for tag, url in urls if is_third_party(url)
        ]
    assert offenders == []


def test_css_fetches_nothing_from_other_hosts(site: Path):
    offenders = []
    for sheet in files(site, ".css"):
        text = sheet.read_text(encoding="utf-8")
        for match in [*CSS_URL.finditer(text), *CSS_IMPORT.finditer(text)]:
            url = match.group("url")
            if not url.startswith("data:") and is_third_party(url):
                offenders.append(f"{sheet.relative_to(site)}: {url}")
    assert offenders == []


def test_js_fetch_targets_are_local_or_known_inert(site: Path):
    unknown = []
    for script in files(site, ".js"):
        for match in JS_URL.finditer(script.read_text(encoding="utf-8", errors="replace")):
            host = urlsplit(match.group("url")).hostname or ""
            if host not in INERT_JS_HOSTS and host not in ("www.w3.org", "127.0.0.1"):
                unknown.append(f"{script.relative_to(site)}: {match.group('url')}")
    assert unknown == []


def test_conditional_fetchers_are_never_triggered(site: Path):
    """The inert URLs above stay inert: no Mermaid left for the browser, no GitHub facts."""
    triggers = {
        'class="mermaid"': "pre.mermaid would load mermaid.js from unpkg.com",
        'data-md-component="source"': "repository facts would call api.github.com",
        "fonts.googleapis.com": "Google Fonts",
        "fonts.gstatic.com": "Google Fonts",
    }
    found = [
        f"{page.relative_to(site)}: {why}"
        for page in files(site, ".html")
        for needle, why in triggers.items()
        if needle in page.read_text(encoding="utf-8")
    ]
    assert found == []


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://fonts.googleapis.com/css?family=Roboto", True),
        ("//unpkg.com/mermaid", True),
        ("../assets/javascripts/bundle.js", False),
        ("http://127.0.0.1:8000/x.js", False),
        ("data:image/svg+xml;utf8,<svg xmlns='http://www.w3.org/2000/svg'/>", False),
    ],
)
def test_is_third_party(url: str, expected: bool):
    assert is_third_party(url) is expected


def test_scanner_catches_a_cdn_script_and_a_font(tmp_path: Path):
    page = tmp_path / "index.html"
    page.write_text(
        '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">'
        '<script src="https://unpkg.com/mermaid@10/dist/mermaid.min.js"></script>'
        '<link rel="canonical" href="https://example.org/">'
        '<link rel="alternate " hreflang="en" href="https://example.org/en/">'
        '<link rel="alternate stylesheet" href="https://cdn.example.net/dark.css">',
        encoding="utf-8",
    )
    parser = _Fetches()
    parser.feed(page.read_text(encoding="utf-8"))
    assert [url for _, url in parser.urls if is_third_party(url)] == [
        "https://fonts.googleapis.com/css?family=Roboto",
        "https://unpkg.com/mermaid@10/dist/mermaid.min.js",
        "https://cdn.example.net/dark.css",
    ]
