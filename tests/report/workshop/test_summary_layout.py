"""The workshop summary's tables never break a word or an amount across two lines ("Szen ario", "ausgeschlo
ssen", "$1,156. 97", "- $16.22"), in English and German, with five options and long scenario names: each line of
the laid-out document ends between words, and every amount of the page is whole on one line of the PDF's text."""

from __future__ import annotations

import datetime as dt
import html as markup
import io
import re
from collections.abc import Iterator

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QTextDocument

from desktop.model.pricing.book import PriceBook
from desktop.model.workload.spec import Workload
from desktop.model.workshop.compare import Comparison
from desktop.model.workshop.spec import ScenarioEntry, WorkshopSpec
from desktop.present import i18n
from desktop.report.sheet.pdf_writer import new_pdf_writer
from desktop.report.workshop.export import workshop_advice
from desktop.report.workshop.html import workshop_summary_html
from desktop.report.workshop.pdf import lay_out_summary, workshop_pdf_bytes
from tests.report.workshop.test_german_workshop import TITLE, workshop

FIVE = ("lambda", "fargate", "ec2", "lambda_managed", "ecs_managed")
LONG = "Checkout API behind a regional load balancer, three years, committed, launch traffic ranged"
AMOUNT = re.compile(r"[+\-\u2212~]?\$\d[\d,.]*\d")
DAY = dt.date(2026, 12, 6)


def five_options() -> WorkshopSpec:
    """The bundled examples, the ranged, committed API, the same over five options with a long name, and variants
    with long names up to 20 scenarios."""
    entries = list(workshop().scenarios)
    data = entries[-1].workload.to_json_dict()
    entries.append(ScenarioEntry(workload=Workload.model_validate({**data, "name": LONG, "options": FIVE})))
    for n in range(len(entries), 20):
        data = entries[n % 6].workload.to_json_dict()
        entries.append(ScenarioEntry(workload=Workload.model_validate(
            {**data, "name": f"Variant {n + 1} of {data['name']} with a considerably longer descriptive name"})))
    return WorkshopSpec(kind="variants", scenarios=tuple(entries))


def broken_lines(doc: QTextDocument) -> list[str]:
    """Every place a line of the laid-out document ends inside a word or an amount: "…Szen|ario…"."""
    doc.documentLayout().documentSize()  # laid out
    found = []
    block = doc.begin()
    while block.isValid():
        text, layout = block.text(), block.layout()
        for i in range(layout.lineCount() - 1):
            line = layout.lineAt(i)
            end = line.textStart() + line.textLength()
            before, after = text[end - 1:end], text[end:end + 1]
            between_words = before.isspace() or before == "\u2028" or after.isspace()
            hyphenated = before == "-" and after.isalpha()  # "Lambda-|Speicher", never "-|$16.22"
            if not (between_words or hyphenated):
                found.append(f"{text[max(0, end - 20):end]}|{text[end:end + 20]}")
        block = block.next()
    return found


@pytest.fixture(scope="module", params=["en", "de"])
def summary(request: pytest.FixtureRequest, qt_app, book: PriceBook) -> Iterator[Comparison]:  # type: ignore[no-untyped-def]
    assert i18n.set_language(request.param) == request.param
    try:
        yield workshop_advice(five_options(), book)[1]
    finally:
        i18n.set_language("en")


def test_no_line_of_the_summary_ends_inside_a_word(summary: Comparison, book: PriceBook) -> None:
    assert summary.options == FIVE and len(summary.rows) == 20
    buffer = QBuffer(QByteArray())
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = new_pdf_writer(buffer, "A4", TITLE, "t")
    laid_out = lay_out_summary(writer, summary, TITLE, book, generated=DAY, version="t")
    assert broken_lines(laid_out.doc) == []
    assert laid_out.pages >= 2  # a long summary flows on: nothing squeezed to fit


def test_every_amount_and_every_name_word_is_whole_in_the_pdf(summary: Comparison, book: PriceBook) -> None:
    data, _pages = workshop_pdf_bytes([], summary, TITLE, book, generated=DAY, sheets=False)
    lines = [line for page in PdfReader(io.BytesIO(data)).pages
             for line in (page.extract_text() or "").splitlines()]
    words = {word for line in lines for word in line.split()}
    page = markup.unescape(re.sub(r"<[^>]*>", " ", workshop_summary_html(summary, TITLE, book, generated=DAY,
                                                                         version="t")))
    amounts = set(AMOUNT.findall(page))
    assert {"$1,156.97", "$1.156,97"} & amounts and len(amounts) > 25
    assert [a for a in amounts if not any(a in line for line in lines)] == []
    names = {word.strip(",()") for row in summary.rows for word in row.name.split()}
    assert {"Checkout", "ranged", "reconciliation", "considerably"} <= names
    assert sorted(names - words - {w.strip(",()") for w in words}) == []
