"""ECS Managed Instances' section of the price book: what the book lacks for it, and its AWS Price List rows."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.model.options.base import BookSection, PriceListRow
from desktop.model.options.ecs_managed.fees import RATE_FIELDS, fee_family

if TYPE_CHECKING:
    from desktop.model.pricing.book import PriceBook

RATE_NAMES = {"general": "general", "gpu": "G-family GPU", "accelerated": "P-family and Trainium"}


def missing(book: PriceBook, region: str) -> list[str]:
    """The fee levels the book lacks for the region's priced types (a fee published for a type covers it)."""
    section = book.regions[region].ecs_managed
    fees = section.management_fee if section else {}
    families = {fee_family(name) for name in book.regions[region].ec2.on_demand if name not in fees}
    return [f"ECS Managed Instances management fee rate ({RATE_NAMES[f]} types)" for f in RATE_FIELDS
            if f in families and (section is None or getattr(section, RATE_FIELDS[f]) is None)]


ROWS = (
    # Inferred, not seen: ECS Managed Instances fees per instance-hour, rows naming their instance type.
    PriceListRow("AmazonECS", "managedinstance", ("ecs_managed", "fee", "*"), "hours",
                 ("ecs_managed", "management_fee", "*"), "instance-hour", match="contains",
                 type_attribute="instancetype"),
)

BOOK = BookSection("ecs_managed", "ECS Managed Instances", missing,
                   {"management_fee": "management fee", "management_fee_rate": "management fee rate",
                    "management_fee_rate_gpu": "management fee rate (G-family GPU)",
                    "management_fee_rate_accelerated": "management fee rate (P-family and Trainium)"}, ROWS)
