"""A strict build of a hostile fixture site (issue 11) fails cleanly: every problem is a
``path:line`` warning, there is no traceback, and nothing from outside the project reaches the
site (tests/fixtures/hostile; the symlinks, FIFOs and huge inputs are made here, not committed).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import build_site, mkdocs_env

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "hostile"
SECRET = "kubenotes-secret-0451"

pytestmark = pytest.mark.site

BOMB = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{n}: &{n} [{', '.join([f'*{p}'] * 10)}]\n" for p, n in zip("abcde", "bcdef", strict=True)
)

EXPECTED = [
    "Doc file 'comments.md' contains a link 'gone.md', but the target is not found among "
    "documentation files.",
    "docs/bomb.md:2:1: error: more than 10,000 YAML aliases in one file (limit against hostile "
    "input; alias bomb?) [yaml-limit]",
    "docs/comments.md: error: 50000 HTML comments are opened (<!--) and never closed (-->) "
    "[html-unclosed-comment]",
    "docs/comments.md:3: warning: broken link to 'gone.md' (no page docs/gone.md) [link-page]",
    "docs/deep.md:4:101: error: YAML nested more than 100 levels deep (limit for hostile input) "
    "[yaml-limit]",
    'docs/index.md:5:1: error: --8<-- "snippets/env.txt" is not included: a symlink to a file '
    "outside the project (ENVIRON) is not read [unsafe-include]",
    'docs/index.md:7:1: error: --8<-- "snippets/passwd.txt" is not included: a symlink to a file '
    "outside the project (/etc/passwd) is not read [unsafe-include]",
    'docs/index.md:9:1: error: --8<-- "snippets/nested.md" is not included: it includes '
    '"snippets/env.txt": a symlink to a file outside the project (ENVIRON) is not read '
    "[unsafe-include]",
    "docs/index.md:17:6: error: 'x' is not a valid !!bool value [yaml-value]",
    "docs/index.md:20: error: link to 'http://[oops/' is not a valid URL (Invalid IPv6 URL) "
    "[link-malformed]",
    "docs/index.md:20: error: link to 'https://kubernetes.io：443/' is not a valid URL (netloc "
    "'kubernetes.io：443' contains invalid characters under NFKC normalization) [link-malformed]",
    "docs/index.md:20:1: error: link to 'javascript:alert(1)' uses the javascript: scheme, which "
    "runs code or reads files in the reader's browser; link an http(s) page instead "
    "[link-unsafe-scheme]",
    "docs/index.md:22:1: error: link to 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="
    "' uses the data: scheme, which runs code or reads files in the reader's browser; link an "
    "http(s) page instead [link-unsafe-scheme]",
    "docs/index.md:22:72: error: link to 'file:///etc/passwd' uses the file: scheme, which runs "
    "code or reads files in the reader's browser; link an http(s) page instead "
    "[link-unsafe-scheme]",
    "docs/index.md:23:1: error: link to 'vbscript:msgbox(1)' uses the vbscript: scheme, which "
    "runs code or reads files in the reader's browser; link an http(s) page instead "
    "[link-unsafe-scheme]",
    "docs/index.md:33:8: error: integer out of the 64-bit range Kubernetes accepts (quote it for "
    "a string) [yaml-value]",
    "docs/logo.png: error: not read: a symlink to a file outside the project (/etc/passwd) is "
    "not read [unsafe-file]",
    "docs/pipe.png: error: not read: not a regular file (a FIFO); only plain files are read "
    "[unsafe-file]",
    "docs/script.md:3: error: a <script> element: a page may not run script in the reader's "
    "browser [html-unsafe]",
    "docs/script.md:5: error: an event handler attribute onerror= on <img>: a page may not run "
    "script in the reader's browser [html-unsafe]",
    "docs/script.md:9: error: an event handler attribute onclick= on <a>: a page may not run "
    "script in the reader's browser [html-unsafe]",
    "docs/script.md: error: a javascript: URL in href= on <a>: a page may not run script in the "
    "reader's browser [html-unsafe]",
    "docs/tagged.md:2:8: error: 'x' is not a valid !!bool value [yaml-value]",
    "docs/utf16.md: error: not read: file is UTF-16 or UTF-32; save it as UTF-8 [unsafe-file]",
    "manifests/pipe.yaml: error: not read: not a regular file (a FIFO); only plain files are "
    "read [unsafe-file]",
    "manifests/zero.yaml: error: not read: a symlink to a file outside the project (/dev/zero) "
    "is not read [unsafe-file]",
]


def _hostile_site(tmp_path: Path) -> Path:
    site = tmp_path / "hostile"
    shutil.copytree(FIXTURE, site)
    config = site / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("HOOKS/", f"{ROOT / 'hooks'}/"), "utf-8"
    )
    (site / "snippets" / "env.txt").symlink_to("/proc/self/environ")
    (site / "snippets" / "passwd.txt").symlink_to("/etc/passwd")
    (site / "docs" / "logo.png").symlink_to("/etc/passwd")
    os.mkfifo(site / "docs" / "pipe.png")
    (site / "manifests").mkdir(exist_ok=True)  # git keeps no empty folder
    os.mkfifo(site / "manifests" / "pipe.yaml")
    (site / "manifests" / "zero.yaml").symlink_to("/dev/zero")
    (site / "docs" / "utf16.md").write_bytes("# UTF-16\n".encode("utf-16"))
    (site / "docs" / "bomb.md").write_text(f"---\n{BOMB}title: *f\n---\n\n# Bomb\n", "utf-8")
    deep = (site / "docs" / "deep.md").read_text(encoding="utf-8").replace("DEEP", "[" * 30000)
    (site / "docs" / "deep.md").write_text(deep, encoding="utf-8")
    comments = "# Comments\n\n[gone](gone.md) " + "<!--" * 50000 + "`" * 3000 + "\n"
    (site / "docs" / "comments.md").write_text(comments, encoding="utf-8")
    return site


def test_hostile_site_fails_cleanly_with_path_line_findings_and_leaks_nothing(
    tmp_path: Path,
) -> None:
    site = _hostile_site(tmp_path)
    env = {**mkdocs_env(), "KUBENOTES_TEST_SECRET": SECRET}
    result = build_site(site / "mkdocs.yml", tmp_path / "out", env=env, timeout=300)
    log = result.stdout + result.stderr
    assert result.returncode == 1, log
    assert "Traceback" not in log
    warnings = sorted(
        line.removeprefix("WARNING -  ") for line in log.splitlines() if line.startswith("WARN")
    )
    environ = next(
        (w.split("(")[1].split(")")[0] for w in warnings if "/environ" in w), "no environ line"
    )
    assert warnings == sorted(line.replace("ENVIRON", environ) for line in EXPECTED)
    built = b"".join(p.read_bytes() for p in (tmp_path / "out").rglob("*") if p.is_file())
    assert SECRET.encode() not in built
    assert b"root:x:0:0" not in built
    assert b"javascript:alert" not in built and b"data:text/html" not in built
    assert b"alert(" not in built  # no script of the page, whatever syntax carried it


def test_a_page_that_would_convert_for_minutes_stops_the_build_at_the_page_limit(
    tmp_path: Path,
) -> None:
    """Unclosed CDATA openers make Python-Markdown quadratic (54 KB: about a minute here). With
    a 1 s limit the build stops at that page with its name and the fix, and no traceback."""
    site = tmp_path / "slow"
    (site / "docs").mkdir(parents=True)
    (site / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    bomb = "# Slow\n\n" + "<![CDATA[" * 6000 + "\n"
    (site / "docs" / "slow.md").write_text(bomb, encoding="utf-8")
    hooks = ROOT / "hooks"
    (site / "mkdocs.yml").write_text(
        "site_name: slow\ntheme:\n  name: mkdocs\nhooks:\n"
        f"  - {hooks / 'safe_input.py'}\n  - {hooks / 'page_deadline.py'}\n"
        "markdown_extensions:\n  - md_in_html\n"
        "extra:\n  kubenotes:\n    page_seconds_limit: 1\n",
        encoding="utf-8",
    )
    result = build_site(site / "mkdocs.yml", tmp_path / "out", timeout=300)
    log = result.stdout + result.stderr
    assert result.returncode == 1, log
    assert "Traceback" not in log
    assert (
        "docs/slow.md: processing the page took more than 1 s, the limit against hostile input"
        in log
    )
    assert "escape the < characters, or split the page" in log
