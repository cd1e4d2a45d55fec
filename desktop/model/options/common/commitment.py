"""Commitments as AWS sells them: the share of an option's on-demand usage a Savings Plan or Reserved Instances
cover, priced at the book's sourced rate for that usage, instance type, term and payment option.

Each option passes its eligible usage (the on-demand lines a plan may cover, never Spot, never a Windows licence,
never a Managed Instances fee) to `commit`. For the covered share the quote shows, as AWS's bill does, a credit of
that usage at its on-demand price and the committed charge at the sourced effective rate: "recurring" for no
upfront, "upfront, amortised" for all upfront (the whole charge is the upfront payment spread over the term), both
together for partial upfront (the book's rates are effective rates; the split is in the rate's note when sourced;
the upfront payment whole, for a horizon, takes the assumed split PARTIAL_UPFRONT_SHARE).

The rules (shared reference aws-commitments-carbon.md, §1 and §2.5):
- R4: an EC2 Instance Savings Plan's rate equals the Standard RI rate of the same type, term and payment; where the
  book has no Instance Savings Plan row the Standard RI row prices it (shown as estimated, grade C).
- R5: no commitment discounts a Windows licence share (the Fargate OS licence line is never covered).
- R6: Savings Plans cover Lambda duration and provisioned concurrency, never requests.
- R7: rates are per instance family (Compute Savings Plans discount older families far less): a type the book has
  no rate for is missing, never priced at another family's or another service's percentage.
- K1: Reserved Instances first, EC2 Instance Savings Plans next, Compute Savings Plans last; usage above the
  commitment is billed on demand. Only one plan is modelled at a time, so the order decides nothing here yet.
- The user's own discounts (EDP, private pricing) apply after commitments: they take a percentage off the
  committed rates as off the on-demand ones (desktop.model.pricing.user_book), i.e. off the post-commitment charge.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from desktop.model.options.common.calc import Amount, Array, Calc
from desktop.model.pricing.money import cents
from desktop.model.pricing.quote import CommitmentTerms
from desktop.model.schema.names import PAYMENT_NAMES, PLAN_NAMES, SECONDS_PER_UNIT, term_payment

if TYPE_CHECKING:
    from desktop.model.pricing.book import Price
    from desktop.model.pricing.context import PricingContext
    from desktop.model.workload.spec import Commitment, Workload

COMMITMENT_GROUP = "commitment"  # the committed charges; the credits are discounts ("discount")
# Partial upfront: the share of the term's commitment paid upfront. No source gives one split: AWS lets a Savings
# Plan buyer choose 50-99% (Savings Plans API reference, CreateSavingsPlan `upfrontPaymentAmount`), and the partial
# upfront Reserved Instance rows of the shared commitments reference split about half and half (m5.large 1-year
# 252 upfront + 0.029 $/h: 49.8%; c5.xlarge 1-year 1368 + 0.156 $/h: 50.0%). So half is ComputeFit's assumption
# (grade C), said wherever the upfront payment is shown; it moves when the money is paid, never the total.
PARTIAL_UPFRONT_SHARE = Decimal("0.5")
PARTIAL_UPFRONT_NOTE = ("half of the term's commitment paid upfront: ComputeFit's assumption (grade C); AWS lets "
                        "the buyer pay 50-99% upfront (CreateSavingsPlan API) and its partial upfront RI rows split "
                        "about half and half")
EC2_PLANS = ("ec2_instance_sp", "standard_ri", "convertible_ri")  # EC2 only (AWS Savings Plans User Guide)


def plan_of(w: Workload) -> Commitment | None:
    """The workload's commitment, or None when it keeps the flat Savings Plans percentages."""
    found = w.assumptions.commitment
    return None if found.plan == "none" else found


def plan_words(c: Commitment) -> str:
    """ "Compute Savings Plan, 3-year, all upfront" """
    return f"{PLAN_NAMES[c.plan]}, {c.term[0]}-year, {PAYMENT_NAMES[c.payment]}"


def covers(c: Commitment, service: str) -> bool:
    """Whether the plan can cover the service's usage at all: Compute SP covers Lambda, Fargate and EC2; the
    others EC2 only."""
    return c.plan == "compute_sp" or service == "ec2"


@dataclass(frozen=True, slots=True)
class Eligible:
    """On-demand usage a commitment may cover: its quantity in the on-demand price's unit, the on-demand price(s)
    and the committed rate(s) the book has (None = missing). With several prices, `chosen` picks one per volume
    (an EC2 fleet's instance type)."""

    label: str  # "vCPU", "Memory", "Duration", "EC2 instances (c7i.xlarge)"
    quantity: Amount
    unit: str  # the line's unit ("vCPU-second", "instance-hour")
    on_demand: Sequence[Price]
    committed: Sequence[Price | None]
    what: str  # how a missing rate is named: "Fargate memory (linux_x86_64)"
    chosen: Array | None = None
    on_demand_usd: Amount | None = None  # usage priced in tiers: its on-demand lines' total, credited pro rata


def ec2_rate(ctx: PricingContext, c: Commitment, instance_type: str) -> Price | None:
    """The book's effective hourly rate for an instance type under the plan; an EC2 Instance Savings Plan without
    its own row takes the Standard RI rate (rule R4), marked estimated."""
    section = ctx.prices.commitments
    if section is None:
        return None
    key = term_payment(c.term, c.payment)
    found: Price | None = getattr(section.ec2, c.plan).get(key, {}).get(instance_type)
    if found is None and c.plan == "ec2_instance_sp":
        ri = section.ec2.standard_ri.get(key, {}).get(instance_type)
        if ri is not None:
            note = "EC2 Instance Savings Plan rate = Standard RI rate (rule R4)"
            found = ri.model_copy(update={"confidence": "C", "note": f"{note}; {ri.note}" if ri.note else note})
    return found


def instances_eligible(ctx: PricingContext, calc: Calc, plan: Commitment, candidates: Sequence[tuple[str, Price]],
                       chosen: Array, hours: Amount, managed: bool) -> Eligible:
    """Instance-hours as usage a commitment covers, at the plan's rate for each candidate type (name, on-demand
    price). `managed`: a Managed Instances fleet, whose EC2 part a Compute Savings Plan covers (AWS's Lambda Managed
    Instances example); whether EC2 Instance Savings Plans or RIs cover it was not found, so their rate is
    missing."""
    unknown = managed and plan.plan != "compute_sp"
    rates = [None if unknown else ec2_rate(ctx, plan, name) for name, _ in candidates]
    name = candidates[int(chosen[0])][0] if calc.exact else "the chosen type"
    what = f"EC2 {name}" + (" in a Managed Instances fleet (whether the plan covers it was not found)"
                            if unknown else "")
    return Eligible(f"EC2 instances ({name})", hours, "instance-hour", [p for _, p in candidates], rates, what,
                    chosen)


def _convert(calc: Calc, quantity: Amount, on_demand: Price, committed: Price) -> Amount:
    """The quantity in the committed rate's unit (a per-second usage priced at a per-hour rate)."""
    if on_demand.unit == committed.unit:
        return quantity
    return quantity * calc.num(SECONDS_PER_UNIT[on_demand.unit] / SECONDS_PER_UNIT[committed.unit])


def _charge_words(c: Commitment) -> str:
    return {"no_upfront": "recurring", "all_upfront": "upfront, amortised",
            "partial_upfront": "recurring and upfront, amortised"}[c.payment]


def commit(calc: Calc, c: Commitment, share: Amount, items: Sequence[Eligible], shape: Array | None = None) -> None:
    """Credit the covered share (of `share`, the on-demand part) of each eligible usage at its on-demand price and
    charge it at the committed rate. `shape`: the eligible usage in each hour of the day (volumes, 24), for an
    hourly commitment in $."""
    if c.hourly_usd is not None:
        fraction = _hourly_fraction(calc, c, share, items, shape)
        if fraction is None:
            return
        covered_share = share * fraction
    else:
        covered_share = share * calc.num(c.covered_pct) / 100
    words = plan_words(c)
    for item in items:
        covered = item.quantity * covered_share
        share_words = f"{c.covered_pct:g}%" if c.hourly_usd is None else f"the ${c.hourly_usd:g}/h commitment's share"
        note = (f"{share_words} of the on-demand {item.label.lower()} (not Spot), credited at on-demand"
                if calc.exact else "")
        label = f"{PLAN_NAMES[c.plan]} covers {item.label}"
        if item.on_demand_usd is None:
            calc.credit(label, covered, item.unit, item.on_demand, item.chosen, note=note)
        else:
            calc.amount(label, -item.on_demand_usd * covered_share, note=note, group="discount")
        _charge(calc, c, words, item, covered)


def _committed_usd(calc: Calc, item: Eligible) -> Amount | None:
    """The committed rate per unit of the item's quantity (per volume in the fast calc), or None when missing."""
    rates = list(item.committed)
    if calc.exact or item.chosen is None:
        index = int(item.chosen[0]) if item.chosen is not None else 0
        rate = rates[index]
        if rate is None:
            return None
        return _convert(calc, calc.num(1), item.on_demand[index], rate) * calc.num(rate.usd)
    chosen = calc.xp.asarray(item.chosen)
    if any(rates[i] is None for i in set(chosen.tolist())):
        return None
    per_unit = calc.xp.array([0.0 if r is None else float(_convert(calc, 1.0, item.on_demand[i], r)) * float(r.usd)
                         for i, r in enumerate(rates)])
    return per_unit[chosen]


def _hourly_fraction(calc: Calc, c: Commitment, share: Amount, items: Sequence[Eligible],
                     shape: Array | None) -> Amount | None:
    """The share of the eligible usage an hourly commitment of $C covers, hour by hour of the day: in each hour
    the plan covers usage worth up to $C at its rates, the rest is on demand; the commitment not used in an hour
    is charged all the same (an "unused commitment" line). None when a rate is missing (recorded)."""
    words = plan_words(c)
    per_unit = [_committed_usd(calc, item) for item in items]
    if any(rate is None for rate in per_unit):
        for item, rate in zip(items, per_unit, strict=True):
            if rate is None:
                calc.record_missing(f"{words} rate for {item.what}", core=False)
        return None
    committed = sum((item.quantity * share * rate for item, rate in zip(items, per_unit, strict=True)),
                    calc.num(0))  # the month's eligible usage at the plan's rates
    xp = calc.xp
    weights = xp.ones((len(calc.volumes), 24)) if shape is None else xp.asarray(shape, dtype=float)
    totals = weights.sum(axis=1, keepdims=True)
    weights = xp.where(totals > 0, weights / xp.where(totals > 0, totals, 1.0), 1.0 / 24)
    month_hours = calc.num(calc.ctx.workload.assumptions.month_hours)
    cap = calc.num(c.hourly_usd or 0) * month_hours / 24  # the commitment over one hour of the day, all month
    if calc.exact:
        covered = sum((min(committed * calc.num(w), cap) for w in weights[0].tolist()), calc.num(0))
        fraction = covered / committed if committed > 0 else calc.num(0)
    else:
        covered = xp.sum(xp.minimum(xp.asarray(committed, dtype=float)[:, None] * weights, cap), axis=1)
        fraction = xp.where(committed > 0, covered / xp.where(committed > 0, committed, 1.0), 0.0)
    calc.amount(f"{words}: unused commitment", calc.maximum(calc.num(c.hourly_usd or 0) * month_hours - covered,
                                                             calc.num(0)),
                group=COMMITMENT_GROUP, note=f"${c.hourly_usd:g} an hour committed; the hours' usage at the plan's "
                "rates fell short of it" if calc.exact else "")
    return fraction


def _charge(calc: Calc, c: Commitment, words: str, item: Eligible, covered: Amount) -> None:
    """The committed charge of the covered usage, or the rate recorded as missing (never borrowed)."""
    what = f"{words} rate for {item.what}"
    label = f"{words}: {item.label}, {_charge_words(c)}"
    rates = list(item.committed)
    if calc.exact or item.chosen is None:
        index = int(item.chosen[0]) if item.chosen is not None else 0
        rate = rates[index]
        if rate is None:
            calc.record_missing(what, core=False, usage=((covered, item.unit),))
            return
        calc.line(label, _convert(calc, covered, item.on_demand[index], rate), rate.unit, rate, group=COMMITMENT_GROUP)
        return
    chosen = calc.xp.asarray(item.chosen)
    if any(rates[i] is None for i in set(chosen.tolist())):
        calc.record_missing(what, core=False)
    known = next((r for r in rates if r is not None), None)
    if known is None:
        return
    filled = [r if r is not None else known.model_copy(update={"usd": Decimal(0)}) for r in rates]
    calc.line_at(label, _convert(calc, covered, item.on_demand[0], known), known.unit, filled, chosen,
                 group=COMMITMENT_GROUP)


def terms_of(w: Workload, items: Sequence[Any], missing: Sequence[Any] = ()) -> CommitmentTerms | None:
    """The commitment behind an exact quote's line items (None without one). The upfront payment of an all
    upfront plan is its committed charge over the whole term (12 months a year at this month's usage); of a
    partial upfront plan, the assumed share of it (PARTIAL_UPFRONT_SHARE, said in the terms' note); unknown (None)
    when the book lacks one of the plan's rates."""
    c = plan_of(w)
    if c is None:
        return None
    lacking = any(m.what.startswith(plan_words(c)) for m in missing)
    charged = [i for i in items if i.group == COMMITMENT_GROUP]
    monthly = sum((i.usd for i in charged), Decimal(0))
    years = 1 if c.term == "1yr" else 3
    whole = cents(sum((i.quantity * i.unit_price_usd for i in charged), Decimal(0)) * 12 * years)
    upfront: Decimal | None = None if lacking and c.payment != "no_upfront" else {
        "no_upfront": Decimal(0), "all_upfront": whole,
        "partial_upfront": cents(whole * PARTIAL_UPFRONT_SHARE)}[c.payment]
    applies = any(i.label.startswith(f"{PLAN_NAMES[c.plan]} covers ") for i in items)
    note = PARTIAL_UPFRONT_NOTE if c.payment == "partial_upfront" else ""
    return CommitmentTerms(c.plan, c.term, c.payment, c.covered_pct, monthly, upfront, 1, plan_words(c), applies,
                           12 * years, note, lacking)


def apply_plan(calc: Calc, w: Workload, service: str, share: Amount,
               eligible: Callable[[Commitment], Sequence[Eligible]], shape: Array | None = None) -> str | None:
    """Price the workload's commitment on an option's eligible usage (`share` = its on-demand, non-Spot part).
    Returns a warning when the plan cannot cover this service (e.g. an EC2 Instance Savings Plan on Fargate).
    Call only when `plan_of(w)` is set; without a plan the option keeps its flat percentage."""
    c = plan_of(w)
    if c is None:
        return None
    if not covers(c, service):
        return f"{PLAN_NAMES[c.plan]} covers EC2 instances only: this option is priced on demand"
    commit(calc, c, share, eligible(c), shape)
    return None
