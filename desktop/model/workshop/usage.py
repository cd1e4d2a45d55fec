"""Where an imported scenario's numbers came from, and what its resource was billed: the `usage` of a scenario.

A scenario built by `computefit usage import` says, field by field, whether each number was measured (billing
export, CloudWatch), read from the resource's configuration (Lambda or ECS describe output) or is a default the
user should check, and what the export billed for the resource over the period it covers. Optional: a scenario
typed in has none, and files written before it existed open unchanged.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

from pydantic import ConfigDict, Field

from desktop.model.strict_numbers import NoBoolNumbers

Origin = Literal["measured", "configuration", "default"]
ORIGIN_LABELS: dict[str, str] = {"measured": "measured", "configuration": "from the configuration",
                                 "default": "a default: check it"}
MAX_TEXT = 300
MAX_RESOURCE_CHARS = 2048  # an ARN is at most 2,048 characters
MAX_ITEMS = 60
MAX_MONEY = Decimal(10) ** 12
Text = Annotated[str, Field(max_length=MAX_TEXT)]
Money = Annotated[Decimal, Field(ge=-MAX_MONEY, le=MAX_MONEY, allow_inf_nan=False)]


class _Frozen(NoBoolNumbers):
    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)


class FieldOrigin(_Frozen):
    field: str = Field(..., min_length=1, max_length=100, description="the workload field's dotted path")
    origin: Origin = Field(..., description="measured, configuration, or default (the user should check it)")
    detail: Text = Field("", description="the source and how the value was derived")


class ScenarioUsage(_Frozen):
    source: Text = Field(..., min_length=1, description="what the numbers were read from, e.g. 'CUR 2.0 (2 files)'")
    resource: str = Field(..., min_length=1, max_length=MAX_RESOURCE_CHARS,
                          description="the resource as the export names it (an ARN, an instance id)")
    account: str = Field("", max_length=40, description="the AWS account that ran it")
    today: str = Field(..., min_length=1, max_length=40, description="the option it runs on today (an option id)")
    period_hours: float = Field(..., gt=0, le=100_000, description="hours the import covers (first to last hour)")
    hours_with_usage: int = Field(0, ge=0, le=100_000, description="hours in which the resource had usage")
    billed_usd: Money | None = Field(None, description="the sum of the export's rows for the resource over the "
                                                       "period (null: no billing export was read)")
    credits_usd: Money = Field(Decimal(0), description="the negative rows (credits, refunds, discounts) in billed_usd")
    unpriced_usd: Money = Field(Decimal(0), description="rows of the resource the model does not price "
                                                        "(data transfer, storage...), included in billed_usd")
    fields: tuple[FieldOrigin, ...] = Field((), max_length=MAX_ITEMS, description="where each field came from")
    assumptions: tuple[Text, ...] = Field((), max_length=MAX_ITEMS,
                                          description="what the sources could not give, named")

    def origin_of(self, field: str) -> FieldOrigin | None:
        return next((f for f in self.fields if f.field == field), None)

    def billed_monthly_usd(self, month_hours: float) -> Decimal | None:
        """What the resource costs a month at the billed rate (the billed sum scaled to `month_hours`)."""
        if self.billed_usd is None:
            return None
        return self.billed_usd * Decimal(str(month_hours)) / Decimal(str(self.period_hours))

    def to_json_dict(self) -> dict[str, object]:
        return self.model_dump(mode="json")
