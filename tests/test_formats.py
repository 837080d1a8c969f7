"""The CLI's output formats: GitHub workflow commands (escaped as GitHub's toolkit escapes them)
and SARIF 2.1.0, from `kubenotes validate`, `kubenotes links` and `kubenotes translations`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from kubenotes.cli import main
from kubenotes.findings import Finding
from kubenotes.formats import format_github, github_escape_data, github_escape_property, sarif_log

FINDINGS = [
    Finding("docs/zh/a.md", 12, 5, "error", "k8s-schema", 'unknown field "imag"', "Pod/p",
            "spec.containers[0]"),
    Finding("docs/zh/a.md", 3, 0, "warning", "link-page", "broken link to 'b.md'"),
    Finding("docs/en/b.md", 0, 0, "info", "i18n-missing", "100% done\r\nnext: line"),
]  # fmt: skip


def test_escaping_follows_github_rules() -> None:
    assert github_escape_data("50% a:b,c\r\nd") == "50%25 a:b,c%0D%0Ad"
    assert github_escape_property("50% a:b,c\r\nd") == "50%25 a%3Ab%2Cc%0D%0Ad"
    # % first: an escape sequence in the input is not unescaped by GitHub
    assert github_escape_data("%0A") == "%250A"


def test_github_commands() -> None:
    assert format_github(FINDINGS).splitlines() == [
        "::notice file=docs/en/b.md,title=kubenotes i18n-missing::100%25 done%0D%0Anext: line "
        "[i18n-missing]",
        "::warning file=docs/zh/a.md,line=3,title=kubenotes link-page::broken link to 'b.md' "
        "[link-page]",
        "::error file=docs/zh/a.md,line=12,col=5,title=kubenotes k8s-schema::Pod/p "
        'spec.containers[0]: unknown field "imag" [k8s-schema]',
    ]


def test_github_properties_are_escaped() -> None:
    finding = Finding("docs/a,b:c.md", 1, 0, "error", "r", "m")
    assert (
        format_github([finding])
        == "::error file=docs/a%2Cb%3Ac.md,line=1,title=kubenotes r::m [r]\n"
    )


def test_sarif_log() -> None:
    log = sarif_log(FINDINGS, "kubenotes validate")
    assert log["version"] == "2.1.0"
    (run,) = log["runs"]
    assert run["tool"]["driver"]["name"] == "kubenotes validate"
    rules = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    assert rules == ["i18n-missing", "k8s-schema", "link-page"]
    summary = [
        (r["ruleId"], rules[r["ruleIndex"]], r["level"], r["locations"][0]["physicalLocation"])
        for r in run["results"]
    ]
    assert summary == [
        ("i18n-missing", "i18n-missing", "note",
         {"artifactLocation": {"uri": "docs/en/b.md", "uriBaseId": "%SRCROOT%"}}),
        ("link-page", "link-page", "warning",
         {"artifactLocation": {"uri": "docs/zh/a.md", "uriBaseId": "%SRCROOT%"},
          "region": {"startLine": 3}}),
        ("k8s-schema", "k8s-schema", "error",
         {"artifactLocation": {"uri": "docs/zh/a.md", "uriBaseId": "%SRCROOT%"},
          "region": {"startLine": 12, "startColumn": 5}}),
    ]  # fmt: skip
    assert run["results"][2]["message"] == {
        "text": 'Pod/p spec.containers[0]: unknown field "imag"'
    }


def test_sarif_uri_of_a_file_outside_the_project() -> None:
    finding = Finding("/tmp/页 1.md", 1, 0, "error", "r", "m")
    location = sarif_log([finding])["runs"][0]["results"][0]["locations"][0]
    assert location["physicalLocation"]["artifactLocation"] == {
        "uri": "file:///tmp/%E9%A1%B5%201.md"
    }


# -- the three commands ----------------------------------------------------------------------

POD_BAD = (
    "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n"
    "spec:\n  containers:\n  - name: c\n    image: i\n    imag: x\n"
)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: t\nplugins:\n  - i18n:\n      languages:\n"
        "        - {locale: zh, default: true}\n        - {locale: en}\n",
        encoding="utf-8",
    )
    (tmp_path / "manifests").mkdir()
    (tmp_path / "manifests" / "bad.yaml").write_text(POD_BAD, encoding="utf-8")
    (tmp_path / "docs" / "zh").mkdir(parents=True)
    (tmp_path / "docs" / "en").mkdir(parents=True)
    (tmp_path / "docs" / "zh" / "a.md").write_text("# 甲\n\n[坏](nowhere.md)\n", "utf-8")
    (tmp_path / "docs" / "en" / "a.md").write_text("# A\n", "utf-8")
    (tmp_path / "docs" / "en" / "orphan.md").write_text("# O\n", "utf-8")
    monkeypatch.chdir(tmp_path / "docs")  # paths are relative to mkdocs.yml, not to here
    return tmp_path


@pytest.mark.parametrize(
    ("args", "code", "expected"),
    [
        (
            ["validate", "../manifests", "--format", "github"],
            1,
            "::error file=manifests/bad.yaml,line=8,col=5,title=kubenotes k8s-schema::Pod/p "
            'spec.containers[0]: unknown field "imag"; did you mean "image"? [k8s-schema]',
        ),
        (
            ["links", "--config", "../mkdocs.yml", "--format", "github"],
            1,
            "::warning file=docs/zh/a.md,line=3,title=kubenotes link-page::broken link to "
            "'nowhere.md' (no page docs/zh/nowhere.md) [link-page]",
        ),
        (
            ["translations", "--format", "github"],
            0,
            "::error file=docs/en/orphan.md,title=kubenotes translation-orphan::",
        ),
    ],
)
def test_commands_print_github_annotations(
    project: Path, capsys: pytest.CaptureFixture[str], args: list[str], code: int, expected: str
) -> None:
    assert main(args) == code
    out = capsys.readouterr().out
    assert [line for line in out.splitlines() if line.startswith(expected)] != [], out
    assert all(line.startswith("::") for line in out.splitlines()), out


COMMANDS = [["validate", "../manifests"], ["links", "--config", "../mkdocs.yml"], ["translations"]]


@pytest.mark.parametrize("command", COMMANDS)
def test_commands_print_sarif(
    project: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    main([*command, "--format", "sarif"])
    log = json.loads(capsys.readouterr().out)
    (run,) = log["runs"]
    assert run["tool"]["driver"]["name"] == f"kubenotes {command[0]}"
    assert run["results"], log
    for result in run["results"]:
        uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert uri.startswith(("docs/", "manifests/")), uri
