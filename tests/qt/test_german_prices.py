"""The Prices dialog in German: its own labels, buttons, column headers, origins and the selected price's
description are German, the prices' names too (the sheet's catalogue entries) and the table's tooltips; the
prices' sources, references and notes are the book's data and stay as written."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from desktop.app import create_main_window
from desktop.model.pricing.book import PriceBook
from desktop.model.pricing.price_paths import priced_paths, rate_paths
from desktop.present.i18n import shown
from desktop.pricelist.book.setup import open_setup
from desktop.qt.views.price_book_dialog import ORIGIN_COLUMN, SOURCE_COLUMN, rate_name
from desktop.report.sheet.price_register import price_name
from tests.german_check import untranslated
from tests.qt.visible_texts import plain, settle, widget_texts


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
    assert dialog.selected.text().startswith("Lambda-Anfragen (us-east-1/lambda/requests): 0,2 USD je 1M Anfragen, ")
    assert dialog.reset_all_button.text() == "Alle Überschreibungen und Rabatte zurücksetzen"
    book = win.session.advice.book
    rates = list(dialog._rates.values())
    data = {text for found in dialog._paths.values() for text in (found.price.note, found.price.source)}
    data |= {text for rate in rates for text in (rate.note, rate.source, rate.of)}
    data |= {book.title, str(data_dir), *dialog._paths, *dialog._rates}  # the book's own words, its paths
    data |= {text for source in book.sources.values() for text in (source.title, source.reference, source.data_date)}
    names = [table.item(r, 0).text() for r in range(table.rowCount())]  # the prices' names: German, as the sheet's
    assert "Lambda-Anfragen" in names and "Lambda requests" not in names
    tips = [plain(table.item(r, c).toolTip()).strip() for r in range(table.rowCount()) for c in (0, SOURCE_COLUMN)]
    assert any(tip.startswith("Lambda-Anfragen\nmitgeliefert: aus dem Preisbuch, das ComputeFit mitbringt")
               for tip in tips)
    texts = [text for _kind, text, _widget in widget_texts(dialog)] + [dialog.windowTitle()]
    assert len(texts) > 50
    left = untranslated([*texts, *tips], data)
    assert not left, "\n".join(f"{sorted(words)} | {line}" for line, words in left)


def test_every_price_name_of_every_region_is_german(german: None, book: PriceBook) -> None:
    """The names the Prices dialog lists (each region's prices and fee rates, commitments and tiers among them),
    through the same catalogue entries as the sheet's price register."""
    names = {price_name(found) for region in book.regions.values() for found in priced_paths(region)}
    names |= {rate_name(path) for region in book.regions.values() for path, _rate in rate_paths(region)}
    assert len(names) > 150
    left = untranslated(shown(name) for name in names)
    assert not left, "\n".join(f"{sorted(words)} | {line}" for line, words in left)
    assert shown("Lambda duration x86_64, tier 3 (above the previous tiers)") == \
        "Lambda-Dauer x86_64, Stufe 3 (über den vorigen Stufen)"
