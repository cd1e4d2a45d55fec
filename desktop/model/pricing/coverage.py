"""What the price book lacks, region by region, in the sections the options share (pure Python).

Each option's own section says what it lacks in its folder (`BookSection.missing`); the registry's
`missing_prices` lists both. A missing price is named, never filled from another region.
The names follow the engine's own "no sourced price for ..." wording where it has one (e.g. "Lambda ephemeral
storage", "Fargate Linux/arm64", "EC2 m5.large").

A tier list whose last tier has an upper bound ends there: the book has no price for the quantity above it,
so that is listed too (e.g. "API Gateway HTTP API above 300,000,000 requests a month").
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.model.pricing.book import FargateRates, PriceBook, Tier


ARCHITECTURES = ("x86_64", "arm64")
FARGATE_PLATFORMS = (("linux_x86_64", "Linux/x86_64"), ("linux_arm64", "Linux/arm64"),
                     ("windows_x86_64", "Windows/x86_64"))
SHARED_SERVICES = ("Fargate", "EC2", "EBS", "Application Load Balancer", "Network Load Balancer", "API Gateway",
                   "Amazon SQS", "NAT gateway", "public IPv4", "CloudWatch Logs", "data transfer out")


def priced_up_to(tiers: list[Tier]) -> Decimal | None:
    """The quantity above which a tier list has no price (None: priced without end, or nothing priced at all)."""
    return tiers[-1].up_to if tiers else None


def tiered_missing(what: str, tiers: list[Tier], per: str) -> list[str]:
    if not tiers:
        return [what]
    end = priced_up_to(tiers)
    return [] if end is None else [f"{what} above {end:,.0f} {per} a month"]


def _fargate(book: PriceBook, region: str) -> list[str]:
    fargate = book.regions[region].fargate
    found = []
    for field, name in FARGATE_PLATFORMS:
        rates: FargateRates | None = getattr(fargate, field)
        if rates is None:
            found.append(f"Fargate {name}")
        elif field.startswith("windows") and rates.os_license is None:
            found.append(f"Fargate {name} OS licence")
    if fargate.ephemeral_storage is None:
        found.append("Fargate ephemeral storage")
    return found


def _ec2(book: PriceBook, region: str) -> list[str]:
    ec2 = book.regions[region].ec2
    found = [f"EC2 {name}" for name in book.instance_types if name not in ec2.on_demand]
    found.append("EC2 Windows instances (the book holds Linux prices only)")
    if ec2.ebs_gp3 is None:
        found.append("EBS gp3 root volumes")
    return found


def _front_doors(book: PriceBook, region: str) -> list[str]:
    prices = book.regions[region]
    found = []
    if prices.alb is None:
        found.append("Application Load Balancer LCU-hour" if prices.alb_hour_only is not None
                     else "Application Load Balancer")
    api = prices.api_gateway
    found += tiered_missing("API Gateway HTTP API", api.http if api else [], "requests")
    found += tiered_missing("API Gateway REST API", api.rest if api else [], "requests")
    if prices.nlb is None:
        found.append("Network Load Balancer")
    found += tiered_missing("Amazon SQS requests", prices.sqs.standard_requests if prices.sqs else [], "requests")
    return found


def _forgotten_costs(book: PriceBook, region: str) -> list[str]:
    prices = book.regions[region]
    found = []
    nat = prices.nat_gateway
    if nat is None or nat.hour is None:
        found.append("NAT gateway hours")
    if nat is None or nat.gb_processed is None:
        found.append("NAT gateway data processed")
    if prices.public_ipv4 is None:
        found.append("public IPv4 addresses")
    logs = prices.cloudwatch_logs
    if logs is None or logs.ingestion_gb is None:
        found.append("CloudWatch Logs ingestion")
    if logs is None or logs.storage_gb_month is None:
        found.append("CloudWatch Logs storage")
    found += tiered_missing("CloudWatch Logs vended (Lambda) log ingestion", logs.vended_gb if logs else [], "GB")
    found += tiered_missing("data transfer out to the internet", prices.data_transfer_out, "GB")
    if book.free_tier.data_transfer_out is None:
        found.append("data transfer out free allowance")
    return found


def shared_missing(book: PriceBook, region: str) -> list[str]:
    """Every price the book lacks for `region` in the shared sections (KeyError for a region not in the book)."""
    if region not in book.regions:
        raise KeyError(region)
    return _fargate(book, region) + _ec2(book, region) + _front_doors(book, region) + _forgotten_costs(book, region)
