"""Chart colours: Okabe-Ito (distinguishable with the common colour-vision deficiencies), light and dark.

Each option also has its own line style, so the curves stay apart in greyscale and on a washed-out projector.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette

# Okabe & Ito (2008), "Color Universal Design"
ORANGE = "#E69F00"
SKY_BLUE = "#56B4E9"
BLUISH_GREEN = "#009E73"
YELLOW = "#F0E442"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
REDDISH_PURPLE = "#CC79A7"

LINE_STYLES: dict[str, Qt.PenStyle] = {
    "lambda": Qt.PenStyle.SolidLine,
    "fargate": Qt.PenStyle.DashLine,
    "ec2": Qt.PenStyle.DashDotLine,
}
SYMBOLS: dict[str, str] = {"lambda": "o", "fargate": "s", "ec2": "t"}


@dataclass(frozen=True, slots=True)
class ChartColors:
    dark: bool
    background: str
    foreground: str
    grid_alpha: float
    options: dict[str, str]
    groups: dict[str, str]  # line-item group -> colour for the stacked breakdown
    load: str
    marker: str  # the current workload's vertical line
    break_even: str
    low: str  # tornado: cost at the low value
    high: str  # tornado: cost at the high value

    def option(self, option: str) -> QColor:
        return QColor(self.options.get(option, self.foreground))


def is_dark(palette: QPalette | None = None) -> bool:
    pal = palette or QGuiApplication.palette()
    return pal.color(QPalette.ColorRole.Window).lightness() < 128


def chart_colors(palette: QPalette | None = None) -> ChartColors:
    """Colours for the current application palette (light or dark)."""
    pal = palette or QGuiApplication.palette()
    dark = is_dark(pal)
    background = pal.color(QPalette.ColorRole.Base).name()
    foreground = pal.color(QPalette.ColorRole.Text).name()
    groups = {
        "compute": SKY_BLUE if dark else BLUE,
        "requests": ORANGE,
        "provisioned": REDDISH_PURPLE,
        "storage": BLUISH_GREEN,
        "front door": YELLOW if dark else "#B8A800",
        "discount": VERMILLION,
    }
    return ChartColors(
        dark=dark,
        background=background,
        foreground=foreground,
        grid_alpha=0.25 if dark else 0.18,
        options={"lambda": ORANGE, "fargate": SKY_BLUE if dark else BLUE, "ec2": BLUISH_GREEN},
        groups=groups,
        load="#BBBBBB" if dark else "#555555",
        marker=REDDISH_PURPLE,
        break_even=VERMILLION,
        low=SKY_BLUE if dark else BLUE,
        high=ORANGE if dark else VERMILLION,
    )


def group_color(colors: ChartColors, group: str) -> str:
    return colors.groups.get(group, colors.load)
