"""mkdocs hook: build the other languages in child processes, in parallel with the default one
(core and the reasoning: kubenotes.languages).

mkdocs-static-i18n calls ``mkdocs.commands.build.build`` for each other language from its
``on_post_build``. While a child builds a language, the name ``build`` in mkdocs-static-i18n's
module points to :func:`_language_build`, which replays the child's build instead of running it
again; for a language without a usable child it runs the real build, as before.
"""

from __future__ import annotations

import atexit
import logging
import sys
from pathlib import Path
from typing import Any

import mkdocs.utils
from kubenotes import build, languages
from kubenotes.k8s.load import LIMIT_RULE
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.plugins.kubenotes.languages")

_children: dict[str, languages.Child] = {}
_patched: dict[str, Any] = {}  # the module whose ``build`` is replaced, while it is
_cleanup_registered: list[bool] = []


def on_config(config: Any) -> Any:
    build.begin(config, PluginError)
    return config


@event_priority(-1000)  # after mkdocs-static-i18n (-100) made this language's files and nav
def on_nav(nav: Any, config: Any, files: Any) -> Any:
    """Fork the other languages' builds: what they take from this one (its files, their pages'
    URLs for the sitemap, the translation status, the findings so far) is known by now."""
    i18n = config.plugins.get("i18n")
    module = _i18n_module()
    if build.is_nested_language_build(config) or i18n is None or module is None:
        return nav
    if not _compatible(i18n):
        return nav
    others = [language for language in i18n.build_languages if language != i18n.current_language]
    dirty = "--dirty" in sys.argv or "--dirtyreload" in sys.argv  # as mkdocs-static-i18n reads it
    if not languages.enabled(build.command(), len(others), dirty):
        return nav
    state = build.current()
    state.history()  # one `git log` for both processes
    _discard_children()
    _patched["module"] = module
    module.build = _language_build
    site_dir = Path(config.site_dir)
    if not _cleanup_registered:
        atexit.register(_discard_children)  # Ctrl-C: mkdocs calls no build_error hook for it
        _cleanup_registered.append(True)
    for language in others:

        def work(staging: Path, language: str = language) -> languages.Result:
            return _child_build(config, i18n, language, staging, dirty)

        try:
            _children[language] = languages.start(language, site_dir, work)
        except OSError as exc:  # no staging folder beside the site, no fork: one after the other
            log.debug("building '%s' in this process: %s", language, exc)
    return nav


@event_priority(-1000)  # after every other post-build step, the languages' included
def on_post_build(config: Any) -> None:
    if not build.is_nested_language_build(config):
        _restore()
        _discard_children()


def on_build_error(error: Exception) -> None:
    _restore()
    _discard_children()


def on_shutdown() -> None:
    _restore()
    _discard_children()


# --- in the child ---------------------------------------------------------------------------


def _child_build(
    config: Any, i18n: Any, language: str, staging: Path, dirty: bool
) -> languages.Result:
    """What mkdocs-static-i18n's ``on_post_build`` does for one language, into ``staging``."""
    _children.clear()  # the parent's, not this process's to wait for or kill
    _patched.clear()
    state = build.current()
    events: list[tuple[Any, ...]] = []
    state.capture = events
    for built in i18n.i18n_files_per_language.values():  # pages outside the nav: as mkdocs
        for file in built:  # makes them after this point (the sitemap lists them)
            if file.page is None:
                Page(None, file, config)
    rename = (str(staging), str(config.site_dir))
    logging.getLogger("mkdocs").handlers[:] = [languages.Capture(events, rename)]
    i18n_filter = _i18n_logging_filter()
    logging.getLogger("mkdocs.commands.build").addFilter(i18n_filter)
    mkdocs.utils.clean_directory = lambda directory: directory
    i18n.building = True
    i18n.current_language = language
    config["site_dir"] = str(staging)
    budget_before = dict(state.yaml_budget.left)
    error: BaseException | None = None
    try:
        mkdocs_build(config, dirty=dirty)
    except BaseException as exc:  # sent to the parent, which raises it in turn
        error = exc
    cost = {kind: budget_before[kind] - left for kind, left in state.yaml_budget.left.items()}
    shared = {
        "search_entries": list(i18n.search_entries),
        "anchors": dict(state.anchors),
        "icons": dict(state.icons),
        "not_found": {language: state.not_found[language]} if language in state.not_found else {},
        "yaml_cost": cost,
    }
    return languages.Result(events, shared, error)


# --- in the parent --------------------------------------------------------------------------


def _language_build(config: Any, dirty: bool = False, **kwargs: Any) -> None:
    """Stands for mkdocs' ``build`` in mkdocs-static-i18n while children build languages."""
    i18n = config.plugins.get("i18n")
    child = _children.pop(getattr(i18n, "current_language", None), None)
    if child is None:
        return mkdocs_build(config, dirty=dirty, **kwargs)
    result = child.wait()
    state = build.current()
    if result is None or not _sequential_equivalent(result, state):
        child.discard()
        log.debug("building '%s' in this process: its child's build is not usable", child.language)
        return mkdocs_build(config, dirty=dirty, **kwargs)
    if result.error is not None and not languages.is_strict_failure(result.error):
        # An error the build did not expect: raised by the build in this process instead, with
        # its own traceback (the child's is gone), exactly as the sequential build raises it.
        child.discard()
        failure = repr(result.error)
        log.debug("building '%s' in this process: its child failed: %s", child.language, failure)
        return mkdocs_build(config, dirty=dirty, **kwargs)
    try:
        languages.merge_tree(child.staging, Path(config.site_dir))
    except OSError as exc:  # what was moved is overwritten by the build in this process
        child.discard()
        log.debug("building '%s' in this process: %s", child.language, exc)
        return mkdocs_build(config, dirty=dirty, **kwargs)
    log.debug("'%s' was built by child process %d: replaying its build", child.language, child.pid)
    shared = result.shared
    state.anchors.update(shared["anchors"])
    state.icons.update(shared["icons"])
    state.not_found.update(shared["not_found"])
    for kind, amount in shared["yaml_cost"].items():
        state.yaml_budget.charge(kind, amount)
    i18n.search_entries.extend(shared["search_entries"])
    # The child's strict count missed what only the replay reports (the deferred link check):
    # count here, as mkdocs' build() counts for the language build it stands for.
    counter = mkdocs.utils.CountHandler()
    counter.setLevel(logging.WARNING)
    mkdocs_logger = logging.getLogger("mkdocs")
    if config.strict:
        mkdocs_logger.addHandler(counter)
    try:
        for event in languages.replay_logs(result.events):
            if event[0] == "findings":
                state.report(logging.getLogger(event[1]), event[2])
            elif event[0] == "defer":
                state.replays[event[1]](event[2])
    finally:
        mkdocs_logger.removeHandler(counter)
    # the child's strict failure (if any) is counted again just above, with the deferred
    # steps' findings, as mkdocs' build() counts for the language build this stands for
    if counts := counter.get_counts():
        raise Abort(languages.strict_message(counts))
    return None


def _sequential_equivalent(result: languages.Result, state: build.BuildState) -> bool:
    """Whether a sequential build would have reported what the child did: it ran out of no
    YAML budget, and what it used fits in what this build has left."""
    for event in result.events:
        if event[0] == "findings" and any(f.rule == LIMIT_RULE for f in event[2]):
            return False
    cost = result.shared.get("yaml_cost", {})
    return all(state.yaml_budget.left.get(kind, 0) >= amount for kind, amount in cost.items())


# --- helpers ----------------------------------------------------------------------------------


def _i18n_module() -> Any:
    """mkdocs-static-i18n's plugin module, if it builds languages through mkdocs' ``build``."""
    module = sys.modules.get("mkdocs_static_i18n.plugin")
    build_function = getattr(module, "build", None)
    if build_function is mkdocs_build or build_function is _language_build:
        return module
    return None


def _compatible(i18n: Any) -> bool:
    return all(
        hasattr(i18n, name)
        for name in (
            "building",
            "current_language",
            "build_languages",
            "search_entries",
            "i18n_files_per_language",
        )
    )


def _i18n_logging_filter() -> Any:
    from mkdocs_static_i18n.utils import I18nLoggingFilter

    found = I18nLoggingFilter()
    found.filtered_prefixes.update(
        {"Documentation built in", "Building documentation to directory"}
    )
    return found


def _restore() -> None:
    module = _patched.pop("module", None)
    if module is not None:
        module.build = mkdocs_build


def _discard_children() -> None:
    while _children:
        _, child = _children.popitem()
        child.kill()
