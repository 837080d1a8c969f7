"""`make test` on a machine without the browser's system packages: installs them when it can
(root with apt), otherwise stops before any test with the exact command to run."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from conftest import REPO


def test_make_test_stops_with_the_install_command(tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ("sh", "grep", "make"):
        os.symlink(shutil.which(tool), bin_dir / tool)
    (bin_dir / "id").write_text("#!/bin/sh\necho 1000\n", encoding="utf-8")  # not root
    (bin_dir / "id").chmod(0o755)
    result = subprocess.run(
        ["make", "--no-print-directory", "test"],
        cwd=REPO,
        env={"PATH": str(bin_dir), "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode != 0
    assert "sudo apt-get install -y chromium fonts-wqy-microhei" in result.stderr
    assert "pytest" not in result.stdout + result.stderr  # stopped before lint and tests


def test_make_test_goes_on_when_the_packages_are_there(tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ("sh", "grep", "make"):
        os.symlink(shutil.which(tool), bin_dir / tool)
    (bin_dir / "chromium").write_text("#!/bin/sh\n", encoding="utf-8")
    (bin_dir / "fc-list").write_text("#!/bin/sh\necho '/f/wqy-microhei.ttc: WenQuanYi'\n", "utf-8")
    for name in ("chromium", "fc-list"):
        (bin_dir / name).chmod(0o755)
    result = subprocess.run(
        ["make", "--no-print-directory", "system-packages"],
        cwd=REPO,
        env={"PATH": str(bin_dir), "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (result.returncode, result.stderr) == (0, "")
