"""The words the site shows readers in each language (zh, en), in one place.

Each entry maps a language to its text (or to a table of texts). Modules take an entry with
``STRINGS[name]`` and fall back to its English text for a language the entry does not have.
Strings that only ever appear on English pages (the outdated banner, the "not yet translated"
page) stay with the code that writes them.
"""

from __future__ import annotations

from typing import Any

STRINGS: dict[str, dict[str, Any]] = {
    # title of a YAML example that is wrong on purpose (k8s=skip reason="…")
    "k8s-invalid-on-purpose": {"zh": "故意错误的示例", "en": "invalid on purpose"},
    # title of the box shown instead of a diagram that cannot be rendered
    "diagram-error-title": {"zh": "图表无法渲染", "en": "Diagram could not be rendered"},
    # accessible name of a diagram, by kind
    "diagram-kinds": {
        "zh": {"flowchart": "流程图", "state": "状态图", "sequence": "时序图"},
        "en": {"flowchart": "Flowchart", "state": "State diagram", "sequence": "Sequence diagram"},
    },
    # shown instead of a page whose HTML would run script (the build log says where)
    "unsafe-page": {
        "zh": "本页含有会执行脚本的 HTML，未予发布；问题及行号见构建日志。",
        "en": "This page contains HTML that would run script and is not published; the build "
        "log lists each problem with its line.",
    },
    # "last updated" under a page ({date} written the way the language writes dates)
    "last-updated": {"zh": "最后更新：{date}", "en": "Last updated: {date}"},
    # the translation status page
    "translation-status": {
        "en": {
            "up-to-date": "Up to date",
            "outdated": "Outdated",
            "missing": "Not yet translated",
            "orphan": "No Chinese source",
            "page": "Page",
            "path": "File",
            "state": "State",
            "date": "Translated on",
            "summary": "{total} pages: {up-to-date} up to date, {outdated} outdated, "
            "{missing} not yet translated, {orphan} without a Chinese source.",
            "needs-work": "Pages that need work:",
            "no-work": "Every page is up to date.",
            "by-folder": "Pages up to date, by folder:",
            "folder": "Folder",
            "count": "Up to date",
        },
        "zh": {
            "up-to-date": "已同步",
            "outdated": "待更新",
            "missing": "未翻译",
            "orphan": "缺少中文原文",
            "page": "页面",
            "path": "文件",
            "state": "状态",
            "date": "翻译日期",
            "summary": "共 {total} 页：已同步 {up-to-date} 页，待更新 {outdated} 页，"
            "未翻译 {missing} 页，缺少中文原文 {orphan} 页。",
            "needs-work": "需要处理的页面：",
            "no-work": "所有页面均已同步。",
            "by-folder": "已同步的页面（按目录）：",
            "folder": "目录",
            "count": "已同步",
        },
    },
}
