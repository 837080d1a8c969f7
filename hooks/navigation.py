"""mkdocs hook: big tabs get a short sidebar (core: kubenotes.navigation).

Sets ``kubenotes_collapsed`` on top-level sections with more pages than
``extra.kubenotes.sidebar_page_limit``; ``overrides/partials/nav-item.html`` reads it.
"""

from __future__ import annotations

from kubenotes import build
from kubenotes.navigation import flag_big_tabs
from mkdocs.exceptions import PluginError


def on_config(config, **kwargs):
    build.begin(config, PluginError)  # the settings, checked (a bad limit is an error)


def on_nav(nav, config, files):
    flag_big_tabs(nav.items, build.current().settings.sidebar_page_limit)
    return nav
