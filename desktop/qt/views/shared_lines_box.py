"""The Prices dialog's shared lines: costs the user adds that the options carry (a database, a cache), priced from
the user's own quantity and unit price and saved in the workload (desktop.model.workload.shared_lines).

The box edits nothing itself: adding or removing a line hands the whole new list to `apply` (the window runs it
as one undoable workload edit, so the quote, the table and the sheet follow), which returns the problem to show
('' when the change was made)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QWidget,
)

from desktop.model.format import decimal_as_written
from desktop.model.workload.shared_lines import SHARED_UNITS, SharedLine
from desktop.present.i18n import shown, tr

Apply = Callable[[list[dict[str, Any]]], str]
EVERY_OPTION = ""


def problem_label(parent: QWidget, name: str) -> QLabel:
    """A label for the one-line problem a change met (plain text, wrapped, in the warning colour)."""
    label = QLabel(parent)
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setStyleSheet("color: #D55E00;")
    return label


def line_text(line: SharedLine, labels: dict[str, str]) -> str:
    """"PostgreSQL: 730 hour x $0.072 = every option, yours (2026-12-01): RDS quote"."""
    carried = ", ".join(labels.get(o, o) for o in line.options) if line.options else "every option"
    note = f": {line.note}" if line.note else ""
    return (f"{line.label}: {decimal_as_written(line.quantity)} {line.unit} x ${decimal_as_written(line.unit_usd)}, "
            f"{carried}; yours "
            f"({line.as_of.isoformat()}){note}")


class SharedLinesBox(QGroupBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(tr("Shared lines every option carries (yours, saved in the workload)"), parent)
        self.setObjectName("shared_lines_box")
        self.apply: Apply | None = None
        self._lines: tuple[SharedLine, ...] = ()
        self.lines = QListWidget(self)
        self.lines.setObjectName("shared_lines")
        self.lines.setAccessibleName(tr("Your shared lines"))
        self.lines.setMaximumHeight(2 * self.fontMetrics().height() + 12)  # two lines: the table keeps the room
        self.remove_button = QPushButton(tr("Remove"), self)
        self.remove_button.setObjectName("remove_shared_line")
        self.remove_button.clicked.connect(self._remove)
        self.label = self._field("shared_label", tr("What it is, e.g. PostgreSQL db.t4g.medium"))
        self.quantity = self._field("shared_quantity", tr("Quantity a month (1)"))
        self.unit = QComboBox(self)
        self.unit.setObjectName("shared_unit")
        self.unit.setAccessibleName(tr("Unit of the shared line"))
        for unit in SHARED_UNITS:
            self.unit.addItem(tr(unit), unit)
        self.usd = self._field("shared_usd", tr("USD per unit"))
        self.carried = QComboBox(self)
        self.carried.setObjectName("shared_options")
        self.carried.setAccessibleName(tr("The options that carry the line"))
        self.note = self._field("shared_note", tr("Where the price comes from"))
        self.add_button = QPushButton(tr("Add line"), self)
        self.add_button.setObjectName("add_shared_line")
        self.add_button.clicked.connect(self._add)
        self.problem = problem_label(self, "shared_problem")
        self.problem.hide()  # shown with a problem only
        grid = QGridLayout(self)
        grid.addWidget(self.lines, 0, 0, 1, 7)
        grid.addWidget(self.remove_button, 0, 7)
        for column, widget in enumerate((self.label, self.quantity, self.unit, self.usd, self.carried, self.note,
                                         self.add_button)):
            grid.addWidget(widget, 1, column)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(5, 2)
        grid.addWidget(self.problem, 2, 0, 1, 8)
        self.setEnabled(False)  # until the window binds it to the workload

    def _field(self, name: str, placeholder: str) -> QLineEdit:
        field = QLineEdit(self)
        field.setObjectName(name)
        field.setPlaceholderText(placeholder)
        field.setAccessibleName(placeholder)
        field.returnPressed.connect(self._add)
        return field

    def show_lines(self, lines: Sequence[SharedLine] | None, options: Sequence[tuple[str, str]]) -> None:
        """The workload's lines, and the options it compares (id, short label) to carry a new one."""
        self._lines = tuple(lines or ())
        labels = dict(options)
        self.lines.clear()
        self.lines.addItems([line_text(line, labels) for line in self._lines])
        chosen = self.carried.currentData()
        self.carried.clear()
        self.carried.addItem(tr("Every option"), EVERY_OPTION)
        for option_id, label in options:
            self.carried.addItem(shown(f"{label} only"), option_id)
        self.carried.setCurrentIndex(max(0, self.carried.findData(chosen)))
        self.remove_button.setEnabled(bool(self._lines))
        self.setEnabled(self.apply is not None)

    def _current(self) -> list[dict[str, Any]]:
        return [line.model_dump(mode="json", exclude_none=True) for line in self._lines]

    def _done(self, lines: list[dict[str, Any]]) -> bool:
        problem = self.apply(lines) if self.apply is not None else "no workload to add the line to"
        self._say(problem)
        return not problem

    def _say(self, problem: str) -> None:
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))

    def _add(self) -> None:
        carried = self.carried.currentData()
        line = {"label": self.label.text().strip(), "quantity": self.quantity.text().strip() or "1",
                "unit": self.unit.currentData(), "unit_usd": self.usd.text().strip().removeprefix("$") or None,
                "note": self.note.text().strip(), "as_of": dt.date.today().isoformat(),
                **({"options": [carried]} if carried else {})}
        if not line["label"] or line["unit_usd"] is None:
            self._say("Give the line a name and a price in USD per unit")
            return
        if self._done([*self._current(), line]):
            for field in (self.label, self.quantity, self.usd, self.note):
                field.clear()

    def _remove(self) -> None:
        row = self.lines.currentRow()
        if 0 <= row < len(self._lines):
            self._done([d for i, d in enumerate(self._current()) if i != row])
