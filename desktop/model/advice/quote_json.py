"""The quote as JSON: the `computefit estimate --json` object, also the GUI's and CLI's JSON export."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from desktop.model.advice.advise import Advice
from desktop.model.footprint.footprint_json import footprint_json
from desktop.model.format import json_number, total_text
from desktop.model.pricing.quote import CommitmentTerms, MissingPrice, OptionQuote, Quote

if TYPE_CHECKING:  # annotations only: the lean `estimate --json` advises on plain objects, without pydantic
    from desktop.model.pricing.book import PriceBook


def _capacity(option: OptionQuote) -> dict[str, Any] | None:
    return None if option.capacity is None else option.capacity.to_json()


def _missing(item: MissingPrice) -> dict[str, Any]:
    return {"item": item.what, "text": item.text,
            "usage": [{"quantity": float(quantity), "unit": unit} for quantity, unit in item.usage]}


def option_json(option: OptionQuote) -> dict[str, Any]:
    return {
        "feasible": option.feasible,
        "monthly_usd": None if option.monthly_usd is None else json_number(option.monthly_usd),
        "complete": option.complete,
        "total_text": total_text(option),
        "missing": [_missing(m) for m in option.missing],
        "reasons": [r.text for r in option.reasons],
        "warnings": list(option.warnings),
        "missing_prices": list(option.missing_prices),
        "estimated": option.estimated,
        "line_items": [
            {"label": i.label, "quantity": float(i.quantity), "unit": i.unit,
             "unit_price_usd": float(i.unit_price_usd), "usd": json_number(i.usd),
             **({"note": i.note} if i.note else {}), **({"estimated": True} if i.estimated else {})}
            for i in option.line_items
        ],
        "capacity": _capacity(option),
        **({"commitment": commitment_json(option.commitment)} if option.commitment is not None else {}),
    }


def commitment_json(terms: CommitmentTerms) -> dict[str, Any]:
    """The commitment the total assumes; the upfront payment whole and the month it is paid in (for a horizon):
    null when a rate of the plan is missing; for partial upfront the assumed split, said in `upfront_note`."""
    return {"plan": terms.plan, "term": terms.term, "payment": terms.payment, "covered_pct": terms.covered_pct,
            "applies": terms.applies, "text": terms.words, "committed_monthly_usd": json_number(terms.monthly_usd),
            "upfront_usd": None if terms.upfront_usd is None else json_number(terms.upfront_usd),
            "upfront_month": terms.upfront_month,
            **({"upfront_note": terms.upfront_note} if terms.upfront_note else {}),
            **({"rate_missing": True} if terms.rate_missing else {})}


def quote_json(quote: Quote, book: PriceBook) -> dict[str, Any]:
    return {
        "workload": quote.workload_name,
        "region": quote.region,
        "price_book": {"effective_date": book.effective_date.isoformat(), "title": book.title,
                       "confidence": book.confidence_summary, "schema_version": book.schema_version,
                       "prices_used": quote.price_confidence},
        "month_hours": quote.month_hours,
        "units_per_month": quote.units_per_month,
        "unit": quote.unit_name,
        "options": {name: option_json(option) for name, option in quote.options.items()},
    }


def advice_json(advice: Advice, book: PriceBook) -> dict[str, Any]:
    data = quote_json(advice.quote, book)
    rec = advice.recommendation
    hinge = advice.hinge
    data["recommendation"] = {
        "option": rec.option, "runner_up": rec.runner_up,
        "margin_usd": None if rec.margin_usd is None else json_number(rec.margin_usd),
        "margin_pct": rec.margin_pct, "margin_is": rec.margin_kind if rec.runner_up else None,
        "comparison_complete": rec.margin_kind == "exact", "left_out": {o: list(v) for o, v in rec.left_out.items()},
        "near_tie": rec.near_tie, "headline": advice.verdict,
        "depends_on": None if hinge is None else {
            "assumption": hinge.label, "field": hinge.path, "now": hinge.base_value, "flips_at": hinge.value,
            "then_recommended": hinge.winner, "text": hinge.text},
        "rationale": list(rec.rationale), "scores": rec.scores,
    }
    data["findings"] = [{"id": f.finding_id, "text": f.text, "severity": f.severity, "origin": f.origin,
                         "favours": list(f.favours), "against": list(f.against), "concern": f.concern}
                        for f in advice.findings]
    data["break_even"] = [{"between": [b.first, b.second], "volume": b.volume,
                           "monthly_usd": None if b.monthly_usd is None else json_number(b.monthly_usd),
                           "searched": [b.searched_from, b.searched_to], "text": b.text}
                          for b in advice.break_even]
    data["sensitivity"] = [{"assumption": s.label, "field": s.path, "base": s.base_value,
                            "low": s.low_value, "high": s.high_value,
                            "low_cost_usd": None if s.low_cost is None else json_number(s.low_cost),
                            "high_cost_usd": None if s.high_cost is None else json_number(s.high_cost),
                            "low_winner": s.low_winner, "high_winner": s.high_winner,
                            "impact_usd": json_number(s.impact_usd), "flips_winner": s.flips}
                           for s in advice.sensitivity]
    data["footprint"] = footprint_json(advice.workload, advice.quote, rec.option)
    if advice.workload.horizon is not None or advice.workload.ranges is not None:
        _horizon_and_uncertainty(advice, data)
    return data


def _horizon_and_uncertainty(advice: Advice, data: dict[str, Any]) -> None:
    """The horizon, its spread and the Monte Carlo, for a workload with a horizon or ranges (their modules, and
    numpy, are loaded only then)."""
    from desktop.model.advice.horizon_costs import horizon_json, horizon_of
    from desktop.model.advice.uncertainty import horizon_spread, horizon_spread_json, monte_carlo, uncertainty_json

    horizon = horizon_of(advice)
    if horizon is not None:  # only for a workload with a horizon: older files' output is unchanged
        data["horizon"] = horizon_json(horizon, advice)
        growth = horizon_spread(advice)
        if growth is not None:  # a ranged growth: the horizon's totals as a spread
            data["horizon"]["growth_spread"] = horizon_spread_json(growth)
    try:
        spread = monte_carlo(advice.workload, advice.book, advice.quote)
    except ValueError as error:  # a drawn value the schema refuses (one line, never a traceback)
        data["uncertainty"] = {"error": str(error)}
    else:
        if spread is not None:  # only for a workload with ranges
            data["uncertainty"] = uncertainty_json(spread)
