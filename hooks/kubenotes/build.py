"""The running build as the hooks see it: its settings, its state, and the one reporter.

No mkdocs import: the config is only looked at through ``.plugins`` and attribute access, so
this module stays part of the pure core and is testable with simple stand-ins.

Every hook calls :func:`begin` in ``on_config``. It makes one :class:`BuildState` per top-level
build (a ``mkdocs build``, or each rebuild of ``mkdocs serve``, which loads a new config object
but keeps the hook modules) and hands the same object to the per-language builds that
mkdocs-static-i18n runs from ``on_post_build`` with the same config. So nothing a hook gathers
survives into the next build, and a finding is reported once however many languages are built.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kubenotes.findings import Deduplicator, Finding, format_text
from kubenotes.k8s.load import Budget, build_budget
from kubenotes.revisions import Revisions, load_revisions
from kubenotes.settings import SettingsError, SiteSettings, display_path

I18N_PLUGIN = "i18n"


def _i18n(config: Any) -> Any:
    plugins = getattr(config, "plugins", None) or {}
    return plugins.get(I18N_PLUGIN) if hasattr(plugins, "get") else None


def is_nested_language_build(config: Any) -> bool:
    """True while mkdocs-static-i18n re-runs the build for another language.

    Per-build state must be reset only when this is False (a top-level build or a rebuild
    of `mkdocs serve`), otherwise the second language would forget what the first reported.
    """
    plugin = _i18n(config)
    return bool(getattr(plugin, "building", False))


def current_language(config: Any, default: str = "zh") -> str:
    """The language being built now (``zh`` for the default build)."""
    plugin = _i18n(config)
    language = getattr(plugin, "current_language", None)
    if language:
        return str(language)
    theme = getattr(config, "theme", None)
    theme_language = theme.get("language") if hasattr(theme, "get") else None
    return str(theme_language or default)


def default_language(config: Any, fallback: str = "zh") -> str:
    plugin = _i18n(config)
    return str(getattr(plugin, "default_language", None) or fallback)


def source_path(config: Any, file: Any) -> str:
    """A page's source file as findings name it: relative to mkdocs.yml's folder when below it.

    Generated pages (mkdocs ``File.generated``) have no ``abs_src_path``: they are named by
    where they would be in the docs folder.
    """
    key = (file.abs_src_path, config.docs_dir, file.src_path, config.config_file_path)
    found = _source_paths.get(key)
    if found is None:  # several hooks ask for every page: resolved once per build
        source = Path(file.abs_src_path or Path(config.docs_dir) / file.src_path).resolve()
        found = display_path(source, Path(config.config_file_path).resolve().parent)
        _source_paths[key] = found
    return found


_source_paths: dict[tuple[Any, ...], str] = {}  # emptied when a top-level build begins


# -- per-build state and the reporter --------------------------------------------------------

# How a finding's severity becomes a log level. Errors are warnings to mkdocs: `--strict` counts
# them and fails after the whole build, so the author sees every problem at once.
LOG_LEVELS = {"error": logging.WARNING, "warning": logging.WARNING, "info": logging.INFO}


@dataclass(eq=False)
class BuildState:
    """What one top-level build gathers across its hooks and language builds."""

    config: Any  # the top-level build's config object, to know when a new build starts
    settings: SiteSettings
    serving: bool = False
    reported: Deduplicator = field(default_factory=Deduplicator)
    diagrams: dict[str, str] = field(default_factory=dict)  # placeholder -> rendered HTML
    anchors: dict[str, frozenset[str]] = field(default_factory=dict)  # src_uri -> page ids
    links: dict[str, list[Any]] = field(default_factory=dict)  # this language's pages' links
    not_found: dict[str, str] = field(default_factory=dict)  # language -> its 404.html
    home_alternates: Any = None  # the language links pages without alternates get (404 pages)
    icons: dict[str, tuple[str, str]] = field(default_factory=dict)  # sprite id -> box, path
    translations: Any = None  # kubenotes.i18n.status.Report, scanned once per build
    placeholders: set[str] = field(default_factory=set)  # "not yet translated" src_uris
    revisions: Revisions | None = None  # read on first use: see history()
    yaml_budget: Budget = field(default_factory=build_budget)  # what this build's YAML may cost
    # In a language built by a child process (kubenotes.languages): what the build reports and
    # defers, in order, for the parent to replay where the language build would have run.
    capture: list[tuple[Any, ...]] | None = None
    # What a deferred step does when the parent replays it (name -> function of its data).
    replays: dict[str, Callable[[Any], None]] = field(default_factory=dict)

    def rerender(self) -> None:
        """Pages are rendered again outside a full build (the live preview): list their
        findings again, and give them a whole build's YAML budget, as a new build would."""
        self.reported.reset()
        self.yaml_budget = build_budget()

    def history(self) -> Revisions:
        """When each page last changed: one ``git log`` for the whole docs folder, per build."""
        if self.revisions is None:
            self.revisions = load_revisions(self.settings.docs_dir)
        return self.revisions

    def report(self, log: logging.Logger, findings: Iterable[Finding]) -> list[Finding]:
        """Log the findings not reported yet in this build (the one reporter of every hook)."""
        fresh = self.reported.new(findings)
        if self.capture is not None:
            self.capture.append(("findings", log.name, fresh))
            return fresh
        for finding in fresh:
            log.log(LOG_LEVELS[finding.severity], format_text(finding))
        return fresh

    def defer(self, name: str, data: Any, run: Callable[[Any], None]) -> None:
        """Run ``run(data)`` now, or, in a language built by a child process, where the parent
        replays this language build (``run`` needs what the other languages' builds gathered,
        such as their pages' anchors)."""
        self.replays[name] = run
        if self.capture is not None:
            self.capture.append(("defer", name, data))
        else:
            run(data)


_command = {"name": ""}
_current: list[BuildState] = []


def startup(command: str) -> None:
    """Remember the mkdocs command (``build``, ``serve``, ``gh-deploy``) of this process."""
    _command["name"] = command


def command() -> str:
    """The mkdocs command of this process (``build``, ``serve``...), or "" when not known."""
    return _command["name"]


def begin(config: Any, error: type[Exception] = SettingsError) -> BuildState:
    """The state of the build ``config`` belongs to; a new one when a top-level build starts.

    A bad ``extra.kubenotes`` raises ``error`` (the hooks pass mkdocs' ``PluginError``).
    """
    if _current and (_current[0].config is config or is_nested_language_build(config)):
        return _current[0]
    try:
        settings = SiteSettings.from_mkdocs(config)
    except SettingsError as exc:
        raise error(str(exc)) from exc
    state = BuildState(config, settings, _command["name"] == "serve")
    _current[:] = [state]
    _source_paths.clear()  # a file may have become (or stopped being) a symlink since
    return state


def current() -> BuildState:
    """The running build's state (after :func:`begin`)."""
    if not _current:
        raise RuntimeError("kubenotes.build.begin(config) was not called in on_config")
    return _current[0]


def not_found_pages(rendered: dict[str, str], default_language: str) -> dict[str, str]:
    """Where each language's rendered 404 page goes in the site (path → HTML).

    Every language build writes ``/404.html``: the default language's stays there and each
    other language's goes to ``/<lang>/404.html``.
    """
    return {
        ("404.html" if language == default_language else f"{language}/404.html"): html
        for language, html in sorted(rendered.items())
    }
