"""The lean path's plain objects: a file's model as attributes of the same names as the validated model's, with
the validated model's derived values from the same code (the mixins), and `model_copy(update=...)` as pydantic's."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from desktop.model.schema.names import PriceValue, confidence_summary
from desktop.model.workload.derived import WorkloadDerived


class Node:
    """A model's values, plain; equal to another of the same kind with the same values."""

    def __init__(self, **values: Any) -> None:
        self.__dict__.update(values)

    @property
    def plain_fields(self) -> dict[str, str]:
        """Its fields by their file names ("lambda" for lambda_), as a validated model's `model_fields` aliases
        name them (the advice's variants read these: desktop.model.advice.variants.fields_by_key)."""
        return {name.removesuffix("_"): name for name in self.__dict__}

    def model_copy(self, *, update: dict[str, Any] | None = None) -> Any:
        copy = object.__new__(type(self))
        copy.__dict__.update(self.__dict__, **(update or {}))
        return copy

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other.__dict__ == self.__dict__

    def __hash__(self) -> int:
        return hash(tuple(self.__dict__))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(f'{k}={v!r}' for k, v in self.__dict__.items())})"


class PlainWorkload(Node, WorkloadDerived):
    """A workload the lean reader took (desktop.model.lean.reader)."""


class PlainPrice(Node, PriceValue):
    """A price of the bundled book, plain: estimated, per_second as the validated Price has them."""

    def __init__(self, **values: Any) -> None:  # the validated Price's defaults
        self.__dict__.update(note="", origin="bundled", list_usd=None)
        self.__dict__.update(values)


class PlainRate(Node):
    @property
    def estimated(self) -> bool:
        return bool(self.__dict__["confidence"] == "C")


class PlainBook(Node):
    """The bundled price book, plain: what the quote reads of a PriceBook (its grade counts as derived with its
    digest, so its regions are built only when read)."""

    __slots__ = ("counts",)
    counts: dict[str, int]

    def region(self, code: str) -> Any:
        return self.__dict__["regions"][code]

    @property
    def confidence_counts(self) -> dict[str, int]:
        known: dict[str, int] | None = getattr(self, "counts", None)
        if known is not None:
            return dict(known)
        counts = {"A": 0, "B": 0, "C": 0}
        for price in prices_under(self.__dict__["regions"]):
            counts[price.confidence] += 1
        return counts

    @property
    def confidence_summary(self) -> str:
        return confidence_summary(self.confidence_counts)


class LazyDict(dict[str, Any]):
    """A book's regions (or sources) by key, each built from its JSON when first read (a quote reads one region of
    twelve, and no source)."""

    def __init__(self, raw: dict[str, Any], build: Callable[[Any], Any]) -> None:
        super().__init__(raw)
        self._build = build
        self._built: set[str] = set()

    def __getitem__(self, code: str) -> Any:
        value = super().__getitem__(code)
        if code not in self._built:
            value = self._build(value)
            super().__setitem__(code, value)
            self._built.add(code)
        return value

    def get(self, code: str, default: Any = None) -> Any:
        if code not in self:
            return default
        return self[code]

    def values(self) -> list[Any]:  # type: ignore[override]
        return [self[code] for code in self]

    def items(self) -> list[tuple[str, Any]]:  # type: ignore[override]
        return [(code, self[code]) for code in self]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, dict) and dict(self.items()) == dict(other.items())

    __hash__ = None


def prices_under(node: Any) -> list[PlainPrice]:
    """Every plain price under a node, in the tree's order (as the validated book's walk)."""
    found: list[PlainPrice] = []
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, PlainPrice):
            found.append(item)
        elif isinstance(item, Node):
            stack.extend(reversed(item.__dict__.values()))
        elif isinstance(item, dict):
            stack.extend(reversed(item.values()))
        elif isinstance(item, list):
            stack.extend(reversed(item))
    return found


CLASSES: dict[str, type[Node]] = {"Workload": PlainWorkload, "Price": PlainPrice, "SourcedRate": PlainRate,
                                  "PriceBook": PlainBook}
