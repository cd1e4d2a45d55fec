"""A workload field's bounds read off the shapes derived from the schema (lean/shapes.py), without pydantic: the
same `low` and `high` as `desktop.model.workload.fields.field_bounds` (tests/model/lean compares every field), for
the advice the lean `estimate --json` runs."""

from __future__ import annotations

from typing import Any

from desktop.model.lean.shapes import MODELS

_WRAPPERS = ("opt", "validated", "not_blank")


def shape_bounds(path: str) -> tuple[Any, Any]:
    """(low, high) of the workload field at a dotted path as in the file ("lambda.memory_mb"); None where unbounded."""
    model = "Workload"
    shape: tuple[Any, ...] = ("model", "Workload")
    for part in path.split("."):
        shape = next(s for _name, key, s, _checks, _default in MODELS[model][0] if key == part)
        while shape[0] in _WRAPPERS:
            shape = shape[1]
        if shape[0] == "model":
            model = shape[1]
    if shape[0] not in ("int", "float"):
        return None, None
    return shape[1], shape[3]
