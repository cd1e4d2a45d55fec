"""The cost engine: (workload, price book) -> a quote of the three options, priced like for like.

Pure functions; money in Decimal. Assumptions (month length, discounts) travel in the workload.
"""

from __future__ import annotations

from desktop.model.advice.quote import Capacity, LineItem, OptionQuote, Quote, Reason, total_of
from desktop.model.advice.rules import hard_reasons
from desktop.model.options.aws_lambda import lambda_cost
from desktop.model.options.ecs_ec2 import ec2_cost
from desktop.model.options.fargate import fargate_cost
from desktop.model.options.front_door import front_door_cost
from desktop.model.pricing.book import PriceBook
from desktop.model.pricing.context import MissingPrice, PricingContext
from desktop.model.workload.load_shape import load_shape
from desktop.model.workload.spec import Workload

PRICING_RULE = "pricing.missing"


class UnknownRegionError(ValueError):
    pass


def _option(ctx: PricingContext, option: str, items: list[LineItem], missing: list[MissingPrice],
            warnings: list[str], capacity: Capacity | None, extra_reason: str | None = None) -> OptionQuote:
    reasons = list(hard_reasons(ctx.workload, option))
    if extra_reason:
        reasons.append(Reason(f"{option}.fit", extra_reason, "instance catalogue in the price book"))
    door_items, door_missing = front_door_cost(ctx, option)
    priced = capacity is not None and not any(m.core for m in missing)
    if not priced and not reasons:
        text = "; ".join(m.text for m in missing) if missing else "cannot be sized for this workload"
        reasons.append(Reason(PRICING_RULE, f"Cannot be priced: {text}", "price book"))
    all_items = tuple(items + door_items) if priced else ()
    all_missing = tuple(m.text for m in missing + door_missing)
    return OptionQuote(
        option=option,  # type: ignore[arg-type]
        feasible=not reasons,
        monthly_usd=total_of(all_items) if priced else None,
        line_items=all_items,
        reasons=tuple(reasons),
        warnings=tuple(warnings) + tuple(f"Not included: {m}" for m in all_missing if priced),
        missing_prices=all_missing,
        capacity=capacity,
    )


def compute_quote(workload: Workload, book: PriceBook, units_per_month: int | None = None) -> Quote:
    """Price the three options for a workload (optionally at another monthly volume)."""
    prices = book.regions.get(workload.region)
    if prices is None:
        raise UnknownRegionError(f"region: {workload.region!r} is not in the price book")
    shape = load_shape(workload, units_per_month)
    ctx = PricingContext(workload, book, prices, shape)

    l_items, l_missing, l_warnings, l_capacity = lambda_cost(ctx)
    f_items, f_missing, f_warnings, f_capacity = fargate_cost(ctx)
    e_items, e_missing, e_warnings, e_capacity, e_reason = ec2_cost(ctx)
    options = {
        "lambda": _option(ctx, "lambda", l_items, l_missing, l_warnings, l_capacity),
        "fargate": _option(ctx, "fargate", f_items, f_missing, f_warnings, f_capacity),
        "ec2": _option(ctx, "ec2", e_items, e_missing, e_warnings, e_capacity, e_reason),
    }
    return Quote(
        workload_name=workload.name,
        region=workload.region,
        region_name=prices.name,
        price_book_date=book.effective_date,
        price_book_confidence=book.confidence_summary,
        month_hours=workload.assumptions.month_hours,
        units_per_month=shape.units_per_month,
        unit_name="run" if workload.is_jobs else "request",
        options=options,
    )
