"""What every cost function receives: the workload, its region's prices and the derived load."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from desktop.model.pricing.book import FreeTier, InstanceType, Price, PriceBook, RegionPrices
from desktop.model.pricing.money import dec
from desktop.model.workload.load_shape import LoadShape
from desktop.model.workload.spec import Workload


@dataclass(frozen=True, slots=True)
class PricingContext:
    workload: Workload
    book: PriceBook
    prices: RegionPrices
    shape: LoadShape

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

    def over_month(self, per_hour_of_day_total: Decimal) -> Decimal:
        """A sum over the 24 hours of a day, repeated for the month (each hour occurs month_hours / 24 times)."""
        return per_hour_of_day_total * self.month_hours / 24

    def missing(self, what: str, *, core: bool = True) -> MissingPrice:
        """A price the book lacks; core ones leave the option unpriced, others are left out of the total."""
        text = f"no sourced price for {what} in {self.region} in the price book dated {self.book.effective_date}"
        return MissingPrice(text, core)


@dataclass(frozen=True, slots=True)
class MissingPrice:
    text: str
    core: bool = True


def is_estimated(*prices: Price | None) -> bool:
    return any(p is not None and p.estimated for p in prices)
