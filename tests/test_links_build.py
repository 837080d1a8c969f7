"""Fixture-site builds: each kind of broken link fails the strict build with its exact message,
and fixing it makes the build pass (tests/fixtures/links/site, built into tmp_path)."""

from __future__ import annotations

import gzip
import logging
import re
import shutil
from pathlib import Path

import pytest
from kubenotes.cli import main
from mkdocs import utils as mkdocs_utils
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "links" / "site"

pytestmark = pytest.mark.site

# id, file, text in the valid fixture, broken text, fixed text, the exact findings
CASES = [
    (
        "missing-page",
        "docs/zh/index.md",
        "[Pod](concepts/pod.md)",
        "[Pod](concepts/pods.md)",
        "[Pod](concepts/pod.md)",
        [
            "docs/zh/index.md:9: warning: broken link to 'concepts/pods.md' "
            "(no page docs/zh/concepts/pods.md; did you mean 'concepts/pod.md'?) [link-page]"
        ],
    ),
    (
        "missing-anchor-other-page",
        "docs/zh/index.md",
        "(concepts/pod.md#probes)",
        "(concepts/pod.md#probe)",
        "(concepts/pod.md#probes)",
        [
            "docs/zh/index.md:9: warning: broken link to 'concepts/pod.md#probe' "
            "(no heading with id 'probe'; did you mean 'probes'?) [link-anchor]"
        ],
    ),
    (
        "missing-anchor-other-page-en",
        "docs/en/index.md",
        "(concepts/pod.md#lifecycle)",
        "(concepts/pod.md#life-cycle)",
        "(concepts/pod.md#lifecycle)",
        [
            "docs/en/index.md:10: warning: broken link to 'concepts/pod.md#life-cycle' "
            "(no heading with id 'life-cycle'; did you mean 'lifecycle'?) [link-anchor]"
        ],
    ),
    (
        "missing-anchor-same-page",
        "docs/zh/index.md",
        "(#阅读顺序)",
        "(#阅读)",
        "(#阅读顺序)",
        [
            "docs/zh/index.md:10: warning: broken link to '#阅读' "
            "(no heading with id '阅读'; did you mean '阅读顺序'?) [link-anchor]"
        ],
    ),
    (
        "missing-image",
        "docs/zh/index.md",
        "(img/pod.svg)",
        "(img/pods.svg)",
        "(img/pod.svg)",
        [
            "docs/zh/index.md:12: warning: broken image 'img/pods.svg' "
            "(no file docs/zh/img/pods.svg) [link-image]"
        ],
    ),
    (
        "missing-snippet",
        "docs/zh/index.md",
        '"snippets/note.md"',
        '"snippets/notes.md"',
        '"snippets/note.md"',
        [
            "docs/zh/index.md:14: warning: broken snippet include 'snippets/notes.md' "
            "(no such file under .) [link-snippet]"
        ],
    ),
    (
        "en-to-zh-only-page",
        "docs/en/concepts/pod.md",
        "See [the home page](../index.md).",
        "See [the home page](../index.md) and [the untranslated page](../only.md).",
        "See [the home page](../index.md).",
        [
            "docs/en/concepts/pod.md:9: warning: broken link to '../only.md' (the page exists "
            "only in Chinese: docs/zh/only.md; translate it or link elsewhere) [link-untranslated]"
        ],
    ),
    (
        "hygiene",
        "docs/zh/concepts/pod.md",
        "探针检查容器是否健康。",
        "探针检查容器是否健康，见[](../index.md)、[笔记](https://www.notion.so/team/Probes-0a1b)"
        "、[视频](https://www.bilibili.com/video/BV1xx)和"
        "[官方文档](https://kubernetes.io/docs/concepts/workloads/pods/)。",
        "探针检查容器是否健康，见[首页](../index.md)、[探针讲解视频](https://www.bilibili.com/video/BV1xx)"
        "和[官方文档](https://kubernetes.io/zh-cn/docs/concepts/workloads/pods/)。",
        [
            "docs/zh/concepts/pod.md:5: warning: link to '../index.md' has no text; say where "
            "it leads [link-empty-text]",
            "docs/zh/concepts/pod.md:5: warning: Kubernetes docs link "
            "'https://kubernetes.io/docs/concepts/workloads/pods/' is not in the page's "
            "language; use 'https://kubernetes.io/zh-cn/docs/concepts/workloads/pods/' "
            "[link-k8s-docs-language]",
            "docs/zh/concepts/pod.md:5: warning: link to a private Notion page "
            "'https://www.notion.so/team/Probes-0a1b' that readers cannot open; link a public "
            "source or remove it [link-private]",
            "docs/zh/concepts/pod.md:5: warning: video link "
            "'https://www.bilibili.com/video/BV1xx' is labelled '视频'; label it with the "
            "video's topic [link-video-label]",
        ],
    ),
]


def _site(tmp_path: Path, material: bool = True) -> Path:
    """A copy of the fixture; ``material=False`` swaps in the plain mkdocs theme (3x faster) for
    the cases that only look at warnings."""
    site = tmp_path / "src"
    shutil.copytree(FIXTURE, site)
    config = site / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    if not material:
        text = re.sub(r"theme:\n(  .*\n)+", "theme:\n  name: mkdocs\n", text)
    # the fixture points at the repository's hook and overrides: keep them absolute in the copy
    config.write_text(text.replace("../../../../", f"{ROOT}/"), encoding="utf-8")
    return site


class _Warnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def _build(site: Path, out: Path) -> tuple[int, list[str]]:
    """``mkdocs build --strict`` in this process (as the command does it, minus the start-up):
    exit code and the warnings logged."""
    warnings = _Warnings()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(warnings)
    # mkdocs-static-i18n patches these during its language builds and, when a language build
    # aborts, does not restore them: put them back for the rest of the test session.
    clean_directory = mkdocs_utils.clean_directory
    build_filters = list(logging.getLogger("mkdocs.commands.build").filters)
    try:
        config = load_config(str(site / "mkdocs.yml"), site_dir=str(out), strict=True)
        try:
            build(config)
            code = 0
        except Abort:
            code = 1
    finally:
        logger.removeHandler(warnings)
        mkdocs_utils.clean_directory = clean_directory
        logging.getLogger("mkdocs.commands.build").filters[:] = build_filters
    return code, warnings.lines


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} must occur once in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


SITEMAP = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">
  <url>
    <loc>https://links.example.org/</loc>
    <xhtml:link rel="alternate" hreflang="en" href="https://links.example.org/en/"/>
    <xhtml:link rel="alternate" hreflang="zh" href="https://links.example.org/"/>
    <xhtml:link rel="alternate" hreflang="x-default" href="https://links.example.org/"/>
  </url>
  <url>
    <loc>https://links.example.org/only/</loc>
  </url>
  <url>
    <loc>https://links.example.org/concepts/pod/</loc>
    <xhtml:link rel="alternate" hreflang="en" href="https://links.example.org/en/concepts/pod/"/>
    <xhtml:link rel="alternate" hreflang="zh" href="https://links.example.org/concepts/pod/"/>
    <xhtml:link rel="alternate" hreflang="x-default" href="https://links.example.org/concepts/pod/"/>
  </url>
  <url>
    <loc>https://links.example.org/en/</loc>
    <xhtml:link rel="alternate" hreflang="en" href="https://links.example.org/en/"/>
    <xhtml:link rel="alternate" hreflang="zh" href="https://links.example.org/"/>
    <xhtml:link rel="alternate" hreflang="x-default" href="https://links.example.org/"/>
  </url>
  <url>
    <loc>https://links.example.org/en/concepts/pod/</loc>
    <xhtml:link rel="alternate" hreflang="en" href="https://links.example.org/en/concepts/pod/"/>
    <xhtml:link rel="alternate" hreflang="zh" href="https://links.example.org/concepts/pod/"/>
    <xhtml:link rel="alternate" hreflang="x-default" href="https://links.example.org/concepts/pod/"/>
  </url>
</urlset>"""


def test_valid_fixture_builds_strict_with_404_pages_and_sitemap(tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, warnings = _build(_site(tmp_path), out)
    assert (code, warnings) == (0, [])
    # one sitemap for both languages, each page with its hreflang alternates
    assert (out / "sitemap.xml").read_text(encoding="utf-8") == SITEMAP
    assert gzip.decompress((out / "sitemap.xml.gz").read_bytes()).decode() == SITEMAP
    assert not (out / "en" / "sitemap.xml").exists()
    # a 404 page per language; the root one sends /en/... to the English one
    zh_404 = (out / "404.html").read_text(encoding="utf-8")
    en_404 = (out / "en" / "404.html").read_text(encoding="utf-8")
    assert '<html lang="zh"' in zh_404 and "404 – 页面不存在" in zh_404
    assert 'location.replace("/en/404.html")' in zh_404
    assert '<html lang="en"' in en_404 and "404 – Page not found" in en_404
    assert "location.replace" not in en_404


@pytest.mark.parametrize(
    ("file", "valid", "broken", "fixed", "expected"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_broken_link_fails_strict_build_and_fix_passes(
    tmp_path: Path, file: str, valid: str, broken: str, fixed: str, expected: list[str]
) -> None:
    site = _site(tmp_path, material=False)
    _edit(site / file, valid, broken)
    code, warnings = _build(site, tmp_path / "broken")
    ours = [line for line in warnings if re.search(r"\[link-[a-z0-9-]+\]$", line)]
    assert code == 1
    assert ours == expected
    _edit(site / file, broken, fixed)
    assert _build(site, tmp_path / "fixed") == (0, [])


def test_command_line_reports_what_the_build_reports(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = _site(tmp_path, material=False)
    config = str(site / "mkdocs.yml")
    _build(site, tmp_path / "out")
    assert main(["links", "-f", config, "--site", str(tmp_path / "out")]) == 0
    assert capsys.readouterr().out == ""
    _edit(site / "docs/en/index.md", "(concepts/pod.md#lifecycle)", "(concepts/pod.md#life)")
    _edit(site / "docs/en/index.md", "(concepts/pod.md)", "(concepts/pod.md)\n[x](../only.md)")
    assert main(["links", "-f", config, "--site", str(tmp_path / "out")]) == 1
    assert capsys.readouterr().out == (
        "docs/en/index.md:10: warning: broken link to '../only.md' (no page docs/only.md) "
        "[link-page]\n"
        "docs/en/index.md:11: warning: broken link to 'concepts/pod.md#life' (no heading with id "
        "'life'; did you mean 'lifecycle'?) [link-anchor]\n"
    )


def test_command_line_reads_a_page_that_is_not_utf8(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A page saved in another encoding is still checked (no UnicodeDecodeError traceback)."""
    (tmp_path / "mkdocs.yml").write_text("site_name: t\n", encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_bytes("# caf\xe9\n\n[x](gone.md)\n".encode("latin-1"))
    assert main(["links", "-f", str(tmp_path / "mkdocs.yml")]) == 1
    assert capsys.readouterr().out == (
        "docs/index.md:3: warning: broken link to 'gone.md' (no page docs/gone.md) [link-page]\n"
    )
