"""Amazon ECS on Amazon EC2: bin-pack tasks onto instances, pick the cheapest fitting type, price the hours
(the fleet itself is common/fleet.py, shared with ECS Managed Instances).

Sources: EC2 on-demand prices (shared reference aws-prices.md §3, aws-prices-regional.md §2);
ECS reserves host CPU and memory for the agent and OS (an editable reserve).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.model.options.base import ComputeOption, SavingsPlan, Sizing, Traits
from desktop.model.options.common.calc import Calc
from desktop.model.options.common.fleet import Fleet, price_fleet, size_fleet
from desktop.model.options.common.style import BLUISH_GREEN, OptionStyle

if TYPE_CHECKING:
    from desktop.model.pricing.context import PricingContext

ID = "ec2"


class Ec2Option(ComputeOption):
    def price(self, ctx: PricingContext, calc: Calc) -> Sizing | None:
        w = ctx.workload
        if w.container.os == "windows":
            calc.record_missing("EC2 Windows instances")
            return None
        wanted = w.ec2.instance_type
        fleet = size_fleet(ctx, calc, wanted, "ECS on EC2")
        if not isinstance(fleet, Fleet):
            return fleet
        return price_fleet(ctx, calc, fleet, wanted)


OPTION = Ec2Option(
    id=ID, label="Amazon ECS on Amazon EC2", short_label="ECS on EC2",
    front_door="alb", alb_gb_per_lcu=1.0,
    traits=Traits(kind="container", operations=3, control=3, spot=True,
                  operations_work="patching AMIs and scaling a cluster"),
    savings_plan=SavingsPlan("ec2_pct", "EC2"),
    style=OptionStyle(BLUISH_GREEN, BLUISH_GREEN, "dashdot", "t", 0.2),
)
