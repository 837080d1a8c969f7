"""The site's settings, one typed value for the hooks and the command line.

:class:`SiteSettings` is built once: by the hooks from the mkdocs config object
(:meth:`SiteSettings.from_mkdocs`, read by duck typing, so this module imports no mkdocs) and
by the CLI from mkdocs.yml (:meth:`SiteSettings.from_file`). Both paths give the same defaults,
and an unknown key under ``extra.kubenotes`` is an error in both (:class:`SettingsError`: a
``PluginError`` in the build, exit 2 on the command line).

mkdocs.yml is read with a *safe* loader that knows mkdocs' own tags: ``!ENV`` through
``yaml_env_tag`` (the constructor mkdocs itself registers), ``!relative $config_dir/…`` and
``$docs_dir/…`` resolved as mkdocs resolves them; ``!!python/…`` tags are plain values, never
executed. mkdocs' own ``load_config`` is not used here on purpose: its loader is PyYAML's
unsafe ``yaml.Loader`` (a mkdocs.yml handed to ``kubenotes validate`` from pre-commit would run
``!!python/object/apply``), and it imports and validates every plugin (about a second, on every
commit).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
import yaml_env_tag

from kubenotes.safe_files import is_below, real_folder
from kubenotes.search import SearchBoostError, parse_boosts

DEFAULT_CONFIG = "mkdocs.yml"
DEFAULT_KUBERNETES_VERSION = "1.34"

# extra.kubenotes: key -> default (paths are relative to mkdocs.yml's folder). The one list of
# the site's own settings: a key not listed here is an error.
DEFAULTS: dict[str, str] = {
    "kubernetes_version": DEFAULT_KUBERNETES_VERSION,
    "manifests_dir": "manifests",
    "crds_dir": "manifests/crds",
    "sidebar_page_limit": "60",  # a tab with more pages shows a short sidebar (navigation)
    "page_seconds_limit": "20",  # a page taking longer stops the build (kubenotes.deadline)
}
# Settings that are mappings, not strings: page location prefix -> search rank factor.
MAPPINGS = ("search_boost",)


class SettingsError(ValueError):
    """mkdocs.yml asks for something kubenotes does not know (a configuration mistake)."""


@dataclass(frozen=True)
class SiteSettings:
    """Everything the checks need to know about the site, with absolute paths."""

    config_file: Path
    docs_dir: Path
    site_dir: Path
    languages: tuple[str, ...]  # the i18n plugin's locales, default first; () without it
    kubernetes_version: str
    manifests_dir: Path
    crds_dir: Path
    snippet_bases: tuple[Path, ...]
    site_url: str = ""
    use_directory_urls: bool = True
    sidebar_page_limit: int = 60
    page_seconds_limit: int = 20
    search_boost: tuple[tuple[str, float], ...] = ()  # (location prefix, factor)

    @property
    def config_dir(self) -> Path:
        """mkdocs.yml's folder: the root every path in a finding is relative to."""
        return self.config_file.parent

    @property
    def default_language(self) -> str:
        return self.languages[0] if self.languages else "zh"

    @property
    def translation_pair(self) -> tuple[str, str]:
        """(source, target) languages of the translation checks; zh → en without i18n."""
        if len(self.languages) > 1:
            return self.languages[0], self.languages[1]
        return self.default_language, "en"

    def display_path(self, path: str | os.PathLike[str]) -> str:
        """How a file is named in findings: relative to mkdocs.yml's folder when below it."""
        return display_path(Path(path), self.config_dir)

    @property
    def snippet_label(self) -> str:
        """The snippet base folders as findings name them (``.`` for mkdocs.yml's folder)."""
        return ", ".join(os.path.relpath(base, self.config_dir) for base in self.snippet_bases)

    # -- construction ------------------------------------------------------------------------

    @classmethod
    def from_mkdocs(cls, config: Any) -> SiteSettings:
        """From mkdocs' validated config object (duck typed: no mkdocs import)."""
        config_file = Path(os.path.abspath(config.config_file_path))
        plugins = getattr(config, "plugins", None) or {}
        i18n = plugins.get("i18n") if hasattr(plugins, "get") else None
        languages = getattr(getattr(i18n, "config", None), "languages", None)
        options = (getattr(config, "mdx_configs", None) or {}).get("pymdownx.snippets")

        def get(key: str, default: Any = None) -> Any:
            value = config.get(key, default) if hasattr(config, "get") else None
            return getattr(config, key, default) if value is None else value

        return cls._make(
            config_file,
            docs_dir=Path(config.docs_dir),
            site_dir=Path(get("site_dir") or "site"),
            languages=languages or [],
            extra=(get("extra") or {}).get("kubenotes"),
            snippet_options=options,
            site_url=str(get("site_url") or ""),
            use_directory_urls=get("use_directory_urls", True) is not False,
        )

    @classmethod
    def from_file(cls, path: Path) -> SiteSettings:
        """From a mkdocs.yml file, without mkdocs (see the module docstring)."""
        config_file = Path(os.path.abspath(path))
        data = load_config(config_file)
        docs_dir = config_file.parent / str(data.get("docs_dir") or "docs")
        site_dir = config_file.parent / str(data.get("site_dir") or "site")
        languages: list[Any] = []
        for plugin in data.get("plugins") or []:
            if isinstance(plugin, dict) and isinstance(plugin.get("i18n"), dict):
                languages = plugin["i18n"].get("languages") or []
        snippet_options = None
        for extension in data.get("markdown_extensions") or []:
            if isinstance(extension, dict) and "pymdownx.snippets" in extension:
                snippet_options = extension["pymdownx.snippets"] or {}
        resolve = {"$config_dir": config_file.parent, "$docs_dir": docs_dir}
        return cls._make(
            config_file,
            docs_dir=docs_dir,
            site_dir=site_dir,
            languages=languages,
            extra=(data.get("extra") or {}).get("kubenotes"),
            snippet_options=_resolve_relative(snippet_options, resolve),
            site_url=str(data.get("site_url") or ""),
            use_directory_urls=data.get("use_directory_urls", True) is not False,
        )

    @classmethod
    def defaults(cls, root: Path) -> SiteSettings:
        """The settings of a folder without mkdocs.yml: mkdocs' and kubenotes' defaults."""
        config_file = Path(os.path.abspath(root)) / DEFAULT_CONFIG
        return cls._make(
            config_file,
            docs_dir=Path("docs"),
            site_dir=Path("site"),
            languages=[],
            extra=None,
            snippet_options=None,
            site_url="",
            use_directory_urls=True,
        )

    @classmethod
    def find(cls, start: Path | None = None) -> SiteSettings:
        """The settings of the nearest mkdocs.yml at or above ``start``, else the defaults of
        the working directory (for the command line)."""
        path = find_config(start)
        return cls.from_file(path) if path is not None else cls.defaults(Path.cwd())

    @classmethod
    def _make(
        cls,
        config_file: Path,
        *,
        docs_dir: Path,
        site_dir: Path,
        languages: Iterable[Any],
        extra: Any,
        snippet_options: Any,
        site_url: str,
        use_directory_urls: bool,
    ) -> SiteSettings:
        root = config_file.parent
        own = _own_settings(extra)
        return cls(
            config_file=config_file,
            docs_dir=Path(os.path.abspath(root / docs_dir)),
            site_dir=Path(os.path.abspath(root / site_dir)),
            languages=_locales(languages),
            kubernetes_version=own["kubernetes_version"],
            manifests_dir=root / own["manifests_dir"],
            crds_dir=root / own["crds_dir"],
            snippet_bases=_snippet_bases(snippet_options, root),
            site_url=site_url,
            use_directory_urls=use_directory_urls,
            sidebar_page_limit=_positive_int("sidebar_page_limit", own["sidebar_page_limit"]),
            page_seconds_limit=_positive_int("page_seconds_limit", own["page_seconds_limit"]),
            search_boost=_boosts(own.get("search_boost")),
        )


def _boosts(value: Any) -> tuple[tuple[str, float], ...]:
    try:
        return tuple(parse_boosts(value).items())
    except SearchBoostError as exc:
        raise SettingsError(f"extra.kubenotes.search_boost: {exc}") from exc


def _positive_int(key: str, value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise SettingsError(
            f"extra.kubenotes.{key}: expected a whole number above 0, not {value!r}"
        )
    return int(value)


def display_path(path: Path, root: Path | None) -> str:
    """``path`` relative to ``root`` when it lies below it, else as given (POSIX separators).

    The path as written is tried first (a symlink inside the project keeps its own name), then
    with symlinks resolved (a project reached through a symlinked folder). Strings, not
    ``Path`` objects: this names every file of a run, and pathlib's parsing cost more than it."""
    if root is not None:
        base = os.path.abspath(root)
        mine = os.path.abspath(path)
        if not is_below(mine, base):
            base, mine = real_folder(base), os.path.realpath(path)
        if is_below(mine, base):
            return mine[len(base) :].lstrip(os.sep).replace(os.sep, "/") or "."
    return Path(path).as_posix()


def _own_settings(extra: Any) -> dict[str, Any]:
    if extra is None:
        extra = {}
    if not isinstance(extra, Mapping):
        raise SettingsError("extra.kubenotes: expected a mapping of settings")
    unknown = sorted(set(extra) - set(DEFAULTS) - set(MAPPINGS))
    if unknown:
        known = ", ".join(sorted([*DEFAULTS, *MAPPINGS]))
        raise SettingsError(f"extra.kubenotes: unknown setting(s) {', '.join(unknown)} "
                            f"(known: {known})")  # fmt: skip
    values: dict[str, Any] = dict(DEFAULTS)
    for key, value in extra.items():
        if value is None:
            continue
        if key in MAPPINGS:
            values[key] = value  # checked by its own parser
            continue
        whole = isinstance(value, int) and not isinstance(value, bool)
        if key in ("sidebar_page_limit", "page_seconds_limit") and whole:
            value = str(value)
        if not isinstance(value, str):
            hint = ' (quote it: "1.30" is not 1.3)' if key == "kubernetes_version" else ""
            raise SettingsError(f"extra.kubenotes.{key}: expected a string{hint}")
        values[key] = value
    return values


def _field(item: Any, name: str) -> Any:
    if isinstance(item, Mapping) or hasattr(item, "get"):
        return item.get(name)
    return getattr(item, name, None)


def _locales(languages: Iterable[Any]) -> tuple[str, ...]:
    """The i18n plugin's locales, the default one first."""
    entries = [lang for lang in languages if _field(lang, "locale")]
    ordered = sorted(entries, key=lambda lang: not _field(lang, "default"))
    return tuple(str(_field(lang, "locale")) for lang in ordered)


def _snippet_bases(options: Any, root: Path) -> tuple[Path, ...]:
    """pymdownx.snippets' base paths as absolute folders (default: mkdocs.yml's folder)."""
    bases = (options or {}).get("base_path", ["."])
    bases = list(bases) if isinstance(bases, list | tuple) else [bases]
    found = []
    for base in bases:
        try:
            value = os.fspath(base)
        except Exception as exc:  # mkdocs' bare `!relative` has no value outside a page
            raise SettingsError(
                f"pymdownx.snippets.base_path: {base!r} is not supported by kubenotes "
                "(use !relative $config_dir or a path relative to mkdocs.yml)"
            ) from exc
        found.append(Path(os.path.abspath(root / value)))
    return tuple(found)


# -- reading mkdocs.yml without mkdocs ------------------------------------------------------


# libyaml's parser when PyYAML has it: reading mkdocs.yml with the pure-Python one costs ~80 ms,
# a third of a `kubenotes validate` run.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _TolerantLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """A private SafeLoader with mkdocs' ``!ENV``; other unknown tags give their plain value."""


@dataclass(frozen=True)
class _Relative:
    """mkdocs' ``!relative`` tag as written (``$config_dir/sub``), resolved by the reader."""

    value: str


def _construct_any(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)


def _construct_relative(loader: yaml.SafeLoader, node: yaml.Node) -> _Relative:
    return _Relative(str(loader.construct_scalar(node) or ""))  # type: ignore[arg-type]


_TolerantLoader.add_constructor("!ENV", yaml_env_tag.construct_env_tag)
_TolerantLoader.add_constructor("!relative", _construct_relative)
_TolerantLoader.add_multi_constructor("!", _construct_any)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _construct_any)


def _resolve_relative(value: Any, named: Mapping[str, Path]) -> Any:
    """``!relative $config_dir/x`` → that folder; a bare ``!relative`` stays unresolvable."""
    if isinstance(value, _Relative):
        prefix, _, suffix = value.value.partition("/")
        if prefix in named:
            return named[prefix] / suffix if suffix else named[prefix]
        return value
    if isinstance(value, dict):
        return {key: _resolve_relative(item, named) for key, item in value.items()}
    if isinstance(value, list):
        return [_resolve_relative(item, named) for item in value]
    return value


def find_config(start: Path | None = None) -> Path | None:
    """The nearest mkdocs.yml at or above ``start`` (default: the working directory)."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / DEFAULT_CONFIG
        if candidate.is_file():
            return candidate
    return None


def locate_docs(
    config: Path | None, docs_dir: Path | None, start: Path | None = None
) -> tuple[SiteSettings, Path] | str:
    """What a command works on: (settings, docs folder), or why it cannot start.

    ``config`` (else the nearest mkdocs.yml at or above ``start``) gives the settings, the
    defaults when there is none; ``docs_dir`` (else the config's) the docs folder.
    """
    if config and not config.is_file():
        return f"no such config file: {config}"
    found = config or find_config(start)
    try:
        settings = SiteSettings.from_file(found) if found else SiteSettings.defaults(Path.cwd())
    except SettingsError as exc:
        return str(exc)
    if docs_dir:
        return settings, docs_dir
    if found:
        return settings, settings.docs_dir
    return "no mkdocs.yml here or above; pass --docs-dir"


def load_config(path: Path) -> dict[str, Any]:
    """mkdocs.yml as plain data (see the module docstring for its tags)."""
    try:
        with path.open(encoding="utf-8") as handle:
            data = yaml.load(handle, Loader=_TolerantLoader)  # a private SafeLoader
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise SettingsError(f"{path}: cannot read: {exc}") from exc
    return data if isinstance(data, dict) else {}
