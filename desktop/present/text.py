"""Texts the window and the sheet share beyond plain numbers: a curve's legend, cost per unit, capacity, tooltips.

Money, counts, percentages and a total with what it leaves out are written by `desktop.model.format`."""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path

from desktop.model.advice.types import Curves
from desktop.model.format import left_out_count, usd
from desktop.model.pricing.quote import OptionQuote


def curve_left_out(curves: Curves, option: str) -> str:
    """For a cost curve's legend: what the total at the workload's volume leaves out, counted as the table counts
    it, then what the curve leaves out only at other volumes: "(+ Application Load Balancer)",
    "(+ 2 not priced)", "(+ 2 not priced; + 1 more at other volumes)", "(+ 1 not priced at other volumes)", or ""."""
    here = curves.left_out_here.get(option, ())
    more = [n for n in curves.left_out.get(option, ()) if n not in here]
    if not here:
        return f"(+ {len(more)} not priced at other volumes)" if more else ""
    rest = f"; + {len(more)} more at other volumes" if more else ""
    return f"({left_out_count(here)}{rest})"


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


def file_names(paths: Sequence[Path], shown: int = 3) -> str:
    """The files a long job reads, for its progress dialog: "a.csv, b.csv, c.csv and 4 more"."""
    more = f" and {len(paths) - shown} more" if len(paths) > shown else ""
    return ", ".join(p.name for p in paths[:shown]) + more
