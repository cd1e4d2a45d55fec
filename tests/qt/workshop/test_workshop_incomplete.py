"""The window's side of issue 21's workshop "Done when": a scenario whose total leaves out a price (ECS Managed
Instances without its t3.medium fee in us-east-1) is marked incomplete in present mode (tile and change), the
comparison table (total, change, tooltip), the scenarios' chart and the portfolio; parts of one system show no
change against the baseline."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPointF

from desktop.model.pricing.book import PriceBook, load_price_book
from desktop.model.workload.spec import Workload
from desktop.model.workshop.files import save_workshop
from desktop.model.workshop.spec import ScenarioEntry, WorkshopSpec
from desktop.qt.main_window import MainWindow
from desktop.qt.present_mode import PresentWindow
from desktop.qt.workshop.comparison_view import CHANGE_COLUMN
from desktop.workbench.workbench import Workbench

# The goldens' frozen book: from before the ECS MI fee rule filled every region, so its us-east-1 has no fee for
# t3.medium and the ECS MI total leaves it out (the bundled book now prices it).
FROZEN = Path(__file__).resolve().parents[2] / "goldens" / "price-book.json"


@pytest.fixture
def book() -> PriceBook:
    return load_price_book(FROZEN)


FEE = "ECS MI management fee rate (general types)"


def _open(qtbot, window: MainWindow, tmp_path: Path, examples: dict[str, Workload], kind: str) -> None:  # type: ignore[no-untyped-def]
    base = examples["http-api"]
    managed = base.with_changes({"name": "On ECS MI", "options": ["ecs_managed"]})
    path = tmp_path / "room.workshop.json"
    save_workshop(path, WorkshopSpec(kind=kind, scenarios=(ScenarioEntry(workload=base),
                                                           ScenarioEntry(workload=managed))))
    with qtbot.waitSignal(window.session.scenarios_changed, timeout=5000):
        assert window.open_path(path)
    window.session.run(Workbench.select, 1)
    qtbot.waitUntil(lambda: window.session.advice.workload.name == "On ECS MI", timeout=5000)


def test_present_mode_and_the_table_mark_the_incomplete_scenario(qtbot, window: MainWindow, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                                 examples: dict[str, Workload]) -> None:
    _open(qtbot, window, tmp_path, examples, "variants")
    present = PresentWindow(window.session)
    qtbot.addWidget(present)
    present.resize(1280, 720)
    present.show()
    tile = next(t for t in present.tiles if t.isVisible())
    assert tile.total.text() == "$91.94" and tile.status.text() == "recommended \u00b7 a month"
    assert tile.left_out.isVisible() and tile.left_out.text() == "+ 1 not priced (no us-east-1 price)"
    assert "against the baseline: at least $29.50 more" in present.subtitle.text()
    present.show_chart(present.chart_count - 1)  # the scenarios' chart: the bar says what it leaves out
    assert any(label.textItem.toPlainText() == "\u2265 $91.94" for label in present.comparison_chart.labels)
    bar = present.comparison_chart.bars[-1]
    assert f"leaves out {FEE} (no us-east-1 price in the book)" in present.comparison_chart.hover(
        QPointF(bar.x, bar.usd / 2))
    present.close()
    view = window.workshop.comparison
    qtbot.waitUntil(view.isVisible, timeout=5000)  # shown once the document has a second scenario
    view.render_comparison(window.session.comparison)
    assert view.text(1, "ECS MI") == "$91.94 + 1 not priced"
    assert view.text(1, CHANGE_COLUMN) == "at least $29.50 more"
    tip = view.table.item(1, 0).toolTip()
    assert f"Not priced: ECS MI: {FEE} (no us-east-1 price in the book)" in tip
    assert f"the total of On ECS MI leaves out {FEE}" in tip


def test_parts_show_no_change_and_a_portfolio_bound(qtbot, window: MainWindow, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                    examples: dict[str, Workload]) -> None:
    _open(qtbot, window, tmp_path, examples, "parts")
    present = PresentWindow(window.session)
    qtbot.addWidget(present)
    present.show()
    assert "against the baseline" not in present.subtitle.text()
    present.close()
    view = window.workshop.comparison
    qtbot.waitUntil(view.isVisible, timeout=5000)
    view.render_comparison(window.session.comparison)
    headers = [view.table.horizontalHeaderItem(c).text() for c in range(view.table.columnCount())]
    assert CHANGE_COLUMN not in headers and view.text(0, "Scenario") == "Orders HTTP API"  # no "(baseline)"
    assert view.portfolio.text() == ("Portfolio total: at least $154.38 a month, the sum of each part's recommended "
                                     "option; 1 of 2 parts leave out a price (no price in the book).")
    assert f"it leaves out {FEE} (no us-east-1 price in the book) from On ECS MI." in view.portfolio.toolTip()


def test_the_window_says_which_prices_came_from_the_workshop_file(qtbot, window: MainWindow, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                                   examples: dict[str, Workload]) -> None:
    from desktop.model.workshop.prices import WorkshopPrices
    from desktop.qt.views.price_book_dialog import origin_text

    managed = examples["http-api"].with_changes({"name": "On ECS MI", "options": ["ecs_managed"]})
    prices = WorkshopPrices.model_validate({"overrides": {"us-east-1/ecs_managed/management_fee/t3.medium": {
        "usd": "0.005", "note": "account team quote", "as_of": "2026-12-01", "unit": "instance-hour"}}})
    path = tmp_path / "priced.workshop.json"
    save_workshop(path, WorkshopSpec(scenarios=(ScenarioEntry(workload=managed),), prices=prices))
    with qtbot.waitSignal(window.session.book_changed, timeout=5000):
        assert window.open_path(path)
    qtbot.waitUntil(lambda: "workshop file" in window.status.price_book.text(), timeout=5000)
    assert " + 1 price from the workshop file (in this quote); " in window.status.price_book.text()
    fee = window.session.advice.quote.options["ecs_managed"]
    assert fee.complete and fee.monthly_usd is not None
    price = window.session.book.regions["us-east-1"].ecs_managed.management_fee["t3.medium"]  # type: ignore[union-attr]
    assert origin_text(price, "ecs_managed", {}) == "from the workshop file"
    window.show_prices()
    assert window.price_dialog is not None
    window.price_dialog.close()
