"""The scenario list: every scenario of the document, the shown one selected, the baseline marked, its note.

Selecting a row shows that scenario (form, table and charts follow). The buttons are the window's Scenario
actions (add, duplicate, rename, move, delete, baseline); a double click or F2 renames in place; the note is
committed while it is typed (at most NOTE_COMMIT_MS after a keystroke, whatever the typing rate, so the autosave
has it) and when the note box loses focus; one note typed in several commits is one undoable step. Every change
goes through the Session as one undoable step.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFont, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.model.workshop.spec import KIND_LABELS, NOTE_MAX_CHARS
from desktop.present.i18n import tr
from desktop.present.text import tooltip_html
from desktop.qt.session import Session
from desktop.workbench.workbench import Workbench

BUTTONS = (("add", "duplicate"), ("rename", "delete"), ("up", "down"), ("baseline",))
BASELINE_MARK = "\u2605"  # a star before the baseline's name
NOTE_COMMIT_MS = 500  # typed text reaches the document this soon after the first keystroke not yet committed


class ScenarioList(QWidget):
    problem_shown = Signal(str)  # why an operation was refused, for the status bar

    def __init__(self, session: Session, actions: dict[str, QAction], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("scenario_panel")
        self.session = session
        self.kind = QComboBox(self)
        self.kind.setObjectName("workshop_kind")
        self.kind.setAccessibleName(tr("Kind of workshop"))
        for kind, text in KIND_LABELS.items():
            self.kind.addItem(tr(text), kind)
        self.kind.setToolTip(tr("Variants of one workload are compared against the baseline; the parts of one "
                                "system also add up to a portfolio total."))
        self.kind.activated.connect(lambda i: self._report(session.run(Workbench.set_kind, str(self.kind.itemData(i)))))
        self.list = QListWidget(self)
        self.list.setObjectName("scenario_list")
        self.list.setAccessibleName(tr("Scenarios"))
        self.list.setEditTriggers(QListWidget.EditTrigger.EditKeyPressed | QListWidget.EditTrigger.DoubleClicked)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.currentRowChanged.connect(self._row_changed)
        self.list.itemChanged.connect(self._renamed)
        self.note = QPlainTextEdit(self)
        self.note.setObjectName("scenario_note")
        self.note.setAccessibleName(tr("Note for the shown scenario"))
        self.note.setPlaceholderText(tr("A note for this scenario (who asked, why, what to check)"))
        self.note.setMaximumHeight(self.note.fontMetrics().lineSpacing() * 4 + 12)
        self.note.setTabChangesFocus(True)
        self.note.installEventFilter(self)
        self._note_timer = QTimer(self)  # started by a keystroke, never restarted by the next ones: a throttle
        self._note_timer.setSingleShot(True)
        self._note_timer.setInterval(NOTE_COMMIT_MS)
        self._note_timer.timeout.connect(self.commit_note)
        self.note.textChanged.connect(self._note_typed)
        buttons = QGridLayout()
        buttons.setSpacing(2)
        for r, names in enumerate(BUTTONS):
            for c, name in enumerate(names):
                button = QToolButton(self)
                button.setDefaultAction(actions[name])
                button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
                button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
                if actions[name].menu() is not None:
                    button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
                buttons.addWidget(button, r, c, 1, 2 if len(names) == 1 else 1)
        kind_row = QHBoxLayout()
        kind_row.addWidget(QLabel(tr("Kind:"), self))
        kind_row.addWidget(self.kind, 1)
        column = QVBoxLayout(self)
        column.setContentsMargins(4, 4, 4, 4)
        column.addLayout(kind_row)
        column.addWidget(self.list, 1)
        column.addLayout(buttons)
        column.addWidget(QLabel(tr("Note:"), self))
        column.addWidget(self.note)
        self._icons = {True: self._mark(True), False: self._mark(False)}
        session.scenarios_changed.connect(self.show_scenarios)
        self.show_scenarios()

    # --- showing ----------------------------------------------------------------------------------
    def show_scenarios(self) -> None:
        state = self.session.state
        self.list.blockSignals(True)
        try:
            while self.list.count() > len(state.scenarios):
                self.list.takeItem(self.list.count() - 1)
            for row, scenario in enumerate(state.scenarios):
                item = self.list.item(row)
                if item is None:
                    item = QListWidgetItem(self.list)
                    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
                baseline = row == state.baseline
                shown = (scenario.name, scenario.note, baseline)
                if item.data(Qt.ItemDataRole.UserRole + 1) == shown:
                    continue  # unchanged: a switch of scenario touches two rows at most
                item.setData(Qt.ItemDataRole.UserRole + 1, shown)
                item.setText(scenario.name)
                item.setData(Qt.ItemDataRole.UserRole, scenario.name)
                item.setIcon(self._icons[baseline])
                font = QFont(self.list.font())
                font.setBold(baseline)
                item.setFont(font)
                item.setToolTip(tooltip_html([scenario.name + (" (the baseline)" if baseline else ""),
                                              scenario.note or "No note."]))  # the user's text, escaped
                item.setData(Qt.ItemDataRole.AccessibleTextRole,
                             f"{scenario.name}{', the baseline' if baseline else ''}")
            self.list.setCurrentRow(state.selected)
        finally:
            self.list.blockSignals(False)
        self.kind.setCurrentIndex(max(0, self.kind.findData(state.kind)))
        note = state.scenarios[state.selected].note
        if self.note.toPlainText() != note:
            self.note.setPlainText(note)

    def _mark(self, baseline: bool) -> QIcon:
        size = self.list.fontMetrics().height()
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        if baseline:
            painter = QPainter(pixmap)
            painter.setPen(self.palette().color(self.foregroundRole()))
            painter.drawText(pixmap.rect(), Qt.AlignmentFlag.AlignCenter, BASELINE_MARK)
            painter.end()
        return QIcon(pixmap)

    # --- editing ----------------------------------------------------------------------------------
    def _row_changed(self, row: int) -> None:
        if row >= 0 and row != self.session.state.selected:
            self.commit_note()
            self.session.run(Workbench.select, row)

    def _renamed(self, item: QListWidgetItem) -> None:
        row = self.list.row(item)
        if item.text() != item.data(Qt.ItemDataRole.UserRole):
            problem = self.session.run(Workbench.rename, row, item.text())
            if problem:
                self._report(problem)
                item.setData(Qt.ItemDataRole.UserRole + 1, None)
                self.show_scenarios()

    def rename_current(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.list.setFocus()
            self.list.editItem(item)

    def _note_typed(self) -> None:
        if not self._note_timer.isActive():
            self._note_timer.start()

    def commit_note(self) -> None:
        self._note_timer.stop()
        state = self.session.state
        text = self.note.toPlainText()
        if text != state.scenarios[state.selected].note:
            if len(text) > NOTE_MAX_CHARS:
                text = text[:NOTE_MAX_CHARS]
            self._report(self.session.run(Workbench.set_note, state.selected, text))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.note and event.type() == QEvent.Type.FocusOut:
            self.commit_note()
        return False

    def _report(self, problem: str) -> None:
        if problem:
            self.problem_shown.emit(problem)
