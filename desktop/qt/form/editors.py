"""Unit-aware editors for one workload field each: they parse, show units and report problems at the field.

Each editor emits `committed(value)` with the value in the workload's own terms (e.g. 0.7 for "70 %"),
and never changes the workload itself: the form passes the value to the Session, which validates it.

Numbers are read and shown in the user's locale (QLocale's decimal and group separators: "2,5" is 2.5 in German
and refused in English); a monthly volume also takes a rate ("2000/s"), turned into a month of the workload's
month length, and says how (`noted`).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QPainter, QPaintEvent
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QStyle, QStyleOptionFrame, QWidget

from desktop.model.workload.fields import FieldSpec
from desktop.present.i18n import shown, tr
from desktop.present.numbers import (
    ENGLISH,
    MULTIPLIERS,
    RATE_EXAMPLE,
    NumberFormat,
    ParseError,
    parse_number,
    parse_quantity,
)
from desktop.qt.locale_numbers import locale_format

__all__ = ["MULTIPLIERS", "BoolEdit", "ChoiceEdit", "FieldEditor", "NumberEdit", "ParseError", "TextEdit",
           "format_number", "locale_format", "parse_number"]

DEFAULT_MONTH_HOURS = 730.0  # the workload's assumptions.month_hours until the form says otherwise


def format_number(value: float | int, whole: bool, fmt: NumberFormat = ENGLISH) -> str:
    """Thousands separators; no trailing zeros; whole numbers without decimals; in `fmt`'s separators."""
    if whole or (float(value).is_integer() and abs(value) < 1e15):
        return fmt.format(f"{round(value):,}")
    text = f"{value:,.6f}".rstrip("0").rstrip(".")
    return fmt.format(text if text not in ("-0", "") else "0")


def _tooltip(spec: FieldSpec, bounds: str, month_hours: float = DEFAULT_MONTH_HOURS) -> str:
    lines = [f"{spec.label}: {spec.help}"]
    if bounds:
        lines.append(tr(f"Accepted: {bounds}."))
    if spec.kind == "volume":
        lines.append(shown(f"A rate works too: {RATE_EXAMPLE} becomes a month of {month_hours:g} hours "
                           f"(Assumptions > Month length)."))
    if spec.limit:
        lines.append(tr(f"Limit: {spec.limit}"))
    lines.append(tr(f"Field: {spec.path}"))
    return "\n".join(lines)


def _describe(widget: QWidget, spec: FieldSpec, bounds: str, month_hours: float = DEFAULT_MONTH_HOURS) -> None:
    widget.setObjectName(spec.path)
    widget.setAccessibleName(f"{spec.label} ({spec.unit})" if spec.unit else spec.label)
    widget.setAccessibleDescription(spec.help)
    widget.setToolTip(_tooltip(spec, bounds, month_hours))  # plain text: never HTML (no user data in it)
    widget.setWhatsThis(_tooltip(spec, bounds, month_hours))


class _UndoPassThrough:
    """Mixin: Ctrl+Z / Ctrl+Shift+Z reach the window's undo when the editor holds no unsaved typing."""

    def _undo_override(self, event: QEvent, modified: bool) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and not modified and isinstance(event, QKeyEvent):
            for seq in (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo):
                if event.matches(seq):
                    event.ignore()
                    return True
        return False


class NumberEdit(QLineEdit, _UndoPassThrough):
    """A number with its unit drawn inside the box; accepts the locale's separators, k/M/B suffixes and, for a
    monthly volume, a rate."""

    committed = Signal(object)
    parse_failed = Signal(str)
    noted = Signal(str)  # how a typed rate became a monthly volume

    def __init__(self, spec: FieldSpec, bounds: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.spec = spec
        self.fmt = locale_format()
        self.month_hours = DEFAULT_MONTH_HOURS
        self._bounds = bounds
        self._whole = spec.kind in ("int", "volume")
        _describe(self, spec, bounds)
        if spec.optional:
            self.setPlaceholderText(spec.empty_text or tr("not set"))
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setTextMargins(0, 0, self.fontMetrics().horizontalAdvance(spec.unit) + 8 if spec.unit else 0, 0)
        self.editingFinished.connect(self._finish)
        self._shown: str = ""

    def set_value(self, value: Any) -> None:
        if value is None:
            text = ""
        else:
            shown = value * self.spec.scale if self.spec.scale != 1 else value
            text = format_number(shown, self._whole and self.spec.scale == 1, self.fmt)
        self._shown = text
        self.setText(text)
        self.setModified(False)

    def _finish(self) -> None:
        text = self.text()
        if text == self._shown and not self.property("invalid"):
            return
        if not text.strip():
            if self.spec.optional:
                self.committed.emit(None)
            else:
                self.parse_failed.emit(tr("needs a value"))
            return
        rate_month = self.month_hours if self.spec.kind == "volume" else None
        try:
            parsed = parse_quantity(text, self.spec.unit, self.spec.scale == 1, self.fmt, rate_month)
        except ParseError as exc:
            self.parse_failed.emit(tr(str(exc)))
            return
        value = round(parsed.value) * 1.0 if parsed.note and self._whole else parsed.value
        if parsed.note:
            self.noted.emit(tr(parsed.note))
        if self.spec.scale != 1:
            value = round(value / self.spec.scale, 10)
        if self._whole and value.is_integer():
            self.committed.emit(int(value))
        else:
            self.committed.emit(value)

    def set_month_hours(self, hours: float) -> None:
        """The workload's month length: what a rate typed here is multiplied into (and what the tooltip says)."""
        if hours != self.month_hours:
            self.month_hours = hours
            if self.spec.kind == "volume":
                _describe(self, self.spec, self._bounds, hours)

    def event(self, event: QEvent) -> bool:
        if self._undo_override(event, self.isModified()):
            return True
        return super().event(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self.spec.unit:
            return
        option = QStyleOptionFrame()
        self.initStyleOption(option)
        area = self.style().subElementRect(QStyle.SubElement.SE_LineEditContents, option, self)
        painter = QPainter(self)
        painter.setPen(self.palette().placeholderText().color())
        painter.drawText(area.adjusted(0, 0, -4, 0), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                         self.spec.unit)
        painter.end()


class TextEdit(QLineEdit, _UndoPassThrough):
    committed = Signal(object)
    parse_failed = Signal(str)

    def __init__(self, spec: FieldSpec, bounds: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.spec = spec
        _describe(self, spec, bounds)
        self.editingFinished.connect(self._finish)
        self._shown = ""

    def set_value(self, value: Any) -> None:
        self._shown = "" if value is None else str(value)
        self.setText(self._shown)
        self.setModified(False)

    def _finish(self) -> None:
        if self.text() != self._shown or self.property("invalid"):
            self.committed.emit(self.text())

    def event(self, event: QEvent) -> bool:
        if self._undo_override(event, self.isModified()):
            return True
        return super().event(event)


class ChoiceEdit(QComboBox):
    """A fixed list of (stored value, label) choices."""

    committed = Signal(object)
    parse_failed = Signal(str)

    def __init__(self, spec: FieldSpec, choices: tuple[tuple[str, str], ...], bounds: str = "",
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.spec = spec
        _describe(self, spec, bounds)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(10)
        for value, label in choices:
            self.addItem(label, value)
        self.activated.connect(lambda index: self.committed.emit(self.itemData(index)))

    def set_choices(self, choices: tuple[tuple[str, str], ...], bounds: str = "") -> None:
        """Replace the list (another price book has other regions or instance types), keeping the value shown."""
        current = self.currentData()
        self.blockSignals(True)
        try:
            self.clear()
            for value, label in choices:
                self.addItem(label, value)
            if current is not None:
                self.set_value(current)
        finally:
            self.blockSignals(False)
        if bounds:
            _describe(self, self.spec, bounds)

    def set_value(self, value: Any) -> None:
        index = self.findData(value)
        if index < 0:  # a value the list does not know yet (kept visible rather than hidden)
            self.addItem(str(value), value)
            index = self.count() - 1
        self.setCurrentIndex(index)


class BoolEdit(QCheckBox):
    committed = Signal(object)
    parse_failed = Signal(str)

    def __init__(self, spec: FieldSpec, bounds: str = "", parent: QWidget | None = None):
        super().__init__(spec.label, parent)
        self.spec = spec
        _describe(self, spec, bounds)
        self.clicked.connect(lambda checked: self.committed.emit(bool(checked)))

    def set_value(self, value: Any) -> None:
        self.setChecked(bool(value))


FieldEditor = NumberEdit | TextEdit | ChoiceEdit | BoolEdit
