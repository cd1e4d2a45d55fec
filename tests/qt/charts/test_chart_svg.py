"""A chart saved as SVG draws its curves as lines in every renderer: no group scales a stroked shape, nothing
relies on vector-effect, and librsvg (when installed) renders thin lines, not solid blobs."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage

from desktop.qt.charts.chart_export import chart_svg
from desktop.qt.main_window import MainWindow


def _coloured_share(image: QImage) -> float:
    """The share of pixels in a saturated colour (the curves' Okabe-Ito colours, not grey, black or white)."""
    step = 3
    coloured = total = 0
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            colour = QColor(image.pixel(x, y))
            total += 1
            coloured += colour.hsvSaturation() > 90 and colour.value() > 60
    return coloured / total


def test_the_cost_curve_svg_needs_no_non_scaling_stroke(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.charts.setCurrentIndex(0)
    qtbot.waitUntil(lambda: window.current_chart().isVisible(), timeout=3000)
    svg = chart_svg(window.current_chart()).decode("utf-8")
    assert "<path" in svg and "Monthly cost" in svg
    assert "non-scaling-stroke" not in svg
    for matrix, body in re.findall(r'transform="matrix\(([^)]*)\)"[^>]*>(.*?)</g>', svg, re.DOTALL):
        a, b, c, d = (abs(float(v)) for v in matrix.split(",")[:4])
        if max(a, b, c, d) > 1.01 and re.search(r"<(path|polyline|polygon)\b", body):
            raise AssertionError(f"a stroked shape under a scaled group: matrix({matrix})")


@pytest.mark.skipif(shutil.which("rsvg-convert") is None, reason="librsvg's rsvg-convert is not installed")
def test_librsvg_renders_lines_not_blobs(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    chart = window.current_chart()
    qtbot.waitUntil(lambda: chart.isVisible(), timeout=3000)
    (tmp_path / "chart.svg").write_bytes(chart_svg(chart))
    subprocess.run(["rsvg-convert", "-b", "white", str(tmp_path / "chart.svg"), "-o", str(tmp_path / "chart.png")],
                   check=True, timeout=60)
    rendered = QImage(str(tmp_path / "chart.png"))
    on_screen = chart.grab().toImage()
    assert not rendered.isNull()
    share, expected = _coloured_share(rendered), _coloured_share(on_screen)
    assert share < 0.12, share  # the blobs covered about half the plot
    assert share == pytest.approx(expected, abs=0.04)  # about as much colour as the chart on screen
