"""The node shapes of flowcharts and state diagrams, one registry for the layout and the SVG
writer: how a shape is sized from its label, where edges may attach to it, and where its
label sits. :mod:`svg` draws each registered shape by the same name."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from kubenotes.diagrams.geometry import Box

PAD_X = 16.0
PAD_Y = 10.0
MIN_HEIGHT = 40.0
CYLINDER_RY = 7.0


def _none(*_: float | bool) -> float:
    return 0.0


@dataclass(frozen=True)
class Shape:
    """Geometry of one node shape.

    - ``size(tw, th)``: box size from the label block's size;
    - ``fixed``: a size that ignores the label; ``empty``: the size without a label;
    - ``spread(w, h, horizontal)``: how far from a side's middle edges may attach;
    - ``inset(w, offset, horizontal)``: distance from the box side to the drawn outline at
      ``offset`` from the side's middle (both in top-to-bottom space);
    - ``label_dy(box)``: how far below the box centre the label sits.
    """

    name: str
    size: Callable[[float, float], tuple[float, float]]
    wrap_em: float = 14.0
    fixed: tuple[float, float] | None = None
    empty: tuple[float, float] | None = None
    spread: Callable[[float, float, bool], float] = _none
    inset: Callable[[float, float, bool], float] = _none
    label_dy: Callable[[Box], float] = lambda box: 0.0


def _height(th: float) -> float:
    return max(th + 2 * PAD_Y, MIN_HEIGHT)


def _side(w: float, h: float, horizontal: bool) -> float:
    return max(w / 2 - 10, 0.0)


def _diamond(tw: float, th: float) -> tuple[float, float]:
    return max(2 * tw + 2 * PAD_Y, 60.0), max(2 * th + 2 * PAD_Y, 48.0)


def _circle(tw: float, th: float) -> tuple[float, float]:
    d = max(math.hypot(tw, th) + 2 * PAD_Y, MIN_HEIGHT)
    return d, d


def _stadium_spread(w: float, h: float, horizontal: bool) -> float:
    return w / 2 * 0.6 if horizontal else max(w / 2 - h / 2, 0.0)


def _stadium_inset(w: float, offset: float, horizontal: bool) -> float:
    if not horizontal:
        return 0.0
    r = w / 2
    return r - math.sqrt(max(r * r - offset * offset, 0.0))


def _cylinder_spread(w: float, h: float, horizontal: bool) -> float:
    return max(w / 2 - CYLINDER_RY - 4, 0.0) if horizontal else w / 2 * 0.7


def _cylinder_inset(w: float, offset: float, horizontal: bool) -> float:
    if horizontal:
        return 0.0
    rx = w / 2
    return CYLINDER_RY - CYLINDER_RY * math.sqrt(max(1 - (offset / rx) ** 2, 0.0))


def _hexagon_spread(w: float, h: float, horizontal: bool) -> float:
    return 0.0 if horizontal else max(w / 2 - h / 4 - 4, 0.0)


SHAPES: dict[str, Shape] = {
    shape.name: shape
    for shape in (
        Shape("rect", lambda tw, th: (tw + 2 * PAD_X, _height(th)), spread=_side),
        Shape("rounded", lambda tw, th: (tw + 2 * PAD_X, _height(th)), spread=_side),
        Shape(
            "stadium",
            lambda tw, th: (tw + _height(th) + PAD_X, _height(th)),
            spread=_stadium_spread,
            inset=_stadium_inset,
        ),
        Shape("diamond", _diamond, wrap_em=9.0, empty=(28.0, 28.0)),
        Shape("circle", _circle, wrap_em=9.0),
        Shape(
            "cylinder",
            lambda tw, th: (tw + 2 * PAD_X, _height(th) + 2 * CYLINDER_RY),
            spread=_cylinder_spread,
            inset=_cylinder_inset,
            label_dy=lambda box: CYLINDER_RY / 2,
        ),
        Shape("subroutine", lambda tw, th: (tw + 2 * PAD_X + 16, _height(th)), spread=_side),
        Shape(
            "hexagon",
            lambda tw, th: (tw + _height(th) / 2 + 2 * PAD_X, _height(th)),
            spread=_hexagon_spread,
        ),
        Shape("start", lambda tw, th: (18.0, 18.0), fixed=(18.0, 18.0)),
        Shape("end", lambda tw, th: (22.0, 22.0), fixed=(22.0, 22.0)),
        Shape("note", lambda tw, th: (tw + 2 * 12, th + 2 * 8), spread=_side),
    )
}
