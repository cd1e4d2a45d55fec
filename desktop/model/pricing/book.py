"""The price book: dated, sourced AWS prices, validated by a pydantic schema.

Every price carries its unit, source, date of the data and confidence:
A = an AWS pricing page or Price List extract, B = corroborated or generated from the Price List,
C = a single secondary source or derived: shown to users as "estimated".
A price the sources do not give is simply absent; the engine then says so, never borrows another region's.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from functools import cached_property
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

PRICE_BOOK_SCHEMA_VERSION = 1

Confidence = Literal["A", "B", "C"]
# Where a price in the effective book comes from: the bundled book, a Price List file imported into the user
# book, or the user's own override. Set by desktop.model.pricing.user_book.effective_book; never written to files.
Origin = Literal["bundled", "imported", "overridden"]
Unit = Literal[
    "request", "1M requests", "GB-second", "vCPU-second", "vCPU-hour", "GB-hour", "hour", "LCU-hour",
    "GB-month",
]

CONFIDENCE_LABELS: dict[str, str] = {
    "A": "AWS published",
    "B": "corroborated",
    "C": "estimated",
}

SECONDS_PER_UNIT: dict[str, Decimal] = {
    "GB-second": Decimal(1),
    "vCPU-second": Decimal(1),
    "vCPU-hour": Decimal(3600),
    "GB-hour": Decimal(3600),
}


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Source(_Frozen):
    title: str
    reference: str = Field(..., description="where it came from (page, repository path @ commit)")
    data_date: str = Field(..., description="date of the data as the source gives it")


class Price(_Frozen):
    usd: Decimal = Field(..., ge=0, allow_inf_nan=False)
    unit: Unit
    source: str = Field(..., description="key into PriceBook.sources")
    as_of: dt.date
    confidence: Confidence
    note: str = ""
    origin: Origin = "bundled"

    @property
    def estimated(self) -> bool:
        return self.confidence == "C"

    def per_second(self) -> Decimal:
        """The price of one unit-second, for prices given per second or per hour."""
        return self.usd / SECONDS_PER_UNIT[self.unit]


class Tier(_Frozen):
    """One band of a tiered price: applies to the quantity above the previous tier up to `up_to`."""

    up_to: Decimal | None = Field(..., description="upper bound of the band (None = no bound)")
    price: Price


class LambdaPrices(_Frozen):
    requests: Price | None = None
    duration: dict[str, list[Tier]] = Field(default_factory=dict, description="architecture -> GB-s tiers")
    ephemeral_storage: Price | None = None
    provisioned_concurrency: dict[str, Price] = Field(default_factory=dict)
    provisioned_duration: dict[str, Price] = Field(default_factory=dict)


class FargateRates(_Frozen):
    vcpu: Price
    memory: Price
    os_license: Price | None = None


class FargatePrices(_Frozen):
    linux_x86_64: FargateRates | None = None
    linux_arm64: FargateRates | None = None
    windows_x86_64: FargateRates | None = None
    ephemeral_storage: Price | None = None


class Ec2Prices(_Frozen):
    on_demand: dict[str, Price] = Field(default_factory=dict, description="instance type -> hourly price")
    ebs_gp3: Price | None = None


class AlbPrices(_Frozen):
    hour: Price
    lcu_hour: Price


class ApiGatewayPrices(_Frozen):
    http: list[Tier] = Field(default_factory=list)
    rest: list[Tier] = Field(default_factory=list)


class RegionPrices(_Frozen):
    name: str
    lambda_: LambdaPrices = Field(LambdaPrices(), alias="lambda")
    fargate: FargatePrices = FargatePrices()
    ec2: Ec2Prices = Ec2Prices()
    alb: AlbPrices | None = None
    api_gateway: ApiGatewayPrices | None = None

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


class InstanceType(_Frozen):
    vcpu: int = Field(..., gt=0)
    memory_gib: Decimal = Field(..., gt=0)
    architecture: Literal["x86_64", "arm64"]
    gpus: int = 0
    gpu_model: str | None = None
    burstable: bool = False
    source: str


class FreeTier(_Frozen):
    lambda_requests: int
    lambda_gb_seconds: int
    api_gateway_requests: int
    source: str


class PriceBook(_Frozen):
    schema_version: int
    effective_date: dt.date
    title: str
    notes: list[str] = Field(default_factory=list)
    sources: dict[str, Source]
    free_tier: FreeTier
    instance_types: dict[str, InstanceType]
    regions: dict[str, RegionPrices]

    @field_validator("schema_version")
    @classmethod
    def _known_version(cls, value: int) -> int:
        if value > PRICE_BOOK_SCHEMA_VERSION:
            raise ValueError(f"price book format {value} is newer than this app knows "
                             f"({PRICE_BOOK_SCHEMA_VERSION}); update ComputeFit")
        return value

    def region(self, code: str) -> RegionPrices:
        return self.regions[code]

    @cached_property
    def confidence_summary(self) -> str:
        counts = {"A": 0, "B": 0, "C": 0}
        for price in self.iter_prices():
            counts[price.confidence] += 1
        total = sum(counts.values()) or 1
        return (f"{counts['A'] * 100 // total}% AWS published, {counts['B'] * 100 // total}% corroborated, "
                f"{counts['C'] * 100 // total}% estimated")

    def iter_prices(self) -> list[Price]:
        """Every price in the book (for summaries and the sources dialog)."""
        found: list[Price] = []

        def walk(node: object) -> None:
            if isinstance(node, Price):
                found.append(node)
            elif isinstance(node, BaseModel):
                for name in type(node).model_fields:
                    walk(getattr(node, name))
            elif isinstance(node, dict):
                for value in node.values():
                    walk(value)
            elif isinstance(node, list):
                for value in node:
                    walk(value)

        walk(self.regions)
        return found


def load_price_book(path: Path) -> PriceBook:
    """Read and validate a price book file (raises OSError, ValueError or pydantic.ValidationError)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return PriceBook.model_validate(data)
