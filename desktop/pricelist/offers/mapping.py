"""From neutral records to the price book's JSON: one small table per offer.

Each table maps a record key to where the price goes in a region of the book (a path of the book's JSON, "*" =
the key's last part, e.g. the instance type), the book's unit for it and the factor from AWS's unit to the
book's (requests are priced per 1M requests in the book, per request in the files; Fargate ephemeral storage per
GB-second in the book, per GB-hour in the files).

A target is written only when the book's schema has that field and accepts that unit there (`schema_accepts`
validates a price in the target's unit against the field itself, so the schema's unit per field decides), so a
table can name fields the schema does not have yet: they are reported as waiting, and start being written as
soon as the schema has them (adjust the path if the schema names them differently). `None` = parsed but not
written by design (the reason is beside it).

Every written price is one AWS row's price, converted only in unit (the note names the row, its SKU and the
conversion); nothing is derived from another price, and a row is written only into the region it names.
"""

from __future__ import annotations

import types
from dataclasses import dataclass
from decimal import Context, Decimal
from functools import lru_cache
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, TypeAdapter, ValidationError

from desktop.model.format import decimal_text
from desktop.model.options.base import PriceListRow
from desktop.model.options.registry import book_sections
from desktop.model.pricing.book import RegionPrices
from desktop.pricelist.offers.records import OfferHeader, PriceRecord

MILLION = Decimal(1_000_000)
ONE = Decimal(1)
SECONDS_PER_HOUR = Decimal(3600)
# A price divided (per GB-hour -> per GB-second) is kept to this many significant digits: the error is below a
# part in 10^12 of the price, far below a cent on any bill, and the number stays readable.
DIVIDED_DIGITS = 12


@dataclass(frozen=True, slots=True)
class Target:
    path: tuple[str, ...]  # inside a region's JSON; "*" = the record key's last part
    unit: str  # the book's unit
    scale: Decimal = ONE  # book price = AWS price x scale / divide
    tiered: bool = False  # a list of tiers (bounds in AWS's quantity, unscaled)
    divide: Decimal = ONE

    def resolve(self, key: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(key[-1] if part == "*" else part for part in self.path)

    def convert(self, usd: Decimal) -> Decimal:
        """AWS's price in the book's unit."""
        if self.divide == ONE:
            return usd * self.scale
        return Context(prec=DIVIDED_DIGITS).divide(usd * self.scale, self.divide)

    def conversion(self) -> str:
        """How convert() gets there, for the price's note ("" when the units agree)."""
        parts = ([f" x {self.scale:,}"] if self.scale != ONE else []) + (
            [f" / {self.divide:,}"] if self.divide != ONE else [])
        if not parts:
            return ""
        rounded = f", to {DIVIDED_DIGITS} significant digits" if self.divide != ONE else ""
        return f"{''.join(parts)} = per {self.unit}{rounded}"


def _t(*path: str, unit: str, scale: Decimal = ONE, tiered: bool = False, divide: Decimal = ONE) -> Target:
    return Target(path, unit, scale, tiered, divide)


Table = dict[tuple[str, ...], Target | None]

ECS: Table = {
    ("fargate", "linux_x86_64", "vcpu"): _t("fargate", "linux_x86_64", "vcpu", unit="vCPU-hour"),
    ("fargate", "linux_x86_64", "memory"): _t("fargate", "linux_x86_64", "memory", unit="GB-hour"),
    ("fargate", "linux_arm64", "vcpu"): _t("fargate", "linux_arm64", "vcpu", unit="vCPU-hour"),
    ("fargate", "linux_arm64", "memory"): _t("fargate", "linux_arm64", "memory", unit="GB-hour"),
    ("fargate", "windows_x86_64", "vcpu"): _t("fargate", "windows_x86_64", "vcpu", unit="vCPU-hour"),
    ("fargate", "windows_x86_64", "memory"): _t("fargate", "windows_x86_64", "memory", unit="GB-hour"),
    ("fargate", "windows_x86_64", "os_license"): _t("fargate", "windows_x86_64", "os_license", unit="vCPU-hour"),
    # The engine prices ephemeral storage per GB-second (the book's field takes no other unit); AWS lists GB-hours.
    ("fargate", "ephemeral_storage"): _t("fargate", "ephemeral_storage", unit="GB-second",
                                         divide=SECONDS_PER_HOUR),
}

EC2: Table = {
    ("ec2", "on_demand", "*"): _t("ec2", "on_demand", "*", unit="hour"),
    ("ec2", "ebs_gp3"): _t("ec2", "ebs_gp3", unit="GB-month"),
    ("nat_gateway", "hour"): _t("nat_gateway", "hour", unit="hour"),
    ("nat_gateway", "gb_processed"): _t("nat_gateway", "gb_processed", unit="GB"),
}

ELB: Table = {
    ("alb", "hour"): _t("alb", "hour", unit="hour"),
    ("alb", "lcu_hour"): _t("alb", "lcu_hour", unit="LCU-hour"),
}

API_GATEWAY: Table = {
    ("api_gateway", "http"): _t("api_gateway", "http", unit="1M requests", scale=MILLION, tiered=True),
    ("api_gateway", "rest"): _t("api_gateway", "rest", unit="1M requests", scale=MILLION, tiered=True),
}

DATA_TRANSFER: Table = {
    # Monthly tiers beyond the global free allowance (the first tier's row is RelatedTo the free-tier SKU).
    ("data_transfer", "internet_out"): _t("data_transfer_out", unit="GB", tiered=True),
    ("free", "data_transfer_out_gb"): None,  # the 100 GB global allowance: a FreeTier field, not a price
}

VPC: Table = {
    ("nat_gateway", "hour"): _t("nat_gateway", "hour", unit="hour"),
    ("nat_gateway", "gb_processed"): _t("nat_gateway", "gb_processed", unit="GB"),
    ("public_ipv4", "in_use_hour"): _t("public_ipv4", "hour", unit="address-hour"),
    # The book has one address-hour price for addresses in use and idle (AWS charges both alike); the in-use row
    # gives it.
    ("public_ipv4", "idle_hour"): None,
}

CLOUDWATCH: Table = {
    ("logs", "ingestion_gb"): _t("cloudwatch_logs", "ingestion_gb", unit="GB"),
    ("logs", "storage_gb_month"): _t("cloudwatch_logs", "storage_gb_month", unit="GB-month"),
}

def _with_option_rows(shared: dict[str, Table], rows: tuple[PriceListRow, ...]) -> dict[str, Table]:
    """Each offer's table: the shared targets and those of the rows the options declare in their folders."""
    tables = {code: dict(table) for code, table in shared.items()}
    for row in rows:
        target = None if row.path is None else _t(*row.path, unit=row.unit, scale=Decimal(row.scale),
                                                   tiered=row.tiered, divide=Decimal(row.divide))
        tables.setdefault(row.offer, {})[row.key] = target
    return tables


TABLES: dict[str, Table] = _with_option_rows({
    "AmazonECS": ECS, "AmazonEC2": EC2, "AWSELB": ELB, "AmazonApiGateway": API_GATEWAY,
    "AWSDataTransfer": DATA_TRANSFER, "AmazonVPC": VPC, "AmazonCloudWatch": CLOUDWATCH,
}, tuple(row for section in book_sections() for row in section.rows))


def target_for(offer: str, key: tuple[str, ...]) -> tuple[bool, Target | None]:
    """(listed, target): whether the offer's table lists the key, and where it goes (None = not written)."""
    table = TABLES.get(offer, {})
    if key in table:
        return True, table[key]
    starred = (*key[:-1], "*")
    if starred in table:
        return True, table[starred]
    return False, None


def _inner(annotation: Any) -> Any:
    """The type under Optional[...] and Annotated[...] (to walk the schema's models and dicts)."""
    while True:
        if get_origin(annotation) is Annotated:
            annotation = get_args(annotation)[0]
        elif get_origin(annotation) in (Union, types.UnionType):
            args = [a for a in get_args(annotation) if a is not type(None)]
            if len(args) != 1:
                return annotation
            annotation = args[0]
        else:
            return annotation


def _field_at(path: tuple[str, ...]) -> Any:
    """The annotation of the field at a path of a region's JSON, with its validators; None if there is none."""
    annotation: Any = RegionPrices
    for part in path:
        inner = _inner(annotation)
        if get_origin(inner) is dict:
            annotation = get_args(inner)[1]
        elif isinstance(inner, type) and issubclass(inner, BaseModel):
            info = next((i for n, i in inner.model_fields.items() if part in (n, i.alias)), None)
            if info is None:
                return None
            annotation = Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation
        else:
            return None
    return annotation


@lru_cache(maxsize=1024)
def _accepts(path: tuple[str, ...], unit: str, tiered: bool) -> bool:
    annotation = _field_at(path)
    if annotation is None:
        return False
    sample = {"usd": "0", "unit": unit, "source": "S", "as_of": "2000-01-01", "confidence": "A"}
    try:
        TypeAdapter(annotation).validate_python([{"up_to": None, "price": sample}] if tiered else sample)
    except ValidationError:
        return False
    return True


def schema_accepts(target: Target, key: tuple[str, ...]) -> bool:
    """Whether today's book schema has this field (as a price or a tier list) and accepts the unit there.

    Decided by the schema itself: a price (or a one-tier list) in the target's unit is validated against the
    field, so a field that takes only "address-hour" refuses an "hour" target.
    """
    return _accepts(target.resolve(key), target.unit, target.tiered)


plain = decimal_text  # the importer's name for it, until the importer says decimal_text itself


def price_json(header: OfferHeader, record: PriceRecord, target: Target) -> dict[str, Any]:
    scaled = target.conversion()
    return {
        "usd": plain(target.convert(record.usd)),
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
