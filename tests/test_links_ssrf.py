"""The external-link checker cannot be turned against internal hosts (issue 11), offline: a local
server on 127.0.0.1 answers with redirects to internal or non-HTTP URLs, loops, a trickle of
headers, too many headers and a status line that is not HTTP. Every case is a broken link with
its reason; none is a traceback, none reaches an internal address."""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest
from kubenotes.links import external


class _Handler(BaseHTTPRequestHandler):
    hits: ClassVar[Counter[str]] = Counter()

    def log_message(self, *args: object) -> None:
        pass

    def do_HEAD(self) -> None:
        type(self).hits[self.path] += 1
        raw = {
            "/not-http": b"SSH-2.0-OpenSSH_9.6\r\n\r\n",
            "/headers": b"HTTP/1.1 200 OK\r\n" + b"X-A: b\r\n" * 150 + b"\r\n",
        }.get(self.path)
        if raw is not None:
            self.wfile.write(raw)
            return
        if self.path == "/trickle":
            self.wfile.write(b"HTTP/1.1 200 OK\r\n")
            for _ in range(40):  # one header line every 0.1 s: each read is quick, the whole slow
                time.sleep(0.1)
                try:
                    self.wfile.write(b"X-Slow: 1\r\n")
                    self.wfile.flush()
                except OSError:
                    return
            return
        location = {
            "/to-metadata": "http://169.254.169.254/latest/meta-data/",
            "/to-private": "http://10.0.0.1/",
            "/to-ftp": "ftp://127.0.0.1/x",
            "/to-file": "file:///etc/passwd",
            "/loop": "/loop2",
            "/loop2": "/loop",
            "/to-ok": "/ok",
        }.get(self.path)
        if self.path.startswith("/chain"):
            location = f"/chain{int(self.path[6:] or 0) + 1}"
        self.send_response(302 if location else 200)
        if location:
            self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()


@pytest.fixture
def server() -> Iterator[str]:
    _Handler.hits = Counter()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    httpd.block_on_close = False
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _checker(**options: object) -> external.Checker:
    settings = {"timeout": 0.4, "retries": 0, "host_interval": 0, "check_local": True}
    return external.Checker(external.Options(**{**settings, **options}))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("address", "local", "allowed"),
    [
        ("93.184.215.14", False, True),
        ("2606:4700::6810:84e5", False, True),
        ("127.0.0.1", False, False),
        ("127.0.0.2", False, False),
        ("10.1.2.3", False, False),
        ("172.16.0.1", False, False),
        ("192.168.1.1", False, False),
        ("169.254.169.254", False, False),
        ("100.64.0.1", False, False),
        ("0.0.0.0", False, False),
        ("224.0.0.251", False, False),
        ("::1", False, False),
        ("fe80::1", False, False),
        ("fc00::1", False, False),
        ("::ffff:127.0.0.1", False, False),
        ("::ffff:169.254.169.254", True, False),
        ("127.0.0.1", True, True),
        ("10.1.2.3", True, False),
        ("not an address", True, False),
    ],
)
def test_only_public_addresses_are_allowed(address: str, local: bool, allowed: bool) -> None:
    assert external.allowed_address(address, local) is allowed


@pytest.mark.parametrize("host", ["127.0.0.2", "127.1", "2130706433", "0x7f000001", "0177.0.0.1"])
def test_loopback_spellings_are_resolved_and_refused(server: str, host: str) -> None:
    port = server.rsplit(":", 1)[1]
    result = _checker(check_local=False).check(f"http://{host}:{port}/ok")
    assert result.ok is False
    assert "not a public address" in result.error
    assert sum(_Handler.hits.values()) == 0


def test_a_name_is_checked_by_the_address_it_resolves_to(server: str) -> None:
    port = int(server.rsplit(":", 1)[1])
    calls = []

    def resolver(host: str, port: int) -> list[str]:
        calls.append((host, port))
        return ["10.9.8.7"]

    checker = _checker(check_local=False)
    checker.resolver = resolver
    result = checker.check(f"http://innocent.example.net:{port}/ok")
    assert (result.ok, calls) == (False, [("innocent.example.net", port)])
    assert result.error == "innocent.example.net resolves to 10.9.8.7: not a public address"


@pytest.mark.parametrize(
    ("path", "error"),
    [
        ("/to-metadata", "169.254.169.254 resolves to 169.254.169.254: not a public address"),
        ("/to-private", "10.0.0.1 resolves to 10.0.0.1: not a public address"),
        ("/to-ftp", "redirected to a non-HTTP URL (ftp://127.0.0.1/x)"),
        ("/to-file", "redirected to a non-HTTP URL (file:///etc/passwd)"),
        ("/loop", "redirect loop"),
        ("/chain", "more than 5 redirects"),
    ],
)
def test_every_redirect_is_checked(server: str, path: str, error: str) -> None:
    result = _checker().check(server + path)
    assert result.ok is False
    assert result.error.startswith(error)


def test_a_good_redirect_still_reports_where_it_went(server: str) -> None:
    result = _checker().check(f"{server}/to-ok")
    assert (result.ok, result.status, result.final_url) == (True, 200, f"{server}/ok")


@pytest.mark.parametrize(
    ("path", "error"),
    [
        ("/not-http", "malformed response (BadStatusLine"),
        ("/headers", "malformed response (HTTPException: got more than 100 headers)"),
        ("/trickle", "no complete answer within 0.8s"),
    ],
)
def test_malformed_or_endless_answers_are_broken_links(server: str, path: str, error: str) -> None:
    result = _checker(deadline=0.8).check(server + path)
    assert result.ok is False
    assert result.error.startswith(error)


@pytest.mark.parametrize("url", ["http://[oops/", "https://kubernetes.io：443/", "http://a:99999/"])
def test_unparsable_urls_are_broken_links(url: str) -> None:
    result = _checker().check(url)
    assert result.ok is False
    assert result.error.startswith("not a valid URL")
