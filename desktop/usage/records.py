"""What the readers hand the fleet builder: one resource's usage, and the import's summary."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

Kind = str  # "lambda", "fargate" or "ec2": the option the resource runs on today (an option id)


class UsageError(ValueError):
    """Input refused: one line naming the file and, where one is at fault, the column or field."""

    def __init__(self, where: str, column: str, message: str):
        self.where, self.column, self.message = where, column, message
        super().__init__(f"{where}: {column}: {message}" if column else f"{where}: {message}")


MAX_TAG_KEY, MAX_TAG_VALUE = 128, 256  # AWS's own bounds on a tag's key and value


@dataclass(frozen=True, slots=True)
class TagFilter:
    """Only the billing rows tagged `key` = `value` (the value compared exactly, as AWS tags are case-sensitive)."""

    key: str
    value: str
    # written key=value wherever it is shown (the summary's skip reason, its notes)


def parse_tag_filter(text: str, where: str = "--tag") -> TagFilter:
    """'key=value' (the first '=' splits: a value may hold more); UsageError naming `where` otherwise."""
    key, sep, value = text.partition("=")
    key = key.strip()
    if not sep or not key:
        raise UsageError(where, "", f"{text[:80]!r} is not KEY=VALUE (e.g. team=orders)")
    if len(key) > MAX_TAG_KEY or len(value) > MAX_TAG_VALUE:
        raise UsageError(where, "", f"a tag key has at most {MAX_TAG_KEY} characters and a value {MAX_TAG_VALUE}")
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in text):
        raise UsageError(where, "", "a tag filter holds no control characters")
    return TagFilter(key, value)


class Cancelled(Exception):
    """The user cancelled the import: nothing was written."""


@dataclass(slots=True)
class ResourceUsage:
    """One function, ECS service (or cluster) or EC2 instance over the period, from a billing export.

    Hourly figures are per hour of the day (UTC), summed over the period's days; `hours_with_usage` counts the
    distinct clock hours in which it had usage."""

    kind: Kind
    resource: str  # as the export names it
    name: str  # short name: function, service or cluster, instance id
    account: str = ""
    region: str = ""
    arm: bool = False
    instance_type: str = ""
    requests: list[float] = field(default_factory=lambda: [0.0] * 24)
    gb_seconds: list[float] = field(default_factory=lambda: [0.0] * 24)
    provisioned_gb_seconds: float = 0.0  # GB-seconds of provisioned concurrency kept warm
    vcpu_hours: list[float] = field(default_factory=lambda: [0.0] * 24)
    gb_hours: float = 0.0
    instance_hours: list[float] = field(default_factory=lambda: [0.0] * 24)
    peak_hour_vcpu: float = 0.0  # Fargate: the largest vCPU-hours in one clock hour
    billed_usd: Decimal = Decimal(0)
    credits_usd: Decimal = Decimal(0)
    unpriced_usd: Decimal = Decimal(0)
    rows: int = 0
    hours_with_usage: int = 0
    truncated_id: bool = False

    @property
    def days_hourly(self) -> list[float]:
        """The 24 hourly figures that shape this resource's profile."""
        if self.kind == "lambda":
            return self.requests if sum(self.requests) > 0 else self.gb_seconds
        return self.vcpu_hours if self.kind == "fargate" else self.instance_hours


@dataclass(slots=True)
class ImportSummary:
    source: str = ""
    files: list[str] = field(default_factory=list)
    rows_read: int = 0
    rows_used: int = 0
    skipped: Counter[str] = field(default_factory=Counter)  # reason -> rows
    notes: list[str] = field(default_factory=list)
    period_hours: float = 0.0
    period_text: str = ""

    def skip(self, reason: str, rows: int) -> None:
        if rows:
            self.skipped[reason] += rows


@dataclass(slots=True)
class BillingImport:
    resources: list[ResourceUsage]
    summary: ImportSummary
