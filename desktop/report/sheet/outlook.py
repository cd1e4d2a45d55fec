"""The sheet's figures beside the monthly dollars: the estimated footprint (what moving region changes too) and
the horizon of years."""

from __future__ import annotations

import html

from desktop.model.advice.advise import Advice
from desktop.model.advice.horizon_costs import growth_text, horizon_of, horizon_text
from desktop.model.footprint.estimate import OptionFootprint, footprint
from desktop.model.footprint.words import short_text
from desktop.model.format import usd
from desktop.present.outlook import footprint_line, growth_spread_line, uncertainty_line


def _esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def footprint_cells(advice: Advice) -> dict[str, str]:
    """Each option's estimated kgCO2e a month as a short phrase for its status cell, under its dollars (the sheet
    keeps its two pages: the method, its limits and what moving region changes are in the JSON and the window)."""
    found: dict[str, OptionFootprint] = footprint(advice.workload, advice.quote)
    return {option: f' <span class="small">&middot; {_esc(short_text(item))} a month</span>'
            for option, item in found.items()}


def horizon_cells(advice: Advice) -> dict[str, str]:
    """With a horizon: each option's total over it, under its monthly dollars (nothing without one)."""
    found = horizon_of(advice)
    if found is None:
        return {}
    return {option: f'<br/><span class="small"><b>{_esc(usd(h.total, none="not priced every month"))}</b> over '
                    f"{found.months} months</span>" for option, h in found.options.items()}


def horizon_note(advice: Advice) -> str:
    """With a horizon or ranges: the totals over the horizon and what they include, and how sure the verdict is;
    then the recommended option's footprint and what moving the same usage to another region would emit."""
    found = horizon_of(advice)
    horizon = advice.workload.horizon
    lines = []
    if found is not None and horizon is not None:
        parts = ["growth: " + growth_text(horizon.growth.kind, horizon.growth.monthly_pct, horizon.growth.step_month,
                                          horizon.growth.step_factor)]
        if horizon.one_off:
            parts.append(f"{len(horizon.one_off)} one-off cost(s) in their month")
        if horizon.people.enabled:
            parts.append(f"people cost at {usd(horizon.people.rate_usd_per_hour)} an hour")
        lines.append(f"<b>{_esc(horizon_text(found))}.</b> {_esc('; '.join(parts))}.")
    for line in (growth_spread_line(advice), uncertainty_line(advice)):
        if line:
            lines.append(f"<b>{_esc(line)}</b>")
    moving = footprint_line(advice)  # the recommended option's footprint and what moving region changes
    if moving:
        lines.append(_esc(moving))
    return "".join(f'<p class="small">{line}</p>' for line in lines)
