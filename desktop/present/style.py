"""Colours, line styles and markers of the options and of the cost groups, on screen and on paper.

Okabe & Ito (2008), "Color Universal Design": distinguishable with the common colour-vision deficiencies.
Each option also has its own line style and marker, so curves stay apart in greyscale and on a washed-out
projector. Options are styled by their registry `style_key`; an option without a style of its own gets the
next free one, so a new option is always drawn, never dropped.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.model.options.registry import all_options

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


STYLES: dict[str, OptionStyle] = {
    "lambda": OptionStyle(ORANGE, ORANGE, "solid", "o", 0.0),
    "fargate": OptionStyle(BLUE, SKY_BLUE, "dash", "s", -0.2),
    "ec2": OptionStyle(BLUISH_GREEN, BLUISH_GREEN, "dashdot", "t", 0.2),
    "lambda_managed": OptionStyle(REDDISH_PURPLE, REDDISH_PURPLE, "dot", "d", -0.1),
    "ecs_managed": OptionStyle(VERMILLION, VERMILLION, "dashdotdot", "+", 0.1),
}
SPARE: tuple[OptionStyle, ...] = (
    OptionStyle(GREY, "#BBBBBB", "dot", "x", 0.3),
    OptionStyle(DARK_YELLOW, YELLOW, "dashdotdot", "d", -0.3),
)


def option_style(option_id: str) -> OptionStyle:
    """The style of a registered option (by its style key), or a spare one for an option without its own."""
    keys = {o.id: o.style_key for o in all_options()}
    key = keys.get(option_id, option_id)
    if key in STYLES:
        return STYLES[key]
    unstyled = [o for o in keys if keys[o] not in STYLES]
    index = unstyled.index(option_id) if option_id in unstyled else 0
    return SPARE[index % len(SPARE)]


def option_colour(option_id: str, dark: bool = False) -> str:
    return option_style(option_id).colour(dark)


@dataclass(frozen=True, slots=True)
class GroupStyle:
    group: str
    label: str
    light: str
    dark: str

    def colour(self, dark: bool = False) -> str:
        return self.dark if dark else self.light


# Line-item groups in the order the breakdown stacks them; discounts are drawn inside the bar.
GROUPS: tuple[GroupStyle, ...] = (
    GroupStyle("compute", "Compute", BLUE, SKY_BLUE),
    GroupStyle("requests", "Requests", ORANGE, ORANGE),
    GroupStyle("provisioned", "Provisioned concurrency", REDDISH_PURPLE, REDDISH_PURPLE),
    GroupStyle("storage", "Storage", BLUISH_GREEN, BLUISH_GREEN),
    GroupStyle("front door", "Front door", DARK_YELLOW, YELLOW),
    GroupStyle("network", "Network and logs", GREY, "#BBBBBB"),
    GroupStyle("discount", "Discounts", VERMILLION, VERMILLION),
)
_BY_GROUP = {g.group: g for g in GROUPS}
OTHER = GroupStyle("other", "Other", "#555555", "#BBBBBB")


def group_style(group: str) -> GroupStyle:
    return _BY_GROUP.get(group, GroupStyle(group, group.capitalize(), OTHER.light, OTHER.dark))
