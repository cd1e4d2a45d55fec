"""The comparison sheet in German: every text of both pages (headings, the verdict and its reasons, the cost
columns, the charts' titles, axes, legends and labels, the register, the price table's headers, the footer) is
German with German numbers, the user's and the files' own texts (the workload's name, the prices' sources and
names) as written, and every word inside its page."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from pypdf import PdfReader

from desktop.model.advice.advise import advise
from desktop.model.options.registry import missing_prices
from desktop.model.pricing.book import PriceBook
from desktop.model.workload.files import load_workload
from desktop.report.sheet.pdf_writer import sheet_pdf_bytes
from desktop.report.sheet.price_register import price_register
from desktop.resources import resource
from tests.german_check import untranslated

EXAMPLES = ("http-api", "alb-api-ireland", "nightly-batch", "gpu-inference", "event-processor")


def _loose(text: str) -> re.Pattern[str]:
    """`text` however the PDF breaks its lines (any white space between any two characters)."""
    return re.compile(r"\s*".join(re.escape(c) for c in text if not c.isspace()))


def _sheet(book: PriceBook, example: str) -> tuple[bytes, set[str]]:
    workload = load_workload(resource("examples", f"{example}.workload.json"))
    advice = advise(workload, book)
    data, _pages = sheet_pdf_bytes(advice, workload, book)
    register = price_register(advice.quote, book)
    verbatim = {workload.name, book.title, *missing_prices(book, workload.region),
                *(f"{use.source_id}: {use.source_title}" for use in register.prices)}
    return data, verbatim


@pytest.mark.parametrize("example", EXAMPLES)
def test_the_german_sheet_has_no_english(qt_app, german: None, book: PriceBook, example: str) -> None:  # type: ignore[no-untyped-def]
    data, verbatim = _sheet(book, example)
    pages = [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]
    assert len(pages) == 2
    text = re.sub(r"[^\S\n]+", " ", "\n".join(pages))  # pypdf writes some word gaps as tabs
    for kept in sorted(verbatim, key=len, reverse=True):  # as written, wherever a line breaks it
        text = _loose(kept).sub(" ", text)
    left = untranslated([" ".join(text.split())])  # one line: a product's name may break across two
    assert not left, "\n".join(f"{sorted(words)} | {line}" for line, words in left)
    assert "ComputeFit-Vergleichsblatt" in text and "Seite 2 von 2" in text and "Annahmenverzeichnis" in text
    assert re.search(r"\$\d+,\d\d", text) and not re.search(r"\$\d+\.\d\d\b", text)  # "$62,44", never "$62.44"


def _runs(page: Any) -> list[tuple[float, float, float, str]]:
    """Each text run of a PDF page: where it starts (points, from the bottom left), its size and its text."""
    runs: list[tuple[float, float, float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], _font: object, size: float) -> None:
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            runs.append((x, y, size * abs(tm[0] * cm[0] or 1), text.strip()))

    page.extract_text(visitor_text=visit)
    return runs


@pytest.mark.parametrize("example", ("http-api", "alb-api-ireland"))
def test_every_german_word_is_inside_its_page(qt_app, german: None, book: PriceBook, example: str) -> None:  # type: ignore[no-untyped-def]
    data, _verbatim = _sheet(book, example)
    for page in PdfReader(io.BytesIO(data)).pages:
        runs = _runs(page)
        assert len(runs) > 100
        assert outside_its_page(page, runs) == []


def outside_its_page(page: Any, runs: list[tuple[float, float, float, str]]) -> list[tuple[int, int, str]]:
    """The runs that leave the page (where, and their text); a run's end estimated at half an em a character (the
    sheet's font is narrower on average)."""
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    return [(round(x), round(y), t) for x, y, size, t in runs
            if x < 0 or y < 0 or y > height or x + 0.5 * size * len(t) > width - 10]
