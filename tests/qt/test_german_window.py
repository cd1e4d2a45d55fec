"""The whole window in German at 1280x720: every text it shows (form labels, choices, help, the table, the verdict
and its reasons, ruled-out lines, the status bar, each chart's titles, axes, legends and labels, the workshop
panel) is German, with the numbers in German (decimal comma, point grouping), and no label, button or tab is cut.
English stays as it was (the goldens and tests/qt/test_translation.py guard it)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QAbstractButton, QLabel, QMessageBox, QTabBar, QWidget

from desktop.app import create_main_window
from desktop.model.options.registry import missing_prices
from desktop.model.pricing.book import PriceBook
from desktop.present import i18n
from desktop.qt.elided_label import ElidedLabel
from desktop.qt.main_window import MainWindow
from desktop.resources import resource
from tests.german_check import english_words, untranslated
from tests.qt.visible_texts import chart_texts, settle, widget_texts

EXAMPLES = ("http-api", "alb-api-ireland", "nightly-batch", "gpu-inference", "event-processor")


def open_at_720(qtbot, book: PriceBook, settings: QSettings, path: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    """The window on `path` at 1280x720, shown, every form group built."""
    win = create_main_window(path, book=book, settings=settings)
    win.ask_save_changes = lambda: QMessageBox.StandardButton.Discard  # type: ignore[method-assign]
    qtbot.addWidget(win)
    win.resize(1280, 720)
    win.show()
    qtbot.waitExposed(win)
    win.form.build_all()
    return win


def _open(qtbot, book: PriceBook, settings: QSettings, example: str) -> MainWindow:  # type: ignore[no-untyped-def]
    win = open_at_720(qtbot, book, settings, Path(resource("examples", f"{example}.workload.json")))
    for index in range(win.charts.count()):  # every chart built, drawn and laid out
        win.charts.setCurrentIndex(index)
        settle()
    win.charts.setCurrentIndex(0)
    settle()
    return win



def _shown(win: MainWindow) -> list[tuple[str, str, QWidget]]:
    """Every text, with the charts of every tab (a chart keeps its texts when its tab is hidden)."""
    texts = list(widget_texts(win))
    for chart in win.charts.charts:
        if not chart.isVisibleTo(win):
            texts += list(chart_texts(chart))
        for side in ("left", "bottom"):  # axis titles and the ticks a chart names (the tornado's assumptions)
            axis = chart.plot_item.getAxis(side)
            texts += [("axis", axis.labelText, chart)]
            texts += [("tick", str(label), chart) for level in axis._tickLevels or () for _value, label in level]
    return texts


@pytest.mark.parametrize("example", EXAMPLES)
def test_the_german_window_shows_no_english(german: None, qtbot, book: PriceBook, settings: QSettings,  # type: ignore[no-untyped-def]
                                            example: str) -> None:
    win = _open(qtbot, book, settings, example)
    texts = _shown(win)
    assert len(texts) > 300  # the form, the table, the verdict, the charts and the status bar
    verbatim = {win.session.workload.name, *missing_prices(book, win.session.workload.region)}
    left = untranslated([text for _kind, text, _widget in texts], verbatim)
    assert not left, "\n".join(f"{sorted(words)} | {line}" for line, words in left)
    shown = " ".join(text for _kind, text, _widget in texts)
    assert "Empfohlen" in shown or "Keine Option" in shown
    assert "Monatliche Kosten" in shown and "Preisbuch vom" in shown and "Stunde des Tages (UTC)" in shown
    table = win.findChild(QWidget, "comparison_table")
    cells = [text for kind, text, widget in texts if kind == "cell" and widget is table]
    assert any("," in cell and "$" in cell for cell in cells)  # "$62,44": a decimal comma
    assert not any(c.startswith("$") and "." in c.split("\n")[0].split(",")[0][-3:] for c in cells)


def test_the_german_numbers_and_axes(german: None, qtbot, book: PriceBook, settings: QSettings) -> None:  # type: ignore[no-untyped-def]
    win = _open(qtbot, book, settings, "http-api")
    texts = [text for _kind, text, _widget in _shown(win)]
    assert "30.000.000" in win.form.editor("traffic.requests_per_month").text()  # type: ignore[attr-defined]
    assert any("$62,44" in t for t in texts) and not any("$62.44" in t for t in texts)
    axis = win.charts.breakdown.plot_item.getAxis("left")
    assert axis.labelText == "Monatliche Kosten (USD)"
    assert "$0,5" in axis.tickStrings([0.5], 1.0, 0.5)  # a tick with a decimal comma
    assert win.charts.cost_curve.plot_item.getAxis("bottom").labelText.startswith("Monatliches Volumen")


def _cut(widget: QWidget) -> bool:
    """True when a label's or button's text needs more room than the widget has."""
    if isinstance(widget, ElidedLabel) or (isinstance(widget, QLabel) and widget.wordWrap()):
        return False  # elides on purpose (its tooltip holds the whole text) / wraps
    hint = widget.sizeHint()
    return hint.width() > widget.width() + 1 or hint.height() > widget.height() + 1


@pytest.mark.parametrize("example", ("http-api", "alb-api-ireland"))
def test_no_german_text_is_cut_at_1280x720(german: None, qtbot, book: PriceBook, settings: QSettings,  # type: ignore[no-untyped-def]
                                           example: str) -> None:
    win = _open(qtbot, book, settings, example)
    assert win.width() <= 1280 and win.height() <= 720
    checked = [w for w in win.findChildren(QWidget) if isinstance(w, (QLabel, QAbstractButton))
               and w.isVisibleTo(win) and (w.text() if not isinstance(w, QLabel) else w.text().strip())]
    assert len(checked) > 80
    cut = [(w.objectName() or type(w).__name__, w.text(), w.sizeHint().width(), w.width())
           for w in checked if _cut(w)]
    assert cut == []
    for bar in win.findChildren(QTabBar):
        for index in range(bar.count()):
            need = bar.fontMetrics().horizontalAdvance(bar.tabText(index).replace("&", ""))
            assert need <= bar.tabRect(index).width(), bar.tabText(index)


def test_english_words_are_found(german: None) -> None:
    """The check itself: an English sentence is caught, its German translation passes, products stay."""
    assert english_words("Recommended: AWS Lambda, $5.00 a month cheaper than Fargate") >= {"recommended", "cheaper"}
    assert english_words(i18n.shown("Recommended: AWS Lambda, $5.00 a month cheaper than Fargate")) == set()
    assert i18n.shown("Recommended: AWS Lambda, $5.00 a month cheaper than Fargate") == \
        "Empfohlen: AWS Lambda, $5,00 im Monat günstiger als Fargate"
    assert english_words("Amazon ECS on AWS Fargate (t3.medium, us-east-1)") == set()


def test_the_catalogue_is_a_file_others_can_read() -> None:
    path = Path(resource("i18n", "de.json"))
    assert path.stat().st_size < i18n.MAX_CATALOGUE_BYTES


def test_the_german_workshop_shows_no_english(german: None, qtbot, book: PriceBook, settings: QSettings) -> None:  # type: ignore[no-untyped-def]
    """Five scenarios (variants, a batch job among them): the scenario list, the comparison table with what differs
    from the baseline, its tooltips, the chart of recommended totals, the portfolio line."""
    from tests.qt.make_workshop_screenshots import build_workshop

    win = _open(qtbot, book, settings, "http-api")
    build_workshop(win)
    win.workshop.comparison.render_comparison(win.session.comparison)  # now, not after its timer
    settle()
    texts = _shown(win)
    rows = win.session.comparison.rows
    verbatim = {text for row in rows for text in (row.name, row.note)}
    verbatim |= {p for row in rows for p in missing_prices(book, row.region or "us-east-1")}
    left = untranslated([text for _kind, text, _widget in texts], verbatim)
    assert not left, "\n".join(f"{sorted(words)} | {line}" for line, words in left)
    shown = " ".join(text for _kind, text, _widget in texts)
    assert "Was sich von der Basis unterscheidet" in shown and "Anfragen 30M -> 1M" in shown


def test_the_german_form_says_why_it_refuses_a_value(german: None, qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """A value out of range (the model's rule) and one the German number format cannot read, at the field and in
    the status bar, in German with German numbers."""
    from tests.qt.interact import type_into

    type_into(qtbot, window, "lambda.memory_mb", "50")
    qtbot.wait(60)
    assert window.form.problem_at("lambda.memory_mb") == "muss zwischen 128 und 10.240 liegen, angegeben: 50"
    type_into(qtbot, window, "traffic.burst_ratio", "1.5")
    qtbot.wait(60)
    assert window.form.problem_at("traffic.burst_ratio") == (
        "ist mehrdeutig: im Zahlenformat Deutsch trennt '.' die Tausender; tippen Sie 1,5 für eine Dezimalzahl "
        "oder 1.000 für tausend")
    type_into(qtbot, window, "traffic.requests_per_month", "viele")
    qtbot.wait(60)
    assert window.form.problem_at("traffic.requests_per_month").startswith("ist keine Zahl (z. B. 30M, 1,5k oder ")
    assert window.status.currentMessage().endswith("(nicht übernommen)")
    assert untranslated([window.status.currentMessage()]) == []
