"""The Prices dialog in German: its own labels, buttons, column headers, origins and the selected price's
description are German; the prices' names, sources and notes are the book's data and stay as written."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from desktop.app import create_main_window
from desktop.pricelist.book.setup import open_setup
from desktop.qt.views.price_book_dialog import ORIGIN_COLUMN, SOURCE_COLUMN
from desktop.report.sheet.price_register import price_name
from tests.german_check import untranslated
from tests.qt.visible_texts import settle, widget_texts


def test_the_german_prices_dialog_shows_no_english_of_its_own(german: None, qtbot, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                              data_dir: Path) -> None:
    settings = QSettings(str(tmp_path / "computefit.ini"), QSettings.Format.IniFormat)
    win = create_main_window(settings=settings, setup=open_setup(None)[0])
    win.ask_save_changes = lambda: QMessageBox.StandardButton.Discard  # type: ignore[method-assign]
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.charts.built and win.form.complete, timeout=5000)
    win.show_prices()
    dialog = win.price_dialog
    assert dialog is not None
    settle()
    dialog.select_path("us-east-1/lambda/requests")
    table = dialog.table
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    assert headers[:3] == ["Preis", "Genutzt", "Herkunft"]
    assert dialog.only_used.isChecked() and not table.isRowHidden(table.currentRow())  # "ja" counts as used
    assert table.item(table.currentRow(), ORIGIN_COLUMN).text() == "mitgeliefert"  # "bundled"
    assert dialog.selected.text().startswith("Lambda requests (us-east-1/lambda/requests): 0,2 USD je 1M Anfragen, ")
    assert dialog.reset_all_button.text() == "Alle Überschreibungen und Rabatte zurücksetzen"
    data = {table.item(r, c).text() for r in range(table.rowCount()) for c in (0, SOURCE_COLUMN)
            if table.item(r, c) is not None}  # the prices' names and sources: the book's own words
    # the cells' tooltips (each price's source, note and date: the book's words) are left out
    texts = [text for kind, text, widget in widget_texts(dialog) if not (kind == "tooltip" and widget is table)]
    texts += [dialog.windowTitle()]
    found = dialog._paths["us-east-1/lambda/requests"]  # the selected price's own note and source: the book's words
    source = win.session.advice.book.sources.get(found.price.source)
    data |= {found.price.note, price_name(found), "us-east-1/lambda/requests", win.session.advice.book.title,
             str(data_dir),
             source.title if source else "", source.data_date if source else ""}
    assert len(texts) > 50
    left = untranslated(texts, data)
    assert not left, "\n".join(f"{sorted(words)} | {line}" for line, words in left)
