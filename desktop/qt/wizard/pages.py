"""The wizard's pages: one per questionnaire topic (built from the model's TOPICS and QUESTIONS) and the summary."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QFrame, QLabel, QLineEdit, QScrollArea, QVBoxLayout, QWidget, QWizardPage

from desktop.model.advice.advise import Advice
from desktop.model.format import total_text, usd
from desktop.model.options.registry import label as option_label
from desktop.model.questionnaire.questions import DEFAULT_NAME, QUESTIONS, Topic
from desktop.present.i18n import shown, shown_html, tr
from desktop.qt.wizard.feasibility_panel import reason_without_option
from desktop.qt.wizard.question_widgets import QuestionWidget, question_widget

if TYPE_CHECKING:
    from desktop.qt.wizard.questionnaire_wizard import QuestionnaireWizard

NAME_MAX = 120


def page_title(text: str) -> str:
    """A page title a little larger than the body text (the wizard's title format is rich text)."""
    return f"<span style='font-size:large; font-weight:bold'>{html.escape(text)}</span>"


def _scrolled(content: QWidget, parent: QWidget) -> QScrollArea:
    scroller = QScrollArea(parent)
    scroller.setWidget(content)
    scroller.setWidgetResizable(True)
    scroller.setFrameShape(QFrame.Shape.NoFrame)
    scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return scroller


class TopicPage(QWizardPage):
    """The questions of one topic, each with its help text and (where the model allows) "Don't know"."""

    def __init__(self, topic: Topic, step: int, steps: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.topic = topic
        self.setObjectName(f"page.{topic.topic_id}")
        self.setTitle(page_title(tr(topic.title)))
        self.setSubTitle(tr(f"Step {step} of {steps}. {topic.intro}"))
        content = QWidget(self)
        column = QVBoxLayout(content)
        column.setContentsMargins(4, 4, 12, 4)
        column.setSpacing(18)
        self.column = column
        self.questions: dict[str, QuestionWidget] = {}
        for question in (q for q in QUESTIONS if q.topic == topic.topic_id):
            widget = question_widget(question, content)
            column.addWidget(widget)
            self.questions[question.question_id] = widget
        column.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(_scrolled(content, self))

    def insert_question(self, widget: QWidget, index: int = 0) -> None:
        """A question the model's data does not hold (the Region, from the price book)."""
        self.column.insertWidget(index, widget)

    def initializePage(self) -> None:
        first = next(iter(self.questions.values()), None)
        if first is not None:
            first.focus_input()

    def cleanupPage(self) -> None:
        """Going back keeps this page's answers (Qt's default would reset registered fields)."""


class SummaryPage(QWizardPage):
    """The recommendation, the runner-up, the monthly costs and the rationale for the answers given."""

    def __init__(self, wizard: QuestionnaireWizard, steps: int, name: str = DEFAULT_NAME):
        super().__init__(wizard)
        self._wizard = wizard
        self.setObjectName("page.summary")
        self.setTitle(page_title(tr("Recommendation")))
        self.setSubTitle(tr(f"Step {steps} of {steps}. What your answers point to. Finish puts this workload in the "
                            "main window (a new scenario, or in place of the shown one), where you can refine every "
                            "number; Edit > Undo takes it back."))
        self.setFinalPage(True)
        self.name_edit = QLineEdit(name, self)
        self.name_edit.setObjectName("workload_name")
        self.name_edit.setMaxLength(NAME_MAX)
        self.name_edit.setAccessibleName(tr("Workload name"))
        self.name_edit.textChanged.connect(lambda _t: self.completeChanged.emit())
        form = QFormLayout()
        form.addRow(tr("Workload &name:"), self.name_edit)
        content = QWidget(self)
        column = QVBoxLayout(content)
        column.setContentsMargins(4, 4, 12, 4)
        column.setSpacing(10)
        self.headline = self._label("summary_headline", bold=True, scale=1.25)
        self.runner_up = self._label("summary_runner_up")
        self.costs = self._label("summary_costs", rich=True)
        self.rationale = self._label("summary_rationale", rich=True)
        self.problem = self._label("summary_problem")
        self.problem.setStyleSheet("color: #c0392b;")
        column.addLayout(form)
        for widget in (self.headline, self.runner_up, self._label("", bold=True, text=tr("Monthly costs")), self.costs,
                       self._label("", bold=True, text=tr("Why")), self.rationale, self.problem):
            column.addWidget(widget)
        column.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(_scrolled(content, self))

    def _label(self, name: str, *, bold: bool = False, scale: float = 1.0, rich: bool = False,
               text: str = "") -> QLabel:
        label = QLabel(text, self)
        if name:
            label.setObjectName(name)
        label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)  # rich: escaped pieces
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = label.font()
        font.setBold(bold)
        font.setPointSizeF(font.pointSizeF() * scale)
        label.setFont(font)
        return label

    def initializePage(self) -> None:
        self._wizard.build_result(self.workload_name())
        self.show_result()
        self.name_edit.setFocus(Qt.FocusReason.TabFocusReason)

    def workload_name(self) -> str:
        return self.name_edit.text()

    def show_result(self) -> None:
        advice, problem = self._wizard.result_advice, self._wizard.result_problem
        self.problem.setText(shown(problem))
        self.problem.setVisible(bool(problem))
        if advice is None:
            for label in (self.headline, self.runner_up, self.costs, self.rationale):
                label.setText("")
            self.headline.setText(tr("No recommendation: the answers do not give a usable workload."))
            self.completeChanged.emit()
            return
        rec = advice.recommendation
        self.headline.setText(shown(advice.verdict or "No option fits these answers"))
        self.runner_up.setText(shown(runner_up_text(advice)))
        self.costs.setText(shown_html(costs_html(advice)))
        self.rationale.setText(bullets_html(tuple(shown(line) for line in rec.rationale)))
        self.rationale.setAccessibleName(" ".join(shown(line) for line in rec.rationale))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return bool(self.workload_name().strip()) and self._wizard.result_advice is not None

    def validatePage(self) -> bool:
        """Rebuild with the final name (it may have been edited); Finish only with a usable workload."""
        self._wizard.build_result(self.workload_name())
        self.show_result()
        return self._wizard.result_workload is not None and not self._wizard.result_problem


def runner_up_text(advice: Advice) -> str:
    rec = advice.recommendation
    if rec.option is None:
        return "No runner-up: no option is feasible."
    if rec.runner_up is None:
        return f"Runner-up: none ({option_label(rec.option)} is the only feasible option)."
    text = f"Runner-up: {option_label(rec.runner_up)}"
    if rec.margin_kind == "unknown":
        text += f"; {rec.margin_text}"
    elif rec.margin_kind != "exact":
        text += f"; the recommendation is {rec.margin_text}"
    elif rec.margin_usd is not None:
        more = "more" if rec.margin_usd >= 0 else "less"
        text += f", {usd(abs(rec.margin_usd))} a month {more}"
    return text + (" (a near tie)." if rec.near_tie else ".")


def bullets_html(lines: tuple[str, ...]) -> str:
    items = "".join(f"<li style='margin-bottom:4px'>{html.escape(line)}</li>" for line in lines)
    return f"<ul style='margin-left:0px; -qt-list-indent:1'>{items}</ul>"


def costs_html(advice: Advice) -> str:
    """Each option's monthly cost, or why it is ruled out; the recommended one in bold (escaped pieces only). Each
    reason is translated before the option's name is dropped from it; `shown_html` translates the rest."""
    rows = []
    rec = advice.recommendation
    for option, quote in advice.quote.options.items():
        label = html.escape(option_label(option))
        if option == rec.option:
            label = f"<b>{label}</b> (recommended)"
        elif option == rec.runner_up:
            label += " (runner-up)"
        if quote.feasible:
            cost = total_text(quote, mark_estimated=True)
            rows.append(f"<tr><td>{label}</td><td align='right'>&nbsp;&nbsp;{html.escape(cost)}</td><td></td></tr>")
        else:
            why = "; ".join(reason_without_option(option_label(option), tr(r.text)) for r in quote.reasons)
            rows.append(f"<tr><td>{label}</td><td align='right'>&nbsp;&nbsp;ruled out</td>"
                        f"<td>&nbsp;&nbsp;{html.escape(why or 'not feasible')}</td></tr>")
    return "<table cellspacing='2' style='vertical-align:top'>" + "".join(rows) + "</table>"
