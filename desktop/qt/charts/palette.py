"""Chart colours for the window: the shared styles of desktop.present.style, on the application's palette.

Light and dark follow the palette; each option also has its own line style and marker.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette

from desktop.present.style import BLUE, ORANGE, REDDISH_PURPLE, SKY_BLUE, VERMILLION, group_style, option_style

PEN_STYLES: dict[str, Qt.PenStyle] = {
    "solid": Qt.PenStyle.SolidLine,
    "dash": Qt.PenStyle.DashLine,
    "dashdot": Qt.PenStyle.DashDotLine,
    "dot": Qt.PenStyle.DotLine,
    "dashdotdot": Qt.PenStyle.DashDotDotLine,
}


def pen_style(option: str) -> Qt.PenStyle:
    return PEN_STYLES.get(option_style(option).line, Qt.PenStyle.SolidLine)


def symbol(option: str) -> str:
    return option_style(option).symbol


@dataclass(frozen=True, slots=True)
class ChartColors:
    dark: bool
    background: str
    foreground: str
    grid_alpha: float
    load: str
    marker: str  # the current workload's vertical line
    break_even: str
    low: str  # tornado: cost at the low value
    high: str  # tornado: cost at the high value

    def option(self, option: str) -> QColor:
        return QColor(option_style(option).colour(self.dark))

    def group(self, group: str) -> str:
        return group_style(group).colour(self.dark)


def is_dark(palette: QPalette | None = None) -> bool:
    pal = palette or QGuiApplication.palette()
    return pal.color(QPalette.ColorRole.Window).lightness() < 128


def chart_colors(palette: QPalette | None = None) -> ChartColors:
    """Colours for the current application palette (light or dark)."""
    pal = palette or QGuiApplication.palette()
    dark = is_dark(pal)
    return ChartColors(
        dark=dark,
        background=pal.color(QPalette.ColorRole.Base).name(),
        foreground=pal.color(QPalette.ColorRole.Text).name(),
        grid_alpha=0.25 if dark else 0.18,
        load="#BBBBBB" if dark else "#555555",
        marker=REDDISH_PURPLE,
        break_even=VERMILLION,
        low=SKY_BLUE if dark else BLUE,
        high=ORANGE if dark else VERMILLION,
    )
