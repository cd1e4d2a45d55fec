"""Which price-book prices a quote used: each line item traced back to its price, source and date.

Pure Python (no Qt): the sheet's "prices used" register and the CSV read it. Each priced line item carries
the price-book entry it was priced at (`LineItem.price`); the register finds that entry's place in the
region's prices (by identity) to name it. A price an option derived from the book (a sourced rate times a book
price, e.g. Lambda Managed Instances' 15% fee on an instance's EC2 price) is listed under its line item's label with
the rate's source; a line item whose price names no source of the book is listed as unmatched, never given an
invented source.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal

from desktop.model.options.base import BookSection
from desktop.model.options.registry import book_sections
from desktop.model.pricing.book import CONFIDENCE_LABELS, PriceBook
from desktop.model.pricing.price_paths import PricedPath, priced_paths
from desktop.model.pricing.quote import LineItem, Quote

DISCOUNT_GROUP = "discount"
SHARED_GROUP = "shared"  # the user's shared lines (desktop.model.options.common.shared_lines)
SHARED_SOURCE_TITLE = "The user's own price (a shared line of the workload)"
_SHARED_SECTIONS = {"fargate": "Fargate", "ec2": "EC2", "alb": "Application Load Balancer",
                    "alb_hour_only": "Application Load Balancer hour (no LCU price)", "api_gateway": "API Gateway",
                    "nat_gateway": "NAT gateway", "public_ipv4": "Public IPv4 address",
                    "cloudwatch_logs": "CloudWatch Logs", "data_transfer_out": "Data transfer out to the internet",
                    "data_transfer_inter_az": "Data transfer between AZs", "vpc_endpoint": "VPC interface endpoint",
                    "sqs": "Amazon SQS"}
_SHARED_PARTS = {
    "linux_x86_64": "Linux/x86_64", "linux_arm64": "Linux/arm64", "windows_x86_64": "Windows/x86_64",
    "vcpu": "vCPU", "os_license": "Windows OS licence", "lcu_hour": "LCU-hour", "http": "HTTP API",
    "rest": "REST API", "on_demand": "on demand", "x86_64": "x86_64", "arm64": "arm64",
    "gb_processed": "per GB processed", "ingestion_gb": "ingestion per GB", "storage_gb_month": "storage per GB-month",
    "reserved_1yr_no_upfront": "1-year reserved (no upfront)",
}


class _Names(Mapping[str, str]):
    """The shared sections' (or parts') names and those each registered option gives its own section, read when
    asked, so an option's section is named where the option declares it."""

    def __init__(self, shared: dict[str, str], own: Callable[[BookSection], Mapping[str, str]]) -> None:
        self._shared = shared
        self._own = own

    def _all(self) -> dict[str, str]:
        names = dict(self._shared)
        for section in book_sections():
            names.update(self._own(section))
        return names

    def __getitem__(self, key: str) -> str:
        return self._all()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())


SECTION_NAMES: Mapping[str, str] = _Names(_SHARED_SECTIONS, lambda section: {section.key: section.name})
PART_NAMES: Mapping[str, str] = _Names(_SHARED_PARTS, lambda section: section.parts)
BOUND_UNITS = {"GB-second": "GB-s", "1M requests": "requests", "GB": "GB"}


def price_name(found: PricedPath) -> str:
    """A price's name for a person: "Fargate Linux/x86_64 vCPU", "Lambda duration x86_64, tier 1 (up to ...)"."""
    if found.path[0] in ("derived", "shared"):  # derived from the book, or the user's line: named by its label
        return found.path[1]
    head = SECTION_NAMES.get(found.path[0], found.path[0])
    rest = [PART_NAMES.get(part, part.replace("_", " ")) for part in found.path[1:]]
    if found.path[0] == "ec2" and len(found.path) == 3 and found.path[1] == "on_demand":
        rest = [found.path[2], "on demand"]
    elif found.path[0] == "ec2" and found.path[1:] == ("ebs_gp3",):
        head, rest = "EBS", ["gp3 volume"]
    elif found.path[0] == "ec2" and found.path[1:] in (("ebs_gp3_iops",), ("ebs_gp3_throughput",)):
        head, rest = "EBS", ["gp3 IOPS above 3,000" if found.path[1].endswith("iops") else "gp3 MB/s above 125"]
    name = " ".join([head, *rest])
    if found.tier is not None and found.tiers > 1:
        unit = BOUND_UNITS.get(found.price.unit, found.price.unit)
        bound = "above the previous tiers" if found.up_to is None else f"up to {found.up_to:,.0f} {unit}"
        name += f", tier {found.tier} ({bound})"
    return name


@dataclass(frozen=True, slots=True)
class PriceUse:
    """A price the quote used, with where it came from."""

    name: str
    usd: Decimal
    unit: str
    source_id: str
    source_title: str
    source_date: str
    as_of: dt.date
    confidence: str
    options: tuple[str, ...]
    note: str = ""
    origin: str = "bundled"  # bundled, imported (AWS Price List, user book), overridden or yours (the user's own)

    @property
    def estimated(self) -> bool:
        return self.confidence == "C"

    @property
    def confidence_label(self) -> str:
        return CONFIDENCE_LABELS.get(self.confidence, self.confidence)


@dataclass(frozen=True, slots=True)
class PriceRegister:
    prices: tuple[PriceUse, ...]
    unmatched: tuple[tuple[str, str], ...]  # (option, line item label) no price matched


def match_price(item: LineItem, prices: list[PricedPath]) -> PricedPath | None:
    """The region price a line item was priced at, or None (discounts are assumptions, not prices)."""
    if item.group == DISCOUNT_GROUP or item.price is None:
        return None
    return next((p for p in prices if p.price is item.price), None)


def price_register(quote: Quote, book: PriceBook) -> PriceRegister:
    """The prices behind every line item of the quote, in order of first use, with their sources."""
    region = book.regions.get(quote.region)
    if region is None:
        return PriceRegister((), ())
    prices = priced_paths(region)
    used: dict[tuple[str, ...], tuple[PricedPath, list[str]]] = {}
    unmatched: list[tuple[str, str]] = []
    for option_id, option in quote.options.items():
        for item in option.line_items:
            if item.group == DISCOUNT_GROUP:
                continue
            found = match_price(item, prices)
            if found is None and item.price is not None and item.group == SHARED_GROUP:
                found = PricedPath(("shared", item.label), item.price)  # the user's own line, named by its label
            if found is None and item.price is not None and item.price.source in book.sources:
                found = PricedPath(("derived", item.label, str(item.price.usd)), item.price)  # named by its label
            if found is None:
                unmatched.append((option_id, item.label))
                continue
            key = (*found.path, str(found.tier or ""))
            entry = used.setdefault(key, (found, []))
            if option_id not in entry[1]:
                entry[1].append(option_id)
    rows = []
    for found, options in used.values():
        source = book.sources.get(found.price.source)
        rows.append(PriceUse(
            name=price_name(found), usd=found.price.usd,
            unit=found.price.unit, source_id=found.price.source,
            source_title=source.title if source else (
                SHARED_SOURCE_TITLE if found.path[0] == "shared" else "(source not in the price book)"),
            source_date=source.data_date if source else "", as_of=found.price.as_of,
            confidence=found.price.confidence, options=tuple(options), note=found.price.note,
            origin=found.price.origin))
    return PriceRegister(tuple(rows), tuple(unmatched))
