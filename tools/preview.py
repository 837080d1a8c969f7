"""Live preview for writers: `make serve` runs `python tools/preview.py -f CONFIG -a ADDR`.

Why not plain ``mkdocs serve``: it rebuilds both languages completely on every save (49 s with a
1000-page wiki), and under ``strict: true`` the first finding aborts the rebuild, so the page
with a broken YAML example never shows its finding boxes. This preview

* builds the whole site once, **not strictly** (strictness belongs to ``make build`` and CI):
  findings are listed in the terminal and shown as boxes on the page;
* on a saved edit of existing pages, re-renders only those pages, in their language, with the
  navigation, files and theme of the last full build, and patches their search entries (the
  entries of an edited page are replaced in place, so the index never grows);
* on anything else (a page added, deleted or renamed, mkdocs.yml, overrides, manifests,
  snippets) rebuilds the whole site in this process;
* after a fast re-render, runs a full build in a background process into a staging folder
  (cross-page checks: links to the edited page's anchors, translation status, navigation
  titles); its findings reach the terminal, and its pages replace the served ones when no newer
  edit has arrived meanwhile.

It drives mkdocs' own build pieces (``mkdocs.commands.build``) and its livereload server; the
hooks and plugins run unchanged.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException
from mkdocs.livereload import LiveReloadServer, _serve_url
from mkdocs.plugins import BasePlugin, event_priority
from watchdog.events import FileSystemEventHandler

log = logging.getLogger("mkdocs.kubenotes.preview")
PAGE_SUFFIX = ".md"


@dataclass
class LanguageBuild:
    """What one language build of the last full build left behind, to re-render its pages."""

    language: str
    files: Any
    nav: Any
    env: Any


class _Capture(BasePlugin):
    """Keeps each language build's files, navigation and template environment."""

    def __init__(self) -> None:
        self.builds: dict[str, LanguageBuild] = {}

    @event_priority(-1000)  # after every other plugin, mkdocs-static-i18n included
    def on_env(self, env, config, files):
        i18n = config.plugins.get("i18n")
        language = getattr(i18n, "current_language", None) or ""
        self.builds[language] = LanguageBuild(language, files, self._nav, env)
        return env

    @event_priority(-1000)
    def on_nav(self, nav, config, files):
        self._nav = nav
        return nav


@dataclass
class _Changes:
    """Paths changed since the last rebuild, filled by the file watcher's thread."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    paths: set[str] = field(default_factory=set)

    def add(self, path: str) -> None:
        with self.lock:
            self.paths.add(os.path.abspath(path))

    def drain(self) -> set[str]:
        with self.lock:
            paths, self.paths = self.paths, set()
            return paths


class _Recorder(FileSystemEventHandler):
    """Records changed files inside the watched folders, or equal to the watched files."""

    def __init__(self, changes: _Changes, watched: list[Path]) -> None:
        self.changes = changes
        self.folders = [str(p) + os.sep for p in watched if p.is_dir()]
        self.files = {str(p) for p in watched if not p.is_dir()}

    def on_any_event(self, event) -> None:
        if event.is_directory or event.event_type in ("opened", "closed", "closed_no_write"):
            return
        for path in (event.src_path, getattr(event, "dest_path", "")):
            path = os.path.abspath(path) if path else ""
            if "__pycache__" in path:
                continue
            if path and (path in self.files or path.startswith(tuple(self.folders))):
                self.changes.add(path)


class Preview:
    """A served site that is rebuilt fully once and then page by page."""

    def __init__(
        self, config_file: str, addr: str, background: bool = True, site_dir: str = ""
    ) -> None:
        self.config_file = os.path.abspath(config_file)
        self.addr = addr
        self.site_dir = site_dir or tempfile.mkdtemp(prefix="kubenotes-preview-")
        self.known: set[str] = set()  # absolute paths of the pages of the last full build
        self.lock = threading.Lock()  # rebuilds and the background copy take turns
        self.changes = _Changes()
        self.background = background
        self.generation = 0  # bumped by every rebuild; a background build of an older one is stale
        self._worker: subprocess.Popen[str] | None = None
        self._worker_lock = threading.Lock()
        self.config: Any = None
        self.capture = _Capture()
        host, port = addr.rsplit(":", 1)
        self.host, self.port = host, int(port)
        self.serve_url = _serve_url(self.host, self.port, "/")

    # -- builds ---------------------------------------------------------------------------

    def full_build(self) -> None:
        start = time.perf_counter()
        config = load_config(config_file=self.config_file, site_dir=self.site_dir, strict=False)
        config.site_url = self.serve_url
        config.plugins.on_startup(command="serve", dirty=False)
        capture = _Capture()
        config.plugins["kubenotes/preview"] = capture
        mkdocs_build.build(config, serve_url=self.serve_url)
        # only a finished build replaces what page re-renders use
        self.config, self.capture = config, capture
        self.known.clear()
        for language_build in self.capture.builds.values():
            self.known.update(
                os.path.abspath(f.abs_src_path)
                for f in language_build.files.documentation_pages()
                if f.abs_src_path
            )
        self.generation += 1
        log.info("full build in %.1f s", time.perf_counter() - start)

    def rebuild_pages(self, paths: list[str]) -> bool:
        """Re-render changed pages, add new ones, drop deleted ones (a rename is both).

        False when a path is not a page of a built language: then the whole site is rebuilt.
        """
        docs = Path(self.config.docs_dir).resolve()
        plan = []
        for path in paths:
            absolute = Path(path).resolve() if os.path.exists(path) else Path(path)
            if not absolute.is_relative_to(docs) or absolute.suffix != PAGE_SUFFIX:
                return False
            relative = absolute.relative_to(docs).as_posix()
            language_build = self.capture.builds.get(relative.split("/", 1)[0])
            if language_build is None:
                return False
            file = language_build.files.get_file_from_path(relative)
            exists = os.path.isfile(path)
            if file is not None and file.page is None:
                return False  # a file mkdocs does not render as a page
            plan.append((language_build, relative, file, exists))
        start = time.perf_counter()
        self._forget_reported()
        for language_build, relative, file, exists in plan:
            if file is not None and not exists:
                self._delete(language_build, file)
            elif file is None and exists:
                self._render(language_build, self._add(language_build, relative))
            elif file is not None:
                self._render(language_build, file)
        self._write_search_indexes()
        self.generation += 1
        names = ", ".join(relative for _, relative, _, _ in plan)
        log.info("re-rendered %s in %.2f s", names, time.perf_counter() - start)
        return True

    def _forget_reported(self) -> None:
        """A re-render is a new build of its pages: list their findings again on every save
        (the hooks report each finding once per build, through the build state)."""
        from kubenotes import build

        build.current().rerender()

    def _add(self, language_build: LanguageBuild, src_uri: str) -> Any:
        from mkdocs.structure.files import File, InclusionLevel
        from mkdocs.structure.pages import Page
        from mkdocs_static_i18n import folder

        config = self.config
        i18n = config.plugins.get("i18n")
        raw = File(
            src_uri,
            config.docs_dir,
            config.site_dir,
            config.use_directory_urls,
            inclusion=InclusionLevel.NOT_IN_NAV,
        )
        file = folder.create_i18n_file(
            raw, language_build.language, i18n.default_language, i18n.all_languages, config
        )
        file.alternates = {language_build.language: file}
        language_build.files.append(file)
        Page(None, file, config)
        self.known.add(os.path.abspath(file.abs_src_path))
        return file

    def _delete(self, language_build: LanguageBuild, file: Any) -> None:
        entries = self._search_entries()
        entries[:] = [e for e in entries if _page_of(e) != file.page.url]
        language_build.files.remove(file)
        self.known.discard(os.path.abspath(file.abs_src_path))
        output = Path(file.abs_dest_path)
        output.unlink(missing_ok=True)
        if output.parent != Path(self.site_dir) and not any(output.parent.iterdir()):
            output.parent.rmdir()

    def _render(self, language_build: LanguageBuild, file: Any) -> None:
        config = self.config
        i18n = config.plugins.get("i18n")
        if i18n is not None and i18n.current_language != language_build.language:
            i18n.current_language = language_build.language
            i18n.reconfigure_mkdocs_config(config)
        entries = self._search_entries()
        page = file.page
        old = [n for n, e in enumerate(entries) if _page_of(e) == page.url]
        position = old[0] if old else len(entries)
        for n in reversed(old):
            del entries[n]
        kept = len(entries)
        doc_files = language_build.files.documentation_pages()
        mkdocs_build._populate_page(page, config, language_build.files)
        mkdocs_build._build_page(page, config, doc_files, language_build.nav, language_build.env)
        new = entries[kept:]
        del entries[kept:]
        entries[position:position] = new

    def _search_entries(self) -> list[dict[str, Any]]:
        plugin = self.config.plugins.get("material/search") or self.config.plugins.get("search")
        index = getattr(plugin, "search_index", None)
        if index is None:
            return []
        return index._entries if hasattr(index, "_entries") else index.entries

    def _write_search_indexes(self) -> None:
        from kubenotes import build
        from kubenotes.search import write_language_indexes

        plugin = self.config.plugins.get("material/search") or self.config.plugins.get("search")
        if plugin is None:
            return
        plugin.on_post_build(config=self.config)
        i18n = self.config.plugins.get("i18n")
        languages = list(getattr(i18n, "build_languages", []) or [])
        default = getattr(i18n, "default_language", None)
        others = [x for x in languages if x != default]
        boosts = dict(build.current().settings.search_boost)  # as hooks/search.py writes them
        write_language_indexes(Path(self.site_dir), others, boosts)

    # -- background cross-page build --------------------------------------------------------

    def start_background_build(self) -> None:
        if not self.background:
            return
        with self._worker_lock:
            if self._worker is not None and self._worker.poll() is None:
                self._worker.kill()
                self._worker.wait()
            generation = self.generation
            staging = tempfile.mkdtemp(prefix="kubenotes-preview-full-")
            env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
            command = [
                sys.executable, __file__, "-f", self.config_file, "-a", self.addr,
                "--build-to", staging,
            ]  # fmt: skip
            command = ["nice", "-n", "10", *command] if shutil.which("nice") else command
            self._worker = subprocess.Popen(
                command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
            )
            worker = self._worker
        threading.Thread(
            target=self._finish_background, args=(worker, generation, staging), daemon=True
        ).start()

    def _finish_background(self, worker: subprocess.Popen[str], generation: int, staging: str):
        output, _ = worker.communicate()
        try:
            if worker.returncode != 0 or generation != self.generation:
                return  # killed for a newer edit, or stale
            for line in output.splitlines():
                if line.startswith(("WARNING", "ERROR")):
                    print(f"[full build] {line}", flush=True)
            with self.lock:
                if generation != self.generation:
                    return
                _replace_tree(Path(staging), Path(self.site_dir))
            log.info("cross-page checks done; served site refreshed from the full build")
        finally:
            shutil.rmtree(staging, ignore_errors=True)

    # -- serving --------------------------------------------------------------------------

    def builder(self) -> None:
        paths = self.changes.drain()
        if not paths:
            return
        # pages (edited, added, deleted, renamed) are re-rendered alone, also when an editor saves
        # through a temporary file and a rename; anything else (config, theme, manifests,
        # snippets, a file that is not a page) rebuilds the whole site. Temporary files that came
        # and went are ignored.
        paths = {p for p in paths if os.path.exists(p) or p in self.known or p.endswith(".md")}
        if not paths:
            return
        with self.lock:
            if self.rebuild_pages(sorted(paths)):
                self.start_background_build()
                return
            shown = ", ".join(sorted(paths)[:3]) + (", …" if len(paths) > 3 else "")
            log.info("rebuilding the whole site (changed: %s)", shown)
            self.full_build()

    def serve(self) -> None:
        self.full_build()
        server = LiveReloadServer(
            builder=self.builder, host=self.host, port=self.port, root=self.site_dir
        )
        server.build_delay = 0.05

        def error_handler(code: int) -> bytes | None:
            page = Path(self.site_dir) / f"{code}.html"
            return page.read_bytes() if code in (404, 500) and page.is_file() else None

        server.error_handler = error_handler
        root = Path(self.config_file).parent
        watched = [Path(self.config.docs_dir).resolve(), Path(self.config_file)]
        names = ("mkdocs.yml", "overrides", "manifests", "snippets", "hooks")  # INHERIT: mkdocs.yml
        watched += [root / name for name in names if (root / name).exists()]
        watched = list(dict.fromkeys(watched))
        recorder = _Recorder(self.changes, watched)
        for path in watched:
            if path.exists():
                server.watch(str(path))
                target = str(path if path.is_dir() else path.parent)
                server.observer.schedule(recorder, target, recursive=path.is_dir())
        try:
            server.serve()
        except KeyboardInterrupt:
            log.info("Shutting down...")
        finally:
            server.shutdown()
            if self._worker is not None and self._worker.poll() is None:
                self._worker.kill()
            shutil.rmtree(self.site_dir, ignore_errors=True)


def _page_of(entry: dict[str, Any]) -> str:
    return str(entry.get("location", "")).split("#", 1)[0]


def _replace_tree(source: Path, target: Path) -> None:
    """Copy every file of ``source`` whose bytes differ over ``target``; drop files it lacks."""
    for path in source.rglob("*"):
        if path.is_dir():
            continue
        destination = target / path.relative_to(source)
        data = path.read_bytes()
        if destination.is_file() and destination.read_bytes() == data:
            continue
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_bytes(data)
    for path in sorted(target.rglob("*"), reverse=True):
        if path.is_file() and not (source / path.relative_to(target)).exists():
            path.unlink()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-f", "--config-file", default="mkdocs.yml")
    parser.add_argument("-a", "--dev-addr", default="127.0.0.1:8000")
    parser.add_argument(
        "--no-background", action="store_true", help="skip the full build after a fast re-render"
    )
    parser.add_argument("--build-to", metavar="DIR", help="build once as served, then exit")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)-8s -  %(message)s")
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    if not Path(args.config_file).is_file():
        print(f"error: {args.config_file}: no such config file", file=sys.stderr)
        return 2
    try:
        if args.build_to:
            Preview(args.config_file, args.dev_addr, site_dir=args.build_to).full_build()
            return 0
        Preview(args.config_file, args.dev_addr, background=not args.no_background).serve()
    except MkDocsException as error:  # a broken config or plugin setting: no traceback
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
