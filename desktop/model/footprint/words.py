"""The footprint in words, for the window, the sheet and the workshop (one place writes each sentence)."""

from __future__ import annotations

from desktop.model.footprint.coefficients import GRID
from desktop.model.footprint.estimate import OptionFootprint
from desktop.model.options.registry import label

NOT_ESTIMATED = "not estimated"


def kg_text(value: float | None) -> str:
    """"0.667 kgCO2e", "1,234 kgCO2e" (three significant figures at least; a missing figure is said so)."""
    if value is None:
        return NOT_ESTIMATED
    return f"{value:,.0f} kgCO2e" if value >= 1000 else f"{value:,.3g} kgCO2e"


def cell_text(found: OptionFootprint | None) -> str:
    """A table cell: "0.667 kgCO2e", "9.55 kgCO2e + left out: ..." or "not estimated (...)"."""
    if found is None:
        return "-"
    if found.kg is None:
        return f"{NOT_ESTIMATED} ({'; '.join(found.missing)})"
    rest = f" + left out: {'; '.join(found.missing)}" if found.missing else ""
    return kg_text(found.kg) + ("*" if found.energy.estimated else "") + rest


def short_text(found: OptionFootprint) -> str:
    """"0.667 kgCO2e", "9.55 kgCO2e + ?" (something left out), "kgCO2e not estimated"."""
    if found.kg is None:
        return "kgCO2e " + NOT_ESTIMATED
    return kg_text(found.kg) + ("*" if found.energy.estimated else "") + (" + ?" if found.missing else "")


def detail_lines(found: OptionFootprint) -> list[str]:
    """How the figure is made up (the tooltip and the sheet's note)."""
    energy = found.energy
    lines = [f"From {energy.basis}"]
    if energy.sized:
        lines.append(f"{energy.kwh:,.3g} kWh x {found.grid.value:g} kgCO2e/kWh ({found.region})"
                     if found.grid is not None else f"{energy.kwh:,.3g} kWh (no grid factor for {found.region})")
        embodied = energy.embodied_kg
        lines.append("no embodied emissions in the method for this service" if embodied == 0
                     else f"embodied: {kg_text(embodied)}")
    return lines


def lowest_region(found: OptionFootprint) -> tuple[str, float] | None:
    """The region where the same usage would emit least, and its kgCO2e a month (None: not estimated)."""
    ranked = sorted((kg, region) for region in GRID if (kg := found.in_region(region)) is not None)
    return None if not ranked else (ranked[0][1], ranked[0][0])


def moving_region_line(found: OptionFootprint) -> str:
    """What moving the same usage to the region of the lowest grid factor changes: "in sa-east-1 Fargate would
    emit 0.109 kgCO2e a month instead of 0.667 kgCO2e in us-east-1"."""
    if found.kg is None:
        return ""
    ranked = sorted((kg, region) for region in GRID if (kg := found.in_region(region)) is not None)
    low_kg, low = ranked[0]
    high_kg, high = ranked[-1]
    name = label(found.option)
    if low == found.region:
        return f"{found.region} has the method's lowest grid factor; {name} would emit {kg_text(high_kg)} in {high}."
    return f"in {low} {name} would emit {kg_text(low_kg)} a month instead of {kg_text(found.kg)} in {found.region}."
