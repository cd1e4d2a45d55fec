"""Writing the sheet (PDF) and the comparison (CSV, JSON) to files: whole or not at all.

The CLI calls `export_report` / `export_data` with a workload; the window calls `write_report` /
`write_data` with the Advice it already holds (one computation per edit). Every file is built in memory
and written by desktop.files.write_atomically: a temporary file in the target's folder renamed over the
target (through symlinks; never over a folder, FIFO, device or socket), so a failure never leaves half a
file. A target that cannot be written raises ExportError (an OSError) whose strerror says why.
"""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.files import WriteError, check_target, write_atomically
from desktop.model.advice.advise import Advice, advise
from desktop.model.advice.quote_json import advice_json
from desktop.model.pricing.book import PriceBook
from desktop.model.workload.spec import Workload
from desktop.model.workshop.usage import ScenarioUsage
from desktop.report.sheet.csv_export import comparison_csv

if TYPE_CHECKING:  # Qt is imported when a sheet is written, not when the CLI starts
    from PySide6.QtWidgets import QApplication

FORMATS = ("csv", "json", "xlsx")
PAGE_SIZES = ("A4", "Letter")
_APP: QApplication | None = None  # the QApplication made for a headless export, kept alive for the process
ExportError = WriteError  # a file that cannot be written: `strerror` is the reason in words, `filename` the target


def write_bytes_atomically(path: Path, data: bytes) -> None:
    """Write whole or not at all through the one safe-write helper (desktop.files.safe_write); ExportError."""
    write_atomically(path, data)


def ensure_qt_app() -> None:
    """QPdfWriter and fonts need a Qt application: make a headless one when none exists (the CLI)."""
    global _APP
    from PySide6.QtCore import QCoreApplication

    from desktop.startup import skip_pyside_source_scan

    skip_pyside_source_scan()  # as the window does: the sheet's modules, imported next, are not read as text
    if QCoreApplication.instance() is not None:
        return
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication  # a widgets app, so a window made later in the process works

    _APP = QApplication(["computefit"])


def format_for(path: Path, fmt: str | None) -> str:
    if fmt is not None:
        if fmt not in FORMATS:
            raise ExportError(errno.EINVAL, f"unknown format {fmt!r}: use csv, json or xlsx", str(path))
        return fmt
    suffix = path.suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise ExportError(errno.EINVAL, "cannot tell the format from the file name: end it in .csv, .json or .xlsx, "
                                        "or give --format", str(path))
    return suffix


def data_text(advice: Advice, book: PriceBook, fmt: str) -> str:
    """The CSV, or the same JSON `computefit estimate --json` prints."""
    if fmt == "json":
        return json.dumps(advice_json(advice, book), indent=1) + "\n"
    return comparison_csv(advice, book)


def data_bytes(advice: Advice, book: PriceBook, fmt: str) -> bytes:
    """The file's bytes: the XLSX workbook, or the CSV or JSON text in UTF-8."""
    if fmt == "xlsx":
        from desktop.report.sheet.xlsx_export import comparison_sheets, xlsx_bytes

        return xlsx_bytes(comparison_sheets(advice, book))
    return data_text(advice, book, fmt).encode("utf-8")


def write_data(advice: Advice, book: PriceBook, path: Path, fmt: str | None = None) -> str:
    """Write the comparison as CSV, JSON or XLSX; returns the format used."""
    chosen = format_for(path, fmt)
    check_target(path)
    write_bytes_atomically(path, data_bytes(advice, book, chosen))
    return chosen


def write_report(advice: Advice, workload: Workload, book: PriceBook, path: Path, page_size: str = "A4",
                 usage: ScenarioUsage | None = None) -> int:
    """Write the PDF comparison sheet; returns its number of pages."""
    if page_size not in PAGE_SIZES:
        raise ExportError(errno.EINVAL, f"page size must be A4 or Letter, not {page_size!r}", str(path))
    check_target(path)  # a FIFO, device or missing folder is refused before the sheet is laid out
    ensure_qt_app()
    from desktop.report.sheet.pdf_writer import sheet_pdf_bytes

    data, pages = sheet_pdf_bytes(advice, workload, book, page_size=page_size, usage=usage)
    write_bytes_atomically(path, data)
    return pages


def export_report(workload: Workload, book: PriceBook, path: Path, page_size: str = "A4") -> int:
    return write_report(advise(workload, book), workload, book, path, page_size)


def export_data(workload: Workload, book: PriceBook, path: Path, fmt: str | None = None) -> str:
    return write_data(advise(workload, book), book, path, fmt)
