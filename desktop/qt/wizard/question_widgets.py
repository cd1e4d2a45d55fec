"""One widget per questionnaire question, built from the question's data (never hard-coded per question).

Choice questions are radio buttons (arrow keys move between them, Tab to the next question); number questions
are a spin box with the question's unit. Where the model accepts "don't know", a "Don't know" radio button or
check box says what will be assumed instead. objectNames: the input is `question_id`, each choice
`question_id.choice_id`, "don't know" `question_id.dont_know` (for automation and accessibility).
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop.model.pricing.book import PriceBook
from desktop.model.questionnaire.questions import DONT_KNOW, Question
from desktop.model.workload.spec import AnswerValue
from desktop.present.i18n import shown, tr
from desktop.present.numbers import ParseError, parse_number
from desktop.qt.locale_numbers import locale_format

_PARTIAL = re.compile(r"^[+-]?[\d,_. \u00a0]*([eE][+-]?\d*)?$")  # on the way to a number: "1.", "2e", ""

HELP_SCALE = 0.92  # help text a little smaller than the question


def _label(text: str, parent: QWidget, *, bold: bool = False, scale: float = 1.0) -> QLabel:
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    font = label.font()
    font.setBold(bold)
    if scale != 1.0:
        font.setPointSizeF(font.pointSizeF() * scale)
    label.setFont(font)
    return label


def dont_know_text(question: Question) -> str:
    return shown(f"Don't know \u2013 default: {question.dont_know_implies}" if question.dont_know_implies
                 else "Don't know")


class QuestionWidget(QWidget):
    """The question's text and help above its input; `value()` is the answer (None = don't know)."""

    changed = Signal()

    def __init__(self, question: Question, parent: QWidget | None = None):
        super().__init__(parent)
        self.question = question
        self.setObjectName(f"question:{question.question_id}")
        self.text_label = _label(tr(question.text), self, bold=True)
        self.help_label = _label(shown(question.help), self, scale=HELP_SCALE)
        self.help_label.setObjectName(f"{question.question_id}.help")
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(0, 0, 0, 0)
        self.column.setSpacing(4)
        self.column.addWidget(self.text_label)
        self.column.addWidget(self.help_label)

    def value(self) -> AnswerValue:
        raise NotImplementedError

    def set_value(self, value: AnswerValue) -> None:
        raise NotImplementedError

    def focus_input(self) -> None:
        raise NotImplementedError


class ChoiceQuestionWidget(QuestionWidget):
    def __init__(self, question: Question, parent: QWidget | None = None):
        super().__init__(question, parent)
        qid = question.question_id
        self.buttons_box = QWidget(self)
        self.buttons_box.setObjectName(qid)
        self.buttons_box.setAccessibleName(tr(question.text))
        self.buttons_box.setAccessibleDescription(shown(question.help))
        box = QVBoxLayout(self.buttons_box)
        box.setContentsMargins(12, 2, 0, 0)
        box.setSpacing(2)
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        entries = [(c.choice_id, f"{shown(c.label)} \u2013 {shown(c.help).rstrip('.')}" if c.help else shown(c.label),
                    shown(c.help)) for c in question.choices]
        if question.dont_know:
            entries.append((DONT_KNOW, dont_know_text(question), ""))
        for choice_id, text, help_text in entries:
            button = QRadioButton(text, self.buttons_box)
            button.setObjectName(f"{qid}.{choice_id}")
            button.setAccessibleDescription(help_text or shown(question.help))
            self.group.addButton(button)
            box.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
            self.buttons[choice_id] = button
        self.text_label.setBuddy(self.buttons[self._initial()])
        self.column.addWidget(self.buttons_box)
        self.set_value(None)
        self.group.buttonToggled.connect(self._toggled)

    def _toggled(self, _button: QRadioButton, checked: bool) -> None:
        if checked:  # one answer change toggles two buttons: tell once
            self.changed.emit()

    def _initial(self) -> str:
        return DONT_KNOW if self.question.dont_know else str(self.question.default)

    def value(self) -> AnswerValue:
        checked = self.group.checkedButton()
        choice_id = checked.objectName().split(".", 1)[1] if checked else self._initial()
        return None if choice_id == DONT_KNOW else choice_id

    def set_value(self, value: AnswerValue) -> None:
        wanted = value if isinstance(value, str) and value in self.buttons else self._initial()
        self.buttons[wanted].setChecked(True)

    def focus_input(self) -> None:
        button = self.group.checkedButton()
        if button is not None:
            button.setFocus(Qt.FocusReason.TabFocusReason)


class UnitSpinBox(QDoubleSpinBox):
    """A spin box that reads what the form reads: "50M", "1.5k", "2B", "30,000,000" (plain Qt takes 50M as 50).
    What it cannot take ("2,5" in English, a letter, a number out of range) it says, in the window's language
    (`refused`, "" once the text is a number it takes); the numbers in the message are in the user's format."""

    refused = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.refusal = ""

    def say_refused(self, message: str) -> None:
        if message != self.refusal:
            self.refusal = message
            self.refused.emit(message)

    def _refusal_of(self, core: str) -> str:
        """Why `core` is not an answer ("" when it is one, or nothing is typed yet)."""
        fmt = locale_format(self.locale())
        try:
            value = parse_number(core, fmt=fmt) if core else None
        except ParseError as exc:
            quoted = tr(f"\u201c{core}\u201d")  # the text typed, in the language's quotes
            return f"{quoted} {tr(str(exc))}"
        if value is None or self.minimum() <= value <= self.maximum():
            return ""
        low, high = (fmt.format(f"{bound:,.0f}") for bound in (self.minimum(), self.maximum()))
        return tr(f"\u201c{core}\u201d must be between {low} and {high}")

    def _number_text(self, text: str) -> str:
        core = text.strip()
        suffix = self.suffix().strip()
        if suffix and core.endswith(suffix):
            core = core[: -len(suffix)]
        return core.strip()

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        core = self._number_text(text)
        self.say_refused(self._refusal_of(core))
        try:
            value = parse_number(core, fmt=locale_format(self.locale()))
        except ParseError:
            partial = _PARTIAL.match(core) is not None
            return (QValidator.State.Intermediate if partial else QValidator.State.Invalid), text, pos
        inside = self.minimum() <= value <= self.maximum()
        return (QValidator.State.Acceptable if inside else QValidator.State.Intermediate), text, pos

    def valueFromText(self, text: str) -> float:
        try:
            value = parse_number(self._number_text(text), fmt=locale_format(self.locale()))
            return min(max(value, self.minimum()), self.maximum())
        except ParseError:
            return self.value()


class NumberQuestionWidget(QuestionWidget):
    def __init__(self, question: Question, parent: QWidget | None = None):
        super().__init__(question, parent)
        qid = question.question_id
        row = QHBoxLayout()
        row.setContentsMargins(12, 2, 0, 0)
        self.spin = UnitSpinBox(self)
        self.spin.setObjectName(qid)
        self.spin.setAccessibleName(tr(question.text))
        self.spin.setAccessibleDescription(self._description())
        self.spin.setToolTip(tr("Type a number, or with a unit: 50M, 1.5k, 2B."))
        self.spin.setDecimals(0)
        self.spin.setRange(question.minimum or 0.0, question.maximum if question.maximum is not None else 1e15)
        self.spin.setGroupSeparatorShown(True)
        self.spin.setSuffix(f" {tr(question.unit)}" if question.unit else "")
        self.spin.setCorrectionMode(QAbstractSpinBox.CorrectionMode.CorrectToNearestValue)
        self.spin.setMinimumWidth(self.spin.fontMetrics().horizontalAdvance("0" * 22 + tr(question.unit)))
        self.text_label.setBuddy(self.spin)
        self.problem = _label("", self, scale=HELP_SCALE)  # why the text typed is not taken
        self.problem.setObjectName(f"{qid}.problem")
        self.problem.setStyleSheet("color: #c0392b;")
        self.problem.hide()
        self.spin.refused.connect(self._refused)
        row.addWidget(self.spin)
        self.dont_know: QCheckBox | None = None
        if question.dont_know:
            self.dont_know = QCheckBox(dont_know_text(question), self)
            self.dont_know.setObjectName(f"{qid}.{DONT_KNOW}")
            self.dont_know.setAccessibleDescription(shown(question.help))
            row.addSpacing(12)
            row.addWidget(self.dont_know)
        row.addStretch(1)
        self.column.addLayout(row)
        self.column.addWidget(self.problem)
        self.set_value(None)
        self.spin.valueChanged.connect(lambda _v: self.changed.emit())
        if self.dont_know is not None:
            self.dont_know.toggled.connect(self._dont_know_toggled)

    def _refused(self, message: str) -> None:
        self.problem.setText(message)
        self.problem.setVisible(bool(message))
        self.spin.setAccessibleDescription(self._description() + (f" {message}" if message else ""))

    def _description(self) -> str:
        return tr(f"{self.question.help} Type 50M, 1.5k or 2,000,000.")

    def _dont_know_toggled(self, checked: bool) -> None:
        self.spin.setEnabled(not checked)
        if not checked:
            self.spin.setFocus(Qt.FocusReason.OtherFocusReason)
            self.spin.selectAll()
        self.changed.emit()

    def value(self) -> AnswerValue:
        if self.dont_know is not None and self.dont_know.isChecked():
            return None
        number = self.spin.value()
        return int(number) if number.is_integer() else number

    def set_value(self, value: AnswerValue) -> None:
        number = None if isinstance(value, bool) or not isinstance(value, int | float) else float(value)
        if number is not None:
            self.spin.setValue(number)
        self.spin.say_refused("")  # a value set, not typed: nothing refused
        if self.dont_know is not None:
            self.dont_know.setChecked(number is None)
        self.spin.setEnabled(self.dont_know is None or not self.dont_know.isChecked())

    def focus_input(self) -> None:
        target = self.spin if self.spin.isEnabled() or self.dont_know is None else self.dont_know
        target.setFocus(Qt.FocusReason.TabFocusReason)


def question_widget(question: Question, parent: QWidget | None = None) -> QuestionWidget:
    """The widget for a question, by its kind."""
    if question.kind == "number":
        return NumberQuestionWidget(question, parent)
    return ChoiceQuestionWidget(question, parent)


class RegionQuestionWidget(QWidget):
    """Which AWS Region the workload runs in: the Regions of the price book (prices differ by Region)."""

    changed = Signal()

    def __init__(self, book: PriceBook, region: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("question:region")
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        text = _label(tr("Which AWS Region will it run in?"), self, bold=True)
        column.addWidget(text)
        column.addWidget(_label(shown(f"Prices differ by Region; the price book has {len(book.regions)}. "
                                      "The form can change it later."), self, scale=HELP_SCALE))
        self.combo = QComboBox(self)
        self.combo.setObjectName("region")
        self.combo.setAccessibleName(tr("AWS Region"))
        for code, info in book.regions.items():
            self.combo.addItem(f"{code} ({tr(info.name)})", code)
        text.setBuddy(self.combo)
        row = QHBoxLayout()
        row.setContentsMargins(12, 2, 0, 0)
        row.addWidget(self.combo)
        row.addStretch(1)
        column.addLayout(row)
        self.set_value(region)
        self.combo.currentIndexChanged.connect(lambda _i: self.changed.emit())

    def value(self) -> str:
        return str(self.combo.currentData())

    def set_value(self, region: str) -> None:
        index = self.combo.findData(region)
        self.combo.setCurrentIndex(index if index >= 0 else 0)

    def focus_input(self) -> None:
        self.combo.setFocus(Qt.FocusReason.TabFocusReason)
