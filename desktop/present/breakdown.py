"""What each bar of the breakdown charts is made of, for the window and the sheet alike.

A bar's length is the option's total. Discounts (Savings Plans, Spot) are drawn inside it: they come off the cost
they apply to (compute first, then provisioned concurrency, then the other groups, in stacking order), so each
piece is drawn at its cost after discounts and a discounted piece is hatched. Nothing is drawn below zero.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.model.pricing.quote import LineItem, OptionQuote
from desktop.present.style import GROUPS

DISCOUNT = "discount"
STACK_ORDER = tuple(g.group for g in GROUPS if g.group != DISCOUNT)


@dataclass(frozen=True, slots=True)
class BarPiece:
    group: str
    item: LineItem
    length: float  # USD drawn: the line item less its share of the discounts
    discounted: bool  # a discount came off it (drawn hatched)

    @property
    def discount(self) -> float:
        return float(self.item.usd) - self.length


def discount_total(option: OptionQuote) -> float:
    return -sum(float(i.usd) for i in option.line_items if i.group == DISCOUNT or i.usd < 0)


def bar_pieces(option: OptionQuote) -> list[BarPiece]:
    """The option's positive line items in stacking order, each at its length after discounts (empty when the
    option has no price)."""
    if option.monthly_usd is None:
        return []
    positive = [i for i in option.line_items if i.usd > 0 and i.group != DISCOUNT]
    extra = sorted({i.group for i in positive} - set(STACK_ORDER))
    remaining = discount_total(option)
    pieces: list[BarPiece] = []
    for group in (*STACK_ORDER, *extra):
        items = [i for i in positive if i.group == group]
        gross = sum(float(i.usd) for i in items)
        if gross <= 0:
            continue
        taken = min(gross, max(remaining, 0.0))
        remaining -= taken
        factor = (gross - taken) / gross
        pieces.extend(BarPiece(group, i, float(i.usd) * factor, taken > 0) for i in items)
    return pieces
