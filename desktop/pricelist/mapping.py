"""From neutral records to the price book's JSON: one small table per offer.

Each table maps a record key to where the price goes in a region of the book (a path of the book's JSON, "*" =
the key's last part, e.g. the instance type), the book's unit for it and the factor from AWS's unit to the
book's (requests are priced per 1M requests in the book, per request in the files).

A target is written only when the book's schema has that field and accepts that unit (`schema_accepts`), so a
table can name fields the schema does not have yet: they are reported as waiting, and start being written as
soon as the schema has them (adjust the path if the schema names them differently). `None` = parsed but not
written by design (the reason is beside it).
"""

from __future__ import annotations

import types
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel

from desktop.model.pricing.book import Price, RegionPrices, Tier, Unit
from desktop.pricelist.records import OfferHeader, PriceRecord

MILLION = Decimal(1_000_000)
ONE = Decimal(1)


@dataclass(frozen=True, slots=True)
class Target:
    path: tuple[str, ...]  # inside a region's JSON; "*" = the record key's last part
    unit: str  # the book's unit
    scale: Decimal = ONE  # book price = AWS price x scale
    tiered: bool = False  # a list of tiers (bounds in AWS's quantity, unscaled)

    def resolve(self, key: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(key[-1] if part == "*" else part for part in self.path)


def _t(*path: str, unit: str, scale: Decimal = ONE, tiered: bool = False) -> Target:
    return Target(path, unit, scale, tiered)


Table = dict[tuple[str, ...], Target | None]

LAMBDA: Table = {
    ("lambda", "requests", "x86_64"): _t("lambda", "requests", unit="1M requests", scale=MILLION),
    # AWS lists Arm requests apart, at the same price; the book has one requests price for both.
    ("lambda", "requests", "arm64"): None,
    ("lambda", "duration", "x86_64"): _t("lambda", "duration", "x86_64", unit="GB-second", tiered=True),
    ("lambda", "duration", "arm64"): _t("lambda", "duration", "arm64", unit="GB-second", tiered=True),
    ("lambda", "provisioned_concurrency", "x86_64"): _t("lambda", "provisioned_concurrency", "x86_64",
                                                        unit="GB-second"),
    ("lambda", "provisioned_concurrency", "arm64"): _t("lambda", "provisioned_concurrency", "arm64",
                                                       unit="GB-second"),
    ("lambda", "provisioned_duration", "x86_64"): _t("lambda", "provisioned_duration", "x86_64", unit="GB-second"),
    ("lambda", "provisioned_duration", "arm64"): _t("lambda", "provisioned_duration", "arm64", unit="GB-second"),
    ("lambda", "ephemeral_storage", "x86_64"): _t("lambda", "ephemeral_storage", unit="GB-second"),
    # The book has one ephemeral-storage price (the x86 one); an Arm row, where AWS lists one, is not used.
    ("lambda", "ephemeral_storage", "arm64"): None,
    # Waiting for the schema (Lambda Managed Instances, issue 15):
    ("lambda_managed", "requests"): _t("lambda_managed", "requests", unit="1M requests", scale=MILLION),
    ("lambda_managed", "fee", "*"): _t("lambda_managed", "fee", "*", unit="hour"),
    # Free-tier allowances are one book-wide FreeTier with a single source for Lambda and API Gateway together;
    # the import reports them instead of mixing sources.
    ("free", "lambda_requests"): None,
    ("free", "lambda_gb_seconds"): None,
}

ECS: Table = {
    ("fargate", "linux_x86_64", "vcpu"): _t("fargate", "linux_x86_64", "vcpu", unit="vCPU-hour"),
    ("fargate", "linux_x86_64", "memory"): _t("fargate", "linux_x86_64", "memory", unit="GB-hour"),
    ("fargate", "linux_arm64", "vcpu"): _t("fargate", "linux_arm64", "vcpu", unit="vCPU-hour"),
    ("fargate", "linux_arm64", "memory"): _t("fargate", "linux_arm64", "memory", unit="GB-hour"),
    ("fargate", "windows_x86_64", "vcpu"): _t("fargate", "windows_x86_64", "vcpu", unit="vCPU-hour"),
    ("fargate", "windows_x86_64", "memory"): _t("fargate", "windows_x86_64", "memory", unit="GB-hour"),
    ("fargate", "windows_x86_64", "os_license"): _t("fargate", "windows_x86_64", "os_license", unit="vCPU-hour"),
    ("fargate", "ephemeral_storage"): _t("fargate", "ephemeral_storage", unit="GB-hour"),
    # ECS Managed Instances' fee per instance-hour, per type: the schema's ecs_managed.management_fee (issue 15)
    ("ecs_managed", "fee", "*"): _t("ecs_managed", "management_fee", "*", unit="instance-hour"),
}

EC2: Table = {
    ("ec2", "on_demand", "*"): _t("ec2", "on_demand", "*", unit="hour"),
    ("ec2", "ebs_gp3"): _t("ec2", "ebs_gp3", unit="GB-month"),
}

ELB: Table = {
    ("alb", "hour"): _t("alb", "hour", unit="hour"),
    ("alb", "lcu_hour"): _t("alb", "lcu_hour", unit="LCU-hour"),
}

API_GATEWAY: Table = {
    ("api_gateway", "http"): _t("api_gateway", "http", unit="1M requests", scale=MILLION, tiered=True),
    ("api_gateway", "rest"): _t("api_gateway", "rest", unit="1M requests", scale=MILLION, tiered=True),
}

# Waiting for the schema (issue 11's "costs people forget"): data transfer out, NAT, public IPv4, logs.
DATA_TRANSFER: Table = {
    ("data_transfer", "internet_out"): _t("data_transfer", "internet_out", unit="GB", tiered=True),
    ("free", "data_transfer_out_gb"): None,  # the 100 GB global allowance: a FreeTier field, not a price
}

VPC: Table = {
    ("nat_gateway", "hour"): _t("nat_gateway", "hour", unit="hour"),
    ("nat_gateway", "gb_processed"): _t("nat_gateway", "gb_processed", unit="GB"),
    ("public_ipv4", "in_use_hour"): _t("public_ipv4", "hour", unit="hour"),
    ("public_ipv4", "idle_hour"): None,  # the app prices addresses in use only
}

CLOUDWATCH: Table = {
    ("logs", "ingestion_gb"): _t("cloudwatch_logs", "ingestion", unit="GB"),
    ("logs", "storage_gb_month"): _t("cloudwatch_logs", "storage", unit="GB-month"),
}

TABLES: dict[str, Table] = {
    "AWSLambda": LAMBDA, "AmazonECS": ECS, "AmazonEC2": EC2, "AWSELB": ELB, "AmazonApiGateway": API_GATEWAY,
    "AWSDataTransfer": DATA_TRANSFER, "AmazonVPC": VPC, "AmazonCloudWatch": CLOUDWATCH,
}


def target_for(offer: str, key: tuple[str, ...]) -> tuple[bool, Target | None]:
    """(listed, target): whether the offer's table lists the key, and where it goes (None = not written)."""
    table = TABLES.get(offer, {})
    if key in table:
        return True, table[key]
    starred = (*key[:-1], "*")
    if starred in table:
        return True, table[starred]
    return False, None


def _unwrap(annotation: Any) -> Any:
    if get_origin(annotation) in (Union, types.UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        return args[0] if len(args) == 1 else annotation
    return annotation


def _field(model: type[BaseModel], name: str) -> Any:
    for field_name, info in model.model_fields.items():
        if name in (field_name, info.alias):
            return info.annotation
    return None


def _accepts(annotation: Any, path: tuple[str, ...], tiered: bool) -> bool:
    annotation = _unwrap(annotation)
    if not path:
        if tiered:
            return get_origin(annotation) is list and get_args(annotation)[0] is Tier
        return annotation is Price
    if get_origin(annotation) is dict:
        return _accepts(get_args(annotation)[1], path[1:], tiered)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        found = _field(annotation, path[0])
        return found is not None and _accepts(found, path[1:], tiered)
    return False


def schema_accepts(target: Target, key: tuple[str, ...]) -> bool:
    """Whether today's book schema has this field (as a price or a tier list) and accepts the unit."""
    return target.unit in get_args(Unit) and _accepts(RegionPrices, target.resolve(key), target.tiered)


def plain(value: Decimal) -> str:
    """A Decimal as plain text without trailing zeros: 0.0000002000 x 1e6 -> "0.2"."""
    text = format(value.normalize(), "f")
    return "0" if text in ("", "-0") else text


def price_json(header: OfferHeader, record: PriceRecord, target: Target) -> dict[str, Any]:
    scaled = "" if target.scale == ONE else f" x {target.scale:,} = per {target.unit}"
    return {
        "usd": plain(record.usd * target.scale),
        "unit": target.unit,
        "source": header.source_key,
        "as_of": record.effective.isoformat(),
        "confidence": "A",
        "note": (f"AWS Price List {record.offer} {record.version}: {record.usage_type} (SKU {record.sku}), "
                 f"{plain(record.usd)} USD per {record.unit}{scaled}"),
    }


def tiers_json(header: OfferHeader, records: list[PriceRecord], target: Target) -> list[dict[str, Any]]:
    return [{"up_to": None if r.end is None else plain(r.end), "price": price_json(header, r, target)}
            for r in records]


def source_json(header: OfferHeader) -> dict[str, str]:
    return {
        "title": f"AWS Price List, {header.offer_code} {header.version}",
        "reference": (f"AWS Price List bulk offer file {header.offer_code}, version {header.version} "
                      f"({header.fmt.upper()}, imported from {header.path.name})"),
        "data_date": f"published {header.publication}",
    }
