"""Colours, line styles and markers of the options and of the cost groups, on screen and on paper.

Each option declares its own style in its folder (the Okabe & Ito palette and why: desktop/model/options/common/
style.py); an option without one gets the next free spare, so a new option is always drawn, never dropped.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.model.options.common.style import BLUE as BLUE
from desktop.model.options.common.style import BLUISH_GREEN as BLUISH_GREEN
from desktop.model.options.common.style import DARK_YELLOW as DARK_YELLOW
from desktop.model.options.common.style import GREY as GREY
from desktop.model.options.common.style import ORANGE as ORANGE
from desktop.model.options.common.style import REDDISH_PURPLE as REDDISH_PURPLE
from desktop.model.options.common.style import SKY_BLUE as SKY_BLUE
from desktop.model.options.common.style import VERMILLION as VERMILLION
from desktop.model.options.common.style import YELLOW as YELLOW
from desktop.model.options.common.style import OptionStyle as OptionStyle
from desktop.model.options.registry import all_options

SPARE: tuple[OptionStyle, ...] = (
    OptionStyle(GREY, "#BBBBBB", "dot", "x", 0.3),
    OptionStyle(DARK_YELLOW, YELLOW, "dashdotdot", "d", -0.3),
)


def option_style(option_id: str) -> OptionStyle:
    """The style a registered option declares, or a spare one for an option without its own."""
    styles = {o.id: o.style for o in all_options()}
    own = styles.get(option_id)
    if own is not None:
        return own
    unstyled = [o for o, style in styles.items() if style is None]
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
    GroupStyle("shared", "Your shared lines", "#6A3D9A", "#CAB2D6"),
    GroupStyle("discount", "Discounts", VERMILLION, VERMILLION),
)
_BY_GROUP = {g.group: g for g in GROUPS}
OTHER = GroupStyle("other", "Other", "#555555", "#BBBBBB")


def group_style(group: str) -> GroupStyle:
    return _BY_GROUP.get(group, GroupStyle(group, group.capitalize(), OTHER.light, OTHER.dark))
