"""The sheet keeps its promise of two pages a workload, whatever the names, notes, options and prices: text from
the user or a file is bounded where it is printed, the charts and their caption share a page, no word is broken
and no drawing writes a path a PDF reader rejects. Only a sheet that overflows two pages even printed at the
smallest scale with every answer cut takes a third page, numbered as such ("Page 3 of 3"), never losing content."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from PySide6.QtCore import QBuffer

from desktop.model.advice.advise import advise
from desktop.model.pricing.book import PriceBook
from desktop.model.pricing.user_book import UserBook, effective_book
from desktop.model.workload.spec import MAX_NAME_CHARS, Workload
from desktop.report.sheet.html import NOTE_CHARS
from desktop.report.sheet.pdf_writer import MIN_SCALE, lay_out_sheet, new_pdf_writer, sheet_pdf_bytes
from desktop.resources import examples_dir

THREE = (("lambda", "fargate", "ec2"), ("lambda", "lambda_managed", "ecs_managed"))
CHART_TITLE = "Monthly cost (USD) against"
PATH_OPS = {"m", "l", "c", "v", "y", "re"}
PAINT_OPS = {"S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "n"}


def _workload(example: str, options: tuple[str, ...] | None, logs_kb: float, **changes: object) -> Workload:
    data = json.loads((examples_dir() / f"{example}.workload.json").read_text(encoding="utf-8"))
    data.setdefault("network", {})["log_kb_per_unit"] = logs_kb
    if options:
        data["options"] = list(options)
    data.update(changes)
    return Workload.model_validate(data)


def _pages(data: bytes) -> list[str]:
    return [re.sub(r"\s+", " ", page.extract_text() or "") for page in PdfReader(io.BytesIO(data)).pages]


def closepaths_without_point(data: bytes) -> int:
    """How many `h` (closepath) operators in the pages' content have no current point (poppler's "No current
    point in closepath")."""
    bad = 0
    for page in PdfReader(io.BytesIO(data)).pages:
        point = False
        for line in page.get_contents().get_data().decode("latin-1").splitlines():  # type: ignore[union-attr]
            op = line.rsplit(" ", 1)[-1]
            if op in PATH_OPS:
                point = True
            elif op == "h":
                bad += not point
            elif op in PAINT_OPS or op == "W" or op == "W*":
                point = point and op in ("W", "W*")  # a clip keeps the path until the next paint
    return bad


def _check_sheet(data: bytes, pages: int, words: list[str], over_at_smallest: bool = False) -> None:
    texts = _pages(data)
    assert pages == len(texts)
    assert pages <= 2 or over_at_smallest, f"{len(texts)} pages"
    for number, text in enumerate(texts, 1):
        assert re.sub(r"\s+", "", f"Page {number} of {pages}") in re.sub(r"\s+", "", text)
    assert closepaths_without_point(data) == 0
    squeezed = [re.sub(r"\s+", "", text) for text in texts]  # scaled text is extracted with other gaps
    chart_page = next(i for i, text in enumerate(squeezed) if re.sub(r"\s+", "", CHART_TITLE) in text)
    caption = [i for i, text in enumerate(squeezed) if "Break-even:" in text]
    assert caption in ([], [chart_page]), "the charts' caption is on another page than the charts"
    joined = " ".join(texts)
    for word in words:  # every ordinary word of the user's text that is printed whole is printed unbroken
        assert word in joined, f"{word!r} is broken or missing"


@pytest.mark.parametrize("example", ["http-api", "alb-api-ireland", "event-processor", "nightly-batch"])
@pytest.mark.parametrize("options", THREE)
def test_an_ordinary_three_option_workload_with_logs_fits_two_pages(qt_app, book: PriceBook, example: str,  # type: ignore[no-untyped-def]
                                                                    options: tuple[str, ...]) -> None:
    workload = _workload(example, options, 1.0)
    data, pages = sheet_pdf_bytes(advise(workload, book), workload, book)
    _check_sheet(data, pages, [])


def test_a_ruled_out_option_without_a_curve_writes_no_empty_path(qt_app, book: PriceBook) -> None:  # type: ignore[no-untyped-def]
    workload = _workload("nightly-batch", THREE[1], 0.0)  # Lambda is ruled out: no priced point to draw
    assert any(not o.feasible for o in advise(workload, book).quote.options.values())
    data, _ = sheet_pdf_bytes(advise(workload, book), workload, book)
    assert closepaths_without_point(data) == 0


def _noted(book: PriceBook, note: str) -> PriceBook:
    layer = UserBook.model_validate({"overrides": {"us-east-1/lambda/requests": {
        "usd": "0.18", "note": note, "as_of": "2026-12-01"}}})
    return effective_book(book, layer)


def test_a_huge_price_note_is_cut_with_an_ellipsis(qt_app, book: PriceBook) -> None:  # type: ignore[no-untyped-def]
    noted = _noted(book, "contract " * 120_000)  # about 1 MB
    workload = _workload("http-api", None, 0.0)
    data, pages = sheet_pdf_bytes(advise(workload, noted), workload, noted)
    text = " ".join(_pages(data))
    assert pages == 2 and "overridden by the user: contract contract" in text and "\u2026" in text
    assert text.count("contract") <= NOTE_CHARS // len("contract ") + 1


WORD = st.text(alphabet=st.characters(categories=("L", "N")), min_size=1, max_size=40)
TEXT = st.lists(st.one_of(WORD, st.sampled_from(["<b>", "&amp;", "\u202e", "\t", "-", "/", "\U0001F600"])),
                min_size=1, max_size=60).map(" ".join)


@settings(max_examples=10, deadline=None, derandomize=True, phases=[Phase.explicit, Phase.generate],
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(name=TEXT, note=TEXT, example=st.sampled_from(["http-api", "alb-api-ireland", "nightly-batch",
                                                    "event-processor", "gpu-inference"]),
       options=st.one_of(st.none(), st.sampled_from(THREE), st.just(("lambda", "fargate", "ec2",
                                                                      "lambda_managed", "ecs_managed"))),
       logs=st.sampled_from([0.0, 1.0, 50.0]), answers=st.integers(0, 60), page_size=st.sampled_from(["A4", "Letter"]))
@example(name="/", note="\u014f\u00bd\u0171\u00bd <b> / \U0002b472\u0112\u01515 \U00012006" + "4j",
         example="event-processor", options=("lambda", "fargate", "ec2", "lambda_managed", "ecs_managed"), logs=50.0,
         answers=7, page_size="Letter")  # 3 pages even at the smallest scale; once "Page 2 of 2", its last blocks lost
def test_fuzzed_sheets_keep_two_pages(qt_app, book: PriceBook, name: str, note: str, example: str,  # type: ignore[no-untyped-def]
                                      options: tuple[str, ...] | None, logs: float, answers: int,
                                      page_size: str) -> None:
    name = name.strip()[:MAX_NAME_CHARS] or "x"
    workload = _workload(example, options, logs, name=name,
                         answers={f"q{i}": f"{note[:1900]} {i}" for i in range(answers)})
    noted = _noted(book, note * 3)
    data, pages = sheet_pdf_bytes(advise(workload, noted), workload, noted, page_size=page_size)
    words = [w for w in re.split(r"[\s\-/]+", name) if w.isascii() and w.isalpha() and 3 < len(w) <= 15]
    over = pages > 2 and _over_at_smallest(workload, noted, page_size, data)
    _check_sheet(data, pages, words[:5], over)


def _over_at_smallest(workload: Workload, book: PriceBook, page_size: str, data: bytes) -> bool:
    """The sheet was printed at the smallest scale with every answer cut (only then may it take a third page)."""
    writer = new_pdf_writer(QBuffer(), page_size, "t", "t")  # laid out only, never painted
    laid = lay_out_sheet(writer, advise(workload, book), workload, book)
    answers = len(workload.answers or {})
    cut = not answers or f"... {answers} more answer" in " ".join(_pages(data))
    return laid.scale <= MIN_SCALE and laid.pages > 2 and cut


def test_the_page_promise_holds_for_a_sheet_that_needs_shrinking(qt_app, book: PriceBook, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    workload = _workload("http-api", THREE[1], 20.0)
    data, pages = sheet_pdf_bytes(advise(workload, book), workload, book, page_size="Letter")
    _check_sheet(data, pages, ["Orders", "HTTP"])
    assert "Page 2 of 2" in _pages(data)[1]
