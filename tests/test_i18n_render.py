"""The HTML a reader sees: outdated banner and 'not yet translated' page (kubenotes.i18n.render)."""

from __future__ import annotations

import pytest
from kubenotes.i18n.render import outdated_banner, placeholder_markdown, placeholder_title
from kubenotes.i18n.status import PageStatus

HREF = "../../../lifecycle/phases/"


def page(**fields: object) -> PageStatus:
    base = {
        "page": "lifecycle/phases.md",
        "state": "outdated",
        "source_path": "",
        "translation_path": "",
    }
    return PageStatus(**{**base, **fields})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("status", "sentence"),
    [
        (
            page(recorded_hash="sha256:0000000000000000", translated_on="2026-11-01"),
            f'The <a href="{HREF}" hreflang="zh">Chinese original</a> has changed since this '
            "page was translated (translated on 2026-11-01).",
        ),
        (
            page(recorded_hash="sha256:0000000000000000"),
            f'The <a href="{HREF}" hreflang="zh">Chinese original</a> has changed since this '
            "page was translated.",
        ),
        (
            page(),
            "This page does not record which version of the "
            f'<a href="{HREF}" hreflang="zh">Chinese original</a> it translates, so it may not '
            "match the original.",
        ),
    ],
)
def test_outdated_banner(status: PageStatus, sentence: str) -> None:
    assert outdated_banner(status, HREF) == (
        '<div class="admonition warning kubenotes-translation-outdated" data-search-exclude>\n'
        '<p class="admonition-title">This translation may be outdated</p>\n'
        f"<p>{sentence} When the two differ, the original is the reference.</p>\n"
        "</div>\n"
    )


@pytest.mark.parametrize(
    ("status", "title", "sections"),
    [
        (page(state="missing"), "phases", ""),
        (
            page(state="missing", source_title="Pod <阶段>", sections=(("phases", "阶段 & 状态"),)),
            "Pod <阶段>",
            "<p>Sections of the original:</p>\n<ul>\n"
            f'<li id="phases"><a href="{HREF}#phases" hreflang="zh" lang="zh">阶段 &amp; 状态</a>'
            "</li>\n</ul>\n",
        ),
    ],
)
def test_placeholder_markdown(status: PageStatus, title: str, sections: str) -> None:
    escaped = title.replace("<", "&lt;").replace(">", "&gt;")
    assert placeholder_markdown(status, HREF) == (
        "---\nsearch:\n  exclude: true\nrobots: noindex\n---\n"
        f"# {escaped}\n\n"
        '<div class="admonition info kubenotes-translation-missing">\n'
        '<p class="admonition-title">Not yet translated</p>\n'
        "<p>This page has not been translated into English yet. Read the Chinese original: "
        f'<a href="{HREF}" hreflang="zh" lang="zh">{escaped}</a>.</p>\n'
        f"{sections}</div>\n"
    )


def test_placeholder_has_the_english_title_it_is_given() -> None:
    status = page(state="missing", source_title="健康检查")
    text = placeholder_markdown(status, HREF, "Health checks")
    assert "# Health checks\n" in text
    assert f'<a href="{HREF}" hreflang="zh" lang="zh">健康检查</a>' in text


@pytest.mark.parametrize(
    ("status", "translations", "title"),
    [
        (page(state="missing", source_title="健康检查", source_title_en="Probes"), {}, "Probes"),
        (
            page(state="missing", source_title="健康检查"),
            {"健康检查": "Health checks"},
            "Health checks",
        ),
        (page(state="missing", source_title="健康检查"), {}, "Phases"),
        (
            page(state="missing", page="lifecycle/init-containers.md", source_title="初始化容器"),
            {},
            "Init containers",
        ),
        (page(state="missing", page="guide/index.md", source_title="指南"), {}, "Guide"),
    ],
)
def test_placeholder_title_is_never_the_chinese_one(
    status: PageStatus, translations: dict[str, str], title: str
) -> None:
    assert placeholder_title(status, translations) == title


def test_outdated_banner_says_when_the_original_changed() -> None:
    status = page(recorded_hash="sha256:0000000000000000", translated_on="2026-11-01")
    assert (
        f'The <a href="{HREF}" hreflang="zh">Chinese original</a> changed on 2026-11-20, after '
        "this page was translated (translated on 2026-11-01)."
    ) in outdated_banner(status, HREF, changed_on="2026-11-20")
