"""What every option's cost code receives: the workload, its region's prices and the monthly volume."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from desktop.model.pricing.money import dec
from desktop.model.pricing.quote import MissingPrice
from desktop.model.workload.load_shape import hour_weights

if TYPE_CHECKING:
    from desktop.model.pricing.book import FreeTier, InstanceType, PriceBook, RegionPrices
    from desktop.model.workload.spec import Workload


@dataclass(frozen=True, slots=True)
class PricingContext:
    workload: Workload
    book: PriceBook
    prices: RegionPrices
    units: int  # the monthly volume priced (requests or runs)
    weights: tuple[float, ...] = field(default=())  # relative load per hour of the day, mean 1

    def __post_init__(self) -> None:
        if not self.weights:
            object.__setattr__(self, "weights", hour_weights(self.workload.traffic.daily_profile))

    @property
    def region(self) -> str:
        return self.workload.region

    @property
    def free_tier(self) -> FreeTier:
        return self.book.free_tier

    @property
    def instance_types(self) -> dict[str, InstanceType]:
        return self.book.instance_types

    @property
    def month_hours(self) -> Decimal:
        return dec(self.workload.assumptions.month_hours)

    def missing(self, what: str, *, core: bool = True, usage: tuple[tuple[Decimal, str], ...] = ()) -> MissingPrice:
        """A price the book lacks; core ones leave the option unpriced, others are left out of the total."""
        text = f"no sourced price for {what} in {self.region} in the price book dated {self.book.effective_date}"
        return MissingPrice(text, core, what, self.region, usage)
