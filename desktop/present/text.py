"""Texts the window and the sheet share beyond plain numbers: a curve's legend, cost per unit, capacity, tooltips.

Money, counts, percentages and a total with what it leaves out are written by `desktop.model.format`."""

from __future__ import annotations

import html

from desktop.model.advice.types import Curves
from desktop.model.format import usd
from desktop.model.pricing.quote import OptionQuote


def curve_left_out(curves: Curves, option: str) -> str:
    """For a cost curve's legend: "(+ Application Load Balancer, no price)", "(+ 2 items with no price)", or ""."""
    names = curves.left_out.get(option, ())
    if not names:
        return ""
    return f"(+ {names[0]}, no price)" if len(names) == 1 and len(names[0]) <= 32 else \
        f"(+ {len(names)} item{'s' if len(names) > 1 else ''} with no price)"


def per_unit(option: OptionQuote, units: int, jobs: bool) -> str:
    """Monthly cost shown per million requests (or per run): a ratio of two quote figures ("-" without a price,
    "+ more" when the total leaves a price out)."""
    if option.monthly_usd is None:
        return "-"
    if units <= 0:
        return "n/a"
    more = " + more" if option.missing else ""
    if jobs:
        return usd(float(option.monthly_usd) / units, places=4) + more
    return usd(float(option.monthly_usd) * 1_000_000 / units) + more


def capacity(option: OptionQuote) -> str:
    """The option's capacity in one line (each option says it its own way)."""
    return option.capacity.summary() if option.capacity is not None else "n/a"


def capacity_lines(option: OptionQuote) -> list[str]:
    return option.capacity.details() if option.capacity is not None else []


def tooltip_html(lines: list[str]) -> str:
    """A tooltip forced to rich text with every line escaped (user text is data, never markup)."""
    return "<qt>" + "<br>".join(html.escape(line) for line in lines if line) + "</qt>"
