"""mkdocs hook: big tabs get a short sidebar (core: kubenotes.navigation).

Sets ``kubenotes_collapsed`` on top-level sections with more pages than
``extra.kubenotes.sidebar_page_limit``; ``overrides/partials/nav-item.html`` reads it.
"""

from __future__ import annotations

from kubenotes.build import kubenotes_settings
from kubenotes.navigation import flag_big_tabs, page_limit


def on_nav(nav, config, files):
    flag_big_tabs(nav.items, page_limit(kubenotes_settings(config)))
    return nav
