"""The sheet keeps its two pages whatever the (valid) input, and says what it left out."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop.cli import main
from desktop.model.workload.spec import MAX_ANSWER_CHARS, MAX_ANSWER_ID_CHARS, MAX_ANSWERS, MAX_NAME_CHARS
from desktop.resources import default_example_path
from tests.report.conftest import pdf_text, squeeze


def _maximal(tmp_path: Path, answers: int = MAX_ANSWERS, answer_chars: int = MAX_ANSWER_CHARS) -> Path:
    data = json.loads(default_example_path().read_text(encoding="utf-8"))
    data["name"] = ("Maximal " * 30)[:MAX_NAME_CHARS]
    text = ("lorem ipsum dolor sit amet " * 100)[:answer_chars]
    data["answers"] = {f"{i:03d}-" + "q" * (MAX_ANSWER_ID_CHARS - 4): text for i in range(answers)}
    path = tmp_path / "maximal.workload.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def _pages(path: Path) -> tuple[int, str]:
    data = path.read_bytes()
    return len(PdfReader(io.BytesIO(data)).pages), pdf_text(data)


@pytest.mark.parametrize("size", ["A4", "Letter"])
def test_maximal_input_keeps_two_pages_and_counts_what_it_left_out(qt_app, tmp_path: Path, size: str,  # type: ignore[no-untyped-def]
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    import desktop.report.sheet.pdf_writer as pdf_writer

    layouts: list[int] = []
    build = pdf_writer.build_document

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        layouts.append(1)
        return build(*args, **kwargs)

    monkeypatch.setattr(pdf_writer, "build_document", counted)
    target = tmp_path / "sheet.pdf"
    assert main(["report", str(_maximal(tmp_path)), "-o", str(target), "--page-size", size]) == 0
    pages, text = _pages(target)
    assert pages == 2
    assert "Questionnaire answers" in text
    shown = len(re.findall(r"\d{3}-q", squeeze(text)))  # each answer's id starts "000-qqq..."
    # page 2 is full with the default example's register and prices (the ALB's public IPv4 addresses added a
    # field and a price): the answers may all move to the "more answers" line, never to a third page
    assert 0 <= shown < MAX_ANSWERS
    assert squeeze(f"... {MAX_ANSWERS - shown} more answers, see the workload file") in squeeze(text)
    assert "Page 2 of 2" in text
    assert len(layouts) <= 4  # two tries, the fitted layout and at most one step back: report stays quick


def test_short_answers_all_print_without_a_more_line(qt_app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "sheet.pdf"
    assert main(["report", str(_maximal(tmp_path, answers=2, answer_chars=20)), "-o", str(target)]) == 0
    pages, text = _pages(target)
    assert pages == 2 and len(re.findall(r"\d{3}-q", squeeze(text))) == 2
    assert "more answers" not in text and "more answer," not in text


def test_a_long_answer_is_clipped_on_the_sheet_and_kept_whole_in_the_file(qt_app, book, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from desktop.model.workload.files import load_workload
    from desktop.report.sheet.html import ANSWER_TEXT_CHARS, answers_block

    path = _maximal(tmp_path, answers=1)
    workload = load_workload(path)
    assert len(next(iter(workload.answers.values()))) == MAX_ANSWER_CHARS  # type: ignore[union-attr]
    block = answers_block(workload)
    assert "\u2026" in block and ("lorem ipsum dolor sit amet " * 100)[:ANSWER_TEXT_CHARS + 1] not in block
    assert "more answer" not in block
    assert "... 1 more answer, see the workload file" in answers_block(workload, shown=0)


def test_answers_beyond_the_limits_are_refused_naming_the_field(tmp_path: Path,  # type: ignore[no-untyped-def]
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    too_long = "a text answer has at most 2,000 characters, got 2,001"
    for answers, chars, expected in ((MAX_ANSWERS + 1, 10, "answers: at most 200 answers, got 201"),
                                     (1, MAX_ANSWER_CHARS + 1, too_long)):
        path = _maximal(tmp_path, answers=answers, answer_chars=chars)
        assert main(["estimate", str(path)]) == 2
        err = capsys.readouterr().err
        assert err.startswith(f"computefit: {path}: answers: ") and expected in err and err.count("\n") == 1
