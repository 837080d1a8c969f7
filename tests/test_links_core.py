"""Unit tests of the link-check core: extraction with source lines, anchors (percent-encoded CJK
fragments), the internal check, hygiene rules, snippet includes and built-page paths."""

from __future__ import annotations

from pathlib import Path

import pytest
from kubenotes.findings import format_text
from kubenotes.links.anchors import has_anchor, html_ids, suggest
from kubenotes.links.extract import Link, extract_links
from kubenotes.links.hygiene import check_hygiene
from kubenotes.links.internal import SiteIndex, check_links, check_snippets
from kubenotes.links.page import check_source, page_language
from kubenotes.links.sources import built_page

# -- extract -----------------------------------------------------------------------------------

EXTRACT_CASES = [
    ("inline", "a [Pod](pod.md#x) b", [Link("link", "pod.md#x", "Pod", 1, 3)]),
    ("title", '[P](pod.md "Pod")', [Link("link", "pod.md", "P", 1, 1)]),
    ("angle", "[P](<my page.md>)", [Link("link", "my page.md", "P", 1, 1)]),
    ("image", "\n![图](img/a.svg)", [Link("image", "img/a.svg", "图", 2, 1)]),
    (
        "image in link",
        "[![b](b.svg)](p.md)",
        [Link("link", "p.md", "![b](b.svg)", 1, 1), Link("image", "b.svg", "b", 1, 2)],
    ),
    ("definition", "x\n[ref]: <a b.md>", [Link("definition", "a b.md", "ref", 2, 1)]),
    ("footnote is no definition", "[^1]: note", []),
    ("autolink", "<https://k.io/a>", [Link("autolink", "https://k.io/a", "https://k.io/a", 1, 1)]),
    ("html", '<a href="x.md">x</a><img src="i.png">', [
        Link("html", "x.md", "<a>", 1, 1), Link("html", "i.png", "<img>", 1, 21)]),
    ("empty text", "[](p.md)", [Link("link", "p.md", "", 1, 1)]),
    ("code span", "`[no](a.md)` [yes](b.md)", [Link("link", "b.md", "yes", 1, 14)]),
    ("fence", "```md\n[no](a.md)\n```\n[yes](b.md)", [Link("link", "b.md", "yes", 4, 1)]),
    ("indented fence", "!!! note\n    ```\n    [no](a.md)\n    ```", []),
    ("comment", "<!-- [no](a.md) -->\n[yes](b.md)", [Link("link", "b.md", "yes", 2, 1)]),
    ("text over two lines", "x [a\nb](c.md)", [Link("link", "c.md", "a\nb", 1, 3)]),
]  # fmt: skip


@pytest.mark.parametrize(("markdown", "expected"), [c[1:] for c in EXTRACT_CASES],
                         ids=[c[0] for c in EXTRACT_CASES])  # fmt: skip
def test_extract_links(markdown: str, expected: list[Link]) -> None:
    assert extract_links(markdown) == expected


def test_extract_links_counts_front_matter_lines() -> None:
    assert extract_links("\n[a](b.md)", line_offset=3) == [Link("link", "b.md", "a", 5, 1)]


# -- anchors -----------------------------------------------------------------------------------


def test_html_ids_are_unescaped() -> None:
    html = '<h2 id="a&amp;b">x</h2><a name="old"></a><p class="id">no</p><h3 id=\'中文-标题\'>'
    assert html_ids(html) == frozenset({"a&b", "old", "中文-标题"})


@pytest.mark.parametrize(
    ("fragment", "found"),
    [
        ("中文-标题", True),
        ("%E4%B8%AD%E6%96%87-%E6%A0%87%E9%A2%98", True),  # percent-encoded UTF-8
        ("%e4%b8%ad%e6%96%87-%e6%a0%87%e9%a2%98", True),
        ("%E4%B8%AD", False),
        ("%FF", False),  # not UTF-8
        ("", True),
        ("top", True),
        ("probes", True),
        ("Probes", False),  # ids are case-sensitive
    ],
)
def test_has_anchor(fragment: str, found: bool) -> None:
    assert has_anchor(frozenset({"中文-标题", "probes"}), fragment) is found


def test_suggest_skips_generated_ids() -> None:
    ids = frozenset({"__codelineno-0-1", "fn:1", "liveness-probe", "readiness-probe"})
    assert suggest(ids, "livenes-probe") == "liveness-probe"
    assert suggest(ids, "codelineno-0-1") is None


# -- internal ----------------------------------------------------------------------------------


@pytest.fixture
def site(tmp_path: Path) -> SiteIndex:
    for path in ("zh/index.md", "zh/a/pod.md", "zh/only.md", "zh/img/p.svg", "en/index.md",
                 "en/a/pod.md"):  # fmt: skip
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text("x", encoding="utf-8")
    anchors = {
        "zh/index.md": frozenset({"首页", "阅读顺序"}),
        "zh/a/pod.md": frozenset({"probes", "生命周期"}),
        "en/a/pod.md": frozenset({"probes", "lifecycle"}),
    }
    return SiteIndex(tmp_path, "docs", ("zh", "en"), anchors)


INTERNAL_CASES = [
    ("zh/index.md", "[a](a/pod.md#probes) [b](a/pod.md#%E7%94%9F%E5%91%BD%E5%91%A8%E6%9C%9F)", []),
    ("zh/index.md", "[a](#阅读顺序) [b](#) [c](https://x.org/#y) [d](/abs/) [e](a/)", []),
    ("zh/index.md", "[a](a/pod.md#probe)", [
        "docs/zh/index.md:1: warning: broken link to 'a/pod.md#probe' (no heading with id "
        "'probe'; did you mean 'probes'?) [link-anchor]"]),
    ("zh/index.md", "[a](#%E9%98%85%E8%AF%BB)", [
        "docs/zh/index.md:1: warning: broken link to '#%E9%98%85%E8%AF%BB' (no heading with id "
        "'阅读'; did you mean '阅读顺序'?) [link-anchor]"]),
    ("zh/a/pod.md", "\n[a](../indx.md)", [
        "docs/zh/a/pod.md:2: warning: broken link to '../indx.md' (no page docs/zh/indx.md; "
        "did you mean '../index.md'?) [link-page]"]),
    ("zh/a/pod.md", "![p](../img/q.svg)", [
        "docs/zh/a/pod.md:1: warning: broken image '../img/q.svg' (no file docs/zh/img/q.svg) "
        "[link-image]"]),
    ("zh/a/pod.md", "[f](files/x.yaml)", [
        "docs/zh/a/pod.md:1: warning: broken link to 'files/x.yaml' (no file "
        "docs/zh/a/files/x.yaml) [link-file]"]),
    ("en/a/pod.md", "[o](../only.md#x)", [
        "docs/en/a/pod.md:1: warning: broken link to '../only.md#x' (the page exists only in "
        "Chinese: docs/zh/only.md; translate it or link elsewhere) [link-untranslated]"]),
    ("en/index.md", "[o](../../x.md)", [
        "docs/en/index.md:1: warning: broken link to '../../x.md' (it points outside the docs "
        "folder) [link-page]"]),
    ("en/a/pod.md", "[a](../index.md#anything)", []),  # page not rendered: anchors unknown
]  # fmt: skip


@pytest.mark.parametrize(("page", "markdown", "expected"), INTERNAL_CASES)
def test_check_links(site: SiteIndex, page: str, markdown: str, expected: list[str]) -> None:
    findings = check_links(page, extract_links(markdown), site)
    assert [format_text(f) for f in findings] == expected


# -- hygiene -----------------------------------------------------------------------------------

HYGIENE_CASES = [
    ("zh", "[官方](https://kubernetes.io/zh-cn/docs/concepts/)", []),
    ("en", "[docs](https://kubernetes.io/docs/concepts/)", []),
    ("zh", "[官方](https://kubernetes.io/docs/concepts/)", [
        "link-k8s-docs-language: Kubernetes docs link 'https://kubernetes.io/docs/concepts/' is "
        "not in the page's language; use 'https://kubernetes.io/zh-cn/docs/concepts/'"]),
    ("zh", "[旧](https://kubernetes.io/zh/docs/concepts/#x)", [
        "link-k8s-docs-language: Kubernetes docs link 'https://kubernetes.io/zh/docs/concepts/#x'"
        " is not in the page's language; use 'https://kubernetes.io/zh-cn/docs/concepts/#x'"]),
    ("en", "[docs](https://kubernetes.io/zh-cn/docs/)", [
        "link-k8s-docs-language: Kubernetes docs link 'https://kubernetes.io/zh-cn/docs/' is not "
        "in the page's language; use 'https://kubernetes.io/docs/'"]),
    ("en", "[blog](https://kubernetes.io/blog/2024/)", []),
    ("zh", "[ ](a.md) ![](i.png)", [
        "link-empty-text: link to 'a.md' has no text; say where it leads"]),
    ("zh", "[笔记](https://acme.notion.site/Pod-1)", [
        "link-private: link to a private Notion page 'https://acme.notion.site/Pod-1' that "
        "readers cannot open; link a public source or remove it"]),
    ("en", "[video](https://youtu.be/abc)", [
        "link-video-label: video link 'https://youtu.be/abc' is labelled 'video'; label it with "
        "the video's topic"]),
    ("en", "[https://youtu.be/abc](https://youtu.be/abc)", [
        "link-video-label: video link 'https://youtu.be/abc' is labelled 'https://youtu.be/abc'; "
        "label it with the video's topic"]),
    ("zh", "[Pod 生命周期讲解（视频）](https://www.bilibili.com/video/BV1)", []),
]  # fmt: skip


@pytest.mark.parametrize(("language", "markdown", "expected"), HYGIENE_CASES)
def test_hygiene(language: str, markdown: str, expected: list[str]) -> None:
    findings = check_hygiene("p.md", extract_links(markdown), language)
    assert [f"{f.rule}: {f.message}" for f in findings] == expected


# -- snippets and sources ----------------------------------------------------------------------


def test_check_snippets(tmp_path: Path) -> None:
    (tmp_path / "snippets").mkdir()
    (tmp_path / "snippets" / "a.md").write_text("x", encoding="utf-8")
    markdown = (
        '--8<-- "snippets/a.md"\n'
        "```yaml\n"
        '--8<-- "manifests/pod.yaml:3:9"\n'
        "```\n"
        ';--8<-- "escaped.md"\n'
        '--8<-- "https://example.org/remote.md"\n'
    )
    findings = check_snippets(markdown, "docs/zh/x.md", [tmp_path], line_offset=2)
    assert [format_text(f) for f in findings] == [
        "docs/zh/x.md:5: warning: broken snippet include 'manifests/pod.yaml' "
        "(no such file under .) [link-snippet]"
    ]


@pytest.mark.parametrize(
    ("src_path", "expected"),
    [
        ("zh/index.md", "index.html"),
        ("zh/a/b.md", "a/b/index.html"),
        ("zh/a/index.md", "a/index.html"),
        ("en/index.md", "en/index.html"),
        ("en/a/b.md", "en/a/b/index.html"),
    ],
)
def test_built_page(src_path: str, expected: str) -> None:
    assert built_page(src_path, "zh") == expected


def test_check_source_counts_front_matter_lines(tmp_path: Path) -> None:
    """The hook and the CLI read a page the same way: lines of the file as the author sees it."""
    text = '---\ntitle: x\n---\n\n[视频](https://www.bilibili.com/video/1)\n\n--8<-- "missing.md"\n'
    links, findings = check_source(text, "docs/zh/a.md", "zh", [tmp_path], ".")
    assert links == [Link("link", "https://www.bilibili.com/video/1", "视频", 5, 1)]
    assert [(f.line, f.rule) for f in findings] == [(5, "link-video-label"), (7, "link-snippet")]


@pytest.mark.parametrize(
    ("src_path", "expected"), [("zh/a/b.md", "zh"), ("en/b.md", "en"), ("index.md", "zh")]
)
def test_page_language(src_path: str, expected: str) -> None:
    assert page_language(src_path, "zh") == expected
