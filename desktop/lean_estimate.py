"""`computefit estimate WORKLOAD` and `--json` on the lean path (issue 26): a plainly valid workload file priced with
the bundled book as plain objects, without importing pydantic (desktop.model.lean). None when anything asks for more
(another book, a user book, a workshop, a file the lean reader doubts, a problem against the book): the command
then runs the validated path, which prints the same quote or today's one-line refusal."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from desktop.model.pricing.book import PriceBook
    from desktop.model.workload.spec import Workload

MAX_FILE_BYTES = 5 * 1024 * 1024  # = desktop.model.workload.files.MAX_FILE_BYTES (a test checks it)


def lean_quote_table(path: Path) -> str | None:
    """The `estimate` table of the workload file at `path`, or None (validate the usual way instead)."""
    found = _lean_inputs(path)
    if found is None:
        return None
    from desktop.model.advice.engine import compute_quote
    from desktop.report.sheet.text import quote_table

    workload, book = found
    return quote_table(compute_quote(workload, book), book)


def lean_advice_json(path: Path) -> str | None:
    """The `estimate --json` text of the workload file at `path` (the advice on the plain objects), or None."""
    found = _lean_inputs(path)
    if found is None:
        return None
    import json

    from desktop.model.advice.advise import advise
    from desktop.model.advice.quote_json import advice_json

    workload, book = found
    return json.dumps(advice_json(advise(workload, book), book), indent=1)


def _lean_inputs(path: Path) -> tuple[Workload, PriceBook] | None:
    """The plainly valid workload at `path` and the bundled book, plain, when nothing asks for more."""
    from desktop.appdata import data_dir
    from desktop.files import ReadError, load_json_file
    from desktop.model.lean.book import plain_bundled_book
    from desktop.model.lean.reader import lean_workload
    from desktop.pricelist.book import USER_BOOK_NAME
    from desktop.resources import price_book_path

    if path.name.lower().endswith(".workshop.json") or (data_dir() / USER_BOOK_NAME).exists():
        return None
    try:
        data = load_json_file(path, MAX_FILE_BYTES, "a workload file")
    except (ReadError, OSError, UnicodeDecodeError):
        return None
    plain = lean_workload(data)
    plain_book = plain_bundled_book(price_book_path()) if plain is not None else None
    if plain is None or plain_book is None:
        return None
    # the plain objects have the validated models' attribute names and derived values (tests compare the outputs)
    workload, book = cast("Workload", plain), cast("PriceBook", plain_book)
    from desktop.model.options.registry import check_workload
    from desktop.model.pricing.checks import check_against_book

    if check_against_book(workload, book) or check_workload(workload, book):
        return None
    return workload, book
