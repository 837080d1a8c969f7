"""mkdocs hook: final page HTML clean-ups (hreflang links to the sitemap, no indentation or
blank lines, lighter highlighted code, long icons drawn from one sprite file, break
opportunities in table identifiers)."""

from __future__ import annotations

from pathlib import Path

from kubenotes import build
from kubenotes.page_html import (
    ICON_SPRITE,
    break_table_identifiers,
    drop_hreflang_links,
    icon_sprite,
    lighten_code,
    share_icons,
    strip_indentation,
)
from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url


def on_config(config):
    build.begin(config, PluginError)


def on_post_page(output: str, page, config) -> str:
    html = strip_indentation(drop_hreflang_links(break_table_identifiers(output)))
    html = lighten_code(html)
    return share_icons(html, get_relative_url(ICON_SPRITE, page.url), build.current().icons)


def on_post_build(config):
    # Every language build writes the icons seen so far: the last one has them all. In a
    # language built by a child process, written where the parent replays that build, once
    # it has the child's icons (kubenotes.languages).
    build.current().defer("icons", None, _write_sprite)


def _write_sprite(_: None) -> None:
    state = build.current()
    if state.icons:
        target = Path(state.config.site_dir) / ICON_SPRITE  # the top-level build's site folder
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(icon_sprite(state.icons), encoding="utf-8")
