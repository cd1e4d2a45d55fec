"""The bundled price book as plain objects, without pydantic: only the exact bytes the tests validated (their
digest is in shapes.py), built by the schema's shapes (Decimal, dates, defaults, nested sections). Any other book,
or bytes that differ, go the validated way (desktop.pricelist.book.store)."""

from __future__ import annotations

import datetime as dt
import importlib
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from desktop.model.lean.nodes import CLASSES, LazyDict, Node, PlainBook
from desktop.model.lean.shapes import BUNDLED_BOOK_CONFIDENCE, BUNDLED_BOOK_SHA256, MODELS


def _decimal(value: Any) -> Decimal:
    if type(value) is float:
        return Decimal(str(value))  # as validation converts a JSON number: its shortest repr
    if type(value) in (int, str):
        return Decimal(value)
    raise TypeError(value)


def _build(value: Any, shape: tuple[Any, ...]) -> Any:
    kind = shape[0]
    if kind in ("validated", "not_blank"):
        return _build(value, shape[1])
    if kind == "opt":
        return None if value is None else _build(value, shape[1])
    if kind == "model":
        return _model(value, shape[1])
    if kind == "list":
        return [_build(item, shape[1]) for item in value]
    if kind == "dict":
        return {key: _build(item, shape[2]) for key, item in value.items()}
    if kind == "decimal":
        return _decimal(value)
    if kind == "date":
        return dt.date.fromisoformat(value)
    if kind == "float":
        return float(value)
    if kind in ("int", "str", "bool", "lit"):
        return value
    raise TypeError(f"{kind}: not in a book")


def _model(data: dict[str, Any], name: str, given: dict[str, Any] | None = None) -> Node:
    fields, _after = MODELS[name]
    values: dict[str, Any] = {}
    for field, key, shape, _checks, default in fields:
        if given and key in given:
            values[field] = given[key]
        elif key in data:
            values[field] = _build(data[key], shape)
        elif default[0] == "value":
            values[field] = default[1]
        elif default[0] == "new":
            values[field] = [] if default[1] == "list" else {}
        elif default[0] == "model":
            values[field] = _model({}, shape[1])
        else:
            raise KeyError(f"{name}.{key}")
    return CLASSES.get(name, Node)(**values)


def sha256_hex(raw: bytes) -> str:
    """SHA-256 of `raw`, by CPython's own module where it has one (hashlib's import loads OpenSSL: a few ms)."""
    try:
        sha256: Any = importlib.import_module("_sha256").sha256
    except ImportError:  # another Python's layout
        from hashlib import sha256
    return str(sha256(raw).hexdigest())


def plain_bundled_book(path: Path) -> Node | None:
    """The bundled book at `path` as plain objects, or None when its bytes are not those the tests validated."""
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    if sha256_hex(raw) != BUNDLED_BOOK_SHA256:
        return None
    data = json.loads(raw)
    book = _model(data, "PriceBook", given={"regions": LazyDict(data["regions"], _region),
                                            "sources": LazyDict(data["sources"], _source)})
    assert isinstance(book, PlainBook)
    book.counts = dict(BUNDLED_BOOK_CONFIDENCE)
    return book


def _region(data: Any) -> Node:
    return _model(data, "RegionPrices")


def _source(data: Any) -> Node:
    return _model(data, "Source")
