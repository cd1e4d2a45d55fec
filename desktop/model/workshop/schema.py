"""The workshop file's JSON Schema, generated from the pydantic models.

Regenerate with `python -m desktop.model.workshop.schema > docs/workshop.schema.json` (a test keeps it in sync).
"""

from __future__ import annotations

from typing import Any

from desktop.model.workload.schema import file_schema, schema_text
from desktop.model.workshop.spec import WorkshopSpec


def workshop_schema() -> dict[str, Any]:
    return file_schema(WorkshopSpec, "ComputeFit workshop, format version 1")


def workshop_schema_text() -> str:
    return schema_text(workshop_schema())


if __name__ == "__main__":
    print(workshop_schema_text(), end="")
