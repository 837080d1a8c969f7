"""Every diagram of the built site, measured in Chromium in the light and the dark palette.

Markup contract of the renderer: ``<svg class="diagram diagram-<type>" role="img">`` with a
``<title>``; each node shape is a ``g.node`` holding one shape element and its ``<text>`` labels.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from browser_support import open_page
from conftest import ARTIFACTS

pytestmark = pytest.mark.browser

MEASURE = """
svg => {
  const box = el => { const r = el.getBoundingClientRect();
                      return [r.left, r.top, r.right, r.bottom]; };
  const nodes = [...svg.querySelectorAll("g.node")].map(node => {
    const shape = node.querySelector(":scope > rect, :scope > path, :scope > ellipse, " +
                                     ":scope > polygon, :scope > circle");
    return {
      shape: shape ? box(shape) : null,
      labels: [...node.querySelectorAll("text")].map(t => [t.textContent, box(t)]),
    };
  });
  const style = getComputedStyle(svg.querySelector("text") || svg);
  return {
    box: box(svg),
    title: (svg.querySelector("title") || {}).textContent || "",
    role: svg.getAttribute("role"),
    texts: svg.querySelectorAll("text").length,
    textFill: style.fill,
    nodes,
  };
}
"""
# A diagram in an inactive content tab is hidden: select its tab as a reader would.
SHOW_TAB = """
svg => {
  const block = svg.closest(".tabbed-block");
  if (!block) return;
  const index = [...block.parentElement.children].indexOf(block);
  block.closest(".tabbed-set").querySelectorAll(":scope > .tabbed-labels > label")[index].click();
}
"""
TOLERANCE = 1.0  # CSS pixels


def diagram_pages(site: Path) -> list[str]:
    pages = []
    for page in sorted(site.rglob("index.html")):
        if 'class="diagram diagram-' in page.read_text(encoding="utf-8"):
            pages.append(page.parent.relative_to(site).as_posix() + "/")
    return pages


def inside(inner: list[float], outer: list[float]) -> bool:
    return (
        inner[0] >= outer[0] - TOLERANCE
        and inner[1] >= outer[1] - TOLERANCE
        and inner[2] <= outer[2] + TOLERANCE
        and inner[3] <= outer[3] + TOLERANCE
    )


def overlap(a: list[float], b: list[float]) -> bool:
    return (
        min(a[2], b[2]) - max(a[0], b[0]) > TOLERANCE
        and min(a[3], b[3]) - max(a[1], b[1]) > TOLERANCE
    )


def problems_of(diagram: dict) -> list[str]:
    found = []
    left, top, right, bottom = diagram["box"]
    if right - left < 20 or bottom - top < 20:
        found.append(f"diagram is not visible: {diagram['box']}")
    if not diagram["title"] or diagram["role"] != "img":
        found.append("diagram has no <title> or role=img")
    if diagram["texts"] == 0:
        found.append("diagram has no text")
    if diagram["textFill"] in ("none", "rgba(0, 0, 0, 0)"):
        found.append("diagram text is invisible")
    shapes = [n for n in diagram["nodes"] if n["shape"]]
    for node in shapes:
        for text, label in node["labels"]:
            if not inside(label, node["shape"]):
                found.append(f"label {text!r} sticks out of its shape")
    for i, a in enumerate(shapes):
        for b in shapes[i + 1 :]:
            if overlap(a["shape"], b["shape"]):
                names = [n["labels"][0][0] if n["labels"] else "?" for n in (a, b)]
                found.append(f"nodes {names[0]!r} and {names[1]!r} overlap")
    return found


def test_the_site_has_diagrams_in_both_languages(site: Path):
    pages = diagram_pages(site)
    assert any(p.startswith("en/") for p in pages), pages
    assert any(not p.startswith("en/") for p in pages), pages
    assert not list(site.rglob("mermaid*.js"))


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_diagram_is_visible_and_its_labels_fit(browser, site, site_url, scheme):
    problems = []
    page, recorder = open_page(browser, color_scheme=scheme)
    (ARTIFACTS / "diagrams").mkdir(parents=True, exist_ok=True)
    for path in diagram_pages(site):
        page.goto(f"{site_url}/{path}")
        page.add_style_tag(content=".md-header { visibility: hidden }")  # not over screenshots
        # the SVG each frame shows: a frame may hold a second, top-to-bottom layout
        wraps = page.locator(".diagram-wrap:has(> svg.diagram)")
        for index in range(wraps.count()):
            wraps.nth(index).locator("svg.diagram").first.evaluate(SHOW_TAB)
            diagram = wraps.nth(index).locator("> svg.diagram:visible").first
            for problem in problems_of(diagram.evaluate(MEASURE)):
                problems.append(f"{path} diagram {index + 1}: {problem}")
            name = f"diagram-{scheme}-{path.strip('/').replace('/', '-')}-{index + 1}"
            diagram.screenshot(path=str(ARTIFACTS / "diagrams" / f"{name}.png"))
    recorder.assert_clean()
    page.context.close()
    assert problems == []


def test_the_checks_catch_a_label_outside_and_overlapping_nodes():
    diagram = {
        "box": [0, 0, 300, 200],
        "title": "t",
        "role": "img",
        "texts": 2,
        "textFill": "rgb(0, 0, 0)",
        "nodes": [
            {"shape": [0, 0, 100, 40], "labels": [["Pending", [10, 10, 120, 30]]]},
            {"shape": [50, 20, 150, 60], "labels": [["Running", [60, 30, 140, 50]]]},
        ],
    }
    assert problems_of(diagram) == [
        "label 'Pending' sticks out of its shape",
        "nodes 'Pending' and 'Running' overlap",
    ]
