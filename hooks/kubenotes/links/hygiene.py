"""Link hygiene rules for content: text a reader can follow, and targets a reader can open.

``link-empty-text``          a link with no visible text
``link-private``             a link to a private workspace page (Notion) readers cannot open
``link-video-label``         a video link labelled "video"/"视频"/its URL instead of its topic
``link-k8s-docs-language``   kubernetes.io docs in the page's language (zh-cn from Chinese pages)
``link-unsafe-scheme``       (error) a ``javascript:``, ``vbscript:``, ``data:`` (not an image) or
                             ``file:`` target: it runs code or reads files in the reader's browser
``link-malformed``           (error) a URL that cannot be parsed (``http://[oops/``, a full-width
                             colon in the host)
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from urllib.parse import SplitResult, urlsplit

from kubenotes.findings import Finding
from kubenotes.links.extract import Link, extract_links, link_text

PRIVATE_HOSTS = ("notion.so", "notion.site")
VIDEO_HOSTS = ("youtube.com", "youtu.be", "bilibili.com", "b23.tv", "v.qq.com", "vimeo.com")
GENERIC_TEXT = {
    "video", "videos", "link", "here", "click here", "this", "watch", "视频", "链接", "这里",
    "点击", "点击这里", "点这里", "地址", "视频链接", "视频地址", "观看", "此处",
}  # fmt: skip
UNSAFE_SCHEMES = ("javascript:", "vbscript:", "data:", "file:")
_SAFE_DATA = re.compile(r"data:image/(?:png|gif|jpeg|webp|avif)[;,]")
_IGNORED = re.compile(r"[\x00-\x20\x7f-\x9f]+")  # browsers drop these inside a scheme
_K8S_DOCS = re.compile(r"^/(?:(?P<lang>zh-cn|zh|[a-z]{2}(?:-[a-z]{2})?)/)?docs(?P<rest>/.*)?$")


def _host_matches(host: str, domains: Iterable[str]) -> bool:
    return any(host == d or host.endswith("." + d) for d in domains)


def check_hygiene(path: str, links: Iterable[Link], language: str) -> list[Finding]:
    """Findings for the hygiene rules over the links of one page written in ``language``."""
    findings = []
    for link in links:
        unsafe = unsafe_scheme(link.target)
        if unsafe:
            message = (
                f"link to '{_short(link.target)}' uses the {unsafe} scheme, which runs code or "
                "reads files in the reader's browser; link an http(s) page instead"
            )
            findings.append(Finding(path, link.line, link.column, "error", *_UNSAFE, message))
            continue
        for rule, message in _rules(link, language):
            severity = "error" if rule == "link-malformed" else "warning"
            findings.append(Finding(path, link.line, 0, severity, rule, message))
    return findings


_UNSAFE = ("link-unsafe-scheme",)


def unsafe_scheme(target: str) -> str:
    """``javascript:`` etc. when ``target`` would open such a URL in a browser, else ''."""
    cleaned = _IGNORED.sub("", html.unescape(target)).lower()
    for scheme in UNSAFE_SCHEMES:
        if cleaned.startswith(scheme):
            if scheme == "data:" and _SAFE_DATA.match(cleaned):
                return ""
            return scheme
    return ""


def _short(target: str) -> str:
    return target if len(target) <= 80 else target[:80] + "…"


def _split(target: str) -> tuple[SplitResult | None, str]:
    """``(parts, '')``, or ``(None, why)`` when Python cannot parse the URL."""
    try:
        parts = urlsplit(target)
        _ = parts.hostname, parts.port  # both raise ValueError on a bad host or port
    except ValueError as exc:
        return None, str(exc)
    return parts, ""


def _rules(link: Link, language: str) -> Iterable[tuple[str, str]]:
    text = link_text(link)
    if link.kind == "link" and not text:
        yield "link-empty-text", f"link to '{_short(link.target)}' has no text; say where it leads"
    parts, why = _split(link.target)
    if parts is None:
        yield "link-malformed", f"link to '{_short(link.target)}' is not a valid URL ({why})"
        return
    if parts.scheme not in ("http", "https"):
        return
    host = (parts.hostname or "").lower()
    if _host_matches(host, PRIVATE_HOSTS):
        yield (
            "link-private",
            f"link to a private Notion page '{link.target}' that readers cannot open; "
            "link a public source or remove it",
        )
    if (
        link.kind == "link"
        and _host_matches(host, VIDEO_HOSTS)
        and text
        and (text.lower() in GENERIC_TEXT or text == link.target or "://" in text)
    ):
        yield (
            "link-video-label",
            f"video link '{link.target}' is labelled '{text}'; label it with the video's topic",
        )
    if host in ("kubernetes.io", "www.kubernetes.io"):
        expected = _k8s_docs_url(parts.path, language)
        if expected and expected != parts.path:
            fixed = parts._replace(netloc="kubernetes.io", path=expected).geturl()
            yield (
                "link-k8s-docs-language",
                f"Kubernetes docs link '{link.target}' is not in the page's language; "
                f"use '{fixed}'",
            )


def _k8s_docs_url(path: str, language: str) -> str | None:
    """The docs path in the page's language: ``/zh-cn/docs/...`` for zh, ``/docs/...`` for en."""
    match = _K8S_DOCS.match(path)
    if not match:
        return None
    rest = match.group("rest") or "/"
    if language == "zh":
        return f"/zh-cn/docs{rest}"
    if language == "en":
        return f"/docs{rest}"
    return None


REPLACEMENT = "#kubenotes-link-removed"


def neutralize_links(markdown: str) -> str:
    """``markdown`` with each unparsable or unsafe-scheme link target replaced by
    :data:`REPLACEMENT` where it is written verbatim, so no renderer or reader ever gets it
    (the finding comes from :func:`check_hygiene`)."""
    lines = markdown.split("\n")
    for link in extract_links(markdown):
        if not link.target or not (unsafe_scheme(link.target) or _split(link.target)[0] is None):
            continue
        index = link.line - 1
        if 0 <= index < len(lines):
            line = lines[index]
            at = line.find(link.target, max(link.column - 1, 0))
            if at != -1:
                lines[index] = line[:at] + REPLACEMENT + line[at + len(link.target) :]
    return "\n".join(lines)


MAX_UNCLOSED_COMMENTS = 100


def escape_unclosed_comments(markdown: str) -> tuple[str, int]:
    """``markdown`` with ``<!--`` openers that no ``-->`` follows written as ``&lt;!--`` when
    there are more than :data:`MAX_UNCLOSED_COMMENTS` of them, and how many there were.

    Python's html.parser (used by mkdocs on every page) rescans to the end of the page for each
    unclosed comment: 50,000 of them take minutes."""
    last_close = markdown.rfind("-->")
    tail_start = last_close + 3 if last_close != -1 else 0
    unclosed = markdown.count("<!--", tail_start)
    if unclosed <= MAX_UNCLOSED_COMMENTS:
        return markdown, unclosed
    return markdown[:tail_start] + markdown[tail_start:].replace("<!--", "&lt;!--"), unclosed
