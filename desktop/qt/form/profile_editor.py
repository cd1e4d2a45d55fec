"""The 24-hour load profile: presets, drag the bars with the mouse, or nudge them with the arrow keys.

Emits `committed(tuple | None)` (None = flat) once per drag (on release) or per key press.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFocusEvent, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from desktop.model.workload.fields import FieldSpec
from desktop.present.i18n import tr

HOURS = 24


def _shape(values: dict[range, float], rest: float) -> tuple[float, ...]:
    out = [rest] * HOURS
    for hours, level in values.items():
        for h in hours:
            out[h] = level
    return tuple(out)


PRESETS: dict[str, tuple[float, ...] | None] = {
    "Flat": None,
    "Business hours": _shape({range(8, 18): 1.0, range(7, 8): 0.5, range(18, 20): 0.4}, 0.1),
    "Evening peak": _shape({range(7, 17): 0.5, range(17, 19): 0.8, range(19, 23): 1.0, range(23, 24): 0.5}, 0.2),
    "Nightly batch": _shape({range(1, 5): 1.0}, 0.02),
}
CUSTOM = "Custom"


class ProfileBars(QWidget):
    """24 bars; click or drag to set an hour's relative load; Left/Right pick an hour, Up/Down change it."""

    committed = Signal(object)
    parse_failed = Signal(str)

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None):
        super().__init__(parent)
        self.spec = spec
        self.setObjectName(spec.path)
        self.setAccessibleName(spec.label)
        self.setAccessibleDescription(spec.help + " " + tr("Left and Right pick an hour; Up and Down change it."))
        self.setToolTip(f"{spec.label}: {spec.help}\n" + tr("Keyboard: Left/Right pick an hour, Up/Down change it.")
                        + "\n" + tr(f"Field: {spec.path}"))
        self.setWhatsThis(self.toolTip())
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumHeight(64)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._values: list[float] = [1.0] * HOURS
        self._flat = True
        self._top = 1.0
        self._dragging = False
        self.selected = 12

    # --- value ------------------------------------------------------------------------------------
    def set_value(self, value: Any) -> None:
        self._flat = value is None
        self._values = [1.0] * HOURS if value is None else [float(v) for v in value]
        self._top = max(max(self._values), 1e-9)
        self.update()

    def values(self) -> tuple[float, ...] | None:
        return None if self._flat else tuple(round(v, 3) for v in self._values)

    # --- geometry ---------------------------------------------------------------------------------
    def _plot_rect(self) -> QRectF:
        return QRectF(self.rect()).adjusted(2, 2, -2, -14)

    def _hour_at(self, x: float) -> int:
        area = self._plot_rect()
        return max(0, min(HOURS - 1, int((x - area.left()) / area.width() * HOURS)))

    def _level_at(self, y: float) -> float:
        area = self._plot_rect()
        share = (area.bottom() - y) / area.height()
        return round(max(0.0, min(1.0, share)) * self._top, 3)

    def _set_from(self, pos: QPointF) -> None:
        hour = self._hour_at(pos.x())
        self.selected = hour
        self._flat = False
        self._values[hour] = self._level_at(pos.y())
        self.update()

    # --- events -----------------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._dragging = True
            self._set_from(event.position())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._dragging:
            self._set_from(event.position())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._dragging:
            self._dragging = False
            self.committed.emit(self.values())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            self.selected = (self.selected + (1 if key == Qt.Key.Key_Right else -1)) % HOURS
            self.update()
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            step = self._top / 10 * (1 if key == Qt.Key.Key_Up else -1)
            self._flat = False
            self._values[self.selected] = round(max(0.0, self._values[self.selected] + step), 3)
            self._top = max(self._top, self._values[self.selected])
            self.update()
            self.committed.emit(self.values())
        else:
            super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusOutEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        pal = self.palette()
        area = self._plot_rect()
        painter.fillRect(area, pal.color(QPalette.ColorRole.Base))
        bar_w = area.width() / HOURS
        fill = QColor("#56B4E9") if pal.color(QPalette.ColorRole.Window).lightness() < 128 else QColor("#0072B2")
        for h, v in enumerate(self._values):
            height = area.height() * (v / self._top if self._top else 0)
            rect = QRectF(area.left() + h * bar_w + 1, area.bottom() - height, bar_w - 2, height)
            painter.fillRect(rect, fill)
        if self.hasFocus():
            painter.setPen(pal.color(QPalette.ColorRole.Highlight))
            painter.drawRect(QRectF(area.left() + self.selected * bar_w, area.top(), bar_w, area.height()))
        painter.setPen(pal.color(QPalette.ColorRole.PlaceholderText))
        font = painter.font()
        font.setPointSizeF(max(6.0, font.pointSizeF() * 0.75))
        painter.setFont(font)
        for h in (0, 6, 12, 18):
            painter.drawText(QPointF(area.left() + h * bar_w + 1, self.height() - 2), f"{h:02d}h")
        painter.drawText(QRectF(area.left(), area.bottom(), area.width(), 14),
                         Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom, "UTC")
        painter.end()


class ProfileEditor(QWidget):
    """Preset chooser above the bars; objectName of the bars is the field path."""

    committed = Signal(object)
    parse_failed = Signal(str)

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None):
        super().__init__(parent)
        self.spec = spec
        self.bars = ProfileBars(spec, self)
        self.setWhatsThis(self.bars.whatsThis())
        self.presets = QComboBox(self)
        self.presets.setWhatsThis(self.bars.whatsThis())
        self.presets.setObjectName(spec.path + ".preset")
        self.presets.setAccessibleName(tr("Load profile preset"))
        for name in (*PRESETS, CUSTOM):
            self.presets.addItem(tr(name), name)
        self.presets.activated.connect(self._preset_chosen)
        self.bars.committed.connect(self.committed)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(tr("Preset:"), self))
        row.addWidget(self.presets, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.bars)

    def set_value(self, value: Any) -> None:
        self.bars.set_value(value)
        shape = None if value is None else tuple(float(v) for v in value)
        name = next((n for n, p in PRESETS.items() if p == shape), CUSTOM)
        self.presets.setCurrentIndex(self.presets.findData(name))

    def _preset_chosen(self, index: int) -> None:
        name = self.presets.itemData(index)
        if name in PRESETS:
            self.committed.emit(PRESETS[name])
