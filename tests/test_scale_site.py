"""Team-wiki scale: small pages in a big tab, and a live preview that shows edits and findings.

Both run on copies of the project made by ``bench/wiki.py`` (never on the worktree's docs).
Nothing here is timed: speed targets live in ``bench/bench_scale.py``.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import REPO, _free_port, build_site
from kubenotes.search import FULL_INDEX

sys.path.insert(0, str(REPO / "bench"))
from wiki import generate

pytestmark = pytest.mark.site
LIMIT = 60 * 1024


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _wait(url: str, text: str, timeout: float = 180) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        page = _get(url)
        if text in page:
            return page
        time.sleep(0.1)
    pytest.fail(f"{url} never served {text!r}")


def _index(base: str) -> list[dict]:
    # the documents the search worker fetches (search/search_index.json is only Material's stub)
    return json.loads(_get(base + FULL_INDEX.as_posix()))["docs"]


def _entries(base: str) -> tuple[int, int]:
    zh = _index(base)
    en = json.loads(_get(f"{base}en/{FULL_INDEX.as_posix()}"))["docs"]
    return len(zh), len(en)


def _boosted(base: str) -> int:
    return sum(1 for doc in _index(base) if "boost" in doc)


def test_largest_generated_page_stays_under_60_kb(tmp_path: Path):
    # 300 pages per language in one tab: with every section expanded, each page of that tab
    # carried ~85 KB; only the current section is expanded now.
    config = generate(tmp_path / "wiki", 600, "tab")
    result = build_site(config, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-4000:]
    generated = [*(tmp_path / "site" / "wiki").rglob("*.html")]
    generated += (tmp_path / "site" / "en" / "wiki").rglob("*.html")
    assert len(generated) == 600
    # every page, the translation status page included: it names the pages that need work
    # (every tenth generated English page is outdated) and counts the others per folder
    pages = [*(tmp_path / "site").rglob("*.html")]
    largest = max(pages, key=lambda p: p.stat().st_size)
    assert largest.stat().st_size <= LIMIT, f"{largest}: {largest.stat().st_size} bytes"
    status = tmp_path / "site" / "en" / "reference" / "translation-status" / "index.html"
    status_html = status.read_text("utf-8")
    outdated = [
        p
        for p in (tmp_path / "site" / "en" / "wiki").rglob("*.html")
        if "kubenotes-translation-outdated" in p.read_text("utf-8")
    ]
    assert len(outdated) >= 20  # every tenth generated English page, each named on the page
    assert status_html.count("kubenotes-state-outdated") == len(outdated)
    assert "<code>wiki/s04/</code>" in status_html
    page = (tmp_path / "site" / "wiki" / "s04" / "p003" / "index.html").read_text("utf-8")
    assert 'href="../p004/"' in page  # a sibling in the current section is listed
    assert "../../s05/p001/" not in page  # a page of another section is not ...
    assert 'href="../../s05/p000/"' in page  # ... but that section is, as one link
    real = (tmp_path / "site" / "lifecycle" / "termination" / "index.html").read_text("utf-8")
    assert "../../concepts/pod/" in real and "../../health/probes/" in real  # small tab: all


def test_preview_shows_an_edit_with_its_finding_boxes_and_keeps_the_search_index(
    tmp_path: Path,
):
    project = tmp_path / "wiki"
    config = generate(project, 0, "tab")
    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    log_path = tmp_path / "preview.log"
    with log_path.open("w") as log:
        command = [sys.executable, str(REPO / "tools" / "preview.py"), "-f", str(config)]
        server = subprocess.Popen(
            [*command, "-a", f"127.0.0.1:{port}"],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            _wait(base, "</html>", 600)
            before = _entries(base)
            assert min(before) > 100
            boosted = _boosted(base)
            assert boosted > 0  # extra.kubenotes.search_boost (glossary, contributor pages)
            page = project / "docs" / "zh" / "lifecycle" / "termination.md"
            with page.open("a", encoding="utf-8") as handle:
                handle.write(
                    "\n```yaml\napiVersion: v1\nkind: Pod\nmetadata:\n  name: broken\n"
                    "spec:\n  containerz: []\n```\n\nscale-marker-one\n"
                )
            html = _wait(base + "lifecycle/termination/", "scale-marker-one")
            box = html[html.index("admonition failure") :][:2000]
            assert "containerz" in box and "k8s-schema" in box
            english = project / "docs" / "en" / "lifecycle" / "termination.md"
            with english.open("a", encoding="utf-8") as handle:
                handle.write("\n\nscale-marker-two\n")
            _wait(base + "en/lifecycle/termination/", "scale-marker-two")
            with page.open("a", encoding="utf-8") as handle:
                handle.write("\n\nscale-marker-three\n")
            _wait(base + "lifecycle/termination/", "scale-marker-three")
            assert _entries(base) == before
            assert _boosted(base) == boosted  # a re-render keeps the pages' search boosts
        finally:
            server.terminate()
            server.wait(timeout=30)
    output = log_path.read_text("utf-8")
    assert "docs/zh/lifecycle/termination.md:" in output
    # listed on every save of the page, not once per session (the background full build's
    # own listing is prefixed and not counted)
    listed = [
        line
        for line in output.splitlines()
        if 'unknown field "containerz"' in line and not line.startswith("[full build]")
    ]
    assert len(listed) == 2, output[-3000:]
