"""An on-disk cache of what is derived from fixed inputs, so that a new process need not derive
it again: the bundled schema definitions of a Kubernetes version (1.5 MB of JSON: 13 ms to
read as JSON, 5 ms as :mod:`marshal`) and the strict schemas made from CRD files.

Never validation results: every file given to ``kubenotes validate`` is parsed and checked on
every run. An entry's key holds everything its value depends on (the input's text, or the
bundled file's path, size and modification time; the version of the code that derives it; the
Python and marshal versions), so a changed input or a new version of the code is a miss.

Where: ``$KUBENOTES_CACHE_DIR``, else ``$XDG_CACHE_HOME/kubenotes``, else
``~/.cache/kubenotes``; never a folder of the project. ``KUBENOTES_CACHE_DIR=off`` turns it
off. Anything unexpected in an entry (missing, truncated, written for another key, a bad
checksum) is a miss: the value is derived again and the entry rewritten, atomically (a
temporary file renamed). A cache folder that cannot be written is ignored.
"""

from __future__ import annotations

import marshal
import os
import sys
import tempfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

FORMAT = 1  # bump when what an entry holds changes
_MAGIC = b"kubenotes-cache\n"
_OFF = ("off", "0", "no", "false")


def cache_dir(environ: dict[str, str] | None = None) -> Path | None:
    """The cache folder (created when first written), or None when the cache is off."""
    env = os.environ if environ is None else environ
    chosen = env.get("KUBENOTES_CACHE_DIR")
    if chosen is not None:
        return None if chosen.strip().lower() in (*_OFF, "") else Path(chosen).expanduser()
    base = env.get("XDG_CACHE_HOME") or ""
    if not os.path.isabs(base):  # the XDG spec: a relative value is to be ignored
        base = os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "kubenotes"


def code_version(*modules: str) -> str:
    """What identifies the code deriving a value: the package version and the size and time of
    each module file (an edited checkout changes them without a new version)."""
    from kubenotes import __version__

    parts = [__version__, f"py{sys.version_info[0]}.{sys.version_info[1]}/m{marshal.version}"]
    for name in modules:
        parts.append(file_version(Path(sys.modules[name].__file__ or name)))
    return "|".join(parts)


def file_version(path: Path) -> str:
    """A bundled, read-only input named by its path, size and modification time."""
    try:
        info = path.stat()
    except OSError:
        return f"{path}:missing"
    return f"{path}:{info.st_size}:{info.st_mtime_ns}"


def cached(name: str, key: str, make: Callable[[], T], folder: Path | None = None) -> T:
    """The value stored under ``key``, else ``make()``, stored for the next process. ``name``
    prefixes the file name; the value must be plain data (what :mod:`marshal` writes)."""
    folder = cache_dir() if folder is None else folder
    if folder is None:
        return make()
    encoded = f"{FORMAT}\n{key}".encode("utf-8", "surrogatepass")
    entry = folder / f"{name}-{zlib.crc32(encoded):08x}.bin"
    found = _read(entry, encoded)
    if found is not _MISS:
        return found  # type: ignore[no-any-return]
    value = make()
    _write(entry, encoded, value)
    return value


_MISS = object()


def _read(entry: Path, key: bytes) -> Any:
    try:
        data = entry.read_bytes()
    except OSError:
        return _MISS
    header = len(_MAGIC) + 16
    if len(data) < header or not data.startswith(_MAGIC):
        return _MISS
    key_size = int.from_bytes(data[len(_MAGIC) : len(_MAGIC) + 8], "little")
    checksum = int.from_bytes(data[len(_MAGIC) + 8 : header], "little")
    body = data[header:]
    if body[:key_size] != key or zlib.crc32(body) != checksum:
        return _MISS  # another key with the same file name, or a damaged entry
    try:
        return marshal.loads(body[key_size:])
    except (EOFError, ValueError, TypeError):
        return _MISS


def _write(entry: Path, key: bytes, value: Any) -> None:
    try:
        body = key + marshal.dumps(value)
    except ValueError:  # not plain data: nothing to store
        return
    header = _MAGIC + len(key).to_bytes(8, "little") + zlib.crc32(body).to_bytes(8, "little")
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=entry.name, dir=entry.parent)
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(header + body)
            os.replace(temporary, entry)
        except BaseException:
            os.unlink(temporary)
            raise
    except OSError:
        return  # a read-only or full disk: run without the cache
