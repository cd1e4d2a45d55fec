"""AWS Lambda's section of the price book: what the book lacks for it, and the AWS Price List rows that fill it.

The rows (offer AWSLambda; usage types without their region prefix) and where each goes: requests are priced per
1M requests in the book, per request in the files; free-tier rows are allowances, not prices.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.model.options.base import BookSection, PriceListRow
from desktop.model.pricing.coverage import ARCHITECTURES, tiered_missing

if TYPE_CHECKING:
    from desktop.model.pricing.book import PriceBook


def missing(book: PriceBook, region: str) -> list[str]:
    lam = book.regions[region].lambda_
    found = [] if lam.requests is not None else ["Lambda requests"]
    for arch in ARCHITECTURES:
        found += tiered_missing(f"Lambda {arch} duration", lam.duration.get(arch, []), "GB-seconds")
    if lam.ephemeral_storage is None:
        found.append("Lambda ephemeral storage")
    for arch in ARCHITECTURES:
        if arch not in lam.provisioned_concurrency:
            found.append(f"Lambda {arch} provisioned concurrency")
        if arch not in lam.provisioned_duration:
            found.append(f"Lambda {arch} duration on provisioned concurrency")
    found.append("Lambda durable execution charges")  # no source in the references gives them (durable functions)
    return found


def _row(usage: str, key: tuple[str, ...], units: str, path: tuple[str, ...] | None, unit: str = "GB-second",
         scale: int = 1, tiered: bool = False, allowance: bool = False) -> PriceListRow:
    return PriceListRow("AWSLambda", usage, key, units, path, unit if path else "", scale=scale, tiered=tiered,
                        allowance=allowance)


ROWS = (
    _row("Request", ("lambda", "requests", "x86_64"), "requests", ("lambda", "requests"), "1M requests",
         scale=1_000_000),
    # AWS lists Arm requests apart, at the same price; the book has one requests price for both.
    _row("Request-ARM", ("lambda", "requests", "arm64"), "requests", None),
    _row("Lambda-GB-Second", ("lambda", "duration", "x86_64"), "gb-seconds", ("lambda", "duration", "x86_64"),
         tiered=True),
    _row("Lambda-GB-Second-ARM", ("lambda", "duration", "arm64"), "gb-seconds", ("lambda", "duration", "arm64"),
         tiered=True),
    _row("Lambda-Provisioned-Concurrency", ("lambda", "provisioned_concurrency", "x86_64"), "gb-seconds",
         ("lambda", "provisioned_concurrency", "x86_64")),
    _row("Lambda-Provisioned-Concurrency-ARM", ("lambda", "provisioned_concurrency", "arm64"), "gb-seconds",
         ("lambda", "provisioned_concurrency", "arm64")),
    _row("Lambda-Provisioned-GB-Second", ("lambda", "provisioned_duration", "x86_64"), "gb-seconds",
         ("lambda", "provisioned_duration", "x86_64")),
    _row("Lambda-Provisioned-GB-Second-ARM", ("lambda", "provisioned_duration", "arm64"), "gb-seconds",
         ("lambda", "provisioned_duration", "arm64")),
    _row("Lambda-Storage-GB-Second", ("lambda", "ephemeral_storage", "x86_64"), "gb-seconds",
         ("lambda", "ephemeral_storage")),
    # The book has one ephemeral-storage price (the x86 one); an Arm row, where AWS lists one, is not used.
    _row("Lambda-Storage-GB-Second-ARM", ("lambda", "ephemeral_storage", "arm64"), "gb-seconds", None),
    # Free-tier allowances are one book-wide FreeTier with a single source for Lambda and API Gateway together;
    # the import reports them instead of mixing sources.
    _row("Global-Request", ("free", "lambda_requests"), "requests", None, allowance=True),
    _row("Global-Lambda-GB-Second", ("free", "lambda_gb_seconds"), "gb-seconds", None, allowance=True),
)

BOOK = BookSection("lambda", "Lambda", missing, rows=ROWS)
