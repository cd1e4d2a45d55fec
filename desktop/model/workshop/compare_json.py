"""The comparison as JSON: `computefit estimate WORKSHOP --json` prints it, File > Export JSON writes it."""

from __future__ import annotations

from typing import Any

from desktop.model.format import json_number
from desktop.model.workshop.compare import Comparison


def _pct(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def comparison_json(comparison: Comparison) -> dict[str, Any]:
    return {
        "kind": comparison.kind,
        "baseline": comparison.baseline_row.name,
        "baseline_index": comparison.baseline,
        "options": list(comparison.options),
        "scenarios": [{
            "name": row.name,
            "note": row.note,
            "baseline": row.is_baseline,
            "monthly_usd": {o: json_number(row.totals.get(o)) for o in comparison.options},
            "feasible": {o: row.feasible.get(o, False) for o in comparison.options},
            "left_out": {o: list(row.left_out.get(o, ())) for o in comparison.options if row.left_out.get(o)},
            "recommended": row.recommended,
            "recommended_monthly_usd": json_number(row.recommended_usd),
            "runner_up": row.runner_up,
            "margin_usd": json_number(row.margin_usd),
            "margin_pct": _pct(row.margin_pct),
            "change_usd": json_number(row.change_usd),
            "change_pct": _pct(row.change_pct),
            "differences": [{"field": d.path, "label": d.label, "baseline": d.before, "value": d.after}
                            for d in row.differences],
            "differences_text": row.differences_text,
            **({"commitment": dict(row.commitments)} if row.commitments else {}),
            "kgco2e_month": {o: None if kg is None else round(kg, 3) for o, kg in row.footprint_kg.items()},
            "horizon_months": row.horizon_months,
            "horizon_usd": {o: json_number(v) for o, v in row.horizon_usd.items()},
        } for row in comparison.rows],
        "portfolio_monthly_usd": json_number(comparison.portfolio_usd),
        "left_out_of_portfolio": list(comparison.unpriced) if comparison.kind == "parts" else [],
    }
