"""The sheet's figures beside the monthly dollars: the estimated footprint (and the horizon of years)."""

from __future__ import annotations

import html

from desktop.model.advice.advise import Advice
from desktop.model.footprint.estimate import OptionFootprint, footprint
from desktop.model.footprint.words import short_text


def _esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def footprint_cells(advice: Advice) -> dict[str, str]:
    """Each option's estimated kgCO2e a month as a short phrase for its status cell, under its dollars (the sheet
    keeps its two pages: the method, its limits and what moving region changes are in the JSON and the window)."""
    found: dict[str, OptionFootprint] = footprint(advice.workload, advice.quote)
    return {option: f' <span class="small">&middot; {_esc(short_text(item))} a month</span>'
            for option, item in found.items()}
