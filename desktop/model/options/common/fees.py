"""A fee AWS states as a share of another price (a SourcedRate), turned into a price per hour for one type."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.model.pricing.book import Confidence, Price, SourcedRate


CONFIDENCE_ORDER: tuple[Confidence, ...] = ("A", "B", "C")


def share_of(price: Price, rate: SourcedRate, name: str, unit: str = "hour") -> Price:
    """The fee per hour of `name`: the sourced fraction of its EC2 price, as sure as the less sure of the two; the
    user's own rate makes the fee the user's own (its origin), wherever it is shown."""
    confidence = max(price.confidence, rate.confidence, key=CONFIDENCE_ORDER.index)
    return type(price)(usd=price.usd * rate.fraction, unit=unit, source=rate.source, as_of=rate.as_of,
                 confidence=confidence, origin=rate.origin if rate.origin != "bundled" else price.origin,
                 note=f"{float(rate.fraction) * 100:g}% of {name}'s EC2 on-demand price (${price.usd}/hour): "
                      f"{rate.note}")
