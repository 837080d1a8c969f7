"""Build the site's second language in a child process while this process builds the default one.

mkdocs-static-i18n builds the default language, then, from that build's ``on_post_build``,
every other language one after the other in the same process: a two-language site takes twice
as long as one language, whatever the machine. The hook ``hooks/languages.py`` forks a child
for the other language once the default build has its files and navigation (everything the
builds share is known by then), and the child runs exactly the language build
mkdocs-static-i18n would run, into a staging folder. Where mkdocs-static-i18n starts that
build, the parent waits for the child and *replays* it: the staged files are moved into the
site (over what the parent wrote, as the later of two sequential builds would), the child's log
records and findings are re-emitted in their order through this process's loggers (so
``--strict`` counts them and the terminal reads as a sequential build), and the steps a
language build defers because they need every language (the link check against all pages'
anchors, the 404 pages, the icon sprite) run here with the merged state.

A child's result is used only when a sequential build would have produced the same: the child
exited cleanly, met no error other than strict mode's count of warnings (any other error is
met again by building the language in the parent, with its traceback), and its YAML cost fits
what is left of the build's budget (a limit finding depends on what the other language used).
Otherwise this process builds the language itself, as before. ``KUBENOTES_PARALLEL_LANGUAGES=0``
turns it off; it is on only for ``mkdocs build`` (and ``gh-deploy``) of a site with exactly two
languages, not ``--dirty``, on a machine with two or more usable CPUs.

No mkdocs import: the hook gives this module the build function and the state to replay into.
"""

from __future__ import annotations

import contextlib
import logging
import os
import pickle
import re
import shutil
import signal
import sys
import tempfile
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ENV = "KUBENOTES_PARALLEL_LANGUAGES"  # "0": build the languages one after the other
COMMANDS = ("build", "gh-deploy")  # not `serve`: its server threads and rebuild loop stay as is


def usable_cpus(cgroup: Path = Path("/sys/fs/cgroup/cpu.max")) -> int:
    """CPUs this process may use: its affinity mask, bounded by a cgroup v2 CPU quota (a
    container given one CPU on a large host gains nothing from a second process)."""
    try:
        count = len(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows
        count = os.cpu_count() or 1
    try:
        quota, period = cgroup.read_text().split()[:2]
        if quota != "max":
            count = min(count, max(1, int(quota) // max(1, int(period))))
    except (OSError, ValueError):
        pass
    return count


def enabled(
    command: str, other_languages: int = 1, dirty: bool = False, environ: dict | None = None
) -> bool:
    """Whether the other language is built in a child process for this mkdocs command.

    Only with exactly one other language: a third language built one after the other
    inherits what the second gathered (its pages in the sitemap, which the last language
    writes), which a child forked before both builds cannot know. Not for a ``--dirty``
    build, whose unchanged pages would all be built again in the child's empty folder."""
    environ = dict(os.environ) if environ is None else environ
    return (
        command in COMMANDS
        and other_languages == 1
        and not dirty
        and hasattr(os, "fork")
        and environ.get(ENV, "1").strip() not in ("0", "false", "no", "off")
        and usable_cpus() >= 2
    )


class Capture(logging.Handler):
    """Keeps a child's log records, made picklable, in ``events`` for the parent to replay.

    ``rename`` replaces the staging folder's path by the site folder's in every message, so
    the replayed log reads as the sequential build's."""

    def __init__(self, events: list[tuple[Any, ...]], rename: tuple[str, str]) -> None:
        super().__init__(logging.DEBUG)
        self.events = events
        self.rename = rename

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage().replace(*self.rename)
        exc_text = record.exc_text
        if record.exc_info and not exc_text:
            exc_text = "".join(traceback.format_exception(*record.exc_info)).rstrip()
        fields = {**record.__dict__, "msg": message, "args": None, "exc_info": None}
        fields["exc_text"] = exc_text
        fields.pop("message", None)
        self.events.append(("log", logging.makeLogRecord(fields)))


@dataclass
class Result:
    """What a child's language build sends back: its events in order (``("log", record)``,
    ``("findings", logger name, findings)``, ``("defer", step, data)``), the state the
    parent merges (``shared``), and the exception that ended it, if one did."""

    events: list[tuple[Any, ...]]
    shared: dict[str, Any] = field(default_factory=dict)
    error: BaseException | None = None


@dataclass
class Child:
    language: str
    pid: int
    staging: Path  # where the child writes the language's part of the site
    result: int  # a file descriptor of an unnamed file: the child's pickled Result

    def wait(self) -> Result | None:
        """The child's result once it has exited, or None when it did not finish cleanly."""
        try:
            _, status = os.waitpid(self.pid, 0)
        except ChildProcessError:
            return None
        if not os.WIFEXITED(status) or os.WEXITSTATUS(status) != 0:
            return None
        try:
            os.lseek(self.result, 0, os.SEEK_SET)
            with os.fdopen(os.dup(self.result), "rb") as stream:
                result = pickle.load(stream)
        except Exception:  # a truncated result: build the language in the parent
            return None
        finally:
            self._close()
        return result if isinstance(result, Result) else None

    def kill(self) -> None:
        """Stop the child (the parent's build failed) and remove what it wrote."""
        with contextlib.suppress(ProcessLookupError, ChildProcessError):
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        self.discard()

    def discard(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)
        self._close()

    def _close(self) -> None:
        if self.result >= 0:
            with contextlib.suppress(OSError):
                os.close(self.result)
            self.result = -1


def start(language: str, site_dir: Path, work: Callable[[Path], Result]) -> Child:
    """Fork a child that runs ``work(staging folder)`` and sends its :class:`Result` back.

    The staging folder sits beside the site folder (same file system, so moving the files
    into the site is a rename; created private by ``mkdtemp``). The result goes through an
    unnamed temporary file both processes hold open: no name another user could swap."""
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-{language}-", dir=site_dir.parent))
    try:
        result = tempfile.TemporaryFile(dir=site_dir.parent)  # noqa: SIM115 (kept open)
    except OSError:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    handle = os.dup(result.fileno())
    result.close()
    sys.stdout.flush()
    sys.stderr.flush()
    try:
        pid = os.fork()
    except OSError:
        shutil.rmtree(staging, ignore_errors=True)
        os.close(handle)
        raise
    if pid == 0:  # the child: never returns into the parent's build
        code = 1
        try:
            _die_with_parent()
            outcome = work(staging)
            if not isinstance(outcome.error, KeyboardInterrupt):  # Ctrl-C: no result
                with os.fdopen(handle, "wb") as stream:
                    _send(outcome, stream)
                code = 0
        finally:
            os._exit(code)
    return Child(language, pid, staging, handle)


def _die_with_parent() -> None:
    """Linux: the child gets SIGKILL if the parent dies first (a killed CI job leaves no
    orphan building on); elsewhere nothing."""
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(Exception):
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        if os.getppid() == 1:  # the parent is already gone
            os._exit(1)


def _send(result: Result, stream: Any) -> None:
    if result.error is not None:
        try:
            pickle.dumps(result.error)
        except Exception:  # an exception that does not pickle: keep its words
            described = f"{type(result.error).__name__}: {result.error}"
            result.error = RuntimeError(f"building a language in a child process: {described}")
    pickle.dump(result, stream, protocol=pickle.HIGHEST_PROTOCOL)


def strict_message(counts: list[tuple[str, int]]) -> str:
    """mkdocs' message for a strict build that logged warnings (``counts``: level name, count)."""
    return f"Aborted with {', '.join(f'{v} {k.lower()}s' for k, v in counts)} in strict mode!"


def is_strict_failure(error: BaseException | None) -> bool:
    """Whether ``error`` is mkdocs' end-of-build failure of a strict build with warnings."""
    return error is not None and bool(_STRICT.fullmatch(str(error)))


_STRICT = re.compile(r"Aborted with (\d+ [a-z]+s)(, \d+ [a-z]+s)* in strict mode!")


def merge_tree(staging: Path, site_dir: Path) -> int:
    """Move every file of ``staging`` to the same place in ``site_dir``, replacing what is
    there; remove ``staging``; return how many files moved."""
    moved = 0

    def fail(error: OSError) -> None:
        raise error  # a folder that vanished must not go unnoticed

    for root, _dirs, names in os.walk(staging, onerror=fail):
        target = site_dir / Path(root).relative_to(staging)
        target.mkdir(parents=True, exist_ok=True)
        for name in names:
            os.replace(Path(root) / name, target / name)
            moved += 1
    shutil.rmtree(staging, ignore_errors=True)
    return moved


def replay_logs(events: list[tuple[Any, ...]]) -> Iterator[tuple[Any, ...]]:
    """Re-emit the child's log records through this process's loggers, in order, and yield
    the other events at their place for the caller to replay."""
    for event in events:
        if event[0] == "log":
            record = event[1]
            logging.getLogger(record.name).handle(record)
        else:
            yield event
