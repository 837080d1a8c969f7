"""Link hygiene rules for content: text a reader can follow, and targets a reader can open.

``link-empty-text``          a link with no visible text
``link-private``             a link to a private workspace page (Notion) readers cannot open
``link-video-label``         a video link labelled "video"/"视频"/its URL instead of its topic
``link-k8s-docs-language``   kubernetes.io docs in the page's language (zh-cn from Chinese pages)
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlsplit

from kubenotes.findings import Finding
from kubenotes.links.extract import Link, link_text

PRIVATE_HOSTS = ("notion.so", "notion.site")
VIDEO_HOSTS = ("youtube.com", "youtu.be", "bilibili.com", "b23.tv", "v.qq.com", "vimeo.com")
GENERIC_TEXT = {
    "video", "videos", "link", "here", "click here", "this", "watch", "视频", "链接", "这里",
    "点击", "点击这里", "点这里", "地址", "视频链接", "视频地址", "观看", "此处",
}  # fmt: skip
_K8S_DOCS = re.compile(r"^/(?:(?P<lang>zh-cn|zh|[a-z]{2}(?:-[a-z]{2})?)/)?docs(?P<rest>/.*)?$")


def _host_matches(host: str, domains: Iterable[str]) -> bool:
    return any(host == d or host.endswith("." + d) for d in domains)


def check_hygiene(path: str, links: Iterable[Link], language: str) -> list[Finding]:
    """Findings for the hygiene rules over the links of one page written in ``language``."""
    findings = []
    for link in links:
        for rule, message in _rules(link, language):
            findings.append(Finding(path, link.line, 0, "warning", rule, message))
    return findings


def _rules(link: Link, language: str) -> Iterable[tuple[str, str]]:
    text = link_text(link)
    if link.kind == "link" and not text:
        yield "link-empty-text", f"link to '{link.target}' has no text; say where it leads"
    parts = urlsplit(link.target)
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
