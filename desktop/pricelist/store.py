"""Where the user book lives, reading and writing it, and the book every command prices with by default.

The user book is `user-price-book.json` in the user's application data folder (platformdirs:
~/.local/share/ComputeFit on Linux, ~/Library/Application Support/ComputeFit on macOS,
%LOCALAPPDATA%\\ComputeFit on Windows), or in $COMPUTEFIT_DATA_DIR when that is set (tests set it).
By default a command uses the bundled book with the user book on top when there is one; a user book that cannot
be used is not a failure there: one warning line, and the bundled book alone.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from desktop.model.pricing.book import PriceBook
from desktop.resources import price_book_path

if TYPE_CHECKING:  # imported when a user book is there: the window's start-up without one stays as it was
    from desktop.model.pricing.user_book import UserBook

USER_BOOK_KIND = "computefit-user-price-book"  # = desktop.model.pricing.user_book.USER_BOOK_KIND

ENV_DATA_DIR = "COMPUTEFIT_DATA_DIR"
USER_BOOK_NAME = "user-price-book.json"
MAX_USER_BOOK_BYTES = 64 * 1024 * 1024


class BookFileError(Exception):
    """A price book file that cannot be used; str() is one line naming the file."""


def data_dir() -> Path:
    override = os.environ.get(ENV_DATA_DIR, "")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_data_dir("ComputeFit", appauthor=False))


def user_book_path() -> Path:
    return data_dir() / USER_BOOK_NAME


def read_json_file(path: Path) -> Any:
    """Parsed JSON, or BookFileError with the reason (not found, not JSON, unreadable)."""
    try:
        if path.stat().st_size > MAX_USER_BOOK_BYTES:
            raise BookFileError(f"{path}: too large for a price book ({path.stat().st_size / 1e6:.0f} MB)")
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BookFileError(f"{path}: price book not found") from None
    except json.JSONDecodeError as exc:
        raise BookFileError(f"{path}: not valid JSON: {exc.msg} at line {exc.lineno}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BookFileError(f"{path}: cannot be read ({exc})") from None


def is_user_book(data: Any) -> bool:
    return isinstance(data, dict) and data.get("kind") == USER_BOOK_KIND


def parse_user_book(data: Any, path: Path) -> UserBook:
    from desktop.model.pricing.user_book import UserBook
    from desktop.model.workload.validation import problems_of

    if not is_user_book(data):
        raise BookFileError(f"{path}: not a ComputeFit user price book (no \"kind\": \"{USER_BOOK_KIND}\")")
    try:
        return UserBook.model_validate(data)
    except ValidationError as exc:
        raise BookFileError("; ".join(f"{path}: {p}" for p in problems_of(exc, UserBook))) from None


def read_user_book(path: Path) -> UserBook:
    return parse_user_book(read_json_file(path), path)


def bundled_json() -> dict[str, Any]:
    data = read_json_file(price_book_path())
    if not isinstance(data, dict):
        raise BookFileError(f"{price_book_path()}: not a price book")
    return data


def layered(layer: UserBook, path: Path, bundled: dict[str, Any] | None = None) -> PriceBook:
    from desktop.model.pricing.user_book import UserBookError, effective_book

    try:
        return effective_book(bundled if bundled is not None else bundled_json(), layer)
    except UserBookError as exc:
        raise BookFileError("; ".join(f"{path}: {p}" for p in exc.problems)) from None


def default_book(warn: Callable[[str], object]) -> PriceBook:
    """The bundled book, with the user book on top when there is one; a bad user book: one warning, bundled."""
    bundled = bundled_json()
    path = user_book_path()
    if path.exists():
        try:
            return layered(read_user_book(path), path, bundled)
        except BookFileError as exc:
            warn(f"warning: the user price book cannot be used, so the bundled one is ({exc})")
    return validated(bundled, price_book_path())


def validated(data: Any, path: Path) -> PriceBook:
    """A full price book from its JSON data (BookFileError naming each bad field)."""
    from desktop.model.workload.validation import problems_of

    try:
        return PriceBook.model_validate(data)
    except ValidationError as exc:
        raise BookFileError("; ".join(f"{path}: {p}" for p in problems_of(exc, PriceBook))) from None


def write_user_book(path: Path, layer: UserBook) -> None:
    """Write the user book whole or not at all (the lead may swap in the shared safe-write helper)."""
    text = json.dumps(layer.to_json_dict(), indent=1, ensure_ascii=False) + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    _write_atomically(path, text)


def _write_atomically(path: Path, text: str) -> None:
    """Temp file in the same folder, fsync, rename over the old one, fsync the folder: a crash or kill -9 at any
    moment leaves either the old file or the new one, never half of one."""
    import tempfile

    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    with contextlib.suppress(OSError):  # not possible on Windows; the rename is already done
        folder = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)


def load_book_file(path: Path) -> PriceBook:
    """A price book file: a full book (used as it is) or a user book (layered over the bundled one)."""
    data = read_json_file(path)
    if is_user_book(data):
        return layered(parse_user_book(data, path), path)
    return validated(data, path)
