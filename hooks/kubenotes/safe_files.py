"""The one way the core reads a file named by content: inside the project, regular, bounded.

A page, manifest or snippet include is written by whoever sends a pull request, so a name in it
(or a committed symlink) must never make the build read ``/proc/self/environ``, ``/etc/passwd``,
``/dev/zero`` or a FIFO. :func:`read_text` resolves symlinks, refuses targets outside ``root``,
anything that is not a regular file and files over ``max_bytes``, opens without blocking, and
decodes strict UTF-8. Problems are :class:`UnsafeFile` errors whose message a finding can carry.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

MAX_FILE_BYTES = 4 * 1024 * 1024  # a page, manifest or snippet larger than this is refused
MAX_PATH_CHARS = 255  # an include target longer than this is not a file name anyone writes


class UnsafeFile(Exception):
    """A file that must not be read; ``str(error)`` says why, for a finding."""


def resolve_inside(path: Path, root: Path) -> Path:
    """``path`` with symlinks resolved, if it is a regular file below ``root``.

    Raises :class:`UnsafeFile` when it is missing, outside ``root`` (after resolving symlinks),
    or not a regular file (device, FIFO, socket, folder).
    """
    return Path(_resolve_inside(os.fspath(path), os.fspath(root)))


def _resolve_inside(path: str, root: str) -> str:
    """:func:`resolve_inside` on strings: pathlib's parsing cost more than the reading did
    (five ``Path`` objects and two resolves per file, a fifth of a 243-file CLI run)."""
    if len(path) > 4096:
        raise UnsafeFile("path too long")
    try:
        resolved = os.path.realpath(path, strict=True)
    except FileNotFoundError as exc:
        raise UnsafeFile("no such file") from exc
    except (OSError, RuntimeError, ValueError) as exc:  # symlink loop, name too long, NUL
        raise UnsafeFile(f"cannot resolve: {_reason(exc)}") from exc
    if not is_below(resolved, real_folder(os.path.abspath(root))):
        shown = "a symlink" if _is_symlinked(Path(path)) else "a path"
        raise UnsafeFile(f"{shown} to a file outside the project ({resolved}) is not read")
    try:
        mode = os.stat(resolved).st_mode
    except OSError as exc:
        raise UnsafeFile(f"cannot read: {_reason(exc)}") from exc
    if not stat.S_ISREG(mode):
        raise UnsafeFile(f"not a regular file ({_kind(mode)}); only plain files are read")
    return resolved


def is_below(path: str, folder: str) -> bool:
    """True when the absolute, normalised ``path`` is ``folder`` or lies inside it (whole
    names: ``/a/bc`` is not below ``/a/b``)."""
    if path == folder:
        return True
    return path.startswith(folder if folder.endswith(os.sep) else folder + os.sep)


def real_folder(folder: str) -> str:
    """The absolute project folder ``folder`` with symlinks resolved. Remembered per process
    (resolving it for every file cost as much as the file's own resolution), and checked on
    each use with one ``stat``: if ``folder`` now leads to another directory (a re-pointed
    ``current`` link in a long-running ``mkdocs serve``), it is resolved again."""
    try:
        info = os.stat(folder)
    except OSError:
        return os.path.realpath(folder)
    known = _REAL_FOLDERS.get(folder)
    if known is not None and known[1:] == (info.st_dev, info.st_ino):
        return known[0]
    real = os.path.realpath(folder)
    if len(_REAL_FOLDERS) >= 64:
        _REAL_FOLDERS.clear()
    _REAL_FOLDERS[folder] = (real, info.st_dev, info.st_ino)
    return real


_REAL_FOLDERS: dict[str, tuple[str, int, int]] = {}


def read_bytes(path: Path, root: Path, max_bytes: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file below ``root`` (see :func:`resolve_inside`), at most
    ``max_bytes``; the file is opened non-blocking and checked again once open."""
    resolved = _resolve_inside(os.fspath(path), os.fspath(root))
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(resolved, flags)
    except OSError as exc:
        raise UnsafeFile(f"cannot read: {_reason(exc)}") from exc
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):  # swapped between the check and the open
            raise UnsafeFile(f"not a regular file ({_kind(info.st_mode)})")
        if info.st_size > max_bytes:
            raise UnsafeFile(f"file is {info.st_size} bytes, more than the {max_bytes} allowed")
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise UnsafeFile(f"file is more than the {max_bytes} bytes allowed")
    return data


def read_text(path: Path, root: Path, max_bytes: int = MAX_FILE_BYTES) -> str:
    """:func:`read_bytes` decoded as UTF-8 (a BOM is dropped); other encodings are refused."""
    return decode(read_bytes(path, root, max_bytes))


def decode(data: bytes) -> str:
    """Strict UTF-8 (BOM dropped) with ``\r\n`` and ``\r`` read as ``\n``, as Python's text mode
    (and mkdocs) read files; UTF-16/32 and invalid bytes raise :class:`UnsafeFile`."""
    sample = data[:64]
    wide = len(sample) >= 4 and (not any(sample[1::2]) or not any(sample[0::2]))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or wide:
        raise UnsafeFile("file is UTF-16 or UTF-32; save it as UTF-8")
    try:
        return data.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise UnsafeFile(f"not valid UTF-8 (byte {exc.start}, line {line}); save as UTF-8") from exc


def check_target(target: str) -> None:
    """Refuse include targets no writer means: longer than MAX_PATH_CHARS, or with a NUL."""
    if len(target) > MAX_PATH_CHARS:
        raise UnsafeFile(f"include path is {len(target)} characters, more than {MAX_PATH_CHARS}")
    if "\x00" in target:
        raise UnsafeFile("include path contains a NUL character")


def _is_symlinked(path: Path) -> bool:
    try:
        return path.is_symlink() or path.absolute() != path.resolve()
    except (OSError, RuntimeError, ValueError):
        return False


def _kind(mode: int) -> str:
    for test, name in (
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return name
    return "special file"


def _reason(exc: BaseException) -> str:
    return getattr(exc, "strerror", None) or str(exc) or type(exc).__name__


def folders_leaving(folder: Path, root: Path) -> list[tuple[Path, Path]]:
    """``(link, target)`` for each symlinked folder under ``folder`` that leads outside
    ``root``: mkdocs walks into symlinked folders (a ``docs/x -> /`` would publish the disk)."""
    found = []
    base = root.resolve()
    for current, dirs, _ in os.walk(folder, followlinks=False):
        for name in sorted(dirs):
            path = Path(current) / name
            if path.is_symlink():
                try:
                    target = path.resolve(strict=True)
                except (OSError, RuntimeError):
                    continue  # a broken or looping link: mkdocs skips it
                if not target.is_relative_to(base):
                    found.append((path, target))
    return found
