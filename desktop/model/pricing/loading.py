"""Loading a price book for the CLI and the window: the book, or one line saying why not.

`load_book_or_explain(path)` never raises for anything in the file: a missing, unreadable, oversized,
non-regular, malformed, too deeply nested, duplicated-key or invalid book gives (None, "<path>: <problem>").
The window's start-up uses it for the bundled book (a failure there means a broken installation) and can use
it for a user's own book (falling back to the bundled one with the message).
"""

from __future__ import annotations

import errno
from pathlib import Path

from pydantic import BaseModel, ValidationError

from desktop.files import ReadError
from desktop.model.pricing.book import PriceBook, load_price_book
from desktop.model.pricing.trusted import TrustedDigests, load_trusted_book
from desktop.model.workload.validation import problems_of

MAX_PROBLEMS_SHOWN = 3  # a broadly broken book is one line, not hundreds


def load_book_or_explain(path: Path, trusted: TrustedDigests | None = None) -> tuple[PriceBook | None, str]:
    """(the book, "") or (None, one line naming the file and the problem). With `trusted` (the bundled book), a
    file whose digest validated before is built without validating it again (desktop.model.pricing.trusted)."""
    try:
        return (load_price_book(path) if trusted is None else load_trusted_book(path, trusted)), ""
    except ReadError as exc:
        if exc.errno == errno.ENOENT:
            return None, f"{path}: price book not found"
        return None, str(exc)
    except ValidationError as exc:
        return None, explain_invalid(exc, path)
    except OSError as exc:  # not expected past the reader; kept so start-up can never crash on the file
        return None, f"{path}: cannot be read ({exc.strerror or exc})"


def explain_invalid(exc: ValidationError, path: Path, model: type[BaseModel] = PriceBook) -> str:
    """A book's validation problems as one line: the first few, naming the file and field, and how many more."""
    problems = problems_of(exc, model, limit=MAX_PROBLEMS_SHOWN, summary=False)
    shown = "; ".join(f"{path}: {p}" for p in problems)
    more = exc.error_count() - MAX_PROBLEMS_SHOWN
    return shown + (f"; and {more:,} more problem(s)" if more > 0 else "")
