"""Every price of a region with the path that names it, tiers numbered: what the sheet's price register, the
Prices dialog and `computefit prices list` show (each names the paths its own way)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TypeGuard

from desktop.model.pricing.book import Price, RegionPrices, SourcedRate, Tier
from desktop.model.pricing.walk import walk_prices


@dataclass(frozen=True, slots=True)
class PricedPath:
    """One price of a region with its path, e.g. ("fargate", "linux_x86_64", "vcpu")."""

    path: tuple[str, ...]
    price: Price
    tier: int | None = None  # 1-based band number of a tiered price
    tiers: int = 1
    up_to: Decimal | None = None

    @property
    def override_path(self) -> str:
        """The path as an override in the user book names it: "lambda/duration/arm64/2" is tier 2."""
        return "/".join(self.path) + (f"/{self.tier}" if self.tier is not None else "")


def _price_or_tiers(node: object) -> TypeGuard[Price | list[Tier]]:
    return isinstance(node, Price) or (isinstance(node, list) and bool(node)
                                       and all(isinstance(t, Tier) for t in node))


def priced_paths(region: RegionPrices) -> list[PricedPath]:
    """Every price of a region with its path (tiers numbered), in the book's order."""
    found: list[PricedPath] = []
    for where, node in walk_prices(region, _price_or_tiers):
        path = tuple(str(part) for part in where)
        if isinstance(node, Price):
            found.append(PricedPath(path, node))
        else:
            found.extend(PricedPath(path, tier.price, number, len(node), tier.up_to)
                         for number, tier in enumerate(node, start=1))
    return found


def _rate(node: object) -> TypeGuard[SourcedRate]:
    return isinstance(node, SourcedRate)


def rate_paths(region: RegionPrices) -> list[tuple[str, SourcedRate]]:
    """Every sourced rate of a region (a fee stated as a share of another price) with its override path, e.g.
    ("ecs_managed/management_fee_rate", the 12% rule): listed beside the prices and overridden like them."""
    return [("/".join(str(part) for part in where), rate) for where, rate in walk_prices(region, _rate)]
