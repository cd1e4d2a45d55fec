"""View > Options compared: one checkable action per registered compute option.

Checking or unchecking one is a workload edit (`options`, saved with the file), one undoable step; the last option
compared cannot be unchecked. The actions follow the workload (undo, open, new) whenever it changes.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from desktop.model.options.registry import all_options, compared, short_label
from desktop.present.i18n import tr
from desktop.qt.session import Session
from desktop.workbench.workbench import Workbench


class OptionsMenu(QMenu):
    problem_shown = Signal(str)  # "field: message" for the status bar

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__("&Options compared", parent)
        self.setObjectName("options_menu")
        self.session = session
        self.option_actions: dict[str, QAction] = {}
        for option in all_options():
            action = QAction(option.label, self, checkable=True)
            action.setObjectName(f"compare.{option.id}")
            action.setToolTip(tr(f"Compare {option.label} with the other options"))
            action.triggered.connect(lambda checked=False, o=option.id: self.set_compared(o, checked))
            self.addAction(action)
            self.option_actions[option.id] = action
        self.aboutToShow.connect(self.refresh)
        session.workload_changed.connect(lambda _w: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        shown = {o.id for o in compared(self.session.workload)}
        for option_id, action in self.option_actions.items():
            action.setChecked(option_id in shown)
            action.setEnabled(option_id not in shown or len(shown) > 1)  # keep at least one

    def set_compared(self, option_id: str, on: bool) -> None:
        """Compare (on) or hide one option, as one undoable workload edit."""
        shown = {o.id for o in compared(self.session.workload)}
        wanted = (shown | {option_id}) if on else (shown - {option_id})
        if not wanted or wanted == shown:
            self.refresh()
            return
        ids = [o.id for o in all_options() if o.id in wanted]
        default = [o.id for o in all_options() if o.compared_by_default]
        value = None if ids == default else ids  # the default set is stored as "not set": old files stay as they were
        verb = "Compare" if on else "Hide"
        problems = self.session.run(Workbench.apply_changes, {"options": value}, f"{verb} {short_label(option_id)}")
        if problems:
            self.problem_shown.emit(str(problems[0]))
        self.refresh()
