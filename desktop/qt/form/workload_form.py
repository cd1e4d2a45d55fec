"""The workload form: one editor per field, grouped; edits go to the Session, problems show at the field."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QLabel, QLineEdit, QScrollArea, QVBoxLayout, QWidget

from desktop.model.pricing.book import PriceBook
from desktop.model.workload.fields import GROUPS, FieldSpec, field_bounds
from desktop.model.workload.spec import Workload
from desktop.model.workshop.usage import FieldOrigin
from desktop.present.i18n import shown, spec_shown, tr
from desktop.present.numbers import ENGLISH, NumberFormat
from desktop.qt.form.editors import (
    BoolEdit,
    ChoiceEdit,
    FieldEditor,
    NumberEdit,
    TextEdit,
    format_number,
    locale_format,
)
from desktop.qt.form.profile_editor import ProfileEditor
from desktop.qt.session import Session
from desktop.qt.turns import NextTurn
from desktop.workbench.workbench import Workbench

FOLD_MARGIN_PX = 120  # groups are built until they reach this far below the form's visible height
INVALID_STYLE = """
QLineEdit[invalid="true"], QComboBox[invalid="true"] { border: 2px solid #D55E00; border-radius: 3px; }
QLabel[role="problem"] { color: #D55E00; }
QLabel[role="origin"] { color: #555555; font-size: 8pt; }
QLabel[role="origin"][edited="true"] { color: #0072B2; }
"""


def accepted_range(path: str, scale: float = 1.0, unit: str = "", fmt: NumberFormat = ENGLISH) -> str:
    """The model's bounds for a field, e.g. '128 to 10,240 MB' (empty when unbounded or not numeric)."""
    bounds = field_bounds(path)
    low, high, low_open = bounds.low, bounds.high, bounds.low_open
    if low is None or high is None:
        return ""
    suffix = f" {unit}" if unit else ""
    lo = format_number(low * scale, False, fmt)
    hi = format_number(high * scale, False, fmt)
    return f"{'more than ' if low_open else ''}{lo} to {hi}{suffix}"


def _editor_for(spec: FieldSpec, book: PriceBook) -> FieldEditor | ProfileEditor:
    bounds = accepted_range(spec.path, spec.scale, spec.unit, locale_format())
    if spec.kind in ("int", "float", "volume"):
        return NumberEdit(spec, bounds)
    if spec.kind == "text":
        return TextEdit(spec, tr("1 to 120 characters"))
    if spec.kind == "bool":
        return BoolEdit(spec)
    if spec.kind == "profile":
        return ProfileEditor(spec)
    if spec.kind in ("region", "instance"):
        return ChoiceEdit(spec, *book_choices(spec.kind, book))
    return ChoiceEdit(spec, spec.choices)


def book_choices(kind: str, book: PriceBook) -> tuple[tuple[tuple[str, str], ...], str]:
    """The choices a price book offers for a region or an instance-type field, and the line saying how many."""
    if kind == "region":
        choices = tuple((code, f"{code} ({tr(region.name)})") for code, region in book.regions.items())
        return choices, tr(f"{len(choices)} Regions in the price book")
    types = sorted(book.instance_types.items(), key=lambda kv: (kv[0].split(".")[0], kv[1].vcpu, kv[0]))
    named = tuple((name, f"{name} ({t.vcpu} vCPU, {t.memory_gib:g} GiB{', GPU' if t.gpus else ''})")
                  for name, t in types)
    return ((("auto", tr("Automatic (cheapest that fits)")), *named),
            tr(f"{len(types)} instance types in the price book"))


def _at(data: dict[str, Any], path: str) -> Any:
    node: Any = data
    for part in path.split("."):
        node = node[part]
    return node


class _Group(QGroupBox):
    """A group whose title elides when the form is narrow (its full title in the tooltip): a long title never
    makes the form wider than its column, where the editors' right-aligned values and units would be cut."""

    def __init__(self, title: str, parent: QWidget):
        super().__init__(title, parent)
        self.full_title = title
        self.setToolTip(title)

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        layout = self.layout()
        if layout is None:
            return hint
        margins = self.contentsMargins()
        return QSize(layout.minimumSize().width() + margins.left() + margins.right(), hint.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        room = self.width() - 4 * self.fontMetrics().averageCharWidth()
        self.setTitle(self.fontMetrics().elidedText(self.full_title, Qt.TextElideMode.ElideRight, room))


class _Row(QWidget):
    """An editor with its problem line underneath (hidden while the value is valid)."""

    def __init__(self, editor: FieldEditor | ProfileEditor, parent: QWidget | None = None):
        super().__init__(parent)
        self.editor = editor
        self.problem = QLabel(self)
        self.problem.setProperty("role", "problem")
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.origin = QLabel(self)  # an imported scenario's field: where its value came from, or "Edited"
        self.origin.setProperty("role", "origin")
        self.origin.setTextFormat(Qt.TextFormat.PlainText)
        self.origin.setWordWrap(True)
        self.origin.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        layout.addWidget(editor)
        layout.addWidget(self.origin)
        layout.addWidget(self.problem)

    def _styled(self) -> None:
        """The form's rules (INVALID_STYLE) on this row from the first time it shows a problem or an origin, not on
        the whole form: Qt keeps style-sheet data for every widget under a style sheet (about 5 MB of resident
        memory for the form's 11 groups), and a row that shows neither looks the same without the rules. Its field
        keeps the height it has: the rules' 2 px border makes the size hint of a QLineEdit or QComboBox 2 px smaller,
        which the form-wide sheet never laid the field out again for, while setting a sheet here would."""
        if not self.styleSheet():
            if isinstance(self.editor, QLineEdit | QComboBox):
                self.editor.setFixedHeight(self.editor.sizeHint().height())
            self.setStyleSheet(INVALID_STYLE)

    def show_origin(self, origin: FieldOrigin | None) -> None:
        text = shown(origin.text()) if origin is not None else ""  # the detail (a metric, a file) as it is
        if text == self.origin.text():
            return
        self.origin.setText(text)
        self.origin.setToolTip(text)
        self.origin.setProperty("edited", origin is not None and origin.origin == "edited")
        self._styled()
        self.origin.style().unpolish(self.origin)
        self.origin.style().polish(self.origin)
        self.origin.setVisible(bool(text))

    def show_problem(self, message: str | None) -> None:
        if not message and not self.problem.text():
            return
        self._styled()
        self.editor.setProperty("invalid", bool(message))
        self.editor.style().unpolish(self.editor)
        self.editor.style().polish(self.editor)
        self.problem.setText(message or "")
        self.problem.setVisible(bool(message))
        base = self.editor.accessibleDescription().split(" Problem: ")[0]
        self.editor.setAccessibleDescription(f"{base} Problem: {message}" if message else base)


class WorkloadForm(QScrollArea):
    """Every field of the workload; an edit becomes one Session.apply_changes call.

    The groups the form shows when the window opens are built with it; the others (below the fold: two thirds
    of the editors) just after its first paint, or at once when a caller asks for one of their fields.
    """

    problem_shown = Signal(str)  # "field: message" for the status bar
    note_shown = Signal(str)  # "field: how a typed rate became a monthly volume" for the status bar

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("workload_form")
        self._session = session
        self.rows: dict[str, _Row] = {}
        self._shown: dict[str, Any] = {}
        self.specs: dict[str, FieldSpec] = {}
        self._workload = session.workload
        self._unbuilt = list(GROUPS)
        self._built_height = 12  # the column's margins, then each group's height as it is built
        self._held = False  # the groups out of sight wait for `release_rest`
        self._painted = False
        self._body = body = QWidget(self)
        self._column = QVBoxLayout(body)
        self._column.setContentsMargins(6, 6, 6, 6)
        self._column.addStretch(1)
        self._build_group()  # the first group holds the fields show_workload sets apart
        # While groups come in below the fold, the body grows each time: only its new area needs painting (the
        # default repaints the whole body, every editor in sight, each time). Cleared once every group is in.
        body.setAttribute(Qt.WidgetAttribute.WA_StaticContents)
        self._next_group = NextTurn(self, self._build_next)
        self.setWidget(body)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body.installEventFilter(self)  # the body covers the viewport: its paint is the form's
        session.workload_changed.connect(self.show_workload)
        session.book_changed.connect(self.show_book)
        self.show_workload(session.workload)

    def show_book(self, book: PriceBook) -> None:
        """Another price book: the region list and the instance choices are the new book's, at once."""
        for path, spec in self.specs.items():
            editor = self.rows[path].editor
            if spec.kind in ("region", "instance") and isinstance(editor, ChoiceEdit):
                editor.set_choices(*book_choices(spec.kind, book))

    # --- building ---------------------------------------------------------------------------------
    @property
    def complete(self) -> bool:
        return not self._unbuilt

    def _build_group(self) -> QGroupBox:
        group = self._unbuilt.pop(0)
        body = self._body
        title = tr(group.title)
        box = _Group(title, body)
        box.setAccessibleName(title)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for spec in map(spec_shown, group.fields):  # label, help and choices in the app's language
            editor = _editor_for(spec, self._session.book)
            row = _Row(editor, box)
            self.rows[spec.path] = row
            self.specs[spec.path] = spec
            editor.committed.connect(lambda value, s=spec: self._commit(s, value))
            editor.parse_failed.connect(lambda message, s=spec: self._show(s.path, message))
            if isinstance(editor, NumberEdit):
                editor.set_month_hours(self._workload.assumptions.month_hours)
                editor.noted.connect(lambda note, s=spec: self.note_shown.emit(f"{s.label}: {note}"))
            if spec.kind == "bool":
                form.addRow(row)
            else:
                label = QLabel(spec.label, box)
                label.setBuddy(editor.bars if isinstance(editor, ProfileEditor) else editor)
                label.setToolTip(editor.toolTip())
                label.setWhatsThis(editor.whatsThis())  # Help > What's This, then a click on the label or field
                form.addRow(label, row)
        self._column.insertWidget(self._column.count() - 1, box)  # above the stretch
        self._built_height += box.sizeHint().height() + self._column.spacing()
        return box

    def _add_group(self) -> QGroupBox:
        """The next group, built and shown with the column held: showing a child lays its parent's layout out at
        once, which would lay the groups in sight out in the body's old height (squeezed) before the body grows."""
        box = self._build_group()
        self._column.setEnabled(False)
        box.show()
        self._column.setEnabled(True)
        return box

    def build_all(self) -> None:
        """Every group built (and showing the current workload)."""
        if self._unbuilt:
            while self._unbuilt:
                self._add_group()
            self._lay_out_now()
            self._completed()

    def showEvent(self, event: QShowEvent) -> None:
        """Before the first paint: enough groups to fill what the form shows, shown and laid out now."""
        super().showEvent(event)
        height = self.viewport().height()
        built = False
        while self._unbuilt and self._built_height < height + FOLD_MARGIN_PX:
            self._add_group()
            built = True
        if built:
            self._lay_out_now()  # as the first paint will see them
            self.show_workload(self._workload)

    def _lay_out_now(self) -> None:
        """The body grown to hold the groups shown, then the column laid out once, at that size: the groups already
        in place keep their geometry, so no frame shows them squeezed and none of them is laid out or painted
        again. (The scroll area sizes the body on a layout request to itself.)"""
        QCoreApplication.sendEvent(self, QEvent(QEvent.Type.LayoutRequest))
        for widget in (self._body, self.viewport()):
            QCoreApplication.sendPostedEvents(widget, QEvent.Type.LayoutRequest)

    def _completed(self) -> None:
        self._body.setAttribute(Qt.WidgetAttribute.WA_StaticContents, False)
        self.show_workload(self._workload)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and watched is self._body:
            watched.removeEventFilter(self)
            self._painted = True
            if not self._held:
                self._next_group.start()  # the rest, once the first paint is on the screen
        return False

    def hold_rest(self, at_most_ms: int) -> None:
        """Build the groups out of sight only once `release_rest` is called (the window: once its first frame, the
        real chart in it, is painted), or after `at_most_ms` at the latest."""
        self._held = True
        QTimer.singleShot(at_most_ms, self, self.release_rest)

    def release_rest(self) -> None:
        if self._held:
            self._held = False
            if self._painted:
                self._next_group.start()

    def _build_next(self) -> None:
        """One group out of sight per turn of the event loop (each well under a frame; the next after the timers
        and input due by then), so that the window answers input while the rest is built; the values shown once
        the last is in."""
        if not self._unbuilt:
            return
        self._add_group()
        self._lay_out_now()
        if self._unbuilt:
            self._next_group.start()
        else:
            self._completed()

    def editor(self, path: str) -> QWidget:
        return self._row(path).editor

    def _row(self, path: str) -> _Row:
        if path not in self.rows:
            self.build_all()
        return self.rows[path]

    def show_workload(self, workload: Workload) -> None:
        """Show the values of the current workload and clear every problem mark."""
        self._workload = workload
        data = workload.to_json_dict()
        for path, row in self.rows.items():
            value = _at(data, path)
            if path in self._shown and self._shown[path] == value and not row.problem.text():
                continue  # unchanged: leave the editor alone (cheap edits, no flicker)
            self._shown[path] = value
            editor = row.editor
            editor.blockSignals(True)
            try:
                editor.set_value(value)
            finally:
                editor.blockSignals(False)
            row.show_problem(None)
        for row in self.rows.values():
            if isinstance(row.editor, NumberEdit):
                row.editor.set_month_hours(workload.assumptions.month_hours)
        state = self._session.state
        usage = state.scenarios[state.selected].usage if state.scenarios[state.selected].workload is workload \
            else None
        for path, row in self.rows.items():
            row.show_origin(usage.origin_of(path) if usage is not None else None)
        jobs = workload.is_jobs
        self.rows["traffic.requests_per_month"].setEnabled(not jobs)
        self.rows["traffic.runs_per_month"].setEnabled(jobs)

    def origin_at(self, path: str) -> str:
        """Where an imported scenario's value came from, as the field shows it ('' for a value typed in)."""
        row = self._row(path)
        return row.origin.text() if row.origin.isVisibleTo(self) else ""

    def problem_at(self, path: str) -> str:
        """The problem text shown at a field ('' when it is valid)."""
        return self._row(path).problem.text()

    def _commit(self, spec: FieldSpec, value: Any) -> None:
        merge = spec.kind == "profile"
        problems = self._session.run(Workbench.apply_changes, {spec.path: value}, f"Change {spec.label.lower()}",
                                     merge=merge)
        if not problems:
            self.rows[spec.path].show_problem(None)
            return
        self.build_all()  # a problem may belong to another field
        for problem in problems:
            target = problem.path if problem.path in self.rows else spec.path
            self._show(target, shown(problem.message))  # the model's English, its numbers as English

    def _show(self, path: str, message: str) -> None:
        self._row(path).show_problem(message)
        self.problem_shown.emit(tr(f"{self.specs[path].label}: {message} (not applied)"))
