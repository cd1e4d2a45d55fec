"""Where an imported scenario's numbers came from, and what its resource was billed: the `usage` of a scenario.

A scenario built by `computefit usage import` says, field by field, whether each number was measured (billing
export, CloudWatch), read from the resource's configuration (Lambda or ECS describe output) or is a default the
user should check, and what the export billed for the resource over the period it covers. Optional: a scenario
typed in has none, and files written before it existed open unchanged.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import ConfigDict, Field, SerializationInfo, SerializerFunctionWrapHandler, model_serializer

from desktop.model.strict_numbers import NoBoolNumbers

Origin = Literal["measured", "configuration", "default"]
Provenance = Literal["measured", "configuration", "default", "edited"]  # "edited": the user changed the import's
ORIGIN_LABELS: dict[str, str] = {"measured": "measured", "configuration": "from the configuration",
                                 "default": "a default: check it", "edited": "edited (the imported value kept)"}
MAX_IMPORTED_ITEMS = 24  # the longest value an import sets: the 24-hour profile
MAX_TEXT = 300
MAX_RESOURCE_CHARS = 2048  # an ARN is at most 2,048 characters
MAX_ITEMS = 60
MAX_MONEY = Decimal(10) ** 12
Text = Annotated[str, Field(max_length=MAX_TEXT)]
Money = Annotated[Decimal, Field(ge=-MAX_MONEY, le=MAX_MONEY, allow_inf_nan=False)]


class _Frozen(NoBoolNumbers):
    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False, defer_build=True)  # as spec.py's


ImportedValue = bool | int | float | Text | Annotated[tuple[float, ...], Field(max_length=MAX_IMPORTED_ITEMS)] | None


class FieldOrigin(_Frozen):
    field: str = Field(..., min_length=1, max_length=100, description="the workload field's dotted path")
    origin: Provenance = Field(..., description="measured, configuration, default (the user should check it), or "
                                                "edited (the user changed the imported value)")
    detail: Text = Field("", description="the source and how the value was derived")
    imported: ImportedValue = Field(None, description="the value the import set, kept when the user changes it "
                                                      "(absent in files written before it was recorded)")
    imported_origin: Origin | None = Field(None, description="where the imported value came from, once edited")

    @model_serializer(mode="wrap")
    def _dump(self, handler: SerializerFunctionWrapHandler, info: SerializationInfo) -> dict[str, Any]:
        data: dict[str, Any] = handler(self)
        if "imported" not in self.model_fields_set:  # not recorded: written as before, and read back so
            data.pop("imported", None)
        if self.imported_origin is None:
            data.pop("imported_origin", None)
        return data

    @property
    def recorded(self) -> bool:
        """The import's value is known (files written before it was recorded cannot tell an edit)."""
        return "imported" in self.model_fields_set

    @property
    def source(self) -> Origin:
        """Where the imported value came from, edited or not."""
        if self.origin == "edited":
            return self.imported_origin or "default"
        return self.origin

    def following(self, value: Any) -> FieldOrigin:
        """This field's provenance once the workload holds `value`: edited when it differs from the value
        imported, the import's own again when it equals it."""
        if not self.recorded:
            return self
        same = _same(value, self.imported)
        if same and self.origin == "edited":
            return FieldOrigin(field=self.field, origin=self.source, detail=self.detail, imported=self.imported)
        if not same and self.origin != "edited":
            return FieldOrigin(field=self.field, origin="edited", detail=self.detail, imported=self.imported,
                               imported_origin=self.source)
        return self


    def text(self) -> str:
        """One line for the form: where the value came from, or that the user changed it from what was imported."""
        if self.origin == "edited":
            return f"Edited: imported {shown_value(self.imported)} ({ORIGIN_LABELS[self.source]}: {self.detail})"
        return f"Imported, {ORIGIN_LABELS[self.origin]}: {self.detail}"

    def short_text(self) -> str:
        """A few words for the sheet's register: measured, configuration, default: check, or edited (imported X)."""
        if self.origin == "edited":
            return f"edited; imported {shown_value(self.imported)}"
        return SHORT_LABELS[self.origin]


SHORT_LABELS = {"measured": "measured", "configuration": "configuration", "default": "default: check"}


def shown_value(value: Any) -> str:
    """An imported value in a few characters: 1,024, 0.25, us-east-1, or a 24-hour profile's shape."""
    if isinstance(value, tuple | list):
        return f"profile {min(value):g}-{max(value):g}" if value else "profile"
    if isinstance(value, bool) or value is None:
        return {True: "yes", False: "no", None: "not set"}[value]
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:g}"
    return str(value)[:60]


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, list | tuple) and isinstance(b, list | tuple):
        return tuple(a) == tuple(b)
    return bool(a == b) and isinstance(a, bool) == isinstance(b, bool)


def value_at(data: Mapping[str, Any], path: str) -> Any:
    """The value at a dotted path of a workload's JSON form (None where there is none)."""
    node: Any = data
    for part in path.split("."):
        if not isinstance(node, Mapping) or part not in node:
            return None
        node = node[part]
    return node


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

    def following(self, workload_json: Mapping[str, Any]) -> ScenarioUsage:
        """The provenance once the workload (its JSON form) is what the user made of it: each field the user
        changed from its imported value is "edited", the imported value and where it came from kept; a field set
        back to the imported value is the import's again. `self` when nothing changed."""
        fields = tuple(f.following(value_at(workload_json, f.field)) for f in self.fields)
        if all(a is b for a, b in zip(fields, self.fields, strict=True)):
            return self
        return self.model_copy(update={"fields": fields})

    def billed_monthly_usd(self, month_hours: float) -> Decimal | None:
        """What the resource costs a month at the billed rate (the billed sum scaled to `month_hours`)."""
        if self.billed_usd is None:
            return None
        return self.billed_usd * Decimal(str(month_hours)) / Decimal(str(self.period_hours))

    def to_json_dict(self) -> dict[str, object]:
        return self.model_dump(mode="json")
