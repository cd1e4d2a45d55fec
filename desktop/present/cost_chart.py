"""The cost chart's geometry, one for the window's interactive chart and the sheet.

Both axes are log10. `cost_axes` spans the volumes the curves were computed at and whole decades of cost around
every priced point (the sheet caps the decades it shows); `LogSpan` gives a span's decades and where a value falls
in it. `break_even_points` are the points the charts mark (options meeting at one point are marked once); the sheet
places each label where it overlaps no other (`free_label_box`). Qt-free: a box is (left, top, width, height) with
y growing downwards.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from desktop.model.advice.advise import BreakEven, Curves
from desktop.model.advice.breakeven import meeting_points
from desktop.model.format import short_number
from desktop.model.options.registry import short_label

PADDING = 0.02  # the window pads each axis by this share of its span on both sides (pyqtgraph's setRange padding)


@dataclass(frozen=True, slots=True)
class LogSpan:
    """A span of a log10 axis: `low` and `high` are exponents (2.0 is 100)."""

    low: float
    high: float

    def decades(self) -> range:
        """The whole decades within the span (their exponents), where grid lines and tick labels go."""
        return range(math.ceil(self.low), math.floor(self.high) + 1)

    def fraction(self, value: float) -> float:
        """Where a value (not its log) falls in the span, 0 at `low` and 1 at `high`; a value <= 0 sits at 0."""
        exponent = math.log10(value) if value > 0 else self.low
        return (exponent - self.low) / (self.high - self.low)


@dataclass(frozen=True, slots=True)
class CostAxes:
    volume: LogSpan
    cost: LogSpan


def cost_axes(curves: Curves, max_decades: int | None = None) -> CostAxes | None:
    """The volumes' own span and whole decades of cost around every priced point (at most `max_decades`, the
    top ones, when given); None when no option is priced at any volume."""
    volumes = [v for v in curves.volumes if v > 0]
    costs = [c for values in curves.costs.values() for c in values if c is not None and c > 0]
    if not volumes or not costs:
        return None
    low, high = math.floor(math.log10(min(costs))), math.ceil(math.log10(max(costs)) + 1e-9)
    if max_decades is not None:
        low = max(low, high - max_decades)
    return CostAxes(LogSpan(math.log10(min(volumes)), math.log10(max(volumes))), LogSpan(low, high))


def curve_runs(volumes: Sequence[float], costs: Sequence[float | None], *, zero_on_floor: bool = False
               ) -> list[list[tuple[float, float]]]:
    """An option's curve as unbroken runs of (volume, cost): a volume it cannot be priced at breaks it, and so does
    a zero cost, which a log axis cannot show, unless `zero_on_floor` (the sheet draws it on the axis's floor)."""
    runs: list[list[tuple[float, float]]] = []
    run: list[tuple[float, float]] = []
    for volume, cost in zip(volumes, costs, strict=False):
        if cost is None or volume <= 0 or (cost <= 0 and not zero_on_floor):
            if run:
                runs.append(run)
            run = []
        else:
            run.append((volume, cost))
    return [*runs, run] if run else runs


def break_even_points(break_even: Sequence[BreakEven], order: Sequence[str]) -> dict[tuple[int, float], list[str]]:
    """Each point to mark (volume, monthly cost > 0), once, with every option that meets there in `order`."""
    return {(volume, float(cost)): names for (volume, cost), names in meeting_points(break_even, order).items()
            if cost > 0}


def break_even_label(names: Sequence[str], volume: float) -> str:
    """"Lambda = Fargate at 19.1M"."""
    return f"{' = '.join(short_label(o) for o in names)} at {short_number(volume)}"


def current_label(volume: float) -> str:
    return f"this workload: {short_number(volume)}"


Box = tuple[float, float, float, float]  # left, top, width, height


def _inside(box: Box, area: Box) -> bool:
    return (box[0] >= area[0] and box[1] >= area[1] and box[0] + box[2] <= area[0] + area[2]
            and box[1] + box[3] <= area[1] + area[3])


def _overlap(a: Box, b: Box) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def free_label_box(anchor: tuple[float, float], width: float, height: float, area: Box, placed: Sequence[Box],
                   gap: float) -> Box:
    """A place for a marker's label inside `area` that overlaps no label placed before (or the least bad): beside
    the marker, right then left, nearest rows first."""
    x, y = anchor
    candidates: list[Box] = []
    for dy in (gap, -gap - height, gap + height, -gap - 2 * height, gap + 2 * height, -gap - 3 * height):
        for right in (True, False):
            candidates.append((x + gap if right else x - gap - width, y + dy, width, height))
    inside = [c for c in candidates if _inside(c, area)] or candidates
    return next((box for box in inside if not any(_overlap(box, other) for other in placed)), inside[0])
