"""The price book: dated, sourced AWS prices, validated by a pydantic schema.

Every price carries its unit, source, date of the data and confidence:
A = an AWS pricing page or Price List extract, B = corroborated or generated from the Price List,
C = a single secondary source or derived: shown to users as "estimated".
A price the sources do not give is simply absent; the engine then says so, never borrows another region's.
The schema enforces what it can of that: a source that gives one region's prices names the region, and a price
citing it anywhere else is refused; every cited source must exist; tier bounds must increase; free allowances,
prices and fees cannot be negative or infinite; a price must be in the unit its field is priced in.

Sections added for the costs people forget (NAT gateway, public IPv4, CloudWatch Logs, data transfer out, VPC
endpoints) and for Lambda and ECS Managed Instances are optional, so a book written before them still loads.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from functools import cached_property
from pathlib import Path
from typing import Annotated, Literal, TypeGuard

from pydantic import ConfigDict, Field, field_validator, model_validator

from desktop.files import load_json_file
from desktop.model.options.aws_lambda.sections import LambdaPrices
from desktop.model.options.ecs_managed.sections import EcsManagedPrices as EcsManagedPrices
from desktop.model.options.eks_fargate.sections import EksFargatePrices
from desktop.model.options.lambda_managed.sections import LambdaManagedPrices
from desktop.model.pricing.walk import dotted, walk_prices
from desktop.model.schema.commitments import CommitmentPrices
from desktop.model.schema.names import confidence_summary
from desktop.model.schema.prices import CONFIDENCE_LABELS as CONFIDENCE_LABELS
from desktop.model.schema.prices import MAX_UNIT_PRICE_USD as MAX_UNIT_PRICE_USD
from desktop.model.schema.prices import SECONDS_PER_UNIT as SECONDS_PER_UNIT
from desktop.model.schema.prices import Confidence as Confidence
from desktop.model.schema.prices import Frozen, GbPrice, GbTiers, HourPrice, RequestTiers, units
from desktop.model.schema.prices import GbSecondPrice as GbSecondPrice
from desktop.model.schema.prices import Origin as Origin
from desktop.model.schema.prices import Price as Price
from desktop.model.schema.prices import SourcedRate as SourcedRate
from desktop.model.schema.prices import Tier as Tier
from desktop.model.schema.prices import Unit as Unit

PRICE_BOOK_SCHEMA_VERSION = 1
MAX_PRICE_BOOK_BYTES = 20 * 1024 * 1024  # the bundled book is about 190 KB; room for every region


class Source(Frozen):
    title: str
    reference: str = Field(..., description="where it came from (page, repository path @ commit)")
    data_date: str = Field(..., description="date of the data as the source gives it")
    regions: list[str] = Field(default_factory=list,
                               description="the only regions this source gives prices for (e.g. one region's Price "
                                           "List file); a price citing it in any other region is refused as "
                                           "borrowed. Empty: several regions, not checked")



class FargateRates(Frozen):
    vcpu: Annotated[Price, units("vCPU-second", "vCPU-hour")]
    memory: Annotated[Price, units("GB-second", "GB-hour")]
    os_license: Annotated[Price, units("vCPU-second", "vCPU-hour")] | None = None


class FargatePrices(Frozen):
    linux_x86_64: FargateRates | None = None
    linux_arm64: FargateRates | None = None
    windows_x86_64: FargateRates | None = None
    ephemeral_storage: GbSecondPrice | None = Field(
        None, description="per GB-second above the included 20 GB (AWS lists it per GB-hour: divide by 3600)")


class Ec2Prices(Frozen):
    on_demand: dict[str, HourPrice] = Field(default_factory=dict, description="instance type -> hourly price")
    ebs_gp3: Annotated[Price, units("GB-month")] | None = None
    ebs_gp3_iops: Annotated[Price, units("IOPS-month")] | None = Field(
        None, description="per provisioned IOPS-month above the 3,000 included")
    ebs_gp3_throughput: Annotated[Price, units("MBps-month")] | None = Field(
        None, description="per provisioned MB/s-month above the 125 MB/s included")
    reserved_1yr_no_upfront: dict[str, HourPrice] = Field(
        default_factory=dict, description="instance type -> effective hourly price, 1-year Standard RI, no upfront")


class AlbPrices(Frozen):
    hour: HourPrice
    lcu_hour: Annotated[Price, units("LCU-hour")]


class ApiGatewayPrices(Frozen):
    http: RequestTiers = Field(default_factory=list)
    rest: RequestTiers = Field(default_factory=list)


class SqsPrices(Frozen):
    standard_requests: RequestTiers = Field(default_factory=list, description=(
        "Amazon SQS standard queue, per 1M requests (each 64 KB chunk of a payload is one request), monthly "
        "tiers; the free tier (shared by the account's queues) is not applied"))


class NatGatewayPrices(Frozen):
    hour: HourPrice | None = Field(None, description="per NAT gateway-hour")
    gb_processed: GbPrice | None = Field(None, description="per GB processed by the gateway")


class PublicIpv4Prices(Frozen):
    hour: Annotated[Price, units("address-hour")] = Field(..., description="per public IPv4 address-hour, "
                                                                             "in use or idle")


class CloudWatchLogsPrices(Frozen):
    ingestion_gb: GbPrice | None = Field(None, description="Standard log class, per GB ingested (custom logs)")
    storage_gb_month: Annotated[Price, units("GB-month")] | None = Field(
        None, description="per GB-month archived (stored)")
    vended_gb: GbTiers = Field(default_factory=list, description=(
        "Lambda function logs, billed as vended logs since May 2025: per GB ingested in monthly volume tiers "
        "(first 10 TB, next 20 TB, next 20 TB, above 50 TB); containers pay `ingestion_gb`"))


class VpcEndpointPrices(Frozen):
    hour: HourPrice | None = Field(None, description="interface endpoint, per endpoint per AZ per hour")
    gb_processed: GbPrice | None = Field(None, description="per GB processed, first tier (see the note)")


class RegionPrices(Frozen):
    name: str
    # the empty sections as defaults, made without validating (which would build their schemas at import)
    lambda_: LambdaPrices = Field(LambdaPrices.model_construct(), alias="lambda")
    fargate: FargatePrices = FargatePrices.model_construct()
    ec2: Ec2Prices = Ec2Prices.model_construct()
    alb: AlbPrices | None = None
    alb_hour_only: HourPrice | None = Field(
        None, description="an ALB-hour price for a region whose LCU price the book lacks (so `alb`, which needs "
                          "both, stays absent)")
    api_gateway: ApiGatewayPrices | None = None
    nlb: AlbPrices | None = Field(None, description="Network Load Balancer: per hour and per NLCU-hour (the NLB a REST "
                                                    "API's VPC link needs in front of containers)")
    nat_gateway: NatGatewayPrices | None = None
    sqs: SqsPrices | None = Field(None, description="Amazon SQS: the queue S3 or SNS events into containers need")
    public_ipv4: PublicIpv4Prices | None = None
    cloudwatch_logs: CloudWatchLogsPrices | None = None
    data_transfer_out: GbTiers = Field(default_factory=list, description="to the internet, per GB, monthly tiers "
                                                                         "after the free allowance")
    data_transfer_inter_az: GbPrice | None = Field(None, description="between AZs, per GB in each direction")
    vpc_endpoint: VpcEndpointPrices | None = None
    lambda_managed: LambdaManagedPrices | None = None
    ecs_managed: EcsManagedPrices | None = None
    eks_fargate: EksFargatePrices | None = None
    commitments: CommitmentPrices | None = Field(
        None, description="Savings Plans and Reserved Instance rates (desktop.model.schema.commitments)")

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True, defer_build=True)

    @model_validator(mode="after")
    def _alb_once(self) -> RegionPrices:
        if self.alb is not None and self.alb_hour_only is not None:
            raise ValueError("alb_hour_only is only for a region without a complete `alb` price; remove one")
        return self


class InstanceType(Frozen):
    vcpu: int = Field(..., gt=0)
    memory_gib: Decimal = Field(..., gt=0)
    architecture: Literal["x86_64", "arm64"]
    gpus: int = 0
    gpu_model: str | None = None
    burstable: bool = False
    source: str


class FreeAllowance(Frozen):
    """A monthly quantity AWS does not charge for, with its source."""

    quantity: Decimal = Field(..., ge=0, allow_inf_nan=False)
    unit: Unit
    source: str = Field(..., description="key into PriceBook.sources")
    as_of: dt.date
    confidence: Confidence
    note: str = ""


class FreeTier(Frozen):
    lambda_requests: int = Field(..., ge=0)
    lambda_gb_seconds: int = Field(..., ge=0)
    api_gateway_requests: int = Field(..., ge=0)
    source: str
    data_transfer_out: FreeAllowance | None = Field(
        None, description="data transfer out to the internet, aggregated over all regions, per month")
    logs_ingestion: FreeAllowance | None = Field(
        None, description="CloudWatch Logs ingested free each month (always free, per account)")
    logs_storage: FreeAllowance | None = Field(
        None, description="CloudWatch Logs archive storage free each month (always free, per account)")


def known_version(value: int, what: str) -> int:
    """A book's schema_version, refused when it is newer than this app reads (the price book and the user book)."""
    if value > PRICE_BOOK_SCHEMA_VERSION:
        raise ValueError(f"{what} format {value} is newer than this app knows ({PRICE_BOOK_SCHEMA_VERSION}); "
                         "update ComputeFit")
    return value


def _is_sourced(node: object) -> TypeGuard[Price | SourcedRate]:
    return isinstance(node, Price | SourcedRate)


def _is_price(node: object) -> TypeGuard[Price]:
    return isinstance(node, Price)


def _sourced_items(node: object, path: str) -> Iterator[tuple[str, Price | SourcedRate]]:
    """Every price and sourced rate under a node, with its dotted path (tiers by index)."""
    for where, item in walk_prices(node, _is_sourced):
        yield dotted(path, where), item


class PriceBook(Frozen):
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
        return known_version(value, "price book")

    @model_validator(mode="after")
    def _sourced_and_not_borrowed(self) -> PriceBook:
        """Every source a price names exists, and a one-region source is cited only in its region."""
        problems: list[str] = []

        def known(path: str, key: str) -> bool:
            if key not in self.sources:
                problems.append(f"{path}.source: {key!r} is not in the book's sources")
                return False
            return True

        known("free_tier", self.free_tier.source)
        for name in ("data_transfer_out", "logs_ingestion", "logs_storage"):
            allowance = getattr(self.free_tier, name)
            if allowance is not None:
                known(f"free_tier.{name}", allowance.source)
        for name, it in self.instance_types.items():
            known(f"instance_types.{name}", it.source)
        for code, region in self.regions.items():
            for path, item in _sourced_items(region, f"regions.{code}"):
                if known(path, item.source):
                    scope = self.sources[item.source].regions
                    if scope and code not in scope:
                        problems.append(f"{path}.source: {item.source!r} gives prices for {', '.join(scope)} "
                                        f"only; a {code} price may not be borrowed from another region")
        if problems:
            raise ValueError("; ".join(problems[:5]) + (f" (and {len(problems) - 5} more)" if len(problems) > 5
                                                        else ""))
        return self

    def region(self, code: str) -> RegionPrices:
        return self.regions[code]

    @cached_property
    def confidence_counts(self) -> dict[str, int]:
        """How many of the book's prices are at each confidence level (A, B, C)."""
        counts = {"A": 0, "B": 0, "C": 0}
        for price in self.iter_prices():
            counts[price.confidence] += 1
        return counts

    @cached_property
    def confidence_summary(self) -> str:
        return confidence_summary(self.confidence_counts)

    def iter_prices(self) -> list[Price]:
        """Every price in the book (for summaries and the sources dialog)."""
        return [price for _, price in walk_prices(self.regions, _is_price)]

    def iter_rates(self) -> list[tuple[str, SourcedRate]]:
        """Every sourced rate (a fee stated as a fraction of another price) with its path."""
        return [(path, item) for code, region in self.regions.items()
                for path, item in _sourced_items(region, f"regions.{code}") if isinstance(item, SourcedRate)]


def load_price_book(path: Path) -> PriceBook:
    """Read and validate a price book file (raises desktop.files.ReadError or pydantic.ValidationError).

    The file is read bounded and parsed strictly (desktop.files); `loading.load_book_or_explain` turns any
    failure into one line for the user.
    """
    data = load_json_file(path, MAX_PRICE_BOOK_BYTES, "a price book")
    return PriceBook.model_validate(data)
