"""Which books price a session, and changing the user book from the window: overrides, discounts, imports.

The window prices with a base book (the bundled one, or a full book given with --price-book) and, over it, a
user book (the default one in the application data folder, or a user book given with --price-book). Each change
starts from the user book as it is on disk now (so the window and `computefit prices import` do not undo each
other), makes the new layer, checks that it gives a valid book over the base, writes it whole (the shared safe
write) and only then becomes the session's book. A change that fails leaves the file and the book as they were.

A user book that cannot be read is never replaced: it stays for the user to look at, and changes are refused
(naming the file) until it is moved away. A full book given with --price-book has no user book: it prices the
session as it is, and changes are refused with the reason.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cached_property
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from desktop.model.pricing.book import PriceBook
from desktop.model.pricing.user_book import (
    ALL_SECTIONS,
    MAX_OVERRIDE_USD,
    MIN_OVERRIDE_EXPONENT,
    Override,
    UserBook,
    UserBookError,
    effective_book,
    parse_price_path,
    sections,
)
from desktop.pricelist.book.store import (
    BookFileError,
    bundled_json,
    is_user_book,
    layered,
    parse_user_book,
    read_json_file,
    read_user_book,
    user_book_path,
    validated,
    write_user_book,
)

USER_BOOK_UNUSABLE = ("The user price book cannot be used, so the bundled one prices this session:\n{problem}\n\n"
                      "The file is left as it is. Move it away (or fix it) to import or override prices.")
USER_BOOK_SET_ASIDE = ("Some entries of the user price book cannot be used and are set aside; the rest of it prices "
                       "this session:\n{problems}\n\nThe file is left as it is. Fix or remove these entries to "
                       "import or override prices.")


class BookSetupError(Exception):
    """A change to the user book that cannot be made; str() is one line for the user. Nothing was changed."""


@dataclass
class BookSetup:
    """The base book, the user book over it, and the effective book the session prices with."""

    base: PriceBook
    user_path: Path | None  # where changes go; None: a full book was given, nothing to change
    layer: UserBook | None = None
    locked: str = ""  # why changes are refused ("" = they are not)

    # --- what prices the session ----------------------------------------------------------------
    @cached_property
    def base_json(self) -> dict[str, Any]:
        """The base book as JSON, for the importer (made when an import first needs it)."""
        data: dict[str, Any] = self.base.model_dump(mode="json", by_alias=True)
        return data

    @cached_property
    def book(self) -> PriceBook:
        return effective_book(self.base, self.layer) if self.layer is not None else self.base

    @property
    def editable(self) -> bool:
        return self.user_path is not None and not self.locked

    def discounts(self) -> dict[str, Decimal]:
        return dict(self.layer.discounts) if self.layer else {}

    def describe(self) -> str:
        """Where changes go, for the dialog: one line."""
        if self.user_path is None:
            return "A price book given with --price-book prices this session as it is: nothing to change"
        return f"Changes are saved in the user price book {self.user_path}"

    # --- changes --------------------------------------------------------------------------------
    def current_layer(self) -> UserBook:
        """The user book as it is on disk now (an empty one when there is none); BookSetupError if it cannot
        be used or changed."""
        if self.user_path is None:
            raise BookSetupError(self.describe())
        if self.locked:
            raise BookSetupError(self.locked)
        if not self.user_path.exists():
            return UserBook()
        try:
            return read_user_book(self.user_path)
        except BookFileError as exc:
            raise BookSetupError(f"{exc} (not replaced: move it away to change prices)") from None

    def override(self, path: str, usd_text: str, note: str, confidence: str = "B",
                 today: dt.date | None = None, unit: str | None = None) -> PriceBook:
        """Override one price (path as in the user book: region/section/.../name[/tier]); with a unit, add a price
        the book lacks at that path (the user's own, marked overridden wherever it is used)."""
        usd = parse_usd_text(usd_text)
        if not note.strip():
            raise BookSetupError("Give the override a note saying why (e.g. private pricing 2026 contract)")
        if len(parse_price_path(path)) < 3:
            raise BookSetupError(f"{path!r} is not a price path")
        try:
            override = Override.model_validate({"usd": usd, "note": note.strip(), "confidence": confidence,
                                                "as_of": today or dt.date.today(),
                                                **({"unit": unit} if unit else {})})
        except ValidationError as exc:
            raise BookSetupError(f"{path}: {exc.errors()[0]['msg']}") from None
        layer = self.current_layer()
        return self.commit(layer.model_copy(update={"overrides": {**layer.overrides, path: override}}))

    def reset(self, path: str) -> PriceBook:
        """Remove the override of one price: the imported or bundled price prices again."""
        layer = self.current_layer()
        if path not in layer.overrides:
            raise BookSetupError(f"{path}: not overridden in the user price book")
        return self.commit(layer.model_copy(update={
            "overrides": {k: v for k, v in layer.overrides.items() if k != path}}))

    def set_discount(self, section: str, percent_text: str) -> PriceBook:
        """A discount percentage on one section or on "all"; empty or 0 removes it."""
        if section not in (ALL_SECTIONS, *sections()):
            raise BookSetupError(f"{section!r} is not a section to discount")
        text = percent_text.strip().removesuffix("%").strip()
        layer = self.current_layer()
        discounts = {k: v for k, v in layer.discounts.items() if k != section}
        if text:
            try:
                pct = Decimal(text)
            except InvalidOperation:
                raise BookSetupError(f"discount on {section}: {percent_text!r} is not a number") from None
            if not pct.is_finite() or pct < 0 or pct >= 100:
                raise BookSetupError(f"discount on {section}: a percentage from 0 to less than 100, "
                                     f"got {percent_text.strip()}")
            if pct:
                discounts[section] = pct
        return self.commit(layer.model_copy(update={"discounts": discounts}))

    def reset_all(self) -> PriceBook:
        """Every override and discount removed (imported prices stay)."""
        layer = self.current_layer()
        return self.commit(layer.model_copy(update={"overrides": {}, "discounts": {}}))

    def commit(self, layer: UserBook, today: dt.date | None = None) -> PriceBook:
        """Check the layer over the base, write it whole, and price with it from now on."""
        if self.user_path is None:
            raise BookSetupError(self.describe())
        layer = layer.model_copy(update={"updated": today or dt.date.today()})
        try:
            book = effective_book(self.base, layer)
        except UserBookError as exc:
            raise BookSetupError("; ".join(exc.problems[:3])) from None
        try:
            write_user_book(self.user_path, layer)
        except OSError as exc:
            raise BookSetupError(f"{self.user_path}: cannot write the user price book "
                                 f"({getattr(exc, 'strerror', None) or exc}); unchanged") from None
        self.adopt(layer, book)
        return book

    def adopt(self, layer: UserBook, book: PriceBook) -> None:
        """Price with a layer already checked and written (an import does both on its worker thread)."""
        self.layer = layer
        self.__dict__["book"] = book


def parse_usd_text(text: str) -> Decimal:
    """A price typed by the user: "0.18", "$0.18", "0.000015"; BookSetupError for anything else."""
    raw = text.strip().removeprefix("$").strip()
    shown = repr(text.strip()[:40] + ("..." if len(text.strip()) > 40 else ""))
    if "," in raw:  # a thousands separator, never a decimal comma read as one ("0,18" is not 18)
        head, _, tail = raw.partition(".")
        groups = head.lstrip("+-").split(",")
        if "," in tail or not all(g.isdigit() for g in groups) or not 1 <= len(groups[0]) <= 3 or \
                any(len(g) != 3 for g in groups[1:]):
            raise BookSetupError(f"{shown} is not a price in USD: a comma separates thousands here; type a "
                                 "decimal with a point (e.g. 0.18)")
        raw = raw.replace(",", "")
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise BookSetupError(f"{shown} is not a price in USD (e.g. 0.18)") from None
    if not value.is_finite() or value < 0:
        raise BookSetupError(f"{shown} is not a price in USD: it must be a number of 0 or more")
    if value > MAX_OVERRIDE_USD or (value and value.adjusted() < MIN_OVERRIDE_EXPONENT):
        raise BookSetupError(f"{shown} is not a price in USD: it must be at most {MAX_OVERRIDE_USD:,f} and, "
                             f"unless 0, at least 1E{MIN_OVERRIDE_EXPONENT}")
    return value


def open_setup(price_book: Path | None = None, base: PriceBook | None = None,
               warn: Callable[[str], object] = lambda _m: None) -> tuple[BookSetup, str]:
    """The setup for a session and a message for the user ("" when all is well); never raises for the user
    book: one that cannot be used leaves the base book alone, with the reason (and locks changes).

    `price_book`: a user book (layered over the bundled book, changes go to it) or a full book (used as it is);
    None: the bundled book (or `base`) with the default user book. BookFileError only for a `price_book` given
    that cannot be used at all.
    """
    if price_book is not None:
        data = read_json_file(price_book)
        if not is_user_book(data):
            return BookSetup(validated(data, price_book), None), ""
        layer = parse_user_book(data, price_book)
        bundled = base or validated(bundled_json(), price_book)
        setup = BookSetup(bundled, price_book)
        setup.adopt(layer, layered(layer, price_book, bundled))  # BookFileError naming the file if not valid
        return setup, ""
    bundled = base or validated(bundled_json(), Path("price-book.json"))
    path = user_book_path()
    if not path.exists():
        return BookSetup(bundled, path), ""
    set_aside: list[str] = []
    try:
        layer = read_user_book(path, set_aside)
        book = layered(layer, path, bundled, set_aside)
    except BookFileError as exc:
        problem = str(exc)
    else:
        setup = BookSetup(bundled, path)
        setup.adopt(layer, book)
        if not set_aside:
            return setup, ""
        for line in set_aside:
            warn(line)
        setup.locked = f"{set_aside[0]} (not replaced: fix or remove it to change prices)"
        return setup, USER_BOOK_SET_ASIDE.format(problems="\n".join(set_aside[:10]))
    warn(problem)
    locked = f"{problem} (not replaced: move it away to change prices)"
    return BookSetup(bundled, path, None, locked=locked), USER_BOOK_UNUSABLE.format(problem=problem)
