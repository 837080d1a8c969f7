"""One regression test per defect class of issue 11 (hostile input), with the expected finding
and line. The SSRF cases are in test_links_ssrf.py, the whole strict build in
test_hostile_site.py, the properties that keep all this holding in test_fuzz_properties.py.
Crashes found by fuzzing are added to FUZZ_FOUND below."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import fuzz_targets
import pytest
from kubenotes.cli import main
from kubenotes.findings import format_json, format_text
from kubenotes.k8s.check import Checker
from kubenotes.k8s.load import parse_yaml
from kubenotes.links.extract import extract_links
from kubenotes.links.hygiene import check_hygiene, neutralize_links
from kubenotes.links.page import check_source
from kubenotes.safe_files import UnsafeFile, folders_leaving, is_below, resolve_inside
from kubenotes.snippet_guard import check_auto_append, guard_includes

BIN = Path(sys.executable).parent
CHECKER = Checker("1.34")
CM = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n"
BOMB = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{n}: &{n} [{', '.join([f'*{p}'] * 10)}]\n" for p, n in zip("abcde", "bcdef", strict=True)
)


def _texts(findings: list) -> list[str]:
    return [format_text(f) for f in sorted(findings)]


# --- files from outside the project --------------------------------------------------------


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "snippets").mkdir()
    (tmp_path / "snippets" / "env.txt").symlink_to("/proc/self/environ")
    (tmp_path / "snippets" / "passwd.txt").symlink_to("/etc/passwd")
    (tmp_path / "snippets" / "ok.md").write_text("fine\n", encoding="utf-8")
    (tmp_path / "snippets" / "nested.md").write_text('--8<-- "snippets/env.txt"\n', "utf-8")
    os.mkfifo(tmp_path / "snippets" / "pipe.txt")
    (tmp_path / "snippets" / "big.txt").write_bytes(b"x" * (4 * 1024 * 1024 + 1))
    return tmp_path


def test_includes_that_leave_the_project_are_blanked_and_reported(project: Path) -> None:
    page = (
        '# t\n--8<-- "snippets/ok.md"\n--8<-- "snippets/env.txt"\n--8<-- \'snippets/passwd.txt\'\n'
        "--8<--\nsnippets/nested.md\nsnippets/pipe.txt:1:3\n--8<--\n"
        f'--8<-- "snippets/big.txt"\n--8<-- "{"a/" * 150}x.md"\n'
    )
    guarded, findings = guard_includes(page, "docs/p.md", 10, [project], project)
    why = "a symlink to a file outside the project"
    assert _texts(findings) == [
        f'docs/p.md:13:1: error: --8<-- "snippets/env.txt" is not included: {why} '
        f"({Path('/proc/self/environ').resolve()}) is not read [unsafe-include]",
        f'docs/p.md:14:1: error: --8<-- "snippets/passwd.txt" is not included: {why} '
        "(/etc/passwd) is not read [unsafe-include]",
        'docs/p.md:16:1: error: --8<-- "snippets/nested.md" is not included: it includes '
        f'"snippets/env.txt": {why} ({Path("/proc/self/environ").resolve()}) is not read '
        "[unsafe-include]",
        'docs/p.md:17:1: error: --8<-- "snippets/pipe.txt" is not included: not a regular file '
        "(a FIFO); only plain files are read [unsafe-include]",
        'docs/p.md:19:1: error: --8<-- "snippets/big.txt" is not included: file is 4194305 bytes, '
        "more than the 4194304 allowed [unsafe-include]",
        f'docs/p.md:20:1: error: --8<-- "{("a/" * 150)[:80]}…" is not included: include path is '
        "304 characters, more than 255 [unsafe-include]",
    ]
    assert guarded.split("\n") == [
        "# t",
        '--8<-- "snippets/ok.md"',
        "",
        "",
        "--8<--",
        "",
        "",
        "--8<--",
        "",
        "",
        "",
    ]


def test_symlinked_folders_leaving_the_project_are_found(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "inner").mkdir(parents=True)
    (docs / "escape").symlink_to("/usr")
    (docs / "inner" / "also").symlink_to(tmp_path.parent)
    (docs / "fine").symlink_to(docs / "inner")
    found = folders_leaving(docs, tmp_path)
    assert [(p.relative_to(docs).as_posix(), t) for p, t in found] == [
        ("escape", Path("/usr").resolve()),
        ("inner/also", tmp_path.parent.resolve()),
    ]


@pytest.mark.parametrize(
    ("path", "folder", "expected"),
    [
        ("/a/b/c.yaml", "/a/b", True),
        ("/a/b", "/a/b", True),
        ("/a/bc/x.yaml", "/a/b", False),  # a sibling sharing the folder's name as a prefix
        ("/a", "/a/b", False),
        ("/etc/passwd", "/", True),
    ],
)
def test_is_below_compares_whole_names(path: str, folder: str, expected: bool) -> None:
    assert is_below(path, folder) is expected


def test_a_sibling_folder_with_the_project_name_as_prefix_is_outside(tmp_path: Path) -> None:
    (tmp_path / "proj").mkdir()
    (tmp_path / "proj-secrets").mkdir()
    (tmp_path / "proj-secrets" / "key.yaml").write_text("a: 1\n")
    (tmp_path / "proj" / "link.yaml").symlink_to(tmp_path / "proj-secrets" / "key.yaml")
    with pytest.raises(UnsafeFile, match="symlink to a file outside the project"):
        resolve_inside(tmp_path / "proj" / "link.yaml", tmp_path / "proj")
    assert (
        resolve_inside(tmp_path / "proj-secrets" / "key.yaml", tmp_path)
        == (tmp_path / "proj-secrets" / "key.yaml").resolve()
    )


def test_a_project_link_pointed_elsewhere_is_resolved_again(tmp_path: Path) -> None:
    """A long-running process (mkdocs serve) whose project folder is a link that is re-pointed
    must judge files against the new target, not the one it resolved first."""
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        (tmp_path / name / f"{name}.yaml").write_text("x: 1\n")
    current = tmp_path / "current"
    current.symlink_to(tmp_path / "a")
    assert resolve_inside(current / "a.yaml", current) == (tmp_path / "a" / "a.yaml").resolve()
    current.unlink()
    current.symlink_to(tmp_path / "b")
    with pytest.raises(UnsafeFile, match="outside the project"):
        resolve_inside(tmp_path / "a" / "a.yaml", current)
    assert resolve_inside(current / "b.yaml", current) == (tmp_path / "b" / "b.yaml").resolve()


def test_auto_append_snippets_are_checked_too(project: Path) -> None:
    problems = check_auto_append(["snippets/ok.md", "snippets/env.txt"], [project], project)
    assert list(problems) == ["snippets/env.txt"]


def test_validate_never_reads_outside_the_project_nor_special_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "project"
    (root / "manifests").mkdir(parents=True)
    (root / "docs").mkdir()
    (root / "mkdocs.yml").write_text("site_name: t\n", encoding="utf-8")
    (tmp_path / "outside.yaml").write_text(CM + "  secret: s\n", encoding="utf-8")
    (root / "manifests" / "zero.yaml").symlink_to("/dev/zero")
    os.mkfifo(root / "manifests" / "x.yaml")
    (root / "docs" / "p.md").write_text(
        '# t\n\n```yaml\n--8<-- "../../outside.yaml"\n```\n', encoding="utf-8"
    )
    (root / "docs" / "utf16.md").write_bytes("# t\n\n```yaml\na: 1\n```\n".encode("utf-16"))
    assert main(["validate", str(root / "docs"), str(root / "manifests")]) == 1
    out = capsys.readouterr().out.replace(str(root) + "/", "")
    assert out.splitlines() == [
        'docs/p.md:4:1: error: --8<-- "../../outside.yaml" is not included: include path '
        "leaves the project folder [unsafe-include]",
        "docs/utf16.md: error: not read: file is UTF-16 or UTF-32; save it as UTF-8 [unsafe-file]",
        "manifests/x.yaml: error: not read: not a regular file (a FIFO); only plain files are "
        "read [unsafe-file]",
        "manifests/zero.yaml: error: not read: a symlink to a file outside the project "
        "(/dev/zero) is not read [unsafe-file]",
    ]


# --- YAML: crashes, hidden findings, lines, silently accepted --------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[" * 26000, ["f.yaml:1:101: error: YAML nested more than 100 levels deep"]),
        ("- " * 26000 + "x", ["f.yaml:1:201: error: YAML nested more than 100 levels deep"]),
        (
            "a: !!bool x\nb: !!timestamp x\nc: !!int ''\n",
            [
                "f.yaml:1:4: error: 'x' is not a valid !!bool value [yaml-value]",
                "f.yaml:2:4: error: 'x' is not a valid !!timestamp value [yaml-value]",
                "f.yaml:3:4: error: '' is not a valid !!int value [yaml-value]",
            ],
        ),
        # one bad value no longer hides the rest of the file
        (
            f"d: 2024-02-30\n---\nn: !!int nope\n---\nbig: {'9' * 5000}\n---\nk: 1\nk: 2\n",
            [
                "f.yaml:3:4: error: 'nope' is not a valid !!int value [yaml-value]",
                "f.yaml:5:6: error: integer with too many digits (quote it for a string)",
                "f.yaml:8:1: error: duplicate key 'k' (first defined at line 7)",
            ],
        ),
        # PyYAML breaks lines at U+0085, U+2028, U+2029 too; findings count \n like editors
        (
            "a: 'x\x85y'\nb: 'x\u2028y\u2029z'\nc: !!bool x\n",
            ["f.yaml:3:4: error: 'x' is not a valid !!bool value [yaml-value]"],
        ),
        (
            "a: {<<: 5}\nb: !!python/name:os.system x\nc: !!set {a, b}\nd: 9223372036854775808\n",
            [
                "f.yaml:1:9: error: a merge key (<<) needs a mapping or a list of mappings",
                "f.yaml:2:4: error: could not determine a constructor for the tag "
                "'tag:yaml.org,2002:python/name:os.system' [yaml-tag]",
                "f.yaml:3:4: error: tag !!set is not allowed on a mapping",
                "f.yaml:4:4: error: integer out of the 64-bit range Kubernetes accepts",
            ],
        ),
        ('a: "\\ud800"\n', ["f.yaml:1:4: error: string with a lone surrogate escape"]),
        ("a: x\ud800\n", ["f.yaml:1:5: error: unacceptable character #xd800: a lone surrogate"]),
    ],
)
def test_yaml_problems_are_findings_at_their_line(text: str, expected: list[str]) -> None:
    findings = parse_yaml(text, "f.yaml").findings
    texts = _texts(findings)
    assert len(texts) == len(expected), texts
    for got, want in zip(texts, expected, strict=True):
        assert got.startswith(want), (got, want)
    for finding in findings:
        format_text(finding).encode("utf-8")  # no UnicodeEncodeError, surrogates or not
    json.loads(format_json(findings))


def test_budgets_are_per_file_and_per_page() -> None:
    many = "".join(f"---\n{BOMB}g: [*f, *f]\n" for _ in range(100))
    findings = parse_yaml(many, "f.yaml").findings
    assert len(findings) == 100
    assert {f.rule for f in findings} == {"yaml-limit"}
    assert "in one file" in findings[0].message
    page = "".join(f"```yaml\n{BOMB}```\n\n" for _ in range(100))
    found, _ = CHECKER.check_markdown(page, "p.md")
    assert {f.rule for f in found} == {"yaml-limit"}
    assert any("in one page" in f.message for f in found)


def test_fences_see_the_same_lines_as_the_file() -> None:
    page = (
        "# t\n\nprose \v with VT \f FF \u2028 LS \x85 NEL\n\n> quoted:\n>\n> ```yaml\n"
        "> apiVersion: v1\n> kind: ConfigMap\n> metadata: {name: q}\n> data:\n>   n: !!bool x\n"
        "> ```\n\n```\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: u}\ndata: {a: !!int ''}\n"
        "```\n"
    )
    findings, _ = CHECKER.check_markdown(page, "p.md")
    assert _texts(findings) == [
        "p.md:12:8: error: 'x' is not a valid !!bool value [yaml-value]",
        "p.md:19:11: error: '' is not a valid !!int value [yaml-value]",
    ]


def test_lone_surrogates_do_not_crash_the_command_line(tmp_path: Path) -> None:
    (tmp_path / "s.yaml").write_text(CM + '  "\\udfff": "\\ud800"\n', encoding="utf-8")
    for fmt in ("text", "json"):
        result = subprocess.run(
            [str(BIN / "kubenotes"), "validate", "--format", fmt, str(tmp_path / "s.yaml")],
            capture_output=True,
            env={**os.environ, "PYTHONIOENCODING": "utf-8:strict"},
            check=False,
        )
        assert result.returncode == 1, result.stderr
        assert b"Traceback" not in result.stderr
        assert b"lone surrogate escape" in result.stdout


# --- links -----------------------------------------------------------------------------------


def test_unparsable_links_and_long_include_paths_are_findings(tmp_path: Path) -> None:
    page = (
        f'# t\n\n[x](http://[oops/) [y](https://kubernetes.io：443/)\n\n--8<-- "{"b" * 300}.md"\n'
    )
    _, findings = check_source(page, "docs/p.md", "en", [tmp_path], ".")
    assert [(f.line, f.rule) for f in sorted(findings)] == [
        (3, "link-malformed"),
        (3, "link-malformed"),
        (5, "link-snippet"),
    ]
    assert neutralize_links(page).count("#kubenotes-link-removed") == 2


@pytest.mark.parametrize(
    ("target", "scheme"),
    [
        ("javascript:alert(1)", "javascript:"),
        ("JaVaScRiPt:alert(1)", "javascript:"),
        ("java&#x09;script:alert(1)", "javascript:"),
        ("javascript&#58;alert(1)", "javascript:"),
        ("vbscript:msgbox(1)", "vbscript:"),
        ("data:text/html,<script>x</script>", "data:"),
        ("data:image/svg+xml,<svg/onload=x>", "data:"),
        ("file:///etc/passwd", "file:"),
        ("data:image/png;base64,iVBORw0K", ""),
        ("https://kubernetes.io/", ""),
    ],
)
def test_unsafe_link_schemes_are_errors(target: str, scheme: str) -> None:
    findings = check_hygiene("p.md", extract_links(f"# t\n\n[link text]({target})\n"), "en")
    unsafe = [f for f in findings if f.rule == "link-unsafe-scheme"]
    if scheme:
        assert [(f.line, f.severity) for f in unsafe] == [(3, "error")]
        assert f"uses the {scheme} scheme" in unsafe[0].message
    else:
        assert unsafe == []


def test_link_scanning_stays_linear_and_correct() -> None:
    """Inputs that took 45 s with the old regexes; here only their results are checked (speed
    belongs in bench/), but a quadratic scan would make this test take minutes."""
    comments = "<!--" * 50000 + "\n[a](a.md)\n"
    assert extract_links(comments) == []  # inside an unclosed comment
    ticks = "".join("`" * n + " " for n in range(1, 600)) + "\n[b](b.md)\n"
    assert [link.target for link in extract_links(ticks)] == ["b.md"]
    tags = "<a " * 70000 + '\n<a href="c.md">c</a>\n'
    assert [link.target for link in extract_links(tags)] == ["c.md"]


# --- crashes found by fuzzing (kept as regression cases) ---------------------------------------

FUZZ_FOUND = [
    "---\n\ud800\n---\n# T\n",  # front matter with a raw lone surrogate: UnicodeEncodeError
]


@pytest.mark.parametrize("text", FUZZ_FOUND)
@pytest.mark.parametrize("target", sorted(fuzz_targets.TARGETS))
def test_fuzz_found_inputs(target: str, text: str) -> None:
    fuzz_targets.TARGETS[target](text)
