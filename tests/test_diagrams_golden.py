"""Golden SVGs for every diagram type, and the drawing-quality rules checked on each of them.

Regenerate the expected files after an intended change with::

    KUBENOTES_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_diagrams_golden.py
"""

from __future__ import annotations

import difflib
import math
import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from kubenotes.diagrams.geometry import Box, path_data
from kubenotes.diagrams.inspect import edge_labels, node_shapes
from kubenotes.diagrams.layout import layout_graph
from kubenotes.diagrams.layout_sequence import layout_sequence
from kubenotes.diagrams.model import Graph
from kubenotes.diagrams.render import parse, render, render_for_page, render_uncached
from kubenotes.diagrams.svg import PAINTS, stylesheet
from kubenotes.diagrams.text import block_size

GOLDEN = Path(__file__).parent / "golden" / "diagrams"
DIAGRAMS_CSS = Path(__file__).parents[1] / "docs" / "zh" / "assets" / "stylesheets" / "diagrams.css"
PAINT_BLOCK = re.compile(r"(/\* paints:start \*/\n)(.*?)(\n/\* paints:end \*/)", re.S)
SOURCES = sorted(GOLDEN.glob("*.mmd"))
UPDATE = os.environ.get("KUBENOTES_UPDATE_GOLDEN") == "1"


def language(source: str) -> str:
    return "zh" if any(unicodedata.east_asian_width(c) == "W" for c in source) else "en"


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_golden_svg(source: Path):
    text = source.read_text(encoding="utf-8")
    actual = render_uncached(text, language(text)) + "\n"
    expected_path = source.with_suffix(".svg")
    if UPDATE or not expected_path.exists():
        expected_path.write_text(actual, encoding="utf-8")
        if not UPDATE:
            pytest.fail(f"{expected_path.name} was missing and has been written; check it in")
    expected = expected_path.read_text(encoding="utf-8")
    if actual != expected:
        diff = difflib.unified_diff(
            expected.splitlines(), actual.splitlines(), "expected", "actual", lineterm="", n=1
        )
        pytest.fail("SVG differs from the golden file:\n" + "\n".join(list(diff)[:60]))


def test_the_site_stylesheet_has_every_paint_of_the_svgs():
    css = DIAGRAMS_CSS.read_text(encoding="utf-8")
    block = PAINT_BLOCK.search(css)
    assert block, "diagrams.css lost its paints:start/paints:end markers"
    if UPDATE and block.group(2) != stylesheet():
        css = css[: block.start(2)] + stylesheet() + css[block.end(2) :]
        DIAGRAMS_CSS.write_text(css, encoding="utf-8")
        block = PAINT_BLOCK.search(css)
    assert block.group(2) == stylesheet()


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_a_page_diagram_is_the_standalone_one_without_its_style(source: Path):
    """The page leaves the paints to diagrams.css; nothing else differs, and no element keeps
    a style attribute of its own (the root's sizing only) or a paint the sheet lacks."""
    text = source.read_text(encoding="utf-8")
    page = render_for_page(text, language(text)).svg
    standalone = render_uncached(text, language(text))
    standalone = standalone.replace('<svg xmlns="http://www.w3.org/2000/svg"', "<svg", 1)
    standalone = standalone.replace("max-width:100%;height:auto;", "", 1)
    assert re.sub(r"\n<style>[^<]*</style>", "", standalone) == page
    assert page.count(" style=") == 1 and "<style" not in page
    used = set(re.findall(r'class="[^"]*?\b(d-[a-z-]+)"', page))
    assert used and used <= set(PAINTS)


def test_every_diagram_type_has_goldens():
    kinds = {p.stem.split("_")[0] for p in SOURCES}
    assert kinds == {"flowchart", "state", "sequence"}


# ---------------------------------------------------------------- drawing quality


def _graph_layouts():
    for source in SOURCES:
        model = parse(source.read_text(encoding="utf-8"))
        if isinstance(model, Graph):
            yield pytest.param(layout_graph(model), id=source.stem)


def _bezier_points(path: str) -> list[tuple[float, float]]:
    """Points along an SVG path made of M, L and C commands (every 1/16 of each curve)."""
    points: list[tuple[float, float]] = []
    for op, body in re.findall(r"([MLC])([^MLC]*)", path):
        coords = [tuple(map(float, pair.split(","))) for pair in body.split()]
        if op in "ML":
            if op == "L" and points:
                start = points[-1]
                points += [
                    (
                        start[0] + (coords[0][0] - start[0]) * t / 16,
                        start[1] + (coords[0][1] - start[1]) * t / 16,
                    )
                    for t in range(1, 17)
                ]
            else:
                points.append(coords[0])
            continue
        p0 = points[-1]
        p1, p2, p3 = coords
        for step in range(1, 17):
            t = step / 16
            a, b, c, d = (1 - t) ** 3, 3 * (1 - t) ** 2 * t, 3 * (1 - t) * t * t, t**3
            points.append(
                (
                    a * p0[0] + b * p1[0] + c * p2[0] + d * p3[0],
                    a * p0[1] + b * p1[1] + c * p2[1] + d * p3[1],
                )
            )
    return points


def _strictly_inside(point: tuple[float, float], box: Box, margin: float = 1.0) -> bool:
    x, y = point
    return (box.left + margin < x < box.right - margin) and (
        box.top + margin < y < box.bottom - margin
    )


@pytest.mark.parametrize("layout", list(_graph_layouts()))
def test_labels_fit_their_shapes(layout):
    for placed in layout.nodes:
        if not placed.lines:
            continue
        tw, th = block_size(placed.lines)
        box, shape = placed.box, placed.node.shape
        if shape == "diamond":
            assert tw / box.w + th / box.h <= 1.0, placed.node.id
        elif shape == "circle":
            assert math.hypot(tw, th) <= box.w, placed.node.id
        else:
            assert tw + 8 <= box.w and th + 4 <= box.h, placed.node.id


@pytest.mark.parametrize("layout", list(_graph_layouts()))
def test_nodes_and_edge_labels_never_overlap(layout):
    boxes = [(p.node.id, p.box) for p in layout.nodes]
    boxes += [(f"label {e.edge.label}", e.label_box) for e in layout.edges if e.label_box]
    for index, (name, box) in enumerate(boxes):
        for other, other_box in boxes[index + 1 :]:
            assert not box.overlaps(other_box), (name, other)


@pytest.mark.parametrize("layout", list(_graph_layouts()))
def test_edges_do_not_cut_through_nodes(layout):
    for placed in layout.edges:
        ends = {placed.edge.source, placed.edge.target}
        for point in _bezier_points(path_data(placed.path)):
            for node in layout.nodes:
                if node.node.id not in ends:
                    assert not _strictly_inside(point, node.box), (placed.edge, node.node.id)


@pytest.mark.parametrize("layout", list(_graph_layouts()))
def test_nodes_outside_a_cluster_stay_outside_its_box(layout):
    for cluster in layout.clusters:
        for node in layout.nodes:
            if node.node.id not in cluster.cluster.members:
                assert not cluster.box.overlaps(node.box), (cluster.cluster.id, node.node.id)


@pytest.mark.parametrize("layout", list(_graph_layouts()))
def test_cluster_boxes_do_not_overlap_each_other(layout):
    for index, cluster in enumerate(layout.clusters):
        for other in layout.clusters[index + 1 :]:
            assert not cluster.box.overlaps(other.box), (cluster.cluster.id, other.cluster.id)


@pytest.mark.parametrize(
    "source", [s for s in SOURCES if s.stem.startswith("sequence")], ids=lambda p: p.stem
)
def test_sequence_participants_and_notes_do_not_overlap(source):
    layout = layout_sequence(parse(source.read_text(encoding="utf-8")))
    boxes = [p.top for p in layout.participants] + [p.bottom for p in layout.participants]
    boxes += [n.box for n in layout.notes]
    for index, box in enumerate(boxes):
        for other in boxes[index + 1 :]:
            assert not box.overlaps(other)
    for note in layout.notes:
        tw, th = block_size(note.lines)
        assert tw <= note.box.w and th <= note.box.h


# ---------------------------------------------------------------- markup contract


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_markup_contract(source: Path):
    text = source.read_text(encoding="utf-8")
    svg = render(text, language(text))
    kind = source.stem.split("_")[0]
    assert svg.startswith(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="diagram diagram-{kind}" '
        'role="img" aria-label="'
    )
    assert re.search(r'viewBox="0 0 [\d.]+ [\d.]+" width="[\d.]+" height="[\d.]+"', svg)
    assert re.search(r"<title>[^<]+</title>", svg)
    assert '<g class="node node-' in svg and '<g class="edge edge-' in svg
    for banned in ("<script", "<foreignObject", "href=", "url(", " id="):
        assert banned not in svg


def test_labels_are_escaped_text():
    svg = render('flowchart TD\n  A["<script>alert(1)</script>"] --> B["a & b"]')
    assert "<script" not in svg
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in svg
    assert ">a &amp; b</text>" in svg


def test_accessible_name_in_the_page_language():
    zh = render("flowchart TD\n  A[调度器] --> B[节点]", "zh")
    en = render("flowchart TD\n  A[Scheduler] --> B[Node]", "en")
    titled = render("sequenceDiagram\n  title Pod creation\n  A->>B: x", "en")
    assert 'aria-label="流程图：调度器, 节点"' in zh
    assert 'aria-label="Flowchart: Scheduler, Node"' in en
    assert "<title>Pod creation</title>" in titled


def test_output_is_identical_across_processes():
    """Same source, same bytes: no dependence on hash seeds, dict order or timing."""
    script = (
        "import hashlib, pathlib, sys\n"
        "from kubenotes.diagrams.render import render\n"
        "for p in sorted(pathlib.Path(sys.argv[1]).glob('*.mmd')):\n"
        "    print(p.stem, hashlib.sha256(render(p.read_text()).encode()).hexdigest())\n"
    )
    runs = []
    for seed in ("1", "2"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        result = subprocess.run(
            [sys.executable, "-c", script, str(GOLDEN)],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        runs.append(result.stdout)
    assert runs[0] == runs[1]
    assert len(runs[0].splitlines()) == len(SOURCES)


def test_render_is_cached_by_content():
    source = "flowchart LR\n  cache_probe_a --> cache_probe_b"
    first = render(source)
    assert render(source) is first
    assert render(source + "\n") is not first


def test_node_shapes_reads_back_every_shape_and_label():
    svg = (GOLDEN / "flowchart_shapes.svg").read_text(encoding="utf-8")
    assert node_shapes(svg) == [
        ("rect", "rect"),
        ("rounded", "rounded"),
        ("stadium", "stadium"),
        ("diamond", "diamond?"),
        ("circle", "circle"),
        ("cylinder", "cylinder"),
        ("subroutine", "subroutine"),
        ("hexagon", "hexagon"),
    ]
    assert edge_labels(svg) == ["yes", "dotted", "thick", "no arrow", "long label text"]


def test_sequence_nodes_are_participants_twice_and_notes():
    svg = render("sequenceDiagram\n  actor U as User\n  U->>S: hi\n  Note over S: wait")
    assert node_shapes(svg) == [
        ("note", "wait"),
        ("actor", "User"),
        ("actor", "User"),
        ("participant", "S"),
        ("participant", "S"),
    ]
