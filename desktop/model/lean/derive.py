"""The lean path's shapes, derived from the pydantic schema (the one source of truth): each model's fields as
plain data (key, type, bounds, default) for desktop.model.lean.reader. Not on the lean path itself (it imports the
schema); `python -m desktop.model.lean.derive` prints shapes.py, and a test checks the file is what it prints."""

from __future__ import annotations

import datetime as dt
import hashlib
import pprint
import types
from decimal import Decimal
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from desktop.model.schema.workload import NotBlank
from desktop.model.workload.fields import metadata_bounds

# The workload's own field validators the reader does itself (tests compare it with validation), by name; a field
# with any other validator is DOUBT: given in a file, the file goes the validated way.
KNOWN_VALIDATORS = {"_profile_shape": "profile", "_name_not_blank": "not_blank", "_options_once": "once"}
# What the reader never takes: the rarer sections, whose checks are the schema's alone.
DOUBT_FIELDS = {"Workload": {"horizon", "ranges", "shared_lines", "answers"}}


def _bounds(info: FieldInfo, metadata: list[Any]) -> tuple[Any, bool, Any, bool, Any, Any]:
    metas = [*info.metadata, *metadata]
    found = metadata_bounds(metas)
    min_len = max_len = None
    for meta in metas:
        if getattr(meta, "min_length", None) is not None:
            min_len = meta.min_length
        if getattr(meta, "max_length", None) is not None:
            max_len = meta.max_length
    return found.low, found.low_open, found.high, found.high_open, min_len, max_len


def _plain_number(value: Any) -> Any:
    return str(value) if isinstance(value, Decimal) else value


def type_shape(annotation: Any, info: FieldInfo, models: dict[str, Any], metadata: tuple[Any, ...] = ()) -> Any:
    origin, args = get_origin(annotation), get_args(annotation)
    if origin is Annotated:
        extra: list[Any] = []
        for item in args[1:]:
            if type(item).__name__ != "Describe":
                extra.extend(item.metadata if isinstance(item, FieldInfo) else [item])
        shape = type_shape(args[0], info, models, (*metadata, *extra))
        if any(callable(getattr(a, "func", None)) and a is not NotBlank for a in extra):
            return ("validated", shape)  # a check of the schema's own: the reader does not take it, the book has it
        return ("not_blank", shape) if NotBlank in extra else shape
    if origin in (Union, types.UnionType):
        members = [a for a in args if a is not type(None)]
        if len(members) != 1:
            return ("doubt", "union")
        return ("opt", type_shape(members[0], info, models, metadata))
    low, low_open, high, high_open, min_len, max_len = _bounds(info, list(metadata))
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return ("tuple", type_shape(args[0], FieldInfo(), models), max_len)
    if origin is list:
        return ("list", type_shape(args[0], FieldInfo(), models))
    if origin is dict:
        return ("dict", type_shape(args[0], FieldInfo(), models), type_shape(args[1], FieldInfo(), models))
    if origin is Literal:
        return ("lit", tuple(args))
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        model_shape(annotation, models)
        return ("model", annotation.__name__)
    if annotation in (int, float, Decimal):
        return (annotation.__name__.lower(), _plain_number(low), low_open, _plain_number(high), high_open)
    if annotation is str:
        return ("str", min_len, max_len)
    if annotation is bool:
        return ("bool",)
    if annotation is dt.date:
        return ("date",)
    return ("doubt", repr(annotation))


def _default(info: FieldInfo) -> Any:
    if info.is_required():
        return ("required",)
    if info.default_factory is not None:
        return ("new", info.default_factory.__name__)
    value = info.default
    if isinstance(value, BaseModel):
        return ("model",) if not value.model_fields_set else ("doubt", "default")
    if isinstance(value, list | dict | set | Decimal):
        return ("doubt", "default")
    return ("value", value)


def model_shape(model: type[BaseModel], models: dict[str, Any]) -> None:
    name = model.__name__
    if name in models:
        return
    models[name] = None  # being derived
    validators = model.__pydantic_decorators__.field_validators
    checks: dict[str, list[str]] = {}
    for validator_name, validator in validators.items():
        if validator_name == "_refuse_bools":
            continue
        for field in validator.info.fields:
            checks.setdefault(field, []).append(KNOWN_VALIDATORS.get(validator_name, "validated"))
    fields = []
    for field, info in model.model_fields.items():
        shape = type_shape(info.annotation if not info.metadata else Annotated[(info.annotation, *info.metadata)],
                           info, models)
        if field in DOUBT_FIELDS.get(name, ()):
            shape = ("doubt", "section")
        fields.append((field, info.alias or field, shape, tuple(checks.get(field, ())), _default(info)))
    after = tuple(sorted(model.__pydantic_decorators__.model_validators))
    models[name] = (tuple(fields), after)


def derived() -> dict[str, Any]:
    from desktop.model.pricing.book import PriceBook
    from desktop.model.workload.spec import Workload

    models: dict[str, Any] = {}
    model_shape(Workload, models)
    model_shape(PriceBook, models)
    return models


def shapes_text() -> str:
    from desktop.model.pricing.book import load_price_book
    from desktop.resources import price_book_path

    digest = hashlib.sha256(price_book_path().read_bytes()).hexdigest()
    counts = load_price_book(price_book_path()).confidence_counts
    return ('"""GENERATED by `python -m desktop.model.lean.derive` from the pydantic schema: do not edit (a test '
            'checks it).\n\nMODELS: each model\'s fields as (name, key in the file, type, checks, default), and its '
            'model\nvalidators. BUNDLED_BOOK_SHA256: the bundled price book the tests validated; the lean path builds '
            'it\nplainly only when its bytes have this digest; BUNDLED_BOOK_CONFIDENCE: its prices by grade."""\n\n'
            f"from typing import Any\n\nBUNDLED_BOOK_SHA256 = {digest!r}\n"
            f"BUNDLED_BOOK_CONFIDENCE = {counts!r}  # its prices by grade (A, B, C)\n\n"
            f"MODELS: dict[str, Any] = {pprint.pformat(derived(), width=112, sort_dicts=True)}\n")


if __name__ == "__main__":
    print(shapes_text(), end="")
