"""The workshop comparison as CSV: one row per scenario (and, for parts of one system, the portfolio total).

Pure Python. Money to the cent as in `estimate --json`; text cells a spreadsheet would read as a formula are
prefixed with an apostrophe (csv_export.safe_text).
"""

from __future__ import annotations

import csv
import io

from desktop.model.format import usd_csv
from desktop.model.pricing.book import PriceBook
from desktop.model.workshop.compare import Comparison
from desktop.report.sheet.csv_export import safe_text

FIXED = ("scenario", "note", "baseline", "ruled_out", "recommended", "recommended_usd", "runner_up", "margin_usd",
         "margin_pct", "change_usd", "change_pct", "differences", "kind", "price_book_date")


def _pct(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"


def columns(comparison: Comparison) -> tuple[str, ...]:
    return (*FIXED[:3], *(f"{o}_usd" for o in comparison.options), *FIXED[3:])


def workshop_rows(comparison: Comparison, book: PriceBook) -> list[dict[str, str]]:
    common = {"kind": comparison.kind, "price_book_date": book.effective_date.isoformat()}
    rows = []
    for row in comparison.rows:
        out = {**common, "scenario": safe_text(row.name), "note": safe_text(row.note),
               "baseline": "yes" if row.is_baseline else "no",
               "ruled_out": " ".join(o for o in comparison.options if not row.feasible.get(o, False)),
               "recommended": row.recommended or "",
               "recommended_usd": usd_csv(row.recommended_usd), "runner_up": row.runner_up or "",
               "margin_usd": usd_csv(row.margin_usd), "margin_pct": _pct(row.margin_pct),
               "change_usd": usd_csv(row.change_usd), "change_pct": _pct(row.change_pct),
               "differences": safe_text(row.differences_text)}
        out.update({f"{o}_usd": usd_csv(row.totals.get(o)) for o in comparison.options})
        rows.append(out)
    if comparison.portfolio_usd is not None:
        rows.append({**common, "scenario": "Portfolio total", "recommended_usd": usd_csv(comparison.portfolio_usd),
                     "note": safe_text("; ".join(f"left out: {n}" for n in comparison.unpriced))})
    return rows


def workshop_csv(comparison: Comparison, book: PriceBook) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns(comparison), lineterminator="\n", restval="")
    writer.writeheader()
    writer.writerows(workshop_rows(comparison, book))
    return out.getvalue()
