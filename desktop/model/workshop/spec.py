"""The workshop file, format version 1: named scenarios, each a workload with a note, and which is the baseline.

A public interface like the workload file: documented in docs/workshop-format.md, with a JSON Schema in
docs/workshop.schema.json generated from these models (a test keeps it in sync). A scenario's name is its
workload's `name`. Every model is frozen and forbids unknown keys.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from desktop.model.workload.spec import Workload
from desktop.model.workshop.prices import WorkshopPrices
from desktop.model.workshop.usage import ScenarioUsage

SCHEMA_VERSION = 1
MAX_SCENARIOS = 200
NOTE_MAX_CHARS = 2000

ScenarioKind = Literal["variants", "parts"]
KIND_LABELS: dict[str, str] = {"variants": "Variants of one workload", "parts": "Parts of one system"}


# The workshop's schemas are built when a workshop file is first read, not at import: a workload file reads as a
# workshop of one without validation (files.parse_document), so `computefit estimate WORKLOAD` never needs them.
class ScenarioEntry(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    note: str = Field("", max_length=NOTE_MAX_CHARS, description="free text shown with the scenario")
    workload: Workload = Field(..., description="the scenario's workload, exactly as in a workload file; "
                                                "its name is the scenario's name")
    usage: ScenarioUsage | None = Field(None, description="imported from usage data: where each field came from "
                                                          "and what the resource was billed (absent when typed in)")

    def to_json_dict(self) -> dict[str, object]:
        data: dict[str, object] = {"note": self.note, "workload": self.workload.to_json_dict()}
        if self.usage is not None:
            data["usage"] = self.usage.to_json_dict()
        return data


class WorkshopSpec(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    schema_version: Literal[1] = 1
    kind: ScenarioKind = Field(
        "variants", description="variants: versions of one workload, compared against the baseline; "
        "parts: the parts of one system, whose recommended totals add up to a portfolio total")
    baseline: int = Field(0, ge=0, description="the baseline scenario: its position in `scenarios`, 0 for the first")
    scenarios: tuple[ScenarioEntry, ...] = Field(..., min_length=1, max_length=MAX_SCENARIOS,
                                                 description="the scenarios, in the order they are shown")
    prices: WorkshopPrices | None = Field(None, description="the workshop's own prices (overrides, added prices, "
                                                            "discounts, as in the user price book), applied on top "
                                                            "of the book it is opened with; absent: none")

    @model_validator(mode="after")
    def _baseline_is_a_scenario(self) -> WorkshopSpec:
        if self.baseline >= len(self.scenarios):
            raise ValueError(f"baseline: must be the position of a scenario (0 to {len(self.scenarios) - 1}), "
                             f"got {self.baseline}")
        return self

    def to_json_dict(self) -> dict[str, object]:
        """The file form: each workload as a workload file writes it."""
        data: dict[str, object] = {"schema_version": self.schema_version, "kind": self.kind,
                                   "baseline": self.baseline, "scenarios": [s.to_json_dict() for s in self.scenarios]}
        if self.prices is not None and not self.prices.empty:
            data["prices"] = self.prices.to_json_dict()
        return data
