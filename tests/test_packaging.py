"""Packaging: only the core package ``kubenotes`` is installed, never the hook scripts."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_every_core_subpackage_is_listed() -> None:
    """A new subpackage of hooks/kubenotes must be added to pyproject's explicit list."""
    setuptools = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]
    found = sorted(
        ".".join(init.parent.relative_to(REPO / "hooks").parts)
        for init in (REPO / "hooks" / "kubenotes").rglob("__init__.py")
    )
    assert sorted(setuptools["packages"]) == found
    assert setuptools["package-dir"] == {"kubenotes": "hooks/kubenotes"}


def test_hook_scripts_are_not_importable_modules() -> None:
    code = (
        "import importlib.util, kubenotes\n"
        "print(kubenotes.__file__)\n"
        "for name in ('links', 'diagrams', 'translations', 'k8s_examples', 'search'):\n"
        "    spec = importlib.util.find_spec(name)\n"
        "    assert spec is None or 'hooks' not in str(spec.origin), (name, spec.origin)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd="/", capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(REPO / "hooks" / "kubenotes" / "__init__.py")
