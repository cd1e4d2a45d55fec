"""The horizon priced: each option's monthly cost at each month's volume, by the engine the quote uses.

The month at today's volume is the quote's own exact total; other volumes are priced by the fast calc (the
curves' code) and rounded to the cent, so every month is a sum in cents and the horizon's total is their sum.
A commitment's upfront payment (the option quote's `commitment`) is placed whole in the first month of each term
and taken out of the months that hold it amortised.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from desktop.model.advice.fast import fast_costs
from desktop.model.advice.types import Advice
from desktop.model.format import json_number, usd
from desktop.model.horizon.plan import HorizonPlan, Payment, PriceAt, plan, volumes
from desktop.model.options.registry import short_label
from desktop.model.pricing.money import cents
from desktop.model.pricing.quote import OptionQuote

if TYPE_CHECKING:  # annotations only: the lean `estimate --json` runs without pydantic
    from desktop.model.workload.horizon import Horizon


def _price_at(advice: Advice) -> PriceAt:
    quote = advice.quote

    def price_at(volumes: Sequence[int]) -> dict[str, list[Decimal | None]]:
        others = sorted(set(volumes) - {quote.units_per_month})
        fast = fast_costs(advice.workload, advice.book, others) if others else {}
        found: dict[str, list[Decimal | None]] = {}
        for option_id, option in quote.options.items():
            if not option.feasible:
                continue
            by_volume: dict[int, Decimal | None] = {quote.units_per_month: option.monthly_usd}
            costs = fast.get(option_id)
            for volume, i in zip(others, range(len(others)), strict=True):
                value = None if costs is None else float(costs[i])
                by_volume[volume] = None if value is None or not math.isfinite(value) else cents(Decimal(repr(value)))
            found[option_id] = [by_volume[v] for v in volumes]
        return found

    return price_at


def upfront_payments(option: OptionQuote, months: int) -> tuple[tuple[Payment, ...], tuple[Decimal, ...]]:
    """A commitment's upfront payment whole in the first month of each term within `months`, and what each month's
    usage holds of it amortised (taken out of the month: the money is paid upfront, not again month by month).
    Over a whole term the amounts taken out add up to the upfront payment to the cent."""
    terms = option.commitment
    if terms is None or not terms.applies or not terms.upfront_usd or terms.upfront_usd <= 0:
        return (), ()
    whole, term = terms.upfront_usd, terms.term_months
    label = f"{terms.words}: paid upfront" + (" (half: assumed)" if terms.upfront_note else "")
    payments = tuple(Payment(month, whole, label) for month in range(terms.upfront_month, months + 1, term))
    spread = [cents(whole * k / term) - cents(whole * (k - 1) / term) for k in range(1, term + 1)]
    return payments, tuple(spread[(month - 1) % term] for month in range(1, months + 1))


def _less_amortised(price_at: PriceAt, amortised: dict[str, tuple[Decimal, ...]]) -> PriceAt:
    def priced(volumes: Sequence[int]) -> dict[str, list[Decimal | None]]:
        found = {o: list(v) for o, v in price_at(volumes).items()}
        for option, taken in amortised.items():
            values = found.get(option)
            if values is not None and taken:
                found[option] = [None if v is None else v - taken[i] for i, v in enumerate(values)]
        return found

    return priced


def horizon_of(advice: Advice) -> HorizonPlan | None:
    """The workload's horizon priced (None when the workload has none)."""
    horizon = advice.workload.horizon
    return None if horizon is None else horizon_plans(advice, [horizon])[0]


def horizon_plans(advice: Advice, horizons: Sequence[Horizon]) -> list[HorizonPlan]:
    """Several horizons of the same workload (e.g. drawn growths, all of one length) priced with one call of the
    engine for every volume any of them needs."""
    months = max((h.months for h in horizons), default=0)
    found = {o: upfront_payments(q, months) for o, q in advice.quote.options.items()}
    upfront = {o: payments for o, (payments, _taken) in found.items()}
    amortised = {o: taken for o, (_payments, taken) in found.items() if taken}
    wanted = sorted({v for h in horizons for v in volumes(h, advice.quote.units_per_month)})
    at = {o: dict(zip(wanted, values, strict=True)) for o, values in _price_at(advice)(wanted).items()}

    def price_at(vols: Sequence[int]) -> dict[str, list[Decimal | None]]:  # the months' volumes, in order
        return {o: [by_volume[v] for v in vols] for o, by_volume in at.items()}

    each_month = _less_amortised(price_at, amortised)
    return [plan(h, advice.quote.units_per_month, each_month, upfront) for h in horizons]


def growth_text(kind: str, monthly_pct: float, step_month: int, step_factor: float) -> str:
    """"none", "3% a month, compounding", "x20 from month 7"."""
    if kind == "compound":
        return f"{monthly_pct:g}% a month, compounding"
    if kind == "step":
        return f"x{step_factor:g} from month {step_month}"
    return "none"


def horizon_text(found: HorizonPlan) -> str:
    """"Over 36 months: Fargate $1,985.04, Lambda $3,208.68; Lambda is cheapest until month 13, then Fargate"."""
    totals = sorted(((h.total, o) for o, h in found.options.items() if h.total is not None), key=lambda t: t[0])
    parts = [f"{short_label(o)} {usd(t)}" for t, o in totals]
    unpriced = [short_label(o) for o, h in found.options.items() if h.total is None]
    text = f"Over {found.months} months: " + (", ".join(parts) if parts else "no option priced")
    if unpriced:
        text += f" ({', '.join(unpriced)} not priced in every month)"
    if found.leaders:
        first = found.leaders[0][1]
        changes = found.winner_changes
        text += (f"; {short_label(first)} is cheapest throughout" if not changes else
                 f"; {short_label(first)} is cheapest until month {changes[0][0] - 1}, then "
                 + ", then ".join(f"{short_label(to)} from month {m}" for m, _f, to in changes))
    return text


def horizon_json(found: HorizonPlan, advice: Advice) -> dict[str, Any]:
    horizon = advice.workload.horizon
    assert horizon is not None
    options: dict[str, Any] = {}
    for option, h in found.options.items():
        quote = advice.quote.options[option]
        options[option] = {
            "total_usd": json_number(h.total), "complete": quote.complete,
            "monthly_usd": [json_number(m) for m in h.months],
            "cumulative_usd": [json_number(c) for c in h.cumulative],
            "aws_usd": [json_number(u) for u in h.usage],
            "people_usd_per_month": json_number(h.people[0]) if h.people else 0,
            "people_hours_per_month": h.people_hours, "people_basis": h.people_basis,
            "payments": [{"month": p.month, "usd": json_number(p.usd), "label": p.label} for p in h.payments]}
    return {"months": found.months, "growth": horizon.growth.model_dump(mode="json"),
            "volumes": list(found.volumes), "options": options,
            "cheapest_so_far": [{"month": m, "option": o} for m, o in found.leaders],
            "winner_changes": [{"month": m, "from": a, "to": b} for m, a, b in found.winner_changes],
            "text": horizon_text(found)}
