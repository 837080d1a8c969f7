"""mkdocs hook: one 404 page per language (``/404.html`` and ``/<lang>/404.html``)."""

from __future__ import annotations

import copy
from pathlib import Path

from kubenotes import build
from kubenotes.build import current_language, is_nested_language_build
from mkdocs.exceptions import PluginError


def on_config(config):
    build.begin(config, PluginError)
    return config


def on_pre_build(config):
    # mkdocs-static-i18n points `extra.alternate` at each page's translations as it renders
    # them and leaves the last page's there: the next language's 404 page (rendered before
    # its pages) would offer the translations of whatever page the previous language rendered
    # last. Every language's 404 page gets the home pages, as the first language's does.
    state = build.current()
    extra = config.extra
    if not is_nested_language_build(config):
        state.home_alternates = copy.deepcopy(extra.get("alternate"))
    elif state.home_alternates is not None:
        # mkdocs-static-i18n sets it as an attribute (which templates read first) and an item
        extra["alternate"] = copy.deepcopy(state.home_alternates)
        if "alternate" in getattr(extra, "__dict__", {}):
            extra.alternate = copy.deepcopy(state.home_alternates)


def on_post_template(output_content, template_name, config):
    if template_name == "404.html":
        build.current().not_found[current_language(config)] = output_content
    return output_content


def on_post_build(config):
    # Every language's 404 page is needed: in a language built by a child process, this is
    # written where the parent replays that build (kubenotes.languages).
    build.current().defer("not_found", None, _write_pages)


def _write_pages(_: None) -> None:
    state = build.current()
    site_dir = state.config.site_dir  # the top-level build's config: the real site folder
    pages = build.not_found_pages(state.not_found, state.settings.default_language)
    for relative, html in pages.items():
        target = Path(site_dir) / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
