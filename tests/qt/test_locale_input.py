"""Numbers in the user's locale, through the form: German reads "2,5" as 2.5 and "1.234,5" as 1234.5 and shows
"20.000.000"; English refuses "2,5" at the field (never 25); a monthly volume takes a rate and the status bar says
how it became a month."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QLocale, QSettings
from PySide6.QtWidgets import QLineEdit, QMessageBox

from desktop.app import create_main_window
from desktop.model.pricing.book import PriceBook
from desktop.qt.main_window import MainWindow
from tests.qt.conftest import ENGLISH_LOCALE
from tests.qt.interact import enter, type_into
from tests.qt.session_ops import session_op


@pytest.fixture
def german_window(qtbot, book: PriceBook, settings: QSettings) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    try:
        win = create_main_window(book=book, settings=settings)
        win.ask_save_changes = lambda: QMessageBox.StandardButton.Discard  # type: ignore[method-assign]
        qtbot.addWidget(win)
        win.show()
        qtbot.waitExposed(win)
        win.form.build_all()
        yield win
    finally:
        QLocale.setDefault(ENGLISH_LOCALE)


def _text(window: MainWindow, path: str) -> str:
    editor = window.findChild(QLineEdit, path)
    assert editor is not None
    return editor.text()


def test_german_decimal_comma_and_group_point(qtbot, german_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window = german_window
    assert _text(window, "traffic.requests_per_month") == "30.000.000"  # shown in the locale too
    enter(qtbot, window, "traffic.burst_ratio", "2,5")
    assert window.session.workload.traffic.burst_ratio == 2.5
    assert _text(window, "traffic.burst_ratio") == "2,5"
    enter(qtbot, window, "traffic.duration_ms", "1.234,5")
    assert window.session.workload.traffic.duration_ms == 1234.5
    enter(qtbot, window, "traffic.requests_per_month", "20.000.000")
    assert window.session.workload.traffic.requests_per_month == 20_000_000
    assert "Akzeptiert" not in window.form.editor("lambda.memory_mb").toolTip()  # the text stays English...
    assert "128 bis" not in window.form.editor("lambda.memory_mb").toolTip()
    assert "10.240 MB" in window.form.editor("lambda.memory_mb").toolTip()  # ...its numbers are German


def test_german_point_decimal_is_refused_not_read_as_thousands(qtbot, german_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window = german_window
    before = window.session.workload
    type_into(qtbot, window, "traffic.burst_ratio", "1.5")
    assert window.session.workload == before
    assert "type 1,5 for a decimal" in window.form.problem_at("traffic.burst_ratio")


@pytest.mark.parametrize("text", ["2,5", "0,25"])
def test_english_refuses_a_decimal_comma(qtbot, window: MainWindow, text: str) -> None:  # type: ignore[no-untyped-def]
    before = window.session.workload
    type_into(qtbot, window, "traffic.burst_ratio", text)
    assert window.session.workload == before  # never 25
    problem = window.form.problem_at("traffic.burst_ratio")
    assert problem.startswith("is ambiguous") and f"type {text.replace(',', '.')} for a decimal" in problem


def test_a_rate_becomes_a_month_and_the_status_bar_says_how(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    enter(qtbot, window, "traffic.requests_per_month", "2000/s")
    assert window.session.workload.traffic.requests_per_month == 2000 * 3600 * 730
    assert window.status.currentMessage() == ("Requests: 2000/s over a 730-hour month (Assumptions > Month length) "
                                              "= 5,256,000,000 a month")
    assert "730 hours" in window.form.editor("traffic.requests_per_month").toolTip()
    enter(qtbot, window, "assumptions.month_hours", "720")
    assert "720 hours" in window.form.editor("traffic.requests_per_month").toolTip()
    enter(qtbot, window, "traffic.requests_per_month", "5M/day")
    assert window.session.workload.traffic.requests_per_month == 5_000_000 * 30


def test_a_rate_is_refused_where_the_field_is_not_a_volume(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    before = window.session.workload
    type_into(qtbot, window, "traffic.duration_ms", "20/s")
    assert window.session.workload == before
    assert "only the monthly volumes" in window.form.problem_at("traffic.duration_ms")


def test_german_display_of_totals_table_and_headline(qtbot, german_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    from desktop.model.workload.files import load_workload
    from desktop.qt.views.comparison_table import CAPACITY_COL, MONTHLY_COL
    from desktop.resources import examples_dir

    window = german_window
    with qtbot.waitSignal(window.session.advice_changed, timeout=5000):
        ireland = load_workload(examples_dir() / "alb-api-ireland.workload.json")  # moved where prices are missing
        session_op(window.session, "replace_workload", ireland.model_copy(update={"region": "ap-south-1"}), "Open")
    assert window.table.text("fargate", MONTHLY_COL) == "~$62,62\n+ 2 not priced"  # USD, German separators
    assert window.table.text("lambda", CAPACITY_COL).endswith("1.024 MB")
    assert window.table.horizontalHeaderItem(MONTHLY_COL).text() == "Monthly (USD)"
    assert "$62,62 against AWS Lambda's $71,88" in window.recommendation.headline.text()
