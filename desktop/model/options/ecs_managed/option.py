"""Amazon ECS Managed Instances: ECS tasks on EC2 instances that AWS selects, patches and scales.

Price (shared reference aws-prices-more.md §8.2): the instances' EC2 price plus a management fee per instance-hour,
billed per second with a one-minute minimum; ECS itself has no charge. Tasks are packed onto instances exactly as
for ECS on EC2 (its fit, EBS root volumes, Spot and Savings Plan lines are reused, not copied); the instances are
counted hour by hour, so no instance is billed for less than a minute. AWS's fee table itself was not found; its
rule was (shared reference aws-prices-t3.md §1): 12% of the same region's EC2 on-demand price, 7.8% for G-family GPU
types and 4.8% for P-family and Trainium types since 2026-07-01. The book states these as sourced rates; a fee
published for a type wins over the rule. Where the book has neither, the total leaves the fee out and says
"management fee not in the price book".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from desktop.model.options.base import ComputeOption, HardRule, SavingsPlan, Signal, Sizing, SoftRule, Traits
from desktop.model.options.common.calc import Calc
from desktop.model.options.common.fees import share_of
from desktop.model.options.common.fleet import Ec2Capacity, Fleet, price_fleet, size_fleet
from desktop.model.options.common.hard_rules import no_windows
from desktop.model.options.common.style import VERMILLION, OptionStyle
from desktop.model.options.ecs_managed.fees import fee_family, fee_rate
from desktop.model.options.ecs_managed.prices import BOOK, RATE_NAMES
from desktop.model.pricing.quote import MissingPrice, Quote
from desktop.model.workload.problem import FieldProblem

if TYPE_CHECKING:
    from desktop.model.pricing.book import Price, PriceBook
    from desktop.model.pricing.context import PricingContext
    from desktop.model.workload.spec import Workload

ID = "ecs_managed"
NAME = "ECS Managed Instances"

DOCS = ("Amazon ECS Managed Instances: Linux containers only, any EC2 type including GPU (accelerators), ON_DEMAND "
        "or SPOT (docs.aws.amazon.com/AmazonECS/latest/developerguide/ManagedInstances.html)")
UNCONFIRMED = "aws-prices-more.md §8.2 (what the sources did not give)"


@dataclass(frozen=True, slots=True)
class EcsManagedCapacity(Ec2Capacity):
    fee_known: bool = False

    hourly_name = "ECS MI instances"

    def assumption(self) -> tuple[str, str] | None:
        how = "cheapest that fits, chosen automatically" if self.chosen_automatically else "as set"
        fee = "" if self.fee_known else "; its management fee is not in the price book"
        return f"{NAME} instance type", f"{self.instance_type} ({how}{fee})"

    def to_json(self) -> dict[str, Any]:
        return {**Ec2Capacity.to_json(self), "management_fee_in_book": self.fee_known}


def _fees(ctx: PricingContext) -> dict[str, Price]:
    section = ctx.prices.ecs_managed
    return {} if section is None else section.management_fee


def fee_price(ctx: PricingContext, name: str, ec2: Price | None) -> Price | None:
    """The fee per instance-hour of `name` in the region: a fee published for the type, else AWS's rule (a sourced
    share of the type's regional EC2 price); None where the book has neither."""
    section = ctx.prices.ecs_managed
    if section is None:
        return None
    if name in section.management_fee:
        return section.management_fee[name]
    rate = fee_rate(section, name)
    return None if rate is None or ec2 is None else share_of(ec2, rate, name, "instance-hour")


def _fee_missing(ctx: PricingContext, name: str, hours: Any = None) -> MissingPrice:
    """The fee the total leaves out, with the instance-hours it would be charged on (exact quote only)."""
    rate = f"management fee rate ({RATE_NAMES[fee_family(name)]} types)"  # as the coverage list names it
    return MissingPrice(f"management fee not in the price book: no sourced {NAME} {rate} for {name} in "
                        f"{ctx.region}", core=False,
                        what=f"ECS MI {rate}", region=ctx.region,  # `what` is short: table cells, charts
                        usage=((hours, "instance-hour"),) if hours is not None else ())


def _fee(ctx: PricingContext, calc: Calc, fleet: Fleet) -> None:
    """The fee per instance-hour of the chosen type, where the book has it; otherwise the total says it is left out."""
    prices = [fee_price(ctx, c[0], c[2]) for c in fleet.candidates]
    known = [p for p in prices if p is not None]
    label = "ECS Managed Instances management fee"
    note = "per instance-hour, billed per second (one-minute minimum)"
    if calc.exact:
        price = prices[int(fleet.chosen[0])]
        if price is None:
            calc.missing.append(_fee_missing(ctx, fleet.name, fleet.instance_hours))
        else:
            calc.line(label, fleet.instance_hours, "instance-hour", price, note=note)
        return
    if not known:
        calc.missing.append(_fee_missing(ctx, fleet.name))
        return
    has_fee = calc.xp.array([p is not None for p in prices])[fleet.chosen]
    calc.line_at(label, fleet.instance_hours * has_fee, "instance-hour", [p or known[0] for p in prices],
                 fleet.chosen)  # volumes whose type has no fee add nothing here
    if not has_fee.all():
        calc.missing.append(_fee_missing(ctx, "some of the types chosen"))


class EcsManagedOption(ComputeOption):
    def check(self, workload: Workload, book: PriceBook) -> list[FieldProblem]:
        wanted = workload.ecs_managed.instance_type
        if wanted == "auto" or wanted in book.instance_types:
            return []  # (before looking through every region's fees: the lean book builds a region when read)
        if any(r.ecs_managed and wanted in r.ecs_managed.management_fee for r in book.regions.values()):
            return []
        return [FieldProblem("ecs_managed.instance_type", f"{wanted!r} is not in the price book's instance catalogue "
                             f"(use \"auto\" or one of {len(book.instance_types)} known types)")]

    def price(self, ctx: PricingContext, calc: Calc) -> Sizing | None:
        w = ctx.workload
        if w.container.os == "windows":
            return None  # ruled out (Linux only): nothing to price
        wanted = w.ecs_managed.instance_type
        fleet = size_fleet(ctx, calc, wanted, NAME)
        if not isinstance(fleet, Fleet):
            fee = _fees(ctx).get(wanted)
            if fleet is None and fee is not None:  # the published example: a fee but no EC2 price or size
                return Sizing(reason=f"{NAME}: the book has AWS's published fee for {wanted} (${fee.usd} per "
                                     f"instance-hour, source {fee.source}) but no sourced {ctx.region} EC2 price "
                                     f"or size for it: the fleet cannot be priced")
            return fleet
        chosen = fleet.candidates[int(fleet.chosen[0])]
        return price_fleet(ctx, calc, fleet, wanted, EcsManagedCapacity, fee=_fee,
                           extra=lambda: {"fee_known": fee_price(ctx, chosen[0], chosen[2]) is not None})


# --- hard limits and findings ------------------------------------------------------------------------------
def _unconfirmed(w: Workload, q: Quote) -> Signal | None:
    if ID not in q.options or not q.options[ID].feasible:
        return None
    gaps = []
    if w.requirements.privileged:
        gaps.append("privileged mode, host devices or kernel tuning")
    if w.requirements.daemon_per_host:
        gaps.append("an agent on every host (DAEMON)")
    if not gaps:
        return None
    return Signal(f"Unconfirmed for {NAME}: the work needs {' and '.join(gaps)}, and whether {NAME} allow it was "
                  "not found in the sources: check before choosing them", "warning", against=(ID,))


OPTION = EcsManagedOption(
    id=ID, label=f"Amazon {NAME}", short_label="ECS MI",
    front_door="alb", alb_gb_per_lcu=1.0,
    traits=Traits(kind="container", operations=2, control=2, spot=True),
    savings_plan=SavingsPlan("ec2_pct", "EC2"),
    hard_rules=(HardRule("ecs_managed.windows", DOCS, no_windows(NAME, f"{NAME} run Linux containers only")),),
    soft_rules=(SoftRule(88, "ecs_managed.unconfirmed", "requirements.privileged", "flexibility", UNCONFIRMED,
                         _unconfirmed),),
    compared_by_default=False, settings="ecs_managed",
    style=OptionStyle(VERMILLION, VERMILLION, "dashdotdot", "+", 0.1), book=BOOK,
)
