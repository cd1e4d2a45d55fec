"""AWS Lambda's part of the file formats: its workload section (`lambda`), each field with what the form says of
it, and its price-book section. Imports nothing of the model but the formats' building blocks (see
docs/architecture.md).
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from desktop.model.schema.fields import Describe
from desktop.model.schema.prices import Frozen, GbSecondPrice, GbSecondTiers, Price, units
from desktop.model.schema.workload import FiniteFloat, Section


class LambdaConfig(Section):
    TITLE = "Lambda"
    FORM_TITLE = "AWS Lambda"

    memory_mb: Annotated[int, Describe(
        "Memory", "int", "Function memory; CPU is proportional (1,769 MB = 1 vCPU).",
        limit="128-10,240 MB in 1 MB steps. AWS Lambda quotas "
              "(docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html)",
        unit="MB", long_label="Lambda memory (MB)"
    )] = Field(1024, ge=128, le=10240, description="function memory (AWS: 128-10,240 MB)")
    ephemeral_storage_mb: Annotated[int, Describe(
        "/tmp storage", "int", "Size of the function's /tmp.",
        limit="512-10,240 MB. AWS Lambda quotas (docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html)",
        unit="MB", long_label="Lambda /tmp storage (MB)"
    )] = Field(512, ge=512, le=10240, description="/tmp size (AWS: 512-10,240 MB)")
    free_tier: Annotated[bool, Describe(
        "Lambda free tier", "bool", "Apply AWS's always-free 1M requests and 400,000 GB-s a month.",
        limit="AWS Lambda pricing page.", long_label="Lambda free tier"
    )] = Field(True, description="apply AWS's always-free 1M requests and 400,000 GB-s a month")
    provisioned_concurrency: Annotated[int, Describe(
        "Provisioned concurrency", "int", "Execution environments kept warm (avoids cold starts, billed while on).",
        limit="Bounded by the account's concurrency quota (1,000 by default). AWS Lambda quotas "
              "(docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html)",
        unit="envs", long_label="Provisioned concurrency"
    )] = Field(0, ge=0, le=100_000,
               description="execution environments kept warm")
    provisioned_hours_per_month: Annotated[FiniteFloat, Describe(
        "Provisioned hours", "float", "Hours a month provisioned concurrency is on.",
        limit="At most 744 h (a 31-day month).", unit="h/month", long_label="Provisioned hours a month"
    )] = Field(0.0, ge=0, le=744,
               description="hours a month provisioned concurrency is on")
    provisioned_share: Annotated[FiniteFloat, Describe(
        "Served warm", "float", "Share of requests served by provisioned concurrency.", unit="%", scale=100.0,
        long_label="Share served provisioned"
    )] = Field(1.0, ge=0, le=1,
               description="share of requests served by provisioned concurrency")


class LambdaPrices(Frozen):
    requests: Annotated[Price, units("1M requests")] | None = None
    duration: dict[str, GbSecondTiers] = Field(default_factory=dict, description="architecture -> GB-s tiers")
    ephemeral_storage: GbSecondPrice | None = None
    provisioned_concurrency: dict[str, GbSecondPrice] = Field(default_factory=dict)
    provisioned_duration: dict[str, GbSecondPrice] = Field(default_factory=dict)
