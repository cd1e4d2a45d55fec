"""The window's comparison table has a Commitment column when a scenario's total assumes a commitment."""

from __future__ import annotations

from desktop.model.pricing.book import PriceBook
from desktop.qt.main_window import MainWindow
from desktop.qt.workshop.comparison_view import COMMITMENT_COLUMN
from tests.report.workshop.test_workshop_commitments import ALL_UPFRONT, comparison


def test_the_table_shows_each_scenarios_commitment(qtbot, window: MainWindow, book: PriceBook) -> None:  # type: ignore[no-untyped-def]
    view = window.workshop.comparison
    view.render_comparison(comparison(book))
    headers = [view.table.horizontalHeaderItem(c).text() for c in range(view.table.columnCount())]
    assert headers.index(COMMITMENT_COLUMN) == headers.index("Recommended") + 1
    assert view.text(0, COMMITMENT_COLUMN) == "" and view.text(1, COMMITMENT_COLUMN) == ALL_UPFRONT
    assert view.text(2, COMMITMENT_COLUMN).endswith("$253.02 upfront (half: assumed)")
