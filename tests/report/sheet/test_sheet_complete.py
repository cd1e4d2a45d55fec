"""A sheet never silently loses content: every block of its laid-out document is laid out whole and printed in
the PDF, and "Page N of M" counts the PDF's real pages. (Qt's second, partial layout pass once left the last
blocks of a long sheet unlaid: a five-option sheet on Letter with seven answers said "Page 2 of 2" without
its "Questionnaire answers" heading and "... 7 more answers" line.)"""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QTextDocument

from desktop.model.advice.advise import advise
from desktop.model.pricing.book import PriceBook
from desktop.model.pricing.user_book import UserBook, effective_book
from desktop.model.workload.spec import Workload
from desktop.report.sheet.pdf_writer import lay_out_sheet, new_pdf_writer, paint_documents
from desktop.resources import examples_dir
from tests.report.conftest import squeeze

FIVE = ("lambda", "fargate", "ec2", "lambda_managed", "ecs_managed")
OBJECT_REPLACEMENT = "\ufffc"  # a chart's place in the text


def _workload(example: str, options: tuple[str, ...] | None, logs_kb: float, answers: int, note: str) -> Workload:
    data = json.loads((examples_dir() / f"{example}.workload.json").read_text(encoding="utf-8"))
    data.setdefault("network", {})["log_kb_per_unit"] = logs_kb
    if options:
        data["options"] = list(options)
    data["answers"] = {f"q{i}": f"{note} {i}" for i in range(answers)}
    return Workload.model_validate(data)


def _noted(book: PriceBook, note: str) -> PriceBook:
    layer = UserBook.model_validate({"overrides": {"us-east-1/lambda/requests": {
        "usd": "0.18", "note": note, "as_of": "2026-12-01"}}})
    return effective_book(book, layer)


def _laid_lines(doc: object) -> tuple[list[str], list[str]]:
    """The text of every laid-out line of the document, and the texts of blocks whose lines miss some text."""
    assert isinstance(doc, QTextDocument)
    doc.documentLayout().documentSize()  # the layout finished
    lines, partial = [], []
    block = doc.begin()
    while block.isValid():
        layout, text = block.layout(), block.text()
        spans = [(layout.lineAt(i).textStart(), layout.lineAt(i).textLength()) for i in range(layout.lineCount())]
        if sum(length for _, length in spans) < len(text):
            partial.append(text)
        lines += [text[start:start + length] for start, length in spans]
        block = block.next()
    return lines, partial


CASES = [  # (example, options, logs, answers, note, page size, the user's price note repeated)
    ("event-processor", FIVE, 50.0, 7, "a fair answer", "Letter", 3),  # the sheet that lost its last blocks
    ("event-processor", FIVE, 1.0, 7, "word " * 20, "Letter", 3),
    ("alb-api-ireland", FIVE, 1.0, 43, "0", "Letter", 3),
    ("nightly-batch", None, 0.0, 60, "a long answer about the batch window " * 8, "A4", 1),
    ("http-api", ("lambda", "lambda_managed", "ecs_managed"), 20.0, 12, "why not", "Letter", 1),
    ("gpu-inference", FIVE, 50.0, 30, "the model needs a GPU " * 4, "A4", 40),
]


@pytest.mark.parametrize(("example", "options", "logs", "answers", "note", "size", "repeat"), CASES)
def test_every_laid_out_line_is_printed_and_the_page_count_is_true(  # type: ignore[no-untyped-def]
        qt_app, book: PriceBook, example: str, options: tuple[str, ...] | None, logs: float, answers: int,
        note: str, size: str, repeat: int) -> None:
    workload = _workload(example, options, logs, answers, note)
    noted = _noted(book, ("contract terms " * repeat).strip())
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = new_pdf_writer(buffer, size, "test", "test")
    laid = lay_out_sheet(writer, advise(workload, noted), workload, noted, generated=dt.date(2026, 12, 6),
                         version="test")
    pages = paint_documents(writer, [laid], noted)
    buffer.close()
    texts = [squeeze(page.extract_text() or "") for page in PdfReader(io.BytesIO(bytes(data.data()))).pages]

    assert pages == laid.pages == len(texts)
    for number, text in enumerate(texts, 1):
        assert f"Page{number}of{pages}" in text
    lines, partial = _laid_lines(laid.doc)
    assert partial == []  # every block laid out whole
    printed = "".join(texts)
    missing = [line for line in lines if squeeze(line.replace(OBJECT_REPLACEMENT, "")) not in printed]
    assert missing == []
    assert "Questionnaireanswers" in printed  # the last section, heading and all
