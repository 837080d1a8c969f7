"""Shared fixtures: the real site built once per test session, served on 127.0.0.1."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
ARTIFACTS = REPO / "tests" / "artifacts"
BIN = Path(sys.executable).parent

# The validator's cache of derived schemas (kubenotes.k8s.cache): one fresh folder per test
# session, inherited by the builds and commands the tests start, never the user's ~/.cache.
os.environ.setdefault("KUBENOTES_CACHE_DIR", tempfile.mkdtemp(prefix="kubenotes-test-cache-"))


def mkdocs_env() -> dict[str, str]:
    env = dict(os.environ)
    env["NO_MKDOCS_2_WARNING"] = "1"
    env.pop("KUBENOTES_REPO_URL", None)
    return env


@dataclass(frozen=True)
class BuiltSite:
    root: Path
    log: str
    returncode: int


def build_site(
    config: Path,
    site_dir: Path,
    *extra: str,
    strict: bool = True,
    env: dict[str, str] | None = None,
    timeout: int = 600,
) -> subprocess.CompletedProcess[str]:
    """Run ``mkdocs build [--strict]`` for ``config`` into ``site_dir``; output is captured.

    ``env`` replaces the whole environment (default: this one, see :func:`mkdocs_env`).
    """
    command = [str(BIN / "mkdocs"), "build", "-f", str(config), "-d", str(site_dir), *extra]
    if strict:
        command.insert(2, "--strict")
    return subprocess.run(
        command,
        cwd=config.parent,
        env=mkdocs_env() if env is None else env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@pytest.fixture(scope="session")
def checker():
    """A Kubernetes 1.34 checker with the built-in schemas only (compiled once per session)."""
    from kubenotes.k8s.check import Checker

    return Checker("1.34")


@pytest.fixture(scope="session")
def project_checker():
    """A Kubernetes 1.34 checker that also knows the project's CRDs (manifests/crds)."""
    from kubenotes.k8s.check import Checker, load_custom_schemas

    return Checker("1.34", load_custom_schemas(REPO / "manifests" / "crds", REPO))


SITE_FIXTURES = {"built_site", "site", "site_url"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test that uses the built real site is a site test, marked or not (`make test-fast`
    leaves site and browser tests out)."""
    for item in items:
        if SITE_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.site)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The real site, built strictly once for the whole session."""
    site = tmp_path_factory.mktemp("real-site") / "site"
    result = build_site(REPO / "mkdocs.yml", site)
    return BuiltSite(site, result.stdout + result.stderr, result.returncode)


@pytest.fixture(scope="session")
def site(built_site: BuiltSite) -> Path:
    """The built site folder; fails (with the build log) when the strict build failed."""
    if built_site.returncode != 0:
        pytest.fail(f"strict build failed:\n{built_site.log[-6000:]}")
    return built_site.root


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def serve(folder: Path) -> Iterator[str]:
    """Serve ``folder`` with ``python -m http.server`` on 127.0.0.1 until the generator closes."""
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"],
        cwd=folder,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                with urllib.request.urlopen(url + "/", timeout=1):
                    break
            except OSError:
                time.sleep(0.05)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="session")
def site_url(site: Path) -> Iterator[str]:
    yield from serve(site)


CHROMIUM = Path(os.environ.get("KUBENOTES_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium driven by Playwright (never a downloaded browser build)."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (see .ci/run)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield instance
        finally:
            instance.close()
