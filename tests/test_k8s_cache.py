"""The on-disk cache of derived schemas (kubenotes.k8s.cache): where it lives, that a damaged
or foreign entry is a miss, and that findings are the same with it cold, warm or off."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from kubenotes.k8s import cache

BIN = Path(sys.executable).parent
REPO = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, "/home/u/.cache/kubenotes"),
        ({"XDG_CACHE_HOME": "/xdg"}, "/xdg/kubenotes"),
        ({"XDG_CACHE_HOME": "relative"}, "/home/u/.cache/kubenotes"),  # ignored, as XDG says
        ({"KUBENOTES_CACHE_DIR": "/c", "XDG_CACHE_HOME": "/xdg"}, "/c"),
        ({"KUBENOTES_CACHE_DIR": "~/k"}, "/home/u/k"),
        ({"KUBENOTES_CACHE_DIR": "off"}, None),
        ({"KUBENOTES_CACHE_DIR": ""}, None),
    ],
)
def test_cache_dir(
    environ: dict[str, str], expected: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", "/home/u")
    found = cache.cache_dir(environ)
    assert (str(found) if found else None) == expected


def _counting(value: object) -> tuple[list[int], object]:
    calls: list[int] = []

    def make() -> object:
        calls.append(1)
        return value

    return calls, make


def test_a_value_is_made_once_then_read(tmp_path: Path) -> None:
    value = {"a": [1, 2.5, None, True, "é"], "b": {"c": ("x", "y")}}
    calls, make = _counting(value)
    assert cache.cached("t", "key", make, tmp_path) == value
    assert cache.cached("t", "key", make, tmp_path) == value
    assert len(calls) == 1
    assert cache.cached("t", "other key", make, tmp_path) == value
    assert len(calls) == 2


def _entry(tmp_path: Path) -> Path:
    (entry,) = tmp_path.glob("t-*.bin")
    return entry


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: b"",
        lambda data: data[: len(data) // 2],  # truncated
        lambda data: data[:-1] + bytes([data[-1] ^ 1]),  # one bit of the value
        lambda data: b"garbage" + data,
        lambda data: data.replace(b"key", b"kez"),  # the entry of another key, same file name
    ],
)
def test_a_damaged_entry_is_made_again_and_rewritten(tmp_path: Path, damage) -> None:
    calls, make = _counting([1, 2, 3])
    cache.cached("t", "key", make, tmp_path)
    entry = _entry(tmp_path)
    entry.write_bytes(damage(entry.read_bytes()))
    assert cache.cached("t", "key", make, tmp_path) == [1, 2, 3]
    assert len(calls) == 2
    assert cache.cached("t", "key", make, tmp_path) == [1, 2, 3]
    assert len(calls) == 2  # rewritten whole
    assert [p.name for p in tmp_path.iterdir()] == [entry.name]  # no temporary file left


def test_a_folder_that_cannot_be_written_is_no_cache(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder", encoding="utf-8")
    calls, make = _counting({"v": 1})
    assert cache.cached("t", "key", make, blocked / "cache") == {"v": 1}
    assert cache.cached("t", "key", make, blocked / "cache") == {"v": 1}
    assert len(calls) == 2


def test_a_value_marshal_cannot_write_is_returned_not_stored(tmp_path: Path) -> None:
    value = {"path": Path("x")}
    assert cache.cached("t", "key", lambda: value, tmp_path) is value
    assert not list(tmp_path.iterdir())


CRD = (REPO / "manifests" / "crds" / "foos.samplecontroller.k8s.io.yaml").read_text("utf-8")
FOO = (
    "apiVersion: samplecontroller.k8s.io/v1alpha1\nkind: Foo\nmetadata:\n  name: f\n"
    "spec:\n  deploymentName: d\n  replicas: 20\n  extra: 1\n"
)


def _validate(project: Path, cache_dir: str) -> str:
    result = subprocess.run(
        [str(BIN / "kubenotes"), "validate", "--crds", "crds", "foo.yaml"],
        cwd=project,
        env={**os.environ, "KUBENOTES_CACHE_DIR": cache_dir},
        capture_output=True,
        text=True,
        check=False,
    )
    return f"{result.returncode}\n{result.stdout}{result.stderr}"


def test_findings_are_the_same_with_the_cache_cold_warm_and_off(tmp_path: Path) -> None:
    project, store = tmp_path / "project", tmp_path / "cache"
    (project / "crds").mkdir(parents=True)
    (project / "crds" / "foo-crd.yaml").write_text(CRD, encoding="utf-8")
    (project / "foo.yaml").write_text(FOO, encoding="utf-8")
    off = _validate(project, "off")
    assert "replicas" in off and '"extra"' in off  # the CRD's schema was used
    assert _validate(project, str(store)) == off  # cold: written
    assert sorted(p.name.split("-")[0] for p in store.iterdir()) == ["crds", "definitions"]
    assert _validate(project, str(store)) == off  # warm: read
    # an edited CRD is a new key: its new schema is used at once
    (project / "crds" / "foo-crd.yaml").write_text(
        CRD.replace("maximum: 10", "maximum: 30"), encoding="utf-8"
    )
    edited = _validate(project, str(store))
    assert "replicas" not in edited and '"extra"' in edited
    assert edited == _validate(project, "off")
