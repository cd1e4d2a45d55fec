"""A one-line label that elides what does not fit and keeps the whole text in its tooltip.

Its minimum width is a few characters, never its text's: a long status, price-book line or scenario name can
never raise the window's minimum size (the window must fit a 1280x720 screen).
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

MIN_CHARS = 8


class ElidedLabel(QLabel):
    def __init__(self, parent: QWidget | None = None, tooltip_prefix: str = ""):
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self._tooltip_prefix = tooltip_prefix
        self._extra_tip = ""

    def setText(self, text: str) -> None:
        super().setText(text)
        self._update_tooltip()

    def set_extra_tooltip(self, text: str) -> None:
        """More text for the tooltip, under the full label text."""
        self._extra_tip = text
        self._update_tooltip()

    def _update_tooltip(self) -> None:
        parts = [p for p in (self._tooltip_prefix + self.text(), self._extra_tip) if p]
        self.setToolTip("\n".join(parts))

    def is_elided(self) -> bool:
        return self.fontMetrics().horizontalAdvance(self.text()) > self.contentsRect().width()

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(min(hint.width(), self.fontMetrics().averageCharWidth() * MIN_CHARS), hint.height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        rect = self.contentsRect()
        text = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, rect.width())
        painter.setPen(self.palette().color(self.foregroundRole()))
        painter.setFont(self.font())
        painter.drawText(rect, int(self.alignment()) | int(Qt.TextFlag.TextSingleLine), text)
        painter.end()
