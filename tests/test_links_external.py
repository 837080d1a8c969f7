"""The external-link checker, offline: a local HTTP server on 127.0.0.1 answers 200, 301, 404,
500, 503-then-200, HEAD-rejected and too slowly; the report must say exactly what is broken."""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
from kubenotes.cli import main
from kubenotes.links import external, report

SLOW_SECONDS = 1.5
TIMEOUT = "0.4"


class _Handler(BaseHTTPRequestHandler):
    hits: ClassVar[Counter[str]] = Counter()

    def log_message(self, *args: object) -> None:  # keep the test output quiet
        pass

    def _answer(self, body: bool) -> None:
        path = self.path
        type(self).hits[f"{self.command} {path}"] += 1
        status, headers = 200, {}
        if path == "/moved":
            status, headers = 301, {"Location": "/ok"}
        elif path == "/missing":
            status = 404
        elif path == "/error":
            status = 500
        elif path == "/flaky" and self.hits[f"{self.command} /flaky"] == 1:
            status = 503
        elif path == "/no-head" and self.command == "HEAD":
            status = 405
        elif path == "/slow":
            time.sleep(SLOW_SECONDS)
        self.send_response(status)
        for name, value in {**headers, "Content-Length": "2"}.items():
            self.send_header(name, value)
        self.end_headers()
        if body:
            self.wfile.write(b"ok")

    def do_GET(self) -> None:
        self._answer(body=True)

    def do_HEAD(self) -> None:
        self._answer(body=False)


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


def _site(tmp_path: Path, base: str) -> Path:
    """A built site: two pages linking to the local server, a skipped host and the site itself."""
    site = tmp_path / "site"
    (site / "en").mkdir(parents=True)
    (site / "index.html").write_text(
        f'<a href="{base}/ok">ok</a> <a href="{base}/moved#part">moved</a>'
        f'<a href="{base}/missing">missing</a> <img src="{base}/error">'
        f'<a href="{base}/flaky">flaky</a> <a href="https://twitter.com/kubernetesio">x</a>'
        '<link rel="canonical" href="https://kubenotes.example.org/"> '
        '<a href="https://kubenotes.example.org/en/">English</a>',
        encoding="utf-8",
    )
    (site / "en" / "index.html").write_text(
        f'<a href="{base}/missing">missing</a> <a href="{base}/slow">slow</a>'
        f'<a href="{base}/no-head">no head</a> <a href="{base}/ok">ok</a>',
        encoding="utf-8",
    )
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: t\nsite_url: !ENV [KUBENOTES_TEST_UNSET_URL, 'https://kubenotes.example.org/']\n",
        encoding="utf-8",
    )
    return site


def _run(tmp_path: Path, fmt: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    argv = ["links", "--external", "-f", str(tmp_path / "mkdocs.yml"), "--format", fmt]
    argv += ["--cache", str(tmp_path / "cache.json"), "--timeout", TIMEOUT, "--retries", "1"]
    argv += ["--backoff", "0.01", "--host-interval", "0", "--concurrency", "4", "--check-local"]
    code = main(argv)
    return code, capsys.readouterr().out


def test_text_report_lists_each_broken_url_with_its_pages(
    tmp_path: Path, server: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _site(tmp_path, server)
    code, out = _run(tmp_path, "text", capsys)
    assert code == 1
    assert out == (
        f"{server}/error: error: HTTP 500\n"
        "    linked from /\n"
        f"{server}/missing: error: HTTP 404\n"
        "    linked from /\n"
        "    linked from /en/\n"
        f"{server}/slow: error: timed out after 0.4s\n"
        "    linked from /en/\n"
        f"{server}/moved: info: redirected to {server}/ok\n"
        "    linked from /\n"
        "3 broken, 1 redirected (7 checked, 0 cached, 1 skipped)\n"
    )
    # 404 is not retried; 500, 503 and timeouts are, once; a rejected HEAD falls back to GET
    assert _Handler.hits["HEAD /missing"] == 1
    assert _Handler.hits["HEAD /error"] == 2
    assert _Handler.hits["HEAD /slow"] == 2
    assert (_Handler.hits["HEAD /flaky"], _Handler.hits["GET /flaky"]) == (2, 0)
    assert (_Handler.hits["HEAD /no-head"], _Handler.hits["GET /no-head"]) == (1, 1)


def test_markdown_report_and_cache_of_good_results(
    tmp_path: Path, server: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _site(tmp_path, server)
    _run(tmp_path, "text", capsys)
    first_ok_hits = _Handler.hits["HEAD /ok"]
    code, out = _run(tmp_path, "markdown", capsys)
    assert code == 1
    assert _Handler.hits["HEAD /ok"] == first_ok_hits  # fresh good result: taken from the cache
    assert _Handler.hits["HEAD /missing"] == 2  # broken results are always checked again
    assert out == (
        "# External link report\n\n"
        "3 broken, 1 redirected (3 checked, 4 cached, 1 skipped).\n\n"
        "## Broken\n\n"
        "| URL | Problem | Linked from |\n"
        "| --- | --- | --- |\n"
        f"| <{server}/error> | HTTP 500 | `/` |\n"
        f"| <{server}/missing> | HTTP 404 | `/`<br>`/en/` |\n"
        f"| <{server}/slow> | timed out after 0.4s | `/en/` |\n\n"
        "## Redirected\n\n"
        "| URL | Now at | Linked from |\n"
        "| --- | --- | --- |\n"
        f"| <{server}/moved> | <{server}/ok> | `/` |\n"
    )


def test_local_urls_are_skipped_unless_asked_for(server: str) -> None:
    assert external.Checker().check(f"{server}/ok").skipped is True
    assert _Handler.hits["HEAD /ok"] == 0


def test_stale_cache_entries_are_checked_again(server: str) -> None:
    url = f"{server}/ok"
    old = external.Result(url, True, 200, checked_at=1000.0)
    options = external.Options(timeout=2, retries=0, host_interval=0, ttl=3600, check_local=True)
    fresh = external.Checker(options, {url: old}, clock=lambda: 1000.0 + 3599)
    assert fresh.check(url).cached is True
    assert _Handler.hits["HEAD /ok"] == 0
    stale = external.Checker(options, {url: old}, clock=lambda: 1000.0 + 3601)
    assert stale.check(url) == external.Result(url, True, 200, checked_at=4601.0)
    assert _Handler.hits["HEAD /ok"] == 1


def test_requests_to_one_host_are_spaced_by_the_interval() -> None:
    now = [100.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(round(seconds, 6))
        now[0] += seconds

    limiter = external.HostLimiter(0.15, clock=lambda: now[0], sleep=sleep)
    for host, work in (("a.test", 0.05), ("a.test", 0.2), ("b.test", 0.0), ("a.test", 0.0)):
        with limiter.slot(host):
            limiter.wait(host)
        now[0] += work  # the request itself
    # a.test waits 0.10 (0.15 - 0.05 of work) the second time, nothing after 0.2 s of work;
    # b.test never waits for a.test
    assert slept == [0.1]


@pytest.mark.parametrize(
    ("host", "skipped"),
    [("twitter.com", True), ("mobile.twitter.com", True), ("nottwitter.com", False)],
)
def test_allowlisted_hosts_are_never_requested(host: str, skipped: bool) -> None:
    checker = external.Checker(external.Options(skip_hosts=("twitter.com",)))
    if skipped:
        assert checker.check(f"https://{host}/a").skipped is True
    else:
        assert external._host_skipped(host, ("twitter.com",)) is False


def test_json_report_shape() -> None:
    results = {
        "https://a.test/x": external.Result("https://a.test/x", False, 404, "HTTP 404"),
        "https://a.test/y": external.Result("https://a.test/y", True, 200, cached=True),
    }
    outcome = report.build_report(results, {"https://a.test/x": {"/en/", "/"}})
    assert report.format_json(outcome) == (
        "{\n"
        '  "broken": [\n'
        "    {\n"
        '      "url": "https://a.test/x",\n'
        '      "reason": "HTTP 404",\n'
        '      "final_url": "",\n'
        '      "pages": [\n'
        '        "/",\n'
        '        "/en/"\n'
        "      ]\n"
        "    }\n"
        "  ],\n"
        '  "redirected": [],\n'
        '  "checked": 1,\n'
        '  "cached": 1,\n'
        '  "skipped": 0\n'
        "}\n"
    )


def test_without_a_built_site_it_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: t\n", encoding="utf-8")
    code = main(["links", "--external", "-f", str(tmp_path / "mkdocs.yml")])
    assert code == 2
    assert "no built site at" in capsys.readouterr().err
