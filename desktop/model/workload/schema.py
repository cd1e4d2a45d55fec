"""The workload file's JSON Schema, generated from the pydantic models.

Regenerate with `python -m desktop.model.workload.schema > docs/workload.schema.json` (a test keeps it in sync).
"""

from __future__ import annotations

import json
from typing import Any

from desktop.model.workload.spec import Workload


def workload_schema() -> dict[str, Any]:
    schema = Workload.model_json_schema(by_alias=True, mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "ComputeFit workload, format version 1"
    return schema


def workload_schema_text() -> str:
    return json.dumps(workload_schema(), indent=2, sort_keys=True) + "\n"


if __name__ == "__main__":
    print(workload_schema_text(), end="")
