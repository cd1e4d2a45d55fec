"""The bundled price book without validating it again at every start: it is ours and fixed.

`load_trusted_book(path, trusted)` reads the file's bytes and hashes them together with the code that validates
books (`book_digest`). When `trusted` already holds that digest (the same bytes validated under the same code
before), the book is built straight from the JSON (`construct_book`: typed, no validation, about a fifth of the
time of strict parsing plus validation, and the pydantic schemas of the book are not even built); otherwise it is
read strictly and validated like any book (`load_price_book`), and its digest added to `trusted` once it passed.
Any other book (a user's, an imported one, `--price-book`) is always validated in full.

`construct_book` converts each JSON value to its field's type (nested models, lists, dicts, Decimal, dates) the
way validation does; tests/model/pricing/test_trusted_book.py checks the result equals the validated book, value for
value and type for type. Whatever it cannot convert makes `load_trusted_book` validate instead.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import json
import sys
import types
from collections.abc import Callable
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal, Protocol, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from desktop.files import load_json_file, read_bounded
from desktop.model.pricing.book import MAX_PRICE_BOOK_BYTES, PriceBook

Convert = Callable[[Any], Any]


class TrustedDigests(Protocol):
    """Digests of book files known to have validated (kept across runs by the caller)."""

    def __contains__(self, digest: object) -> bool: ...

    def add(self, digest: str) -> None: ...


class Unsupported(Exception):
    """A field type or value `construct_book` does not convert: validate instead."""


def load_trusted_book(path: Path, trusted: TrustedDigests | None) -> PriceBook:
    """The book in `path`: built directly when its digest is trusted, else read strictly and validated (raises
    what `load_price_book` raises: desktop.files.ReadError, pydantic.ValidationError)."""
    raw = read_bounded(path, MAX_PRICE_BOOK_BYTES, "a price book")
    digest = book_digest(raw)
    if trusted is not None and digest in trusted:
        try:
            return construct_book(json.loads(raw))
        except (Unsupported, ValueError, TypeError, KeyError, AttributeError):
            pass  # validate below, as for any book
    book = PriceBook.model_validate(load_json_file(path, MAX_PRICE_BOOK_BYTES, "a price book"))
    if trusted is not None:
        trusted.add(digest)
    return book


def book_digest(raw: bytes) -> str:
    """SHA-256 of the file's bytes and of what decides whether they are a valid book: this code's version, the
    book schema's source (or, frozen, the executable) and pydantic's version."""
    import pydantic

    from desktop import __version__

    hasher = hashlib.sha256()
    hasher.update(f"{__version__}\0{pydantic.VERSION}\0".encode())
    hasher.update(_schema_fingerprint())
    hasher.update(b"\0")
    hasher.update(raw)
    return hasher.hexdigest()


@cache
def _schema_fingerprint() -> bytes:
    parts = []
    # the book's schema: book.py, the price values it is built from, and each option's own section (sections.py)
    sections = sorted(name for name in sys.modules if name.startswith("desktop.model.options.")
                      and name.endswith(".sections"))
    for module in ("desktop.model.pricing.book", "desktop.model.strict_numbers", "desktop.model.schema.prices",
                   *sections, __name__):
        source = Path(getattr(sys.modules[module], "__file__", "") or "")
        try:
            parts.append(hashlib.sha256(source.read_bytes()).digest())
        except OSError:  # frozen: no source files; the executable stands for the code built into it
            executable = Path(sys.executable).stat()
            parts.append(f"{sys.executable}:{executable.st_size}:{executable.st_mtime_ns}".encode())
            break
    return b"".join(parts)


def construct_book(data: Any) -> PriceBook:
    """A PriceBook from JSON data known to validate, built without validation (raises Unsupported)."""
    book = _model(PriceBook)(data)
    assert isinstance(book, PriceBook)
    return book


@cache
def _model(cls: type[BaseModel]) -> Convert:
    """What `cls.model_construct` does (defaults, fields set), without its per-call generality."""
    if cls.__pydantic_post_init__ or cls.__pydantic_root_model__ or cls.model_config.get("extra") == "allow":
        raise Unsupported(f"{cls.__name__}: post-init, root or extra fields")
    fields = [(name, info.alias or name, _converter(info.annotation), None if info.is_required() else _default(info))
              for name, info in cls.model_fields.items()]
    keys = {key for _name, key, _convert, _default_of in fields}
    new, setattr_ = cls.__new__, object.__setattr__

    def build(value: Any) -> BaseModel:
        if type(value) is not dict or not keys.issuperset(value):
            raise Unsupported(f"{cls.__name__}: not an object of its fields")
        values: dict[str, Any] = {}
        given = set()
        for name, key, convert, default in fields:
            if key in value:
                values[name] = convert(value[key])
                given.add(name)
            elif default is None:
                raise Unsupported(f"{cls.__name__}.{key} is missing")
            else:
                values[name] = default()
        model = new(cls)
        setattr_(model, "__dict__", values)
        setattr_(model, "__pydantic_fields_set__", given)
        setattr_(model, "__pydantic_extra__", None)
        setattr_(model, "__pydantic_private__", None)
        return model

    return build


def _default(info: FieldInfo) -> Callable[[], Any]:
    """A field's default, made as validation makes it: a fresh container for each model, shared values else."""
    factory = info.default_factory
    if factory is not None:
        if factory not in (list, dict):
            raise Unsupported(f"default factory {factory}")
        return factory
    value = info.default
    if isinstance(value, list | dict | set):
        return lambda: copy.deepcopy(value)
    return lambda: value


def _converter(annotation: Any) -> Convert:
    origin, args = get_origin(annotation), get_args(annotation)
    if origin is Annotated:
        return _converter(args[0])
    if origin in (Union, types.UnionType):
        members = [a for a in args if a is not type(None)]
        if len(members) != 1:
            raise Unsupported(f"union {annotation}")
        inner = _converter(members[0])
        return lambda v: None if v is None else inner(v)
    if origin is list:
        item = _converter(args[0])
        return lambda v: [item(x) for x in _of(v, list)]
    if origin is dict:
        value = _converter(args[1])
        return lambda v: {_of(k, str): value(x) for k, x in _of(v, dict).items()}
    if origin is Literal:
        allowed = set(args)
        return lambda v: v if v in allowed and type(v) in (str, int) else _refuse(annotation, v)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return _model(annotation)
    if annotation is Decimal:
        return _decimal
    if annotation is dt.date:
        return lambda v: dt.date.fromisoformat(_of(v, str))
    if annotation in (str, int, bool):
        return lambda v: v if type(v) is annotation else _refuse(annotation, v)
    raise Unsupported(f"type {annotation}")


def _decimal(value: Any) -> Decimal:
    if type(value) is int:
        return Decimal(value)
    if type(value) is float:
        return Decimal(str(value))  # as validation converts a JSON number: its shortest repr, not its binary value
    if type(value) is str:
        return Decimal(value)
    raise Unsupported(f"{value!r} is not a number")


def _of(value: Any, kind: type) -> Any:
    return value if type(value) is kind else _refuse(kind, value)


def _refuse(kind: object, value: Any) -> Any:
    raise Unsupported(f"{value!r} is not a {kind}")
