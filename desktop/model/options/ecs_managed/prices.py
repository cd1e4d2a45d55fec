"""ECS Managed Instances' section of the price book: what the book lacks for it, and its AWS Price List rows."""

from __future__ import annotations

from desktop.model.options.base import BookSection, PriceListRow
from desktop.model.pricing.book import PriceBook


def missing(book: PriceBook, region: str) -> list[str]:
    section = book.regions[region].ecs_managed
    fees = section.management_fee if section else {}
    without = [name for name in book.instance_types if name not in fees]
    if not without:
        return []
    return [f"ECS Managed Instances management fee for {len(without)} of the {len(book.instance_types)} "
            f"catalogued instance types"]


ROWS = (
    # Inferred, not seen: ECS Managed Instances fees per instance-hour, rows naming their instance type.
    PriceListRow("AmazonECS", "managedinstance", ("ecs_managed", "fee", "*"), "hours",
                 ("ecs_managed", "management_fee", "*"), "instance-hour", match="contains",
                 type_attribute="instancetype"),
)

BOOK = BookSection("ecs_managed", "ECS Managed Instances", missing, {"management_fee": "management fee"}, ROWS)
