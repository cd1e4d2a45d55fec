"""Money, numbers and capacity as the window and the sheet print them (one way each)."""

from __future__ import annotations

import html
from decimal import Decimal

from desktop.model.advice.types import Curves
from desktop.model.pricing.money import fmt_usd
from desktop.model.pricing.quote import OptionQuote, left_out_text, total_text


def usd(value: Decimal | float | None, estimated: bool = False) -> str:
    """"$1,234.56", "-$0.65", "~$12.00" for a total built on estimated prices, "n/a" for none."""
    if value is None:
        return "n/a"
    text = fmt_usd(value if isinstance(value, Decimal) else Decimal(repr(float(value))))
    return f"~{text}" if estimated else text


def total(option: OptionQuote) -> str:
    """An option's monthly total as every view prints it: "~$36.04 + Application Load Balancer (no eu-west-1 price
    in the book)" when the total leaves a price out, "-" when the option has no price (ruled out)."""
    if option.monthly_usd is None:
        return "-"
    return total_text(option, usd(option.monthly_usd, option.estimated))


def left_out(option: OptionQuote) -> str:
    """"+ Application Load Balancer (no eu-west-1 price in the book)", or "" for a whole total."""
    text = left_out_text(option)
    return f"+ {text}" if text else ""


def left_out_lines(option: OptionQuote, most: int = 3) -> list[str]:
    """What a total leaves out, one item a line ("+ Application Load Balancer"), then "(no eu-west-1 price)"."""
    names = option.left_out
    if not names:
        return []
    shown = [f"+ {n}" for n in names[:most]]
    if len(names) > most:
        shown.append(f"+ {len(names) - most} more")
    return [*shown, f"(no {option.missing[0].region} price in the book)"]


def left_out_cell(option: OptionQuote, width: int = 28) -> str:
    """For a narrow cell under the total: "+ Application Load Balancer" (one item that fits), "+ 2 not priced"."""
    names = option.left_out
    if not names:
        return ""
    if len(names) == 1 and len(names[0]) + 2 <= width:
        return f"+ {names[0]}"
    return f"+ {len(names)} not priced"


def left_out_short(option: OptionQuote) -> str:
    """For chart labels: "+ Application Load Balancer (no price)", "+ 2 items with no price", or ""."""
    names = option.left_out
    if not names:
        return ""
    return f"+ {names[0]} (no price)" if len(names) == 1 else f"+ {len(names)} items with no price"


def curve_left_out(curves: Curves, option: str) -> str:
    """For a cost curve's legend: "(+ Application Load Balancer, no price)", "(+ 2 items with no price)", or ""."""
    names = curves.left_out.get(option, ())
    if not names:
        return ""
    return f"(+ {names[0]}, no price)" if len(names) == 1 and len(names[0]) <= 32 else \
        f"(+ {len(names)} item{'s' if len(names) > 1 else ''} with no price)"


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
    """Monthly cost shown per million requests (or per run): a ratio of two quote figures ("-" without a price,
    "+ more" when the total leaves a price out)."""
    if option.monthly_usd is None:
        return "-"
    if units <= 0:
        return "n/a"
    more = " + more" if option.missing else ""
    if jobs:
        return f"${float(option.monthly_usd) / units:,.4f}{more}"
    return f"${float(option.monthly_usd) * 1_000_000 / units:,.2f}{more}"


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
