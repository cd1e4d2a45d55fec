"""The comparison table is readable in the dark appearance (and back in the light one): its text takes the
palette's Text role at every change of appearance, never a colour fixed at the first render."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from desktop.qt.appearance import apply_appearance
from desktop.qt.main_window import MainWindow


def _luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + 0.0722 * channel(colour.blueF())


def contrast(a: QColor, b: QColor) -> float:
    """WCAG's contrast ratio (4.5 is the minimum for body text)."""
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.fixture
def restore_light() -> Iterator[None]:
    yield
    apply_appearance("light")


@pytest.mark.parametrize("first", ["light", "dark"])
def test_table_text_contrasts_with_its_background_in_both_appearances(qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                                                      restore_light: None, first: str) -> None:
    table = window.table
    for mode in (first, "dark" if first == "light" else "light"):
        apply_appearance(mode)
        QApplication.processEvents()
        base = table.palette().color(QPalette.ColorRole.Base)
        assert (base.lightness() < 100) == (mode == "dark")
        for row, option_id in enumerate(table.option_ids):
            option = window.session.advice.quote.options[option_id]
            text = table.item(row, 1).foreground().color()
            minimum = 4.5 if option.feasible else 3.0  # a ruled-out row is muted, still legible
            assert contrast(text, base) >= minimum, (mode, option_id, text.name(), base.name())
