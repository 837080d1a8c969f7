"""The external-link checker: every http(s) URL of the built site, checked over the network.

Only ever run on request (``kubenotes links --external``), never by the build. Requests go out
with bounded concurrency, at most one at a time per host and no faster than ``host_interval``,
with retries and exponential back-off on timeouts, connection errors, 429 and 5xx. Results that
were fine are cached (``.cache/links.json``) for ``ttl`` seconds; hosts that block bots are
skipped by an allowlist.
"""

from __future__ import annotations

import html
import json
import re
import threading
import time
import urllib.error
import urllib.request
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

USER_AGENT = "kubenotes-linkcheck/0.1 (+https://github.com/; checks links of a docs site)"
# Hosts that answer bots with 403/429/999 or a login wall whatever the URL: never reported.
DEFAULT_SKIP_HOSTS = (
    "twitter.com", "x.com", "linkedin.com", "www.linkedin.com", "medium.com",
    "www.zhihu.com", "zhuanlan.zhihu.com", "mp.weixin.qq.com", "blog.csdn.net",
    "example.com", "example.org",
)  # fmt: skip
# A docs page may show a local preview URL (`mkdocs serve`): never requested unless asked for.
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "0.0.0.0", "::1"})
RETRY_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})
HEAD_REJECTED = frozenset({400, 403, 405, 501})

_HREF = re.compile(
    r"<(?P<tag>a|img|iframe|source)\b[^>]*?\s(?:href|src)\s*=\s*([\"'])(?P<url>https?://.*?)\2",
    re.IGNORECASE | re.DOTALL,
)


@dataclass(frozen=True)
class Result:
    """The outcome of checking one URL (``status`` 0 when no HTTP answer came back)."""

    url: str
    ok: bool
    status: int = 0
    error: str = ""
    final_url: str = ""
    checked_at: float = 0.0
    cached: bool = False
    skipped: bool = False


@dataclass
class Options:
    concurrency: int = 8
    timeout: float = 10.0
    retries: int = 2
    backoff: float = 1.0
    host_interval: float = 1.0
    ttl: float = 3 * 24 * 3600
    skip_hosts: tuple[str, ...] = DEFAULT_SKIP_HOSTS
    check_local: bool = False
    user_agent: str = USER_AGENT


# collect


def collect_urls(site_dir: Path, own_url: str = "") -> dict[str, set[str]]:
    """``{url without fragment: {page url, ...}}`` for the http(s) links of every built page."""
    found: dict[str, set[str]] = defaultdict(set)
    own = own_url.rstrip("/") + "/" if own_url else ""
    for page in sorted(site_dir.rglob("*.html")):
        text = page.read_text(encoding="utf-8", errors="replace")
        page_url = _page_url(page.relative_to(site_dir).as_posix())
        for match in _HREF.finditer(text):
            url = urldefrag(html.unescape(match.group("url")).strip())[0]
            if own and (url + "/").startswith(own):
                continue
            found[url].add(page_url)
    return dict(found)


def _page_url(relative: str) -> str:
    if relative == "index.html":
        return "/"
    if relative.endswith("/index.html"):
        return "/" + relative[: -len("index.html")]
    return "/" + relative


# check


class HostLimiter:
    """One request at a time per host, at least ``interval`` seconds apart."""

    def __init__(self, interval: float, clock: Callable[[], float] = time.monotonic) -> None:
        self._interval = interval
        self._clock = clock
        self._locks: dict[str, threading.Lock] = defaultdict(threading.Lock)
        self._last: dict[str, float] = {}
        self._guard = threading.Lock()

    def slot(self, host: str) -> threading.Lock:
        with self._guard:
            return self._locks[host]

    def wait(self, host: str) -> None:
        """Call with ``slot(host)`` held: sleeps until the host may be asked again."""
        last = self._last.get(host)
        if last is not None:
            delay = last + self._interval - self._clock()
            if delay > 0:
                time.sleep(delay)
        self._last[host] = self._clock()


def _host_skipped(host: str, skip_hosts: Iterable[str]) -> bool:
    return any(host == h or host.endswith("." + h) for h in skip_hosts)


def _request(url: str, method: str, options: Options) -> tuple[int, str]:
    request = urllib.request.Request(url, method=method, headers={"User-Agent": options.user_agent})
    try:
        with urllib.request.urlopen(request, timeout=options.timeout) as response:
            if method == "GET":
                response.read(1024)
            return response.status, response.geturl()
    except urllib.error.HTTPError as error:
        return error.code, url


def _attempt(url: str, options: Options) -> Result:
    try:
        status, final = _request(url, "HEAD", options)
        if status in HEAD_REJECTED:
            status, final = _request(url, "GET", options)
    except TimeoutError:
        return Result(url, False, error=f"timed out after {options.timeout:g}s")
    except urllib.error.URLError as error:
        reason = error.reason
        if isinstance(reason, TimeoutError):
            return Result(url, False, error=f"timed out after {options.timeout:g}s")
        return Result(url, False, error=f"cannot connect: {reason}")
    except (OSError, ValueError) as error:
        return Result(url, False, error=f"cannot connect: {error}")
    ok = 200 <= status < 400
    return Result(url, ok, status, "" if ok else f"HTTP {status}", final if final != url else "")


def _retryable(result: Result) -> bool:
    return not result.ok and (result.status == 0 or result.status in RETRY_STATUSES)


@dataclass
class Checker:
    """Checks URLs with the :class:`Options`; ``cache`` maps URL to a previous :class:`Result`."""

    options: Options = field(default_factory=Options)
    cache: dict[str, Result] = field(default_factory=dict)
    clock: Callable[[], float] = time.time

    def __post_init__(self) -> None:
        self._limiter = HostLimiter(self.options.host_interval)

    def check_all(self, urls: Iterable[str]) -> dict[str, Result]:
        unique = sorted(set(urls))
        with ThreadPoolExecutor(max_workers=max(1, self.options.concurrency)) as pool:
            results = dict(zip(unique, pool.map(self.check, unique), strict=True))
        return results

    def check(self, url: str) -> Result:
        host = (urlsplit(url).hostname or "").lower()
        local = host in LOCAL_HOSTS and not self.options.check_local
        if local or _host_skipped(host, self.options.skip_hosts):
            return Result(url, True, skipped=True)
        cached = self.cache.get(url)
        if cached and cached.ok and self.clock() - cached.checked_at < self.options.ttl:
            return Result(**{**asdict(cached), "cached": True})
        result = Result(url, False)
        for attempt in range(self.options.retries + 1):
            if attempt:
                time.sleep(self.options.backoff * 2 ** (attempt - 1))
            with self._limiter.slot(host):
                self._limiter.wait(host)
                result = _attempt(url, self.options)
            if not _retryable(result):
                break
        result = Result(**{**asdict(result), "checked_at": self.clock()})
        self.cache[url] = result
        return result


# cache


def load_cache(path: Path) -> dict[str, Result]:
    """The cached results in ``path`` (empty when missing or unreadable)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    fields = set(Result.__dataclass_fields__)
    return {
        url: Result(**{k: v for k, v in item.items() if k in fields})
        for url, item in (data.get("results") or {}).items()
        if isinstance(item, dict)
    }


def save_cache(path: Path, results: Mapping[str, Result]) -> None:
    entries = {
        url: {k: v for k, v in asdict(r).items() if k not in ("cached", "skipped")}
        for url, r in sorted(results.items())
        if not r.skipped
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"version": 1, "results": entries}, indent=1) + "\n", "utf-8")
