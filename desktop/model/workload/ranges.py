"""The workload file's `ranges` section (optional; files without it are read and written unchanged): any numeric
input as low / likely / high, and the seed and sample count of the Monte Carlo that prices them all at once.

    "ranges": {"seed": 7, "samples": 10000,
               "fields": {"traffic.requests_per_month": {"low": 20000000, "likely": 30000000, "high": 60000000},
                          "traffic.duration_ms": {"low": 80, "likely": 120, "high": 300}}}

`likely` may be left out: the field's own value is the likely one. A field's range must stay inside the field's
own bounds (checked when the file is read). The horizon's growth (a monthly percentage, or a step's factor) may be
ranged too: the horizon's totals are then drawn as a spread (the monthly Monte Carlo does not depend on it).
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field, model_validator

from desktop.model.schema.fields import Describe
from desktop.model.schema.workload import FiniteFloat, Section

MAX_RANGED_FIELDS = 20
NOT_SAMPLED = ("horizon", "ranges", "schema_version")  # sections the monthly Monte Carlo does not price
# The horizon's growth, sampled by the horizon's own draws (desktop.model.advice.uncertainty.horizon_spread)
GROWTH_PATHS = ("horizon.growth.monthly_pct", "horizon.growth.step_factor")
MAX_SAMPLES = 100_000


class Spread(Section):
    low: Annotated[FiniteFloat, Describe("Low", "float", "The lowest value thought possible.")] = Field(
        ..., ge=-1e15, le=1e15)
    likely: Annotated[FiniteFloat | None, Describe(
        "Likely", "float", "The most likely value; empty: the field's own value.", optional=True)] = Field(
        None, ge=-1e15, le=1e15)
    high: Annotated[FiniteFloat, Describe("High", "float", "The highest value thought possible.")] = Field(
        ..., ge=-1e15, le=1e15)

    @model_validator(mode="after")
    def _ordered(self) -> Spread:
        if self.low > self.high:
            raise ValueError(f"low ({self.low:g}) is above high ({self.high:g})")
        if self.likely is not None and not self.low <= self.likely <= self.high:
            raise ValueError(f"likely ({self.likely:g}) is not between low and high")
        return self


FieldPath = Annotated[str, Field(min_length=3, max_length=60, pattern=r"^[a-z_]+(\.[a-z_0-9]+)+$")]


class Ranges(Section):
    TITLE = "Ranges"

    seed: Annotated[int, Describe(
        "Seed", "int", "The Monte Carlo's seed: the same seed gives the same result.")] = Field(1, ge=0, le=2**32 - 1)
    samples: Annotated[int, Describe(
        "Samples", "int", "How many sets of inputs the Monte Carlo draws.", unit="samples")] = Field(
        10_000, ge=100, le=MAX_SAMPLES)
    fields: dict[FieldPath, Spread] = Field(default_factory=dict, max_length=MAX_RANGED_FIELDS)


def check_ranged_paths(ranges: Ranges, data: Any) -> None:
    """Each ranged path names a number of the workload (not a flag, text or list); `data` is the workload."""
    for path in ranges.fields:
        if path in GROWTH_PATHS and getattr(data, "horizon", None) is None:
            raise ValueError(f"ranges.fields: {path!r} is ranged but the workload has no horizon")
        if path.split(".")[0] in NOT_SAMPLED and path not in GROWTH_PATHS:
            raise ValueError(f"ranges.fields: {path!r} cannot be ranged: the Monte Carlo samples the monthly inputs "
                             f"and the horizon's growth ({', '.join(GROWTH_PATHS)}), not the horizon's other figures")
        value: Any = data
        for part in path.split("."):
            value = getattr(value, "lambda_" if part == "lambda" else part, None)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(f"ranges.fields: {path!r} is not a numeric field of the workload")
        from desktop.model.workload.fields import field_bounds  # the schema's bounds (built from the workload)

        spread, bounds = ranges.fields[path], field_bounds(path)
        too_low = bounds.low is not None and (spread.low < bounds.low or (bounds.low_open and spread.low == bounds.low))
        if too_low or (bounds.high is not None and spread.high > bounds.high):
            raise ValueError(f"ranges.fields: {path!r} {spread.low:g}..{spread.high:g} is outside the field's "
                             f"range {bounds.low:g}..{bounds.high:g}".replace("None", "-"))
