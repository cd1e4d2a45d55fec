"""How an option is drawn, declared by the option itself: colours, line style, marker (plain data, no Qt).

Okabe & Ito (2008), "Color Universal Design": distinguishable with the common colour-vision deficiencies.
Each option also has its own line style and marker, so curves stay apart in greyscale and on a washed-out
projector. desktop/present/style.py gives an option without a style of its own a spare one.
"""

from __future__ import annotations

from dataclasses import dataclass

ORANGE = "#E69F00"
SKY_BLUE = "#56B4E9"
BLUISH_GREEN = "#009E73"
YELLOW = "#F0E442"
DARK_YELLOW = "#B8A800"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
REDDISH_PURPLE = "#CC79A7"
GREY = "#999999"


@dataclass(frozen=True, slots=True)
class OptionStyle:
    light: str  # colour on a light background (and on paper)
    dark: str  # colour on a dark background
    line: str  # "solid", "dash", "dashdot", "dot", "dashdotdot"
    symbol: str  # pyqtgraph marker names: o s t d + x
    shift: float  # hours to shift the hourly chart's markers by, so equal counts stay apart

    def colour(self, dark: bool = False) -> str:
        return self.dark if dark else self.light
