"""`true` is not the number 1: a base model whose numeric fields refuse JSON booleans.

pydantic's lax mode turns true/false into 1/0 for int, float and Literal[1] fields (and inside tuples of
numbers). Strict mode would also refuse 1024.0 for an int and "0.20" for a Decimal, which files and the form
rely on, so instead one before-validator refuses a boolean wherever the field's type is a number, or a list
or tuple of numbers, and leaves everything else (bool fields, answers that may be true) as it was.
"""

from __future__ import annotations

import json
import types
from decimal import Decimal
from functools import cache
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel, ValidationInfo, field_validator

NUMBER, NUMBERS, OTHER = "number", "numbers", ""


def number_shape(annotation: Any) -> str:
    """NUMBER for int/float/Decimal (or optional, or an int Literal), NUMBERS for a tuple/list of them, else OTHER."""
    origin = get_origin(annotation)
    args = get_args(annotation)
    if origin is Annotated:
        return number_shape(args[0])
    if origin in (Union, types.UnionType):
        members = [a for a in args if a is not type(None)]
        if bool in members:
            return OTHER
        shapes = {number_shape(a) for a in members}
        return NUMBER if NUMBER in shapes else NUMBERS if NUMBERS in shapes else OTHER
    if origin is Literal:
        return NUMBER if args and all(type(v) is int for v in args) else OTHER
    if origin in (tuple, list) and args:
        return NUMBERS if number_shape(args[0]) == NUMBER else OTHER
    return NUMBER if annotation in (int, float, Decimal) else OTHER


@cache
def _field_shape(model: type[BaseModel], name: str) -> str:
    field = model.model_fields.get(name)
    return number_shape(field.annotation) if field is not None else OTHER


class NoBoolNumbers(BaseModel):
    """Base for the file models: a number field given true or false is refused ("must be a number, not true")."""

    @field_validator("*", mode="before")
    @classmethod
    def _refuse_bools(cls, value: Any, info: ValidationInfo) -> Any:
        shape = _field_shape(cls, info.field_name or "")
        if shape == NUMBER and isinstance(value, bool):
            raise ValueError(f"must be a number, not {json.dumps(value)}")
        if shape == NUMBERS and isinstance(value, list | tuple):
            for index, item in enumerate(value):
                if isinstance(item, bool):
                    raise ValueError(f"item {index + 1} must be a number, not {json.dumps(item)}")
        return value
