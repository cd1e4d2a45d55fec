"""AWS Lambda's part of the file formats: its workload section (`lambda`) with its form group, and its price-book
section. Imports nothing of the model but the formats' building blocks (see docs/architecture.md).
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from desktop.model.formats.fields import FieldSpec, GroupSpec
from desktop.model.formats.prices import Frozen, GbSecondPrice, GbSecondTiers, Price, units
from desktop.model.formats.workload import FiniteFloat, Section

LIMITS = "AWS Lambda quotas (docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html)"

GROUP = GroupSpec("AWS Lambda", (
    FieldSpec("lambda.memory_mb", "Memory", "int", "Function memory; CPU is proportional (1,769 MB = 1 vCPU).",
              "128-10,240 MB in 1 MB steps. " + LIMITS, unit="MB", long_label="Lambda memory (MB)"),
    FieldSpec("lambda.ephemeral_storage_mb", "/tmp storage", "int", "Size of the function's /tmp.",
              "512-10,240 MB. " + LIMITS, unit="MB", long_label="Lambda /tmp storage (MB)"),
    FieldSpec("lambda.provisioned_concurrency", "Provisioned concurrency", "int",
              "Execution environments kept warm (avoids cold starts, billed while on).",
              "Bounded by the account's concurrency quota (1,000 by default). " + LIMITS, unit="envs",
              long_label="Provisioned concurrency"),
    FieldSpec("lambda.provisioned_hours_per_month", "Provisioned hours", "float",
              "Hours a month provisioned concurrency is on.", "At most 744 h (a 31-day month).",
              unit="h/month", long_label="Provisioned hours a month"),
    FieldSpec("lambda.provisioned_share", "Served warm", "float",
              "Share of requests served by provisioned concurrency.", unit="%", scale=100.0,
              long_label="Share served provisioned"),
))


class LambdaConfig(Section):
    TITLE = "Lambda"
    FORM = GROUP

    memory_mb: int = Field(1024, ge=128, le=10240, description="function memory (AWS: 128-10,240 MB)")
    ephemeral_storage_mb: int = Field(512, ge=512, le=10240, description="/tmp size (AWS: 512-10,240 MB)")
    free_tier: bool = Field(True, description="apply AWS's always-free 1M requests and 400,000 GB-s a month")
    provisioned_concurrency: int = Field(0, ge=0, le=100_000,
                                         description="execution environments kept warm")
    provisioned_hours_per_month: FiniteFloat = Field(0.0, ge=0, le=744,
                                                     description="hours a month provisioned concurrency is on")
    provisioned_share: FiniteFloat = Field(1.0, ge=0, le=1,
                                           description="share of requests served by provisioned concurrency")


class LambdaPrices(Frozen):
    requests: Annotated[Price, units("1M requests")] | None = None
    duration: dict[str, GbSecondTiers] = Field(default_factory=dict, description="architecture -> GB-s tiers")
    ephemeral_storage: GbSecondPrice | None = None
    provisioned_concurrency: dict[str, GbSecondPrice] = Field(default_factory=dict)
    provisioned_duration: dict[str, GbSecondPrice] = Field(default_factory=dict)
