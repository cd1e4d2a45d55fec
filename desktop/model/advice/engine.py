"""The cost engine: (workload, price book) -> a quote of each option the workload compares, priced like for like.

Pure functions; money in Decimal. Assumptions (month length, discounts) travel in the workload. Each option's
arithmetic lives in its own module (desktop.model.options) and runs here exactly, at one volume, without numpy; the
charts run the very same code over many volumes (`desktop.model.advice.fast.fast_costs`, floats).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from desktop.model.options.base import ComputeOption
from desktop.model.options.common.calc import Array, ExactCalc, exact_arrays
from desktop.model.options.common.commitment import terms_of
from desktop.model.options.common.front_door import price_front_door
from desktop.model.options.common.network import price_network
from desktop.model.options.common.shared_lines import price_shared_lines
from desktop.model.options.registry import compared
from desktop.model.pricing.context import PricingContext
from desktop.model.pricing.quote import LineItem, OptionQuote, Quote, Reason, total_of

if TYPE_CHECKING:
    from desktop.model.pricing.book import PriceBook, RegionPrices
    from desktop.model.workload.spec import Workload

PRICING_RULE = "pricing.missing"


class UnknownRegionError(ValueError):
    pass


def hard_reasons(workload: Workload, option: ComputeOption) -> tuple[Reason, ...]:
    """Every hard limit the workload crosses for one option, in rule order."""
    found: list[Reason] = []
    for rule in option.hard_rules:
        text = rule.check(workload)
        if text is not None:
            found.append(Reason(rule.rule_id, text, rule.source))
    return tuple(found)


def region_prices(workload: Workload, book: PriceBook) -> RegionPrices:
    prices = book.regions.get(workload.region)
    if prices is None:
        raise UnknownRegionError(f"region: {workload.region!r} is not in the price book")
    return prices


def quote_option(ctx: PricingContext, option: ComputeOption, memo: dict[str, Array] | None = None,
                 xp: Any = None) -> OptionQuote:
    """One option, exactly, at the context's volume (`memo` shares the load arrays between options, made with the
    array functions `xp`: see calc.exact_arrays).

    A ruled-out option has no price: no total, no line items, no capacity; only the reasons it cannot run."""
    calc = ExactCalc(ctx, memo, xp)
    sizing = option.price(ctx, calc)
    own_missing = [m.text for m in calc.missing]  # the reason names what the option itself lacks
    price_front_door(ctx, calc, option)
    network_warnings = price_network(ctx, calc, option)
    price_shared_lines(ctx, calc, option)
    reasons = list(hard_reasons(ctx.workload, option))
    if sizing is not None and sizing.reason:
        reasons.append(Reason(f"{option.id}.fit", sizing.reason, "instance catalogue in the price book"))
    capacity = sizing.capacity if sizing is not None else None
    priced = capacity is not None and not calc.unpriced
    if not priced and not reasons:
        text = "; ".join(own_missing) if own_missing else "cannot be sized for this workload"
        reasons.append(Reason(PRICING_RULE, f"Cannot be priced: {text}", "price book"))
    if reasons:
        return OptionQuote(option=option.id, label=option.label, short_label=option.short_label, feasible=False,
                           monthly_usd=None, reasons=tuple(reasons))
    assert sizing is not None
    items: tuple[LineItem, ...] = tuple(calc.items)
    missing = tuple(calc.missing)
    return OptionQuote(
        option=option.id,
        label=option.label,
        short_label=option.short_label,
        feasible=True,
        monthly_usd=total_of(items),
        line_items=items,
        warnings=sizing.warnings + network_warnings + tuple(f"Not included: {m.text}" for m in missing),
        missing=missing,
        capacity=capacity,
        commitment=terms_of(ctx.workload, items, missing),
    )


def compute_quote(workload: Workload, book: PriceBook, units_per_month: int | None = None) -> Quote:
    """Price every option the workload compares (optionally at another monthly volume)."""
    prices = region_prices(workload, book)
    units = workload.units_per_month if units_per_month is None else units_per_month
    ctx = PricingContext(workload, book, prices, units)
    memo: dict[str, Array] = {}
    xp = exact_arrays()  # one for the whole quote: its options share the memo's arrays
    options = {option.id: quote_option(ctx, option, memo, xp) for option in compared(workload)}
    duration_s = workload.traffic.duration_ms / 1000.0
    rate = units / (workload.assumptions.month_hours * 3600.0)
    jobs = workload.is_jobs
    return Quote(
        workload_name=workload.name,
        region=workload.region,
        region_name=prices.name,
        price_book_date=book.effective_date,
        price_book_confidence=book.confidence_summary,
        month_hours=workload.assumptions.month_hours,
        units_per_month=units,
        unit_name="run" if jobs else "request",
        options=options,
        hourly_load=tuple(rate * w * (3600.0 if jobs else 1.0) for w in ctx.weights) if duration_s > 0 else (),
        load_unit="runs/hour" if jobs else "requests/s",
    )
