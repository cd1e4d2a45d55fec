"""Turn validation failures into one clear line each: the field's dotted path and the problem.

Bounded whatever the file: at most MAX_PROBLEMS problems are described ("and 1,999,990 more problem(s)" after
them), a path or message quoting the file is clipped, and `size_problem` refuses, before validation, data with a
list or object of more than MAX_ITEMS entries or more than MAX_VALUES values in all (a file of two million bad
list items would otherwise cost pydantic two million errors: 38 s, 2.6 GB and a 113 MB message).
"""

from __future__ import annotations

import math
from itertools import islice
from typing import Any, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from desktop.model.workload.problem import FieldProblem as FieldProblem
from desktop.model.workload.spec import Workload

MAX_PROBLEMS = 10  # described in a message; the rest are counted
MAX_PATH_CHARS = 160  # a field's path in a message (keys come from the file)
MAX_MESSAGE_CHARS = 300
MAX_ITEMS = 1_000  # entries of one list or object: a workshop has at most 200 scenarios, a workload 24 hours
MAX_VALUES = 100_000  # values in one document: a full workshop of 200 scenarios has about 30,000


def clip(text: str, limit: int) -> str:
    """`text` at most `limit` characters, its start and end kept around "..."."""
    if len(text) <= limit:
        return text
    keep = max(limit - 3, 2)
    return text[: keep - keep // 3] + "..." + text[len(text) - keep // 3:]



def _show(value: Any) -> str:
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 60 else text[:57] + "..."


def field_info(model: type[BaseModel], loc: tuple[str | int, ...]) -> FieldInfo | None:
    """The schema's field at a location (names or aliases as in the file, e.g. ("lambda", "memory_mb"); an index
    looks inside a list's or tuple's items), None where the model has no such field."""
    info: FieldInfo | None = None
    current: Any = model
    for part in loc:
        if isinstance(part, int):  # an item of a list or tuple field: look inside at the item's model
            items = [a for a in get_args(current) if a is not Ellipsis]
            if get_origin(current) not in (list, tuple) or len(items) != 1:
                return info
            current = items[0]
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        info = next((f for name, f in current.model_fields.items() if part in (name, f.alias)), None)
        if info is None:
            return None
        current = info.annotation
        optional = [a for a in get_args(current) if a is not type(None)]  # an optional section: `Horizon | None`
        current = optional[0] if len(optional) == 1 and type(None) in get_args(current) else current
    return info


def _bounds(info: FieldInfo | None) -> tuple[Any, Any, Any, Any]:
    ge = gt = le = lt = None
    for meta in info.metadata if info else []:
        ge = getattr(meta, "ge", ge)
        gt = getattr(meta, "gt", gt)
        le = getattr(meta, "le", le)
        lt = getattr(meta, "lt", lt)
    return ge, gt, le, lt


def _num(value: Any) -> str:
    number = float(value)
    if number.is_integer():
        return f"{int(number):,}"
    return f"{number:g}"


def _range_text(info: FieldInfo | None) -> str | None:
    ge, gt, le, lt = _bounds(info)
    low = f"{_num(ge)} or more" if ge is not None else (f"more than {_num(gt)}" if gt is not None else None)
    high = f"at most {_num(le)}" if le is not None else (f"less than {_num(lt)}" if lt is not None else None)
    if ge is not None and le is not None:
        return f"must be between {_num(ge)} and {_num(le)}"
    if low and high:
        return f"must be {low} and {high}"
    if low or high:
        return f"must be {low or high}"
    return None


_TYPE_WORDS = {
    "int_type": "must be a whole number", "int_parsing": "must be a whole number",
    "int_from_float": "must be a whole number", "float_type": "must be a number", "float_parsing": "must be a number",
    "bool_type": "must be true or false", "bool_parsing": "must be true or false", "string_type": "must be text",
    "dict_type": "must be an object", "model_type": "must be an object", "tuple_type": "must be a list",
    "list_type": "must be a list", "decimal_parsing": "must be a number",
}


def describe(error: dict[str, Any], model: type[BaseModel] = Workload) -> FieldProblem:
    """One problem, its path and message clipped (either may quote the file)."""
    problem = _describe(error, model)
    return FieldProblem(clip(problem.path, MAX_PATH_CHARS), clip(problem.message, MAX_MESSAGE_CHARS))


def _describe(error: dict[str, Any], model: type[BaseModel]) -> FieldProblem:
    loc = tuple(error.get("loc", ()))
    path = ".".join(clip(str(p), 60) for p in loc)
    kind = error.get("type", "")
    value = error.get("input")
    got = f", got {_show(value)}"
    info = field_info(model, loc)
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        text = _range_text(info) or error.get("msg", "is out of range")
        return FieldProblem(path, text + got)
    if kind == "finite_number":
        return FieldProblem(path, "must be a finite number" + got)
    if kind == "extra_forbidden":
        return FieldProblem(path, "is not a known field (check the spelling; see docs/workload-format.md)")
    if kind == "missing":
        return FieldProblem(path, "is required")
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        return FieldProblem(path, f"must be one of {expected}" + got)
    if kind in ("string_too_short", "string_too_long"):
        ctx = error.get("ctx", {})
        size = ctx.get("min_length") if kind == "string_too_short" else ctx.get("max_length")
        word = "at least" if kind == "string_too_short" else "at most"
        return FieldProblem(path, f"must have {word} {size} characters" + got)
    if kind in _TYPE_WORDS:
        return FieldProblem(path, _TYPE_WORDS[kind] + got)
    message = str(error.get("msg", "is not valid"))
    message = message.removeprefix("Value error, ")
    return FieldProblem(path, message[:1].lower() + message[1:] + (got if value is not None and kind != "value_error"
                                                                     else ""))


def problems_of(exc: ValidationError, model: type[BaseModel] = Workload, limit: int = MAX_PROBLEMS,
                summary: bool = True) -> list[FieldProblem]:
    """The first `limit` problems, then (with `summary`) one saying how many more there are."""
    total = exc.error_count()
    problems = [describe(dict(e), model) for e in islice(exc.errors(include_url=False), limit)]
    if summary and total > limit:
        problems.append(FieldProblem("", f"and {total - limit:,} more problem(s)"))
    return problems


def size_problem(data: Any) -> FieldProblem | None:
    """A problem when parsed JSON is larger than any workload or workshop (checked before validation, so the
    validation's errors stay few): a list or object of more than MAX_ITEMS entries, more than MAX_VALUES values.
    A container's size is read before its entries are looked at: a list of two million items costs nothing."""
    if not isinstance(data, dict | list):
        return None
    stack: list[tuple[Any, str]] = [(data, "")]
    count = 1
    while stack:
        node, path = stack.pop()
        if len(node) > MAX_ITEMS:
            kind = "entries" if isinstance(node, dict) else "items"
            return FieldProblem(clip(path, MAX_PATH_CHARS) or "(the whole file)",
                                f"has {len(node):,} {kind}; no field of a workload or workshop has more than "
                                f"{MAX_ITEMS:,}")
        count += len(node)
        if count > MAX_VALUES:
            return FieldProblem("", f"holds more than {MAX_VALUES:,} values; no workload or workshop has so many")
        pairs = node.items() if isinstance(node, dict) else enumerate(node)
        stack.extend((value, f"{path}.{clip(str(key), 60)}" if path else clip(str(key), 60))
                     for key, value in pairs if isinstance(value, dict | list))
    return None
