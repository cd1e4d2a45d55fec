"""The prices of the price book as values: a price with its unit, source, date and confidence, a sourced rate,
a tier, and the unit checks a section's field declares (a per-hour rate read as per-second is 3600x off).

The lowest level of the model (pydantic only): the book's schema (desktop.model.pricing.book) and each option
folder's price-book section (desktop.model.options.<id>.sections) are built from these, so an option can declare its
section below every layer that reads it.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import AfterValidator, ConfigDict, Field

from desktop.model.schema.names import CONFIDENCE_LABELS as CONFIDENCE_LABELS
from desktop.model.schema.names import MAX_UNIT_PRICE_USD as MAX_UNIT_PRICE_USD
from desktop.model.schema.names import SECONDS_PER_UNIT as SECONDS_PER_UNIT
from desktop.model.schema.names import PriceValue
from desktop.model.strict_numbers import NoBoolNumbers

Confidence = Literal["A", "B", "C"]
# Where a price in the effective book comes from: the bundled book, a Price List file imported into the user
# book, the user's own price in place of the book's ("overridden"), or the user's own price typed where the book
# has none ("yours"). Set by desktop.model.pricing.user_book.effective_book; never written to files.
Origin = Literal["bundled", "imported", "overridden", "yours"]
USERS_OWN: tuple[str, ...] = ("overridden", "yours")  # the origins of the prices the user typed
Unit = Literal[
    "request", "1M requests", "GB-second", "vCPU-second", "vCPU-hour", "GB-hour", "hour", "LCU-hour",
    "GB-month", "GB", "address-hour", "instance-hour", "IOPS-month", "MBps-month", "month",
]



class Frozen(NoBoolNumbers):
    """A part of the price book: frozen, no unknown keys. The schemas are built when a book is first validated, not
    at import: the bundled book is usually built without validation (desktop.model.pricing.trusted), so most starts
    never need them."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class Price(Frozen, PriceValue):
    usd: Decimal = Field(..., ge=0, le=MAX_UNIT_PRICE_USD, allow_inf_nan=False)
    unit: Unit
    source: str = Field(..., description="key into PriceBook.sources")
    as_of: dt.date
    confidence: Confidence
    note: str = ""
    origin: Origin = "bundled"
    list_usd: Decimal | None = Field(None, ge=0, allow_inf_nan=False, description=(
        "the price before a user discount (set with the effective book; never written to files): a later "
        "discount, e.g. a workshop file's, replaces the first one and applies to this, once"))


def units(*allowed: str) -> AfterValidator:
    """Refuse a price in a unit the field is not priced in (a per-hour rate read as per-second is 3600x off)."""

    def check(price: Price) -> Price:
        if price.unit not in allowed:
            raise ValueError(f"unit must be {' or '.join(repr(u) for u in allowed)} here, got {price.unit!r}")
        return price

    return AfterValidator(check)


class SourcedRate(Frozen):
    """A charge AWS states as a fraction of another price (e.g. a 15% fee on the EC2 on-demand price).

    Not a Price: it has no USD amount of its own, so nothing that sums prices can mistake 0.15 for dollars.
    """

    fraction: Decimal = Field(..., ge=0, le=1, allow_inf_nan=False, description="0.15 = 15%")
    of: str = Field(..., min_length=1, description="the price the fraction applies to")
    source: str = Field(..., description="key into PriceBook.sources")
    as_of: dt.date
    confidence: Confidence
    note: str = ""
    origin: Origin = "bundled"

    @property
    def estimated(self) -> bool:
        return self.confidence == "C"


class Tier(Frozen):
    """One band of a tiered price: applies to the quantity above the previous tier up to `up_to`.

    A list whose last tier has a bound ends there: the book has no price for the quantity above it.
    """

    up_to: Annotated[Decimal, Field(gt=0, allow_inf_nan=False)] | None = Field(
        ..., description="upper bound of the band (None = no bound)")
    price: Price


def tiers(*allowed: str) -> AfterValidator:
    """Tier bounds must increase, only the last tier may be open-ended, and all tiers share a unit."""

    def check(tiers: list[Tier]) -> list[Tier]:
        previous = Decimal(0)
        for number, tier in enumerate(tiers, start=1):
            if tier.price.unit not in allowed:
                raise ValueError(f"tier {number}: unit must be {' or '.join(repr(u) for u in allowed)}, "
                                 f"got {tier.price.unit!r}")
            if tier.up_to is None:
                if number != len(tiers):
                    raise ValueError(f"tier {number} has no upper bound, so it must be the last tier")
                continue
            if tier.up_to <= previous:
                raise ValueError(f"tier bounds must increase: tier {number} ends at {tier.up_to}, "
                                 f"not above the previous bound {previous}")
            previous = tier.up_to
        return tiers

    return AfterValidator(check)


HourPrice = Annotated[Price, units("hour")]
GbPrice = Annotated[Price, units("GB")]
GbSecondPrice = Annotated[Price, units("GB-second")]
RequestTiers = Annotated[list[Tier], tiers("1M requests")]
GbSecondTiers = Annotated[list[Tier], tiers("GB-second")]
GbTiers = Annotated[list[Tier], tiers("GB")]
