"""The window starts on a user book with an unusable override (set aside, the rest applies, a message names it),
and typing an absurd price in the Prices dialog is a message in the dialog, not an exception in a slot."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt

from desktop.app import price_setup
from desktop.pricelist.book.store import bundled_book
from tests.pricelist.book.test_user_book_set_aside import BAD, BOOK, GOOD
from tests.qt.test_prices_window import _dialog, _row, _window


def test_the_window_starts_on_a_book_with_an_unusable_override(qtbot, tmp_path: Path, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    (data_dir / "user-price-book.json").write_text(json.dumps(BOOK), encoding="utf-8")
    setup, message = price_setup(bundled_book())
    assert f"overrides.{BAD}: usd: must be between 0 and 1,000,000,000, got '1e999999999'; set aside" in message
    window = _window(qtbot, tmp_path, setup)
    assert window.session.book.regions["us-east-1"].lambda_.duration["x86_64"][0].price.origin == "overridden"
    assert GOOD in setup.layer.overrides  # type: ignore[union-attr]
    window.close()


def test_typing_an_absurd_price_in_the_dialog_is_a_message(qtbot, tmp_path: Path, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, tmp_path)
    dialog = _dialog(window)
    _row(dialog, BAD)
    book = window.session.book
    qtbot.keyClicks(dialog.override_usd, "1e999999999")
    qtbot.keyClicks(dialog.override_note, "typo")
    qtbot.mouseClick(dialog.override_button, Qt.MouseButton.LeftButton)  # was decimal.Overflow in the slot
    assert "'1e999999999' is not a price in USD: it must be at most 1,000,000,000" in dialog.problem.text()
    assert window.session.book is book and not (data_dir / "user-price-book.json").exists()
    window.close()
