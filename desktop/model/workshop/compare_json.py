"""The comparison as JSON: `computefit estimate WORKSHOP --json` prints it, File > Export JSON writes it.

Every total says whether it is whole: `complete` and `recommended_left_out` per scenario, `margin_kind` and
`change_kind` ("exact", "lower bound", "upper bound", "unknown" with no figure, "no total", "not compared" for the
parts of one system), `portfolio_complete` and `left_out_of_portfolio` (each part not held whole, and why). A ranged
scenario has `uncertainty`: its recommended option's P10 / P50 / P90 a month and how sure (`spread_json`)."""

from __future__ import annotations

from typing import Any

from desktop.model.advice.quote_json import commitment_json
from desktop.model.format import json_number
from desktop.model.workshop.compare import Comparison
from desktop.model.workshop.spreads import ScenarioSpread


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
            "complete": row.recommended_complete,
            "recommended_left_out": list(row.recommended_left_out),
            "runner_up": row.runner_up,
            "margin_usd": json_number(row.margin_usd),
            "margin_pct": _pct(row.margin_pct),
            "margin_kind": row.margin_kind,
            "change_usd": json_number(row.change_usd),
            "change_pct": _pct(row.change_pct),
            "change_kind": row.change_kind,
            "differences": [{"field": d.path, "label": d.label, "baseline": d.before, "value": d.after}
                            for d in row.differences],
            "differences_text": row.differences_text,
            **({"commitment": dict(row.commitments)} if row.commitments else {}),
            **({"commitment_terms": {o: commitment_json(t) for o, t in row.commitment_terms.items()}}
               if row.commitment_terms else {}),
            "kgco2e_month": {o: None if kg is None else round(kg, 3) for o, kg in row.footprint_kg.items()},
            "horizon_months": row.horizon_months,
            "horizon_usd": {o: json_number(v) for o, v in row.horizon_usd.items()},
            **({"uncertainty": spread_json(row.spread)} if row.spread is not None else {}),
        } for row in comparison.rows],
        "portfolio_monthly_usd": json_number(comparison.portfolio_usd),
        "portfolio_complete": comparison.portfolio_complete if comparison.kind == "parts" else None,
        "left_out_of_portfolio": _left_out_of_portfolio(comparison),
    }


def spread_json(found: ScenarioSpread) -> dict[str, Any]:
    """A ranged scenario's recommended option under its Monte Carlo: P10 / P50 / P90 a month and the share of
    samples in which it is the cheapest ("lower bound" when another option leaves out a price); `note` says why
    there is no band (the figures are then null)."""
    return {"option": found.option or None, "p10_usd": json_number(found.p10), "p50_usd": json_number(found.p50),
            "p90_usd": json_number(found.p90),
            "cheapest_share": None if found.cheapest_share is None else round(found.cheapest_share, 4),
            "cheapest_share_kind": found.share_kind if found.cheapest_share is not None else None,
            "samples": found.samples, "seed": found.seed, "note": found.not_estimated or None}


def _left_out_of_portfolio(comparison: Comparison) -> list[dict[str, Any]]:
    """Each part the portfolio total does not hold whole: with no feasible option (not in the sum at all), or
    whose recommended total leaves out a price (in the sum without it: the portfolio is then a lower bound)."""
    if comparison.kind != "parts":
        return []
    found: list[dict[str, Any]] = [{"scenario": name, "reason": "no feasible option", "left_out": []}
                                   for name in comparison.unpriced]
    found += [{"scenario": row.name, "reason": f"no {row.region} price in the book",
               "left_out": list(row.recommended_left_out)} for row in comparison.incomplete_parts]
    return found
