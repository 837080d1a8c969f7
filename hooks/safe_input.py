"""mkdocs hook: no file outside the project, special file or oversized input reaches the site
(core: kubenotes.safe_files, kubenotes.snippet_guard, kubenotes.k8s.load).

Must be the first hook: it reads each page itself (a regular UTF-8 file inside the project,
front matter within the YAML limits), blanks ``--8<--`` includes that pymdownx.snippets must not
read, drops unsafe ``auto_append`` snippets, and replaces link targets that would crash mkdocs
(``http://[oops/``) or run code (``javascript:``) before the page is rendered.
Each problem is a warning (``--strict`` fails).
"""

from __future__ import annotations

import logging
import os
from html import escape
from pathlib import Path
from typing import Any

from kubenotes import build
from kubenotes.build import current_language, source_path
from kubenotes.findings import Finding
from kubenotes.html_safety import RULE, source_line, unsafe_html
from kubenotes.k8s.extract import resolve_include
from kubenotes.k8s.load import LIMIT_RULE, load_data
from kubenotes.links.hygiene import (
    MAX_UNCLOSED_COMMENTS,
    escape_unclosed_comments,
    neutralize_links,
)
from kubenotes.markdown import abbreviation_glossary, body_line_offset, split_front_matter
from kubenotes.safe_files import UnsafeFile, folders_leaving, read_text, resolve_inside
from kubenotes.snippet_guard import check_auto_append, guard_includes
from kubenotes.strings import STRINGS
from mkdocs.exceptions import PluginError

log = logging.getLogger("mkdocs.plugins.kubenotes.safe_input")
_SNIPPETS = "pymdownx.snippets"


def on_config(config: Any) -> None:
    build.begin(config, PluginError)
    root = _root(config)
    for link, target in folders_leaving(Path(config.docs_dir), root):
        shown = os.path.relpath(link, root).replace(os.sep, "/")
        raise PluginError(f"{shown}: a symlink to a folder outside the project ({target})")
    options = (getattr(config, "mdx_configs", None) or {}).get(_SNIPPETS) or {}
    targets = [str(t) for t in options.get("auto_append") or []]
    problems = check_auto_append(targets, _bases(), root)
    for target, why in problems.items():
        message = f'{_SNIPPETS} auto_append "{target}" is not appended: {why}'
        _report([Finding("mkdocs.yml", 0, 0, "error", "unsafe-include", message)])
    if problems:
        options["auto_append"] = [t for t in targets if t not in problems]
    _glossary_once(config, options, root)


def _glossary_once(config: Any, options: dict, root: Path) -> None:
    """An ``auto_append`` snippet made only of abbreviation definitions is given to the abbr
    extension as its glossary instead: the same abbreviations on every page, without parsing
    the definitions again at the end of each page (Python-Markdown tries each of its block
    processors on each definition line: about a tenth of a page's conversion)."""
    extensions = [str(e) for e in getattr(config, "markdown_extensions", None) or []]
    if "abbr" not in extensions:
        return
    mdx = config.mdx_configs
    for target in [str(t) for t in options.get("auto_append") or []]:
        try:
            source = resolve_include(target, _bases(), root)  # as pymdownx.snippets finds it
            glossary = abbreviation_glossary(read_text(source, root)) if source else None
        except UnsafeFile:
            continue
        if glossary is None:
            continue
        abbr = dict(mdx.get("abbr") or {})
        abbr["glossary"] = {**(abbr.get("glossary") or {}), **glossary}
        mdx["abbr"] = abbr
        options["auto_append"] = [t for t in options["auto_append"] if str(t) != target]


def on_files(files: Any, config: Any) -> Any:
    """Pages that are not plain UTF-8 files inside the project become empty pages; other such
    files (images, ...) are not copied into the site."""
    root = _root(config)
    docs = Path(config.docs_dir).absolute()
    for file in list(files):
        if getattr(file, "generated_by", None) or not file.abs_src_path:
            continue
        if not Path(file.abs_src_path).absolute().is_relative_to(docs):
            continue  # theme and plugin files: installed, not written by a pull request
        try:
            if file.is_documentation_page():
                read_text(Path(file.abs_src_path), root)
            else:
                resolve_inside(Path(file.abs_src_path), root)
        except UnsafeFile as exc:
            path = os.path.relpath(file.abs_src_path, root).replace(os.sep, "/")
            _report([Finding(path, 0, 0, "error", "unsafe-file", f"not read: {exc}")])
            if file.is_documentation_page():
                file.content_string = ""  # mkdocs and the other hooks see an empty page
            else:
                files.remove(file)
    return files


def on_page_read_source(page: Any, config: Any) -> str | None:
    file = page.file
    if getattr(file, "generated_by", None) or not file.abs_src_path:
        return None
    path = source_path(config, file)
    try:
        text = read_text(Path(file.abs_src_path), _root(config))
    except UnsafeFile as exc:  # changed since on_files
        _report([Finding(path, 0, 0, "error", "unsafe-file", f"not read: {exc}")])
        return ""
    return _guard_front_matter(text, path)


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    """Raw HTML and ``attr_list`` attributes can carry script whatever the Markdown links say:
    a page whose rendered HTML would run script is reported and replaced by a notice."""
    found = unsafe_html(html)
    if not found:
        return html
    path = source_path(config, page.file)
    source = page.file.content_string or ""
    _report(
        [
            Finding(
                path,
                source_line(source, item.needle),
                0,
                "error",
                RULE,
                f"{item.what}: a page may not run script in the reader's browser",
            )
            for item in found
        ]
    )
    notice = STRINGS["unsafe-page"]
    text = notice.get(current_language(config), notice["en"])
    return f'<div class="admonition failure"><p>{escape(text)}</p></div>'


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    path = source_path(config, page.file)
    offset = body_line_offset(page.file.content_string) if page.file.abs_src_path else 0
    guarded, findings = guard_includes(markdown, path, offset, _bases(), _root(config))
    _report(findings)
    guarded, unclosed = escape_unclosed_comments(guarded)
    if unclosed > MAX_UNCLOSED_COMMENTS:
        message = f"{unclosed} HTML comments are opened (<!--) and never closed (-->)"
        _report([Finding(path, 0, 0, "error", "html-unclosed-comment", message)])
    return neutralize_links(guarded)  # the links hook reports them, at their lines


# --- helpers ---------------------------------------------------------------------------------


def _root(config: Any) -> Path:
    return Path(config.config_file_path).resolve().parent


def _bases() -> list[Path]:
    return list(build.current().settings.snippet_bases)


def _guard_front_matter(text: str, path: str) -> str:
    """The page with its front matter emptied (same lines) when it breaks a YAML limit, so that
    mkdocs' own unguarded YAML parse never sees an alias bomb or deep nesting."""
    block, body = split_front_matter(text)
    newline = "\n" if block.endswith("\n") else ""
    lines = block[: len(block) - len(newline)].split("\n")
    if len(lines) < 3:
        return text
    _, findings = load_data("\n".join(lines[1:-1]), path, 1)
    _report(findings)
    if not any(f.rule == LIMIT_RULE for f in findings):
        return text
    filler = ["kubenotes_front_matter: refused"] + [""] * (len(lines) - 3)
    return "\n".join([lines[0], *filler, lines[-1]]) + newline + body


def _report(findings: list[Finding]) -> None:
    build.current().report(log, findings)
