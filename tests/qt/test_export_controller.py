"""File > Export from the window: dialog, remembered folder and page size, clear errors, whole files only."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox

from desktop.model.advice.quote_json import advice_json
from desktop.qt.export_controller import (
    LAST_FOLDER_KEY,
    PAGE_SIZE_KEY,
    PDF_FILTERS,
    ExportController,
    safe_file_stem,
)
from desktop.qt.session import Session
from desktop.workbench.workbench import Workbench
from tests.report.conftest import pdf_text

HOSTILE = '<img src="http://example.com/x.png"> & <b>Co</b>'


@pytest.fixture
def window(qtbot):  # type: ignore[no-untyped-def]
    win = QMainWindow()
    qtbot.addWidget(win)
    return win


@pytest.fixture
def settings(tmp_path):  # type: ignore[no-untyped-def]
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def controller(window, settings, book, examples):  # type: ignore[no-untyped-def]
    session = Session(book, examples["http-api"], parent=window)
    return ExportController(session, settings, window)


class Dialog:
    """Stands in for QFileDialog.getSaveFileName: records what it was offered, answers what it is told."""

    def __init__(self, answer: str, chosen_filter: str = ""):
        self.answer = answer
        self.chosen_filter = chosen_filter
        self.offered: list[tuple[str, str, str]] = []

    def __call__(self, parent, title, suggested, filters, selected="", *args):  # type: ignore[no-untyped-def]
        self.offered.append((suggested, filters, selected))
        return self.answer, self.chosen_filter or selected


@pytest.fixture
def errors(monkeypatch):  # type: ignore[no-untyped-def]
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text, *a: shown.append(text))
    return shown


def test_pdf_export_writes_the_sheet_and_remembers_folder_and_page_size(controller, settings, tmp_path,  # type: ignore[no-untyped-def]
                                                                          monkeypatch, errors, window):
    dialog = Dialog(str(tmp_path / "orders"), PDF_FILTERS["Letter"])
    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    controller.export_pdf()
    assert controller.wait()
    target = tmp_path / "orders.pdf"  # the suffix is added
    assert errors == []
    assert "Orders HTTP API" in pdf_text(target.read_bytes())
    from pypdf import PdfReader
    assert round(float(PdfReader(target).pages[0].mediabox.width)) == 612  # US Letter, as chosen
    assert settings.value(LAST_FOLDER_KEY) == str(tmp_path)
    assert settings.value(PAGE_SIZE_KEY) == "Letter"
    assert str(target) in window.statusBar().currentMessage()

    controller.export_pdf()  # the next dialog opens where the last one saved, with the page size chosen
    assert controller.wait()
    suggested, _, selected = dialog.offered[-1]
    assert suggested == str(tmp_path / "Orders-HTTP-API.pdf")
    assert selected == PDF_FILTERS["Letter"]


def test_csv_and_json_exports(controller, tmp_path, monkeypatch, errors, book):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(QFileDialog, "getSaveFileName", Dialog(str(tmp_path / "q.json")))
    controller.export_json()
    assert controller.wait()
    assert json.loads((tmp_path / "q.json").read_text()) == json.loads(
        json.dumps(advice_json(controller.session.advice, book)))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", Dialog(str(tmp_path / "q.csv")))
    controller.export_csv()
    assert controller.wait()
    assert (tmp_path / "q.csv").read_text().startswith("workload,region,price_book_date,option")
    assert errors == []


def test_cancel_writes_nothing(controller, tmp_path, monkeypatch, errors, settings):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(QFileDialog, "getSaveFileName", Dialog(""))
    controller.export_pdf()
    assert controller.wait()
    assert settings.value(LAST_FOLDER_KEY) is None
    assert errors == []


def test_an_unwritable_target_gets_a_clear_message_and_leaves_nothing(controller, tmp_path, monkeypatch,  # type: ignore[no-untyped-def]
                                                                        errors, window):
    target = tmp_path / "gone" / "sheet.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", Dialog(str(target)))
    failures: list[str] = []
    controller.failed.connect(failures.append)
    controller.export_pdf()
    assert controller.wait()
    assert len(errors) == 1 and errors == failures
    assert str(target) in errors[0] and "does not exist" in errors[0] and "Nothing was written" in errors[0]
    assert not target.parent.exists()
    assert "Export failed" in window.statusBar().currentMessage()
    from PySide6.QtWidgets import QApplication
    assert QApplication.overrideCursor() is None  # the busy cursor is gone


def test_the_default_file_name_is_the_sanitised_workload_name(controller, tmp_path, monkeypatch, book, errors):  # type: ignore[no-untyped-def]
    hostile = controller.session.workload.with_changes({"name": HOSTILE})
    controller.session.run(Workbench.replace_workload, hostile, "rename")
    dialog = Dialog(str(tmp_path / "x.csv"))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    controller.export_csv()
    assert controller.wait()
    suggested = Path(dialog.offered[0][0]).name
    assert suggested == "img-src-http-example.com-x.png-b-Co-b.csv"
    assert safe_file_stem("../../etc/passwd") == "etc-passwd"
    assert safe_file_stem("<<>>") == "workload"
    rows = list(csv.DictReader(io.StringIO((tmp_path / "x.csv").read_text())))
    assert {r["workload"] for r in rows} == {HOSTILE}
