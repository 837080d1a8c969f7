"""``kubenotes diagram``: the real command on files, exit codes and messages."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

KUBENOTES = Path(sys.executable).parent / "kubenotes"
GOLDEN = Path(__file__).parent / "golden" / "diagrams"


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(KUBENOTES), "diagram", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_renders_to_a_file_like_the_site(tmp_path):
    out = tmp_path / "shapes.svg"
    result = run(str(GOLDEN / "flowchart_shapes.mmd"), "-o", str(out))
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    assert out.read_text(encoding="utf-8") == (GOLDEN / "flowchart_shapes.svg").read_text("utf-8")


def test_renders_stdin_to_stdout():
    result = run("-", stdin="sequenceDiagram\n  A->>B: hi\n")
    assert result.returncode == 0
    assert result.stdout.startswith(
        '<svg xmlns="http://www.w3.org/2000/svg" class="diagram diagram-sequence"'
    )


@pytest.mark.parametrize(
    ("source", "code", "message"),
    [
        (
            "flowchart TD\n  A --> B\n  style A fill:#f00\n",
            1,
            "{file}:3: error: 'style' is not supported: diagrams take their colours from the site "
            "theme [diagram-syntax]\n",
        ),
        (
            "gantt\n  title x\n",
            1,
            "{file}:1: error: unsupported diagram type 'gantt': use flowchart, graph, "
            "stateDiagram-v2 or sequenceDiagram [diagram-syntax]\n",
        ),
    ],
)
def test_bad_input_exits_non_zero_with_file_and_line(tmp_path, source, code, message):
    file = tmp_path / "bad.mmd"
    file.write_text(source, encoding="utf-8")
    result = run(str(file))
    assert (result.returncode, result.stdout, result.stderr) == (
        code,
        "",
        message.format(file=file),
    )


def test_missing_file_is_bad_usage(tmp_path):
    result = run(str(tmp_path / "missing.mmd"))
    assert result.returncode == 2
    assert result.stderr.startswith(f"{tmp_path / 'missing.mmd'}: error: cannot read:")
