"""The workload file's JSON Schema, generated from the pydantic models.

Regenerate with `python -m desktop.model.workload.schema > docs/workload.schema.json` (a test keeps it in sync).
`file_schema` and `schema_text` serve every file format's schema (the workshop file's too).
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from desktop.model.workload.spec import Workload


def file_schema(model: type[BaseModel], title: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) a file of `model` is validated against, under its aliases."""
    schema = model.model_json_schema(by_alias=True, mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = title
    return schema


def schema_text(schema: dict[str, Any]) -> str:
    """The schema as committed under docs/: sorted keys, two-space indents, a final newline."""
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"


def workload_schema() -> dict[str, Any]:
    return file_schema(Workload, "ComputeFit workload, format version 1")


def workload_schema_text() -> str:
    return schema_text(workload_schema())


if __name__ == "__main__":
    print(workload_schema_text(), end="")
