"""The user's shared lines (workload `shared_lines`: a database, a cache...) on the options that carry them, priced
from the user's own quantity and unit price: each a line of the option's quote in the group "shared", its price
the user's own ("yours", source USER_SOURCE, the user's note, date and confidence), like for like on every option
it names (desktop.model.workload.shared_lines)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.model.options.base import ComputeOption
from desktop.model.options.common.calc import Calc

if TYPE_CHECKING:
    from desktop.model.pricing.book import Price
    from desktop.model.pricing.context import PricingContext
    from desktop.model.workload.shared_lines import SharedLine

GROUP = "shared"


def line_price(line: SharedLine) -> Price:
    """The line's unit price as a price of the user's own (its unit is the line's, which the book's prices may not
    use: built as it is, the workload having validated every value)."""
    from desktop.model.pricing.book import Price
    from desktop.model.pricing.user_book import USER_SOURCE  # the user book's models: only for a shared line

    return Price.model_construct(usd=line.unit_usd, unit=line.unit, source=USER_SOURCE, as_of=line.as_of,
                                 confidence=line.confidence, note=line.note or "the user's own price",
                                 origin="yours", list_usd=None)


def price_shared_lines(ctx: PricingContext, calc: Calc, option: ComputeOption) -> None:
    for line in ctx.workload.shared_lines or ():
        if line.applies_to(option.id):
            said = "every option" if line.options is None else ", ".join(line.options)
            calc.line(line.label, calc.num(line.quantity), line.unit, line_price(line), group=GROUP,
                      note=f"your shared line ({said}): {line.note}" if line.note else f"your shared line ({said})")
