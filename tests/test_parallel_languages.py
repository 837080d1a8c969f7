"""The other languages built in child processes (hooks/languages.py, kubenotes.languages) give
what the sequential build gives: the same files byte for byte, the same log records in the same
order, the same strict failure; and the parent builds a language itself when its child fails."""

from __future__ import annotations

import logging
import os
import pickle
from pathlib import Path

import pytest
from conftest import REPO
from kubenotes import languages
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from test_build_twice import ZH_PAGE, small_site  # noqa: F401 (a fixture)

SITE = pytest.mark.site  # the tests that build a site (the others run in make test-fast)
PARALLEL = pytest.mark.skipif(
    not languages.enabled("build", environ={}), reason="needs fork and two CPUs"
)

CHILD = "was built by child process"
ZH_ONLY_PATH = "M1 1" + " L2 2 L3 3 L4 4" * 20 + "Z"
ZH_ONLY_ICON = (
    f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="{ZH_ONLY_PATH}"/></svg>'
)


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.messages: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append((record.name, record.levelno, record.getMessage()))


def _build(
    config_file: Path, site_dir: Path, parallel: bool, monkeypatch: pytest.MonkeyPatch, **options
) -> tuple[list[tuple[str, int, str]], str | None]:
    """Build as `mkdocs build` does; the log records of mkdocs and the hooks, and the message
    of the strict failure if there is one."""
    monkeypatch.setenv(languages.ENV, "1" if parallel else "0")
    handler = _Records()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    level = logger.level
    logger.setLevel(logging.DEBUG)
    # mkdocs-static-i18n leaves its log filter on this logger when a language build fails
    build_logger = logging.getLogger("mkdocs.commands.build")
    filters = list(build_logger.filters)
    failure = None
    try:
        config = load_config(str(config_file), site_dir=str(site_dir), **options)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        except Abort as exc:
            failure = str(exc)
        finally:
            config.plugins.on_shutdown()
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
        build_logger.filters[:] = filters
    return handler.messages, failure


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def _comparable(messages: list[tuple[str, int, str]], site_dir: Path) -> list[tuple[str, int, str]]:
    """The records both builds must share: timings, the languages hook's own debug lines and
    mkdocs' per-file debug chatter (the parent logs it only for its language) left out."""
    kept = []
    for name, level, message in messages:
        if name.startswith("mkdocs.plugins.kubenotes.languages") or level < logging.INFO:
            continue
        if message.startswith("Documentation built in"):
            continue
        kept.append((name, level, message.replace(str(site_dir), "<site>")))
    return kept


def _both(config_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, strict=False):
    options = {"strict": strict}
    sequential = _build(config_file, tmp_path / "one", False, monkeypatch, **options)
    parallel = _build(config_file, tmp_path / "two", True, monkeypatch, **options)
    return sequential, parallel


@SITE
@PARALLEL
def test_small_site_with_findings_is_built_alike(
    small_site: Path,  # noqa: F811 (the fixture)
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("KUBENOTES_REPO_URL", raising=False)
    # an icon only the Chinese page shows: the shared sprite must have it however it is built
    zh_page = small_site.parent / "docs" / "zh" / "index.md"
    zh_page.write_text(zh_page.read_text("utf-8") + f"\n{ZH_ONLY_ICON}\n", "utf-8")
    (seq_log, seq_fail), (par_log, par_fail) = _both(small_site, tmp_path, monkeypatch)
    for site in ("one", "two"):
        sprite = (tmp_path / site / "assets" / "kubenotes-icons.svg").read_text("utf-8")
        assert ZH_ONLY_PATH in sprite, site
    assert [m for m in par_log if CHILD in m[2]] != []  # the child's build was used
    assert [m for m in seq_log if CHILD in m[2]] == []
    assert seq_fail is None and par_fail is None
    assert _comparable(par_log, tmp_path / "two") == _comparable(seq_log, tmp_path / "one")
    ours = [m for m in seq_log if m[0].startswith("mkdocs.plugins.kubenotes")]
    rules = sorted(m[2].rsplit("[", 1)[-1] for m in ours if m[1] >= logging.WARNING)
    assert rules == ["diagram-syntax]", "k8s-schema]", "link-page]", "link-page]"], seq_log
    assert _tree(tmp_path / "two") == _tree(tmp_path / "one")


@SITE
@PARALLEL
def test_strict_build_fails_alike(
    small_site: Path,  # noqa: F811 (the fixture)
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The English page's broken link fails the English build; in parallel the parent raises
    the child's failure where the sequential build raised it, after the same warnings."""
    monkeypatch.chdir(tmp_path)
    (seq_log, seq_fail), (par_log, par_fail) = _both(small_site, tmp_path, monkeypatch, strict=True)
    assert seq_fail is not None and "strict mode" in seq_fail
    assert [m for m in par_log if CHILD in m[2]] != []  # replayed, not built again
    assert par_fail == seq_fail
    assert _comparable(par_log, tmp_path / "two") == _comparable(seq_log, tmp_path / "one")


@SITE
@PARALLEL
def test_a_failed_child_is_replaced_by_a_sequential_build(
    small_site: Path,  # noqa: F811 (the fixture)
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    real_start = languages.start

    def crashing_start(language, site_dir, work):
        def crash(staging: Path) -> languages.Result:
            (staging / "half-written.html").write_text("x", "utf-8")
            os._exit(3)  # as if the child had been killed

        return real_start(language, site_dir, crash)

    monkeypatch.setattr(languages, "start", crashing_start)
    (seq_log, _), (par_log, _) = _both(small_site, tmp_path, monkeypatch)
    assert [m for m in par_log if CHILD in m[2]] == []
    assert [m for m in par_log if "in this process" in m[2]] != []
    assert _comparable(par_log, tmp_path / "two") == _comparable(seq_log, tmp_path / "one")
    assert _tree(tmp_path / "two") == _tree(tmp_path / "one")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".two-")] == []
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".one-")] == []


@SITE
@PARALLEL
def test_an_unexpected_error_in_the_child_is_raised_by_the_parent_s_own_build(
    small_site: Path,  # noqa: F811 (the fixture)
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An error only the child meets (here: its build raises) is not replayed: the parent
    builds the language itself, so what the author sees is the sequential build's."""
    monkeypatch.chdir(tmp_path)
    real_start = languages.start

    def failing_start(language, site_dir, work):
        def fail(staging: Path) -> languages.Result:
            return languages.Result([], {}, KeyError("only in the child"))

        return real_start(language, site_dir, fail)

    monkeypatch.setattr(languages, "start", failing_start)
    (seq_log, _), (par_log, _) = _both(small_site, tmp_path, monkeypatch)
    assert [m for m in par_log if "its child failed: KeyError" in m[2]] != []
    assert _comparable(par_log, tmp_path / "two") == _comparable(seq_log, tmp_path / "one")
    assert _tree(tmp_path / "two") == _tree(tmp_path / "one")


@SITE
@PARALLEL
def test_real_site_is_built_alike(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("KUBENOTES_REPO_URL", raising=False)
    (seq_log, seq_fail), (par_log, par_fail) = _both(REPO / "mkdocs.yml", tmp_path, monkeypatch)
    assert seq_fail is None and par_fail is None
    assert [m for m in par_log if CHILD in m[2]] != []
    assert _comparable(par_log, tmp_path / "two") == _comparable(seq_log, tmp_path / "one")
    one, two = _tree(tmp_path / "one"), _tree(tmp_path / "two")
    assert sorted(two) == sorted(one)
    assert [name for name in one if one[name] != two[name]] == []
    # every 404 page offers the home pages, not the translations of the page rendered last
    for page in ("404.html", "en/404.html"):
        html = one[page].decode("utf-8")
        assert '<link rel="alternate" href="/" hreflang="zh">' in html, page
        assert '<link rel="alternate" href="/en/" hreflang="en">' in html, page


# --- the core, without a build ---------------------------------------------------------------


def test_enabled_only_for_builds_with_two_cpus(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(languages, "usable_cpus", lambda: 2)
    assert languages.enabled("build", environ={})
    assert languages.enabled("gh-deploy", environ={languages.ENV: "1"})
    assert not languages.enabled("serve", environ={})
    assert not languages.enabled("build", environ={languages.ENV: "0"})
    assert not languages.enabled("build", environ={languages.ENV: "off"})
    assert not languages.enabled("build", 2, environ={})  # a third language: in turn
    assert not languages.enabled("build", 0, environ={})
    assert not languages.enabled("build", dirty=True, environ={})
    monkeypatch.setattr(languages, "usable_cpus", lambda: 1)
    assert not languages.enabled("build", environ={})


@pytest.mark.parametrize(
    ("cpu_max", "expected"),
    [("max 100000\n", 2), ("100000 100000\n", 1), ("250000 100000\n", 2), ("junk", 2)],
)
def test_usable_cpus_follow_a_cgroup_quota(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cpu_max: str, expected: int
) -> None:
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    quota = tmp_path / "cpu.max"
    quota.write_text(cpu_max, "utf-8")
    assert languages.usable_cpus(quota) == expected
    assert languages.usable_cpus(tmp_path / "missing") == 2


def test_strict_failures_are_told_from_other_errors() -> None:
    assert languages.is_strict_failure(Abort("Aborted with 3 warnings in strict mode!"))
    assert languages.is_strict_failure(Abort("Aborted with 1 errors, 2 warnings in strict mode!"))
    assert not languages.is_strict_failure(Abort("Aborted with a BuildError!"))
    assert not languages.is_strict_failure(ValueError("boom"))
    assert not languages.is_strict_failure(None)
    assert languages.strict_message([("WARNING", 2)]) == "Aborted with 2 warnings in strict mode!"


def test_merge_tree_replaces_and_adds(tmp_path: Path) -> None:
    site, staging = tmp_path / "site", tmp_path / "staging"
    (site / "en").mkdir(parents=True)
    (site / "index.html").write_text("zh", "utf-8")
    (site / "en" / "old.html").write_text("kept", "utf-8")
    (staging / "en" / "deep").mkdir(parents=True)
    (staging / "index.html").write_text("en wins", "utf-8")
    (staging / "en" / "deep" / "page.html").write_text("new", "utf-8")
    assert languages.merge_tree(staging, site) == 2
    assert _tree(site) == {
        "en/deep/page.html": b"new",
        "en/old.html": b"kept",
        "index.html": b"en wins",
    }
    assert not staging.exists()


def test_captured_records_pickle_with_their_message_and_traceback() -> None:
    events: list = []
    handler = languages.Capture(events, ("/tmp/.site-en-x", "/srv/site"))
    logger = logging.getLogger("kubenotes-test-capture")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        logger.warning("built %s into %s", object(), "/tmp/.site-en-x/en")
        try:
            raise ValueError("boom")
        except ValueError:
            logger.exception("failed")
    finally:
        logger.removeHandler(handler)
    records = [event[1] for event in pickle.loads(pickle.dumps(events))]
    assert records[0].getMessage().endswith("into /srv/site/en")
    assert records[0].levelno == logging.WARNING
    assert "ValueError: boom" in records[1].exc_text


def test_a_child_result_crosses_the_process_boundary(tmp_path: Path) -> None:
    def work(staging: Path) -> languages.Result:
        (staging / "page.html").write_text("from the child", "utf-8")
        return languages.Result([("findings", "x", [])], {"pid": os.getpid()}, Abort("stop"))

    if not hasattr(os, "fork"):
        pytest.skip("needs fork")
    child = languages.start("en", tmp_path / "site", work)
    result = child.wait()
    assert result is not None
    assert result.shared["pid"] == child.pid != os.getpid()
    assert isinstance(result.error, Abort) and str(result.error) == "stop"
    assert (child.staging / "page.html").read_text("utf-8") == "from the child"
    child.discard()
    assert not child.staging.exists()
    assert [p.name for p in tmp_path.iterdir()] == []  # the result file never had a name
