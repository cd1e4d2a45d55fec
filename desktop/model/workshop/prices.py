"""Workshop-scoped prices: the `prices` a workshop file may carry, so a colleague opening it prices it the same way.

The same shape as the user price book's `overrides` and `discounts` (desktop.model.pricing.user_book): an override
replaces one price by its path ("eu-west-2/lambda/requests"), with a note, a date and the user's confidence; an
override at a path the book has no price for adds that price (it then needs a `unit`); a discount takes a
percentage off a section's prices ("lambda", "fargate", ... or "all"). They apply on top of the book the
workshop is priced with (the bundled book and the opener's own user book); overridden prices are not discounted.
A discount applies once: where the opener's user book already discounted a price, the file's discount replaces
that one (from the list price), so a colleague with another user book sees the same price.
Every price the file sets cites the source WORKSHOP_SOURCE and says "from the workshop file" in its note, so the
Prices dialog, the sheet and the CSV say where it came from. Optional: files without `prices` open unchanged.

Bounded like every reader: at most MAX_OVERRIDES overrides, paths of at most MAX_PATH_CHARS, notes of at most
MAX_NOTE_CHARS; each problem names the field ("prices.overrides.eu-west-2/lambda/requests: ...").
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

from pydantic import ConfigDict, Field, ValidationError, model_validator

from desktop.model.pricing.book import PriceBook
from desktop.model.pricing.user_book import (
    USER_SOURCE,
    Override,
    UserBook,
    UserBookError,
    effective_book,
    parse_price_path,
)
from desktop.model.strict_numbers import NoBoolNumbers

WORKSHOP_SOURCE = "WORKSHOP"
WORKSHOP_NOTE = "Workshop file: "  # the effective book's note saying what the file set
FROM_THE_FILE = "from the workshop file"
MAX_OVERRIDES = 500
MAX_DISCOUNTS = 20
MAX_PATH_CHARS = 200
MAX_NOTE_CHARS = 500
PricePath = Annotated[str, Field(min_length=3, max_length=MAX_PATH_CHARS)]
Section = Annotated[str, Field(min_length=1, max_length=40)]


class WorkshopPrices(NoBoolNumbers):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)  # built with the workshop's (spec.py)

    overrides: dict[PricePath, Override] = Field(
        default_factory=dict, max_length=MAX_OVERRIDES,
        description="price path (region/section/.../name[/tier]) -> the price to use instead, or to add where the "
                    "book has none (then with a unit), as in the user price book")
    discounts: dict[Section, Decimal] = Field(
        default_factory=dict, max_length=MAX_DISCOUNTS,
        description="section ('lambda', 'fargate', ... or 'all') -> percent off, as in the user price book")

    @model_validator(mode="after")
    def _as_the_user_book_checks_them(self) -> WorkshopPrices:
        for path, override in self.overrides.items():
            if len(override.note) > MAX_NOTE_CHARS:
                raise ValueError(f"overrides.{path}.note: at most {MAX_NOTE_CHARS} characters")
        try:
            self.layer()
        except ValidationError as exc:
            raise ValueError("; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}"
                                       for e in exc.errors())) from None
        return self

    def layer(self) -> UserBook:
        """The same prices as a user book layer (raises ValidationError when the paths or discounts are wrong)."""
        return UserBook.model_validate({"overrides": self.overrides, "discounts": self.discounts})

    @property
    def empty(self) -> bool:
        return not self.overrides and not self.discounts

    def to_json_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = self.model_dump(mode="json", exclude_none=True)
        return data

    def summary(self) -> str:
        """What the file sets, in a few words: "2 prices and a 10% discount on lambda from the workshop file"."""
        parts = []
        if self.overrides:
            parts.append(f"{len(self.overrides)} price{'s' if len(self.overrides) != 1 else ''}")
        parts += [f"a {_plain(pct)}% discount on {section}" for section, pct in self.discounts.items()]
        if not parts:
            return ""
        listed = parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"
        return f"{listed} {FROM_THE_FILE}"


def _plain(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text if text not in ("-0", "") else "0"


def workshop_book(book: PriceBook, prices: WorkshopPrices | None) -> PriceBook:
    """`book` with the workshop's prices on top, each price the file sets citing WORKSHOP_SOURCE (raises
    UserBookError naming the price path, e.g. a region the book lacks)."""
    if prices is None or prices.empty:
        return book
    had_user_source = USER_SOURCE in book.sources
    priced = effective_book(book, prices.layer(), discounted_by="workshop file")
    data: dict[str, Any] = priced.model_dump(mode="json", by_alias=True)
    data["notes"] = [*book.notes, f"{WORKSHOP_NOTE}{prices.summary()}"]  # not the user book's: the file's
    for path, override in prices.overrides.items():
        node = _find(data["regions"], parse_price_path(path))
        node["source"] = WORKSHOP_SOURCE
        node["note"] = f"{FROM_THE_FILE}: {override.note}"
    if prices.overrides:
        data["sources"][WORKSHOP_SOURCE] = {
            "title": "Set in the workshop file (its own prices)", "reference": "the workshop file's prices, each "
            "with its note", "data_date": max(o.as_of for o in prices.overrides.values()).isoformat()}
    if not had_user_source and not _cites(data["regions"], USER_SOURCE):
        data["sources"].pop(USER_SOURCE, None)  # effective_book named the user as the source of these prices
    try:
        return PriceBook.model_validate(data)
    except ValidationError as exc:  # pragma: no cover - effective_book validated the same prices
        raise UserBookError([str(exc)]) from None


def from_the_file(book: PriceBook) -> tuple[int, str]:
    """How many of the book's prices the open workshop file set, and what it set in words ("" when nothing)."""
    said = next((n.removeprefix(WORKSHOP_NOTE) for n in book.notes if n.startswith(WORKSHOP_NOTE)), "")
    return sum(1 for p in book.iter_prices() if p.source == WORKSHOP_SOURCE), said


def book_for(spec_prices: WorkshopPrices | None, book: PriceBook, where: str) -> PriceBook:
    """`workshop_book` for a file: a price the book cannot take is a WorkloadFileError naming the file and the
    field ("room.workshop.json: prices.overrides.x/lambda/requests: region 'x' is not in the price book")."""
    from desktop.model.workload.files import WorkloadFileError
    from desktop.model.workload.validation import FieldProblem

    try:
        return workshop_book(book, spec_prices)
    except UserBookError as exc:
        raise WorkloadFileError(where, [FieldProblem("", f"prices.{p}") for p in exc.problems]) from None


def _find(regions: dict[str, Any], parts: tuple[str, ...]) -> dict[str, Any]:
    node: Any = regions
    for part in parts:
        node = node[int(part) - 1] if isinstance(node, list) else node[part]
    if not isinstance(node, dict):
        raise UserBookError([f"prices.overrides.{'/'.join(parts)}: not a price"])
    return node


def _cites(node: Any, source: str) -> bool:
    if isinstance(node, dict):
        return node.get("source") == source or any(_cites(v, source) for v in node.values())
    if isinstance(node, list):
        return any(_cites(v, source) for v in node)
    return False
