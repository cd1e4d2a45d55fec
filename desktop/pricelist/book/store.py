"""Where the user book lives, reading and writing it, and the book every command prices with by default.

The user book is `user-price-book.json` in the user's application data folder (platformdirs:
~/.local/share/ComputeFit on Linux, ~/Library/Application Support/ComputeFit on macOS,
%LOCALAPPDATA%\\ComputeFit on Windows), or in $COMPUTEFIT_DATA_DIR when that is set (tests set it).
By default a command uses the bundled book with the user book on top when there is one; a user book that cannot
be used is not a failure there: one warning line, and the bundled book alone.
"""

from __future__ import annotations

import errno
import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from desktop.appdata import data_dir
from desktop.model.pricing.book import MAX_PRICE_BOOK_BYTES, PriceBook
from desktop.pricelist.book import USER_BOOK_NAME as USER_BOOK_NAME
from desktop.resources import price_book_path

if TYPE_CHECKING:  # imported when a user book is there: the window's start-up without one stays as it was
    from desktop.model.pricing.user_book import UserBook

USER_BOOK_KIND = "computefit-user-price-book"  # = desktop.model.pricing.user_book.USER_BOOK_KIND

MAX_USER_BOOK_BYTES = MAX_PRICE_BOOK_BYTES  # 20 MB, as the README says of every price book read (user or full)


class BookFileError(Exception):
    """A price book file that cannot be used; str() is one line naming the file."""


def user_book_path() -> Path:
    return data_dir() / USER_BOOK_NAME


def read_json_file(path: Path) -> Any:
    """Parsed JSON, read bounded and strictly (desktop.files), or BookFileError with the reason: not found, not
    a regular file, too large, not JSON, duplicate keys, too deep."""
    from desktop.files import ReadError, load_json_file

    try:
        return load_json_file(path, MAX_USER_BOOK_BYTES, "a price book")
    except (ReadError, OSError, UnicodeDecodeError) as exc:
        if getattr(exc, "errno", None) == errno.ENOENT:
            raise BookFileError(f"{path}: price book not found") from None
        raise BookFileError(str(exc) if str(path) in str(exc) else f"{path}: {exc}") from None


def is_user_book(data: Any) -> bool:
    return isinstance(data, dict) and data.get("kind") == USER_BOOK_KIND


def parse_user_book(data: Any, path: Path, set_aside: list[str] | None = None) -> UserBook:
    """The user book in `data` (BookFileError naming the file and field). With a `set_aside` list, an override
    or discount that cannot be used is left out with a message naming it (added to the list), and the rest is
    used: the window and the commands start on any user book. Without it (before changing the file) any problem
    refuses the book, so a change never drops what the user wrote."""
    from desktop.model.pricing.loading import explain_invalid
    from desktop.model.pricing.user_book import UserBook, usable_layer

    if not is_user_book(data):
        raise BookFileError(f"{path}: not a ComputeFit user price book (no \"kind\": \"{USER_BOOK_KIND}\")")
    try:
        if set_aside is None:
            return UserBook.model_validate(data)
        layer, problems = usable_layer(data)
    except ValidationError as exc:
        raise BookFileError(explain_invalid(exc, path, UserBook)) from None
    set_aside.extend(f"{path}: {problem}" for problem in problems)
    return layer


def read_user_book(path: Path, set_aside: list[str] | None = None) -> UserBook:
    return parse_user_book(read_json_file(path), path, set_aside)


def bundled_json() -> dict[str, Any]:
    data = read_json_file(price_book_path())
    if not isinstance(data, dict):
        raise BookFileError(f"{price_book_path()}: not a price book")
    return data


def layered(layer: UserBook, path: Path, bundled: dict[str, Any] | PriceBook | None = None,
            set_aside: list[str] | None = None) -> PriceBook:
    """The effective book (BookFileError naming the file); with `set_aside`, see effective_book."""
    from desktop.model.pricing.user_book import UserBookError, effective_book

    before = len(set_aside) if set_aside is not None else 0
    try:
        book = effective_book(bundled if bundled is not None else bundled_json(), layer, set_aside)
    except UserBookError as exc:
        raise BookFileError("; ".join(f"{path}: {p}" for p in exc.problems[:5])) from None
    if set_aside is not None:
        set_aside[before:] = [f"{path}: {problem}" for problem in set_aside[before:]]
    return book


def default_book(warn: Callable[[str], object]) -> PriceBook:
    """The bundled book, with the user book on top when there is one: an override or discount that cannot be
    used is set aside (one warning each, the rest applies); a user book that cannot be used at all: one
    warning, and the bundled book alone."""
    path = user_book_path()
    if path.exists():
        bundled = bundled_json()
        set_aside: list[str] = []
        try:
            book = layered(read_user_book(path, set_aside), path, bundled, set_aside)
        except BookFileError as exc:
            warn(f"warning: the user price book cannot be used, so the bundled one is ({exc})")
        else:
            for problem in set_aside:
                warn(f"warning: {problem}")
            return book
    return bundled_book()


def bundled_book() -> PriceBook:
    """The bundled book alone: built without validating it again when its bytes validated before (a digest kept
    in the user's cache folder, desktop.model.pricing.trusted), else validated (BookFileError naming the file)."""
    from desktop.files import ReadError
    from desktop.model.pricing.loading import explain_invalid
    from desktop.model.pricing.trusted import load_trusted_book
    from desktop.trusted_books import trusted_books

    path = price_book_path()
    try:
        return load_trusted_book(path, trusted_books())
    except FileNotFoundError:
        raise BookFileError(f"{path}: price book not found") from None
    except (ReadError, OSError, UnicodeDecodeError) as exc:
        raise BookFileError(str(exc) if str(path) in str(exc) else f"{path}: {exc}") from None
    except ValidationError as exc:
        raise BookFileError(explain_invalid(exc, path)) from None


def validated(data: Any, path: Path) -> PriceBook:
    """A full price book from its JSON data (BookFileError naming each bad field)."""
    from desktop.model.pricing.loading import explain_invalid

    try:
        return PriceBook.model_validate(data)
    except ValidationError as exc:
        raise BookFileError(explain_invalid(exc, path)) from None


def write_user_book(path: Path, layer: UserBook) -> None:
    """Write the user book whole or not at all (desktop.files.safe_write)."""
    from desktop.files import write_text_atomically

    text = json.dumps(layer.to_json_dict(), indent=1, ensure_ascii=False) + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomically(path, text)


def load_book_file(path: Path) -> PriceBook:
    """A price book file: a full book (used as it is) or a user book (layered over the bundled one)."""
    data = read_json_file(path)
    if is_user_book(data):
        return layered(parse_user_book(data, path), path)
    return validated(data, path)
