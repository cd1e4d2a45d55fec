"""Lambda Managed Instances' section of the price book: what the book lacks for it, and its AWS Price List rows.

The management fee is stated as AWS's pricing page states it, a fraction of the EC2 on-demand price (a
SourcedRate); a per-instance-type hourly fee row, should the AWSLambda offer carry one, has no field in the book
(turning it into a fraction would derive a number no row gives), so the import reports it as waiting.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.model.options.base import BookSection, PriceListRow

if TYPE_CHECKING:
    from desktop.model.pricing.book import PriceBook


def missing(book: PriceBook, region: str) -> list[str]:
    section = book.regions[region].lambda_managed
    found = []
    if section is None or section.requests is None:
        found.append("Lambda Managed Instances requests")
    if section is None or section.management_fee is None:
        found.append("Lambda Managed Instances management fee")
    return found


ROWS = (
    PriceListRow("AWSLambda", "Lambda-Managed-Instances-Request", ("lambda_managed", "requests"), "requests",
                 ("lambda_managed", "requests"), "1M requests", scale=1_000_000),
    # Inferred, not seen: the sample has only the request row. A fee row would name its instance type.
    PriceListRow("AWSLambda", "Lambda-Managed-Instances", ("lambda_managed", "fee", "*"), "hours",
                 ("lambda_managed", "fee", "*"), "hour", match="prefix",
                 type_attribute="lambdamanagedinstancetype"),
)

BOOK = BookSection("lambda_managed", "Lambda Managed Instances", missing, {"management_fee": "management fee"},
                   ROWS)
