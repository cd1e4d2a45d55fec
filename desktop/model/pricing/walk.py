"""The one walk over a price tree, for a validated price book and for raw price JSON alike.

`walk_prices(node, is_price)` yields every node `is_price` accepts, with its path: a pydantic model's field names
(by alias), a dict's keys, a list's indexes. A price is not looked into. The book's source checks, its price list,
the priced paths of a region (`price_paths`), the user book's discounts and the importer's citations all walk with
it, so they agree on what is under a region.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, TypeGuard, TypeVar, overload

from pydantic import BaseModel

Path = tuple[str | int, ...]
T = TypeVar("T")


@overload
def walk_prices(node: object, is_price: Callable[[object], TypeGuard[T]], path: Path = ()) -> Iterator[tuple[Path, T]]:
    ...


@overload
def walk_prices(node: object, is_price: Callable[[object], bool], path: Path = ()) -> Iterator[tuple[Path, Any]]:
    ...


def walk_prices(node: object, is_price: Callable[[object], bool], path: Path = ()) -> Iterator[tuple[Path, Any]]:
    """Every price under `node` (what `is_price` accepts), depth first in the tree's own order, with its path."""
    if is_price(node):
        yield path, node
    elif isinstance(node, BaseModel):
        for name, info in type(node).model_fields.items():
            yield from walk_prices(getattr(node, name), is_price, (*path, info.alias or name))
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from walk_prices(value, is_price, (*path, str(key)))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from walk_prices(value, is_price, (*path, index))


def dotted(root: str, path: Path) -> str:
    """A path as a validation message names it: "regions.us-east-1.lambda.duration.x86_64[0].price"."""
    return root + "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in path)
