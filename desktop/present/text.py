"""Money, numbers and capacity as the window and the sheet print them (one way each)."""

from __future__ import annotations

import html
from decimal import Decimal

from desktop.model.pricing.money import fmt_usd
from desktop.model.pricing.quote import OptionQuote


def usd(value: Decimal | float | None, estimated: bool = False) -> str:
    """"$1,234.56", "-$0.65", "~$12.00" for a total built on estimated prices, "n/a" for none."""
    if value is None:
        return "n/a"
    text = fmt_usd(value if isinstance(value, Decimal) else Decimal(repr(float(value))))
    return f"~{text}" if estimated else text


def usd_compact(value: float | None) -> str:
    """For chart read-outs: cents below $10,000, whole dollars above."""
    if value is None:
        return "n/a"
    if abs(value) >= 10_000:
        return f"{'-' if value < 0 else ''}${abs(value):,.0f}"
    return f"{'-' if value < 0 else ''}${abs(value):,.2f}"


def short_number(value: float) -> str:
    """1234 -> '1.23k', 30e6 -> '30M' (for axes and read-outs)."""
    size = abs(value)
    for limit, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k")):
        if size >= limit:
            return f"{value / limit:.3g}{suffix}"
    return f"{value:.3g}" if size < 1000 else f"{value:,.0f}"


def money_tick(value: float) -> str:
    """An axis tick: "$10k", "$1.5", "$0.01"."""
    return f"${short_number(value)}" if value >= 1 else f"${value:g}"


def per_unit(option: OptionQuote, units: int, jobs: bool) -> str:
    """Monthly cost shown per million requests (or per run): a ratio of two quote figures."""
    if option.monthly_usd is None or units <= 0:
        return "n/a"
    if jobs:
        return f"${float(option.monthly_usd) / units:,.4f}"
    return f"${float(option.monthly_usd) * 1_000_000 / units:,.2f}"


def capacity(option: OptionQuote) -> str:
    """The option's capacity in one line (each option says it its own way)."""
    return option.capacity.summary() if option.capacity is not None else "n/a"


def capacity_lines(option: OptionQuote) -> list[str]:
    return option.capacity.details() if option.capacity is not None else []


def percent(value: float | None, digits: int = 0) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}%"


def tooltip_html(lines: list[str]) -> str:
    """A tooltip forced to rich text with every line escaped (user text is data, never markup)."""
    return "<qt>" + "<br>".join(html.escape(line) for line in lines if line) + "</qt>"
