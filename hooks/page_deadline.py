"""mkdocs hook: a time limit on each page (core: kubenotes.deadline).

mkdocs handles a page in two passes, with other pages between them: Markdown to HTML for every
page (``on_pre_page`` to ``on_page_content``), then every page into its template
(``on_page_context`` to ``on_post_page``). Each pass of a page is timed from its first event
to its last, every other hook's work included; a pass that takes longer than
``extra.kubenotes.page_seconds_limit`` stops the build with an error that names the page.
"""

from __future__ import annotations

import atexit
from typing import Any

from kubenotes import build
from kubenotes.build import source_path
from kubenotes.deadline import Deadline
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

_DEADLINE = Deadline(PluginError)
# Ctrl-C in a page skips on_build_error (mkdocs catches Exception only): no alarm at exit
atexit.register(_DEADLINE.stop)


@event_priority(1000)
def on_pre_page(page: Any, config: Any, files: Any) -> Any:
    _start(page, config)
    return page


@event_priority(-1000)
def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    _DEADLINE.finish()
    return html


@event_priority(1000)
def on_page_context(context: Any, page: Any, config: Any, nav: Any) -> Any:
    _start(page, config)
    return context


@event_priority(-1000)
def on_post_page(output: str, page: Any, config: Any) -> str:
    _DEADLINE.finish()
    return output


def on_build_error(error: Exception) -> None:
    _DEADLINE.stop()


def on_shutdown() -> None:
    _DEADLINE.stop()


def _start(page: Any, config: Any) -> None:
    _DEADLINE.start(build.current().settings.page_seconds_limit, source_path(config, page.file))
