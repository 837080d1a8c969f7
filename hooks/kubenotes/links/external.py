"""The external-link checker: every http(s) URL of the built site, checked over the network.

Only ever run on request (``kubenotes links --external``), never by the build. Requests go out
with bounded concurrency, at most one at a time per host and no faster than ``host_interval``,
with retries and exponential back-off on timeouts, connection errors, 429 and 5xx. Results that
were fine are cached (``.cache/links.json``) for ``ttl`` seconds; hosts that block bots are
skipped by an allowlist.

A page's links are written by anyone with a pull request and CI runs this with credentials, so
every hop is guarded against server-side request forgery: the host is resolved here and the
connection goes to the address that was checked (no second lookup, so no DNS rebinding);
private, loopback, link-local, multicast, reserved and unspecified addresses are refused (only
loopback is let through, with ``check_local``, for local previews and tests); redirects are
followed by hand, at most ``max_redirects``, only to http(s); each URL has one total
``deadline`` however slowly the server trickles; a malformed answer is a broken link, never a
traceback. (lychee was considered: its ``--exclude-private`` looks at IP literals in URLs only,
not at resolved addresses or redirect targets.)
"""

from __future__ import annotations

import contextlib
import html
import http.client
import ipaddress
import json
import re
import socket
import ssl
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

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
REDIRECTS = frozenset({301, 302, 303, 307, 308})

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
    deadline: float = 30.0  # total seconds per URL, all redirects and slow answers included
    max_redirects: int = 5


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

    def __init__(
        self,
        interval: float,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._interval = interval
        self._clock = clock
        self._sleep = sleep
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
                self._sleep(delay)
        self._last[host] = self._clock()


def _host_skipped(host: str, skip_hosts: Iterable[str]) -> bool:
    return any(host == h or host.endswith("." + h) for h in skip_hosts)


class Refused(Exception):
    """A URL the checker must not request (its host resolves to an internal address)."""


class _DeadlinePassed(Exception):
    """The total time for one URL ran out (the connection was cut)."""


Resolver = Callable[[str, int], list[str]]


def resolve(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to (``127.1`` and ``2130706433`` included)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError, ValueError) as exc:
        raise OSError(f"cannot resolve {host}: {exc}") from exc
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def allowed_address(address: str, check_local: bool = False) -> bool:
    """Public unicast addresses only; loopback too when ``check_local``."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if check_local and ip.is_loopback:
        return True
    return ip.is_global and not ip.is_multicast


class _Pinned:
    """Connects to an address that was checked, while speaking to (and verifying) ``host``."""

    address = ""

    def connect(self) -> None:
        sock = socket.create_connection((self.address, self.port), self.timeout)  # type: ignore[attr-defined]
        if isinstance(self, http.client.HTTPSConnection):
            sock = self._context.wrap_socket(sock, server_hostname=self.host)  # type: ignore[attr-defined]
        self.sock = sock


class _PinnedHTTP(_Pinned, http.client.HTTPConnection):
    pass


class _PinnedHTTPS(_Pinned, http.client.HTTPSConnection):
    pass


def _request(
    url: str, method: str, options: Options, resolver: Resolver, deadline: float
) -> tuple[int, str | None]:
    """One request to a checked address: ``(status, Location header)``."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    port = parts.port or (443 if parts.scheme == "https" else 80)
    addresses = resolver(host, port)
    refused = [a for a in addresses if not allowed_address(a, options.check_local)]
    if refused or not addresses:
        raise Refused(f"{host} resolves to {', '.join(refused) or 'nothing'}: not a public address")
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise _DeadlinePassed
    connection_class = _PinnedHTTPS if parts.scheme == "https" else _PinnedHTTP
    kwargs = {"context": ssl.create_default_context()} if parts.scheme == "https" else {}
    connection = connection_class(host, port, timeout=min(options.timeout, remaining), **kwargs)
    connection.address = addresses[0]
    fired = threading.Event()
    watchdog = threading.Timer(remaining, _close, (connection, fired))  # the total deadline
    watchdog.daemon = True
    watchdog.start()
    try:
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        connection.request(method, target, headers={"User-Agent": options.user_agent})
        response = connection.getresponse()
        if method == "GET":
            response.read(1024)
        status, location = response.status, response.getheader("Location")
    except (http.client.HTTPException, OSError) as error:
        if fired.is_set():
            raise _DeadlinePassed from error
        raise
    finally:
        watchdog.cancel()
        connection.close()
    if fired.is_set():  # a cut connection reads as the end of the headers
        raise _DeadlinePassed
    return status, location


def _close(connection: http.client.HTTPConnection, fired: threading.Event) -> None:
    fired.set()
    sock = connection.sock
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)


def _follow(
    url: str, method: str, options: Options, resolver: Resolver, deadline: float
) -> tuple[int, str]:
    """``(status, final URL)`` after following redirects by hand."""
    seen = {url}
    current = url
    for _ in range(options.max_redirects + 1):
        status, location = _request(current, method, options, resolver, deadline)
        if status not in REDIRECTS or not location:
            return status, current
        following = urldefrag(urljoin(current, location.strip()))[0]
        if urlsplit(following).scheme not in ("http", "https"):
            raise Refused(f"redirected to a non-HTTP URL ({following[:100]})")
        if following in seen:
            raise Refused(f"redirect loop ({following[:100]})")
        seen.add(following)
        current = following
    raise Refused(f"more than {options.max_redirects} redirects")


def _attempt(url: str, options: Options, resolver: Resolver = resolve) -> Result:
    deadline = time.monotonic() + options.deadline
    timed_out = f"timed out after {options.timeout:g}s"
    try:
        status, final = _follow(url, "HEAD", options, resolver, deadline)
        if status in HEAD_REJECTED:
            status, final = _follow(url, "GET", options, resolver, deadline)
    except Refused as error:
        return Result(url, False, error=str(error))
    except _DeadlinePassed:
        return Result(url, False, error=f"no complete answer within {options.deadline:g}s")
    except TimeoutError:
        return Result(url, False, error=timed_out)
    except http.client.HTTPException as error:
        name = type(error).__name__
        return Result(url, False, error=f"malformed response ({name}: {str(error)[:100]})")
    except (OSError, ValueError, UnicodeError) as error:
        return Result(url, False, error=f"cannot connect: {str(error)[:200]}")
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
    resolver: Resolver = resolve  # tests pass one that maps names to 127.0.0.1

    def __post_init__(self) -> None:
        self._limiter = HostLimiter(self.options.host_interval)

    def check_all(self, urls: Iterable[str]) -> dict[str, Result]:
        unique = sorted(set(urls))
        with ThreadPoolExecutor(max_workers=max(1, self.options.concurrency)) as pool:
            results = dict(zip(unique, pool.map(self.check, unique), strict=True))
        return results

    def check(self, url: str) -> Result:
        try:
            parts = urlsplit(url)
            host = (parts.hostname or "").lower()
            _ = parts.port
        except ValueError as error:
            return Result(url, False, error=f"not a valid URL ({error})", checked_at=self.clock())
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
                result = _attempt(url, self.options, self.resolver)
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
