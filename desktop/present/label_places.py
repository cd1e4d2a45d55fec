"""Where a chart's point labels go so that none covers another, the legend or other fixed text: near its point,
inside the plot (pixels, y down; shared by the window's charts, present mode included)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Box:
    left: float
    top: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.left + self.width

    @property
    def bottom(self) -> float:
        return self.top + self.height

    def overlaps(self, other: Box) -> bool:
        return (self.left < other.right and other.left < self.right
                and self.top < other.bottom and other.top < self.bottom)

    def inside(self, other: Box) -> bool:
        return (self.left >= other.left and self.right <= other.right
                and self.top >= other.top and self.bottom <= other.bottom)


def _corners(x: float, y: float, width: float, height: float, gap: float) -> Iterator[tuple[float, float]]:
    for step in range(12):
        rows = (y - gap - height - step * height, y + gap + step * height)
        for top in rows:
            for left in (x - width / 2, x + gap, x - gap - width):
                yield left, top


def candidates(x: float, y: float, width: float, height: float, gap: float) -> Iterator[Box]:
    """Boxes around the point (x, y), nearest first: just above or below it, centred, to its right or left, then
    a line further away each time."""
    for left, top in _corners(x, y, width, height, gap):
        yield Box(left, top, width, height)


def _first_free(x: float, y: float, width: float, height: float, gap: float, area: Box, taken: list[Box]
                ) -> Box | None:
    """The first candidate inside `area` and over none of `taken` (Box.inside and Box.overlaps on plain floats,
    made only as far as the first free one: a label placed on every edit)."""
    edges = [(t.left, t.top, t.right, t.bottom) for t in taken]
    area_left, area_top, area_right, area_bottom = area.left, area.top, area.right, area.bottom
    for left, top in _corners(x, y, width, height, gap):
        right, bottom = left + width, top + height
        if (left >= area_left and right <= area_right and top >= area_top and bottom <= area_bottom
                and not any(left < x1 and x0 < right and top < y1 and y0 < bottom for x0, y0, x1, y1 in edges)):
            return Box(left, top, width, height)
    return None


def place_labels(points: list[tuple[float, float]], sizes: list[tuple[float, float]], area: Box,
                 obstacles: list[Box], gap: float = 6.0) -> list[Box | None]:
    """A box for each point's label (in the order given): inside `area`, over no obstacle and no label placed
    before it; None when no such box is free (the chart then hides that label rather than cover another: its
    point stays, and hovering it names the break-even)."""
    placed: list[Box] = []
    found: list[Box | None] = []
    for (x, y), (width, height) in zip(points, sizes, strict=True):
        free = _first_free(x, y, width, height, gap, area, obstacles + placed)
        if free is not None:
            placed.append(free)
        found.append(free)
    return found
