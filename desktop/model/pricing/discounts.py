"""Commitment and Spot discounts as explicit, negative line items (never hidden in a rate)."""

from __future__ import annotations

from decimal import Decimal

from desktop.model.advice.quote import LineItem
from desktop.model.pricing.money import ZERO, cents, dec


def savings_line(items: list[LineItem], pct: float, label: str, groups: tuple[str, ...]) -> LineItem | None:
    """A discount of `pct` percent on the line items of the given groups (None when 0%)."""
    if pct <= 0:
        return None
    base = sum((i.usd for i in items if i.group in groups), ZERO)
    if base <= 0:
        return None
    rate = dec(pct) / 100
    return LineItem(label, base, "USD of eligible usage", -rate, -cents(base * rate),
                    note=f"{pct:g}% off {', '.join(groups)} (an editable assumption)", group="discount")


def discount_line(base: Decimal, pct: float, label: str, note: str) -> LineItem | None:
    if pct <= 0 or base <= 0:
        return None
    rate = dec(pct) / 100
    return LineItem(label, base, "USD of eligible usage", -rate, -cents(base * rate), note=note, group="discount")
