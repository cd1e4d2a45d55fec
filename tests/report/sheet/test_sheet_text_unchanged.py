"""The PDF sheet's words and numbers stay exactly what they were when its export was made faster (issue 26).

`sheet_texts.json` holds, for every example on A4 and on Letter, with the bundled book and with a user book (an
overridden price: the header's and every footer's "+ user book" mark), and in German, the text a reader's tool
extracts from the sheet as written before that work (commit 20585aa). The export now works out the book's marks once
per book (they were a walk of the whole book for the header and again for each page's footer) and the headless
command skips PySide6's source scan; any change to what the sheet says fails here.
Regenerate (only when a change to the sheet's words is intended): python -m tests.report.sheet.test_sheet_text_unchanged
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Iterator
from pathlib import Path

from desktop.model.advice.advise import advise
from desktop.model.pricing.book import PriceBook, load_price_book
from desktop.model.pricing.user_book import UserBook, effective_book
from desktop.model.workload.files import load_workload
from desktop.present import i18n
from desktop.resources import examples_dir, price_book_path
from tests.report.conftest import pdf_text

TEXTS = Path(__file__).with_name("sheet_texts.json")
GENERATED = dt.date(2026, 12, 6)


def _noted(book: PriceBook) -> PriceBook:
    layer = UserBook.model_validate({"overrides": {"us-east-1/lambda/requests": {
        "usd": "0.19", "note": "negotiated", "as_of": "2026-12-01"}}})
    return effective_book(book, layer)


def sheet_texts(book: PriceBook) -> Iterator[tuple[str, str]]:
    """(case, the extracted text of its sheet) for every case; needs a Qt application."""
    from desktop.report.sheet.pdf_writer import sheet_pdf_bytes

    noted = _noted(book)
    for path in sorted(examples_dir().glob("*.workload.json")):
        workload, name = load_workload(path), path.name.removesuffix(".workload.json")
        for case, used, size, language in ((f"{name} A4", book, "A4", "en"), (f"{name} Letter", book, "Letter", "en"),
                                           (f"{name} user book", noted, "A4", "en"),
                                           (f"{name} German", noted, "A4", "de")):
            i18n.set_language(language)
            try:
                data, _ = sheet_pdf_bytes(advise(workload, used), workload, used, page_size=size,
                                          generated=GENERATED, version="test")
            finally:
                i18n.set_language("en")
            yield case, pdf_text(data)


def test_every_sheet_says_what_it_said(qt_app, book: PriceBook) -> None:  # type: ignore[no-untyped-def]
    expected = json.loads(TEXTS.read_text(encoding="utf-8"))
    found = dict(sheet_texts(book))
    assert sorted(found) == sorted(expected)
    for case, text in found.items():
        assert text == expected[case], case
    assert "+ user book (1 overridden)" in found["http-api user book"]  # the marks the book's walk gives are there


def test_a_book_after_another_gets_its_own_marks(qt_app, book: PriceBook) -> None:  # type: ignore[no-untyped-def]
    """The marks are worked out once per book: a sheet with the bundled book after one with a user book (and back)
    says each book's own."""
    from desktop.report.sheet.html import user_book_mark

    noted = _noted(book)
    assert [user_book_mark(b) for b in (noted, book, noted, _noted(book))] == [
        " + user book (1 overridden)", "", " + user book (1 overridden)", " + user book (1 overridden)"]


def test_the_user_layer_line_is_the_model_s_for_every_kind_of_book(book: PriceBook) -> None:
    """The sheet skips the model's walk for the "With the user price book" line where the mark finds nothing of
    the user's: the line is still exactly what the model says, for a book with and without each kind of change."""
    from desktop.model.pricing.user_book import user_layer_parts
    from desktop.report.sheet.html import _words_of

    own = {"us-east-1/ec2/on_demand/t9.nano": {"usd": "1", "note": "ours", "as_of": "2026-12-01", "unit": "hour"}}
    layers = [{}, {"discounts": {"fargate": "10"}}, {"discounts": {"all": "3"}},
              {"overrides": {"us-east-1/lambda/requests": {"usd": "0.19", "note": "n", "as_of": "2026-12-01"}}},
              {"overrides": own}]
    books = [book, *(effective_book(book, UserBook.model_validate(layer)) for layer in layers)]
    for each in books:
        assert _words_of(each).layer_parts == tuple(user_layer_parts(each))
    assert [bool(_words_of(b).layer_parts) for b in books] == [False, False, True, True, True, True]


if __name__ == "__main__":
    from desktop.report.sheet.export import ensure_qt_app

    ensure_qt_app()
    TEXTS.write_text(json.dumps(dict(sheet_texts(load_price_book(price_book_path()))), indent=1, ensure_ascii=False)
                     + "\n", encoding="utf-8")
    sys.exit(0)
