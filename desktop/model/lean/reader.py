"""The lean reader: a workload file's JSON as plain objects when it is plainly valid, else None (the caller then
validates it the usual way, which gives the same workload or today's one-line refusal).

Driven by shapes.py, derived from the schema: exact JSON types only (an int for an int field, a number for a float,
true/false for a bool, a listed value for a choice), the field's bounds and lengths, the defaults; the few checks
the schema writes as code are here (`_CHECKS`), and a field or section it does not know is a doubt. Numbers as
text, 1024.0 for an int, unknown keys, the rarer sections (horizon, ranges, shared lines, answers): all doubts.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from desktop.model.lean.nodes import CLASSES, Node
from desktop.model.lean.shapes import MODELS


class Doubt(Exception):
    """Not plainly valid: validate instead."""


def _number(value: Any, shape: tuple[Any, ...]) -> Any:
    kind, low, low_open, high, high_open = shape
    if kind == "int":
        if type(value) is not int:
            raise Doubt(kind)
    elif kind == "float" and type(value) in (int, float):
        try:
            value = float(value)
        except OverflowError:
            raise Doubt(kind) from None
        if not math.isfinite(value):
            raise Doubt(kind)
    else:
        raise Doubt(kind)
    if low is not None and (value <= low if low_open else value < low):
        raise Doubt("low")
    if high is not None and (value >= high if high_open else value > high):
        raise Doubt("high")
    return value


def value_of(value: Any, shape: tuple[Any, ...]) -> Any:
    kind = shape[0]
    if kind in ("int", "float"):
        return _number(value, shape)
    if kind == "opt":
        return None if value is None else value_of(value, shape[1])
    if kind == "str":
        if type(value) is not str or (shape[1] is not None and len(value) < shape[1]) or (
                shape[2] is not None and len(value) > shape[2]):
            raise Doubt(kind)
        return value
    if kind == "bool":
        if type(value) is not bool:
            raise Doubt(kind)
        return value
    if kind == "lit":
        if not any(type(value) is type(allowed) and value == allowed for allowed in shape[1]):
            raise Doubt(kind)
        return value
    if kind == "tuple":
        if type(value) is not list or (shape[2] is not None and len(value) > shape[2]):
            raise Doubt(kind)
        return tuple(value_of(item, shape[1]) for item in value)
    if kind == "not_blank":
        found = value_of(value, shape[1])
        if not found.strip():
            raise Doubt(kind)
        return found
    if kind == "model":
        if type(value) is not dict:
            raise Doubt(kind)
        return model_of(value, shape[1])
    raise Doubt(kind)  # doubt, validated, and what a workload does not have


def _profile(value: Any) -> Any:
    if value is not None and (len(value) != 24 or any(v < 0 for v in value) or sum(value) <= 0):
        raise Doubt("daily_profile")
    return value


def _once(value: Any) -> Any:
    if value is not None and (not value or len(set(value)) != len(value)):
        raise Doubt("options")
    return value


_CHECKS: dict[str, Callable[[Any], Any]] = {"profile": _profile, "once": _once, "not_blank": lambda v: (
    v if v.strip() else _refuse("blank"))}


def _refuse(why: str) -> Any:
    raise Doubt(why)


def model_of(data: dict[str, Any], name: str) -> Node:
    fields, after = MODELS[name]
    values: dict[str, Any] = {}
    used = 0
    for field, key, shape, checks, default in fields:
        if key in data:
            used += 1
            value = value_of(data[key], shape)
            for check in checks:  # a default is valid as it is
                value = _CHECKS[check](value)
        elif default[0] == "value":
            value = default[1]
        elif default[0] == "model":
            value = model_of({}, shape[1] if shape[0] == "model" else "")
        else:
            raise Doubt(f"{key}: no plain default")
        values[field] = value
    if used != len(data):
        raise Doubt("a key the schema does not have")
    node = CLASSES.get(name, Node)(**values)
    for check in after:
        _MODEL_CHECKS[check](node)
    return node


def _duration_within_the_month(workload: Any) -> None:
    if workload.traffic.duration_ms > workload.assumptions.month_hours * 3600 * 1000:
        raise Doubt("duration")


def _no_ranges(workload: Any) -> None:
    if workload.ranges is not None:
        raise Doubt("ranges")


_MODEL_CHECKS: dict[str, Callable[[Any], None]] = {"_duration_within_the_month": _duration_within_the_month,
                                                   "_ranged_fields_are_numbers": _no_ranges}


def lean_workload(data: Any) -> Node | None:
    """The workload in `data` as plain objects, or None when it is not plainly valid."""
    if type(data) is not dict or "scenarios" in data:
        return None
    try:
        return model_of(data, "Workload")
    except (Doubt, KeyError, TypeError, ValueError, RecursionError):
        return None
