"""Read a rendered diagram back: which shapes hold which labels (for tests and browser checks)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"


def _classes(element: ET.Element) -> list[str]:
    return (element.get("class") or "").split()


def _label(element: ET.Element) -> str:
    texts = element.iter(f"{SVG}text")
    return " / ".join(
        " ".join("".join(span.itertext()) for span in text.iter(f"{SVG}tspan"))
        or "".join(text.itertext())
        for text in texts
    )


def node_shapes(svg: str) -> list[tuple[str, str]]:
    """``(shape, label)`` of every ``g.node`` in document order, e.g. ``("diamond", "Ready?")``.

    Multi-line labels are joined with spaces; shapes without a label give ``""``.
    """
    root = ET.fromstring(svg)
    found = []
    for group in root.iter(f"{SVG}g"):
        classes = _classes(group)
        if "node" in classes:
            kind = next((c[5:] for c in classes if c.startswith("node-")), "")
            found.append((kind, _label(group)))
    return found


def edge_labels(svg: str) -> list[str]:
    """The label of every ``g.edge`` that has one, in document order."""
    root = ET.fromstring(svg)
    return [
        _label(group)
        for group in root.iter(f"{SVG}g")
        if "edge" in _classes(group) and _label(group)
    ]
