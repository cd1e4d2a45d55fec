"""The workshop file's JSON Schema, generated from the pydantic models.

Regenerate with `python -m desktop.model.workshop.schema > docs/workshop.schema.json` (a test keeps it in sync).
"""

from __future__ import annotations

import json
from typing import Any

from desktop.model.workshop.spec import WorkshopSpec


def workshop_schema() -> dict[str, Any]:
    schema = WorkshopSpec.model_json_schema(by_alias=True, mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "ComputeFit workshop, format version 1"
    return schema


def workshop_schema_text() -> str:
    return json.dumps(workshop_schema(), indent=2, sort_keys=True) + "\n"


if __name__ == "__main__":
    print(workshop_schema_text(), end="")
