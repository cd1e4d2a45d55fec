"""The workshop comparison as plain text, for `computefit estimate WORKSHOP` in a terminal."""

from __future__ import annotations

from desktop.model.options.registry import short_label
from desktop.model.pricing.book import PriceBook
from desktop.model.workshop.compare import Comparison
from desktop.model.workshop.spec import KIND_LABELS
from desktop.present.workshop import (
    SPREAD_HEADER,
    change_text,
    left_out_rows,
    portfolio_text,
    recommended_text,
    spread_text,
    total_text,
)

NAME_WIDTH = 28


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width - 3] + "..."


def comparison_text(comparison: Comparison, book: PriceBook) -> str:
    widths = {o: max(14, len(short_label(o))) for o in comparison.options}
    lines = [f"Workshop: {len(comparison.rows)} scenarios, {KIND_LABELS.get(comparison.kind, comparison.kind).lower()}"
             f"; baseline: {comparison.baseline_row.name}",
             f"Price book: dated {book.effective_date.isoformat()}; monthly totals in USD", ""]
    head = f"{'#':>3} {'Scenario':<{NAME_WIDTH}} " + " ".join(f"{short_label(o):>{widths[o]}}"
                                                              for o in comparison.options)
    changes = comparison.kind != "parts"
    lines.append((f"{head}  {'Recommended':<28}" + (" Change against the baseline" if changes else "")).rstrip())
    for row in comparison.rows:
        totals = " ".join(f"{_cut(total_text(row, o), widths[o]):>{widths[o]}}" for o in comparison.options)
        lines.append((f"{row.index + 1:>3} {_cut(row.name, NAME_WIDTH):<{NAME_WIDTH}} {totals}  "
                      f"{_cut(recommended_text(row), 28):<28} {change_text(row)}").rstrip())
    ranged = [row for row in comparison.rows if row.ranged]
    if ranged:
        lines += ["", f"Ranged scenarios, the recommended option's {SPREAD_HEADER}:"]
        lines += [f"{row.index + 1:>3} {row.name}: {spread_text(row)}" for row in ranged]
    found = left_out_rows(comparison)
    if found:
        lines += ["", "Totals that leave out a price (the real cost is higher):"]
        lines += [f"{row.index + 1:>3} {row.name}: {said}" for row, said in found]
    portfolio = portfolio_text(comparison)
    if portfolio:
        lines += ["", portfolio]
    lines += ["", "What differs from the baseline:"]
    lines += [f"{row.index + 1:>3} {row.name}: {row.differences_text}"
              for row in comparison.rows if not row.is_baseline]
    return "\n".join(lines)
