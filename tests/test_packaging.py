"""Packaging: only the core package ``kubenotes`` is installed, never the hook scripts."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_only_the_core_package_is_mapped() -> None:
    """``package-dir = {"" = "hooks"}`` would put every hook script on sys.path."""
    setuptools = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]
    assert setuptools["package-dir"] == {"kubenotes": "hooks/kubenotes"}
    assert setuptools["packages"]["find"]["include"] == ["kubenotes", "kubenotes.*"]


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
