"""mkdocs hook: one 404 page per language (``/404.html`` and ``/<lang>/404.html``)."""

from __future__ import annotations

from pathlib import Path

from kubenotes import build
from kubenotes.build import current_language
from mkdocs.exceptions import PluginError


def on_config(config):
    build.begin(config, PluginError)
    return config


def on_post_template(output_content, template_name, config):
    if template_name == "404.html":
        build.current().not_found[current_language(config)] = output_content
    return output_content


def on_post_build(config):
    state = build.current()
    pages = build.not_found_pages(state.not_found, state.settings.default_language)
    for relative, html in pages.items():
        target = Path(config.site_dir) / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
