"""The footprint as JSON (the `footprint` object of `estimate --json`; docs/quote-format.md describes it)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from desktop.model.footprint.coefficients import GRID, LIMITS, Coefficient
from desktop.model.footprint.estimate import OptionFootprint, footprint
from desktop.model.pricing.quote import Quote

if TYPE_CHECKING:  # annotations only: the lean `estimate --json` advises on plain objects, without pydantic
    from desktop.model.workload.spec import Workload

METHOD = "Cloud Carbon Footprint (open method; coefficients of 2024-03-25)"


def _kg(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def coefficient_json(c: Coefficient) -> dict[str, Any]:
    return {"name": c.name, "value": c.value, "unit": c.unit, "source": c.source, "as_of": c.as_of.isoformat(),
            "grade": c.grade, **({"note": c.note} if c.note else {})}


def _option(found: OptionFootprint) -> dict[str, Any]:
    energy = found.energy
    return {"kg_co2e": _kg(found.kg), "operational_kg": _kg(found.operational_kg),
            "embodied_kg": _kg(energy.embodied_kg), "kwh": round(energy.kwh, 3) if energy.sized else None,
            "complete": found.complete, "left_out": list(found.missing), "estimated": energy.estimated,
            "basis": energy.basis}


def moving_region(found: OptionFootprint) -> dict[str, Any]:
    """What the same usage would emit in each region the method has a grid factor for, lowest first."""
    by_region = {region: found.in_region(region) for region in GRID}
    ranked = sorted(((kg, region) for region, kg in by_region.items() if kg is not None))
    return {"option": found.option, "kg_co2e_by_region": {region: _kg(kg) for kg, region in ranked},
            "lowest": None if not ranked else {"region": ranked[0][1], "kg_co2e": _kg(ranked[0][0])}}


def footprint_json(workload: Workload, quote: Quote, recommended: str | None) -> dict[str, Any]:
    found = footprint(workload, quote)
    used: dict[str, Coefficient] = {}
    for item in found.values():
        for c in item.energy.coefficients:
            used.setdefault(c.name, c)
    grid = GRID.get(quote.region)
    if grid is not None:
        used.setdefault(grid.name, grid)
    pick = found.get(recommended) if recommended is not None else None
    return {"method": METHOD, "unit": "kgCO2e a month", "region": quote.region,
            "options": {option: _option(item) for option, item in found.items()},
            "moving_region": None if pick is None or not pick.energy.sized else moving_region(pick),
            "coefficients": [coefficient_json(c) for c in used.values()], "limits": list(LIMITS)}
