"""Writing a workshop's PDF, CSV and JSON to files, whole or not at all (as sheet/export.py does for one workload).

The window passes the advice and comparison it already holds; the CLI computes them with `workshop_advice`. Each
writer adds the ranged scenarios' spreads (P10-P90, how sure) that are not there yet (`with_spreads`).
"""

from __future__ import annotations

import errno
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from desktop.model.advice.advise import Advice, advise
from desktop.model.advice.quote_json import advice_json
from desktop.model.options.common.numpy_arrays import use_numpy
from desktop.model.pricing.book import PriceBook
from desktop.model.workshop.compare import Comparison, compare, with_spreads
from desktop.model.workshop.compare_json import comparison_json
from desktop.model.workshop.spec import WorkshopSpec
from desktop.model.workshop.usage import ScenarioUsage
from desktop.report.sheet.export import PAGE_SIZES, ExportError, ensure_qt_app, format_for, write_bytes_atomically
from desktop.report.workshop.csv_export import workshop_csv


def workshop_advice(workshop: WorkshopSpec, book: PriceBook) -> tuple[list[Advice], Comparison]:
    """Advise every scenario and compare them (what the window holds, computed afresh), with `book` as given: the
    caller puts the workshop's own prices on it (desktop.model.workshop.prices.book_for)."""
    use_numpy(len(workshop.scenarios))  # several scenarios: the fast calc's numpy arrays pay
    advices = [advise(s.workload, book) for s in workshop.scenarios]
    notes = [s.note for s in workshop.scenarios]
    return advices, with_spreads(compare(list(zip(notes, advices, strict=True)), workshop.baseline, workshop.kind),
                                 advices)


def workshop_json_data(advices: Sequence[Advice], comparison: Comparison, book: PriceBook) -> dict[str, Any]:
    """`computefit estimate WORKSHOP --json`: each scenario's estimate object with its name, and the comparison."""
    return {"scenarios": [{"name": a.workload.name, **advice_json(a, book)} for a in advices],
            "comparison": comparison_json(with_spreads(comparison, advices))}


def workshop_data_text(advices: Sequence[Advice], comparison: Comparison, book: PriceBook, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(workshop_json_data(advices, comparison, book), indent=1) + "\n"
    return workshop_csv(with_spreads(comparison, advices), book)


def write_workshop_data(advices: Sequence[Advice], comparison: Comparison, book: PriceBook, path: Path,
                        fmt: str | None = None) -> str:
    """Write the comparison as CSV, JSON or XLSX; returns the format used."""
    chosen = format_for(path, fmt)
    if chosen == "xlsx":
        from desktop.report.sheet.xlsx_export import workshop_sheets, xlsx_bytes

        data = xlsx_bytes(workshop_sheets(advices, comparison, book))
    else:
        data = workshop_data_text(advices, comparison, book, chosen).encode("utf-8")
    write_bytes_atomically(path, data)
    return chosen


def write_workshop_report(advices: Sequence[Advice], comparison: Comparison, title: str, book: PriceBook,
                          path: Path, page_size: str = "A4", sheets: bool = True,
                          usages: Sequence[ScenarioUsage | None] = ()) -> int:
    """Write the workshop PDF (summary, then each scenario's sheet); returns its number of pages."""
    if page_size not in PAGE_SIZES:
        raise ExportError(errno.EINVAL, f"page size must be A4 or Letter, not {page_size!r}", str(path))
    ensure_qt_app()
    from desktop.report.workshop.pdf import workshop_pdf_bytes

    data, pages = workshop_pdf_bytes(advices, with_spreads(comparison, advices), title, book, page_size=page_size,
                                     sheets=sheets, usages=usages)
    write_bytes_atomically(path, data)
    return pages
