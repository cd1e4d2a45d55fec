"""The questionnaire wizard: one page per topic, a live feasibility panel, and a summary that loads the workload.

Answers are a dict question id -> choice id or number, None meaning "don't know" (the model's default). They
are stored in the workload (`Workload.answers`, an optional field of format version 1: files stay valid
version 1 files, and readers that ignore the field lose nothing else) so opening the wizard again on that
workload shows them for revisiting. Finishing swaps the workload in through `Session.replace_workload`: one
undoable step, then the session's one recomputation renders every view. Cancel changes nothing.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget, QWizard

from desktop.model.advice.advise import Advice, advise
from desktop.model.pricing.book import PriceBook
from desktop.model.pricing.checks import check_against_book
from desktop.model.questionnaire.questions import (
    DEFAULT_NAME,
    TOPICS,
    AnswersError,
    feasibility_preview,
    workload_from_answers,
)
from desktop.model.workload.spec import AnswerValue, Workload
from desktop.qt.session import Session
from desktop.qt.wizard.feasibility_panel import FeasibilityPanel
from desktop.qt.wizard.pages import SummaryPage, TopicPage
from desktop.qt.wizard.question_widgets import QuestionWidget

DEFAULT_SIZE = QSize(1100, 720)
UNDO_TEXT = "New from questions"


class QuestionnaireWizard(QWizard):
    """Asks the questionnaire's questions; `result_workload` and `result_advice` hold the outcome on the last page."""

    def __init__(self, book: PriceBook, *, answers: dict[str, Any] | None = None, name: str = DEFAULT_NAME,
                 region: str = "us-east-1", parent: QWidget | None = None):
        super().__init__(parent)
        self.book = book
        self.region = region
        self.result_workload: Workload | None = None
        self.result_advice: Advice | None = None
        self.result_problem = ""
        self.setObjectName("questionnaire_wizard")
        self.setWindowTitle("New workload from questions")
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.panel = FeasibilityPanel(self)
        self.setSideWidget(self.panel)
        steps = len(TOPICS) + 1
        self.setTitleFormat(Qt.TextFormat.RichText)  # page titles are escaped in pages.page_title
        self.setSubTitleFormat(Qt.TextFormat.PlainText)
        self.topic_pages = [TopicPage(topic, step, steps, self) for step, topic in enumerate(TOPICS, 1)]
        self.question_widgets: dict[str, QuestionWidget] = {}
        for page in self.topic_pages:
            self.addPage(page)
            self.question_widgets.update(page.questions)
        self.summary = SummaryPage(self, steps, name)
        self.addPage(self.summary)
        self.set_answers(answers or {})
        for widget in self.question_widgets.values():
            widget.changed.connect(self.refresh_preview)
        self.refresh_preview()
        self.resize(DEFAULT_SIZE)

    # --- answers ----------------------------------------------------------------------------------
    def answers(self) -> dict[str, AnswerValue]:
        """Every question's answer as shown (None = don't know)."""
        return {qid: widget.value() for qid, widget in self.question_widgets.items()}

    def set_answers(self, answers: dict[str, Any]) -> None:
        """Show saved answers (unknown ids are ignored; unanswered questions show their starting state)."""
        for qid, widget in self.question_widgets.items():
            widget.set_value(answers.get(qid))

    def refresh_preview(self) -> None:
        try:
            previews = feasibility_preview(self.answers(), self.book, region=self.region)
        except AnswersError as exc:
            self.panel.show_problem(str(exc))
            return
        except Exception as exc:  # never crash the wizard (as Session.recompute): say so in the panel
            self.panel.show_problem(f"Could not price these answers: {exc}")
            return
        self.panel.show_previews(previews)

    # --- outcome ----------------------------------------------------------------------------------
    def build_result(self, name: str) -> None:
        """The workload and advice for the current answers, or the problem that stops them."""
        self.result_workload, self.result_advice, self.result_problem = None, None, ""
        try:
            workload = workload_from_answers(self.answers(), name=name.strip() or DEFAULT_NAME, region=self.region)
        except AnswersError as exc:
            self.result_problem = str(exc)
            return
        problems = check_against_book(workload, self.book)
        if problems:
            self.result_problem = "; ".join(str(p) for p in problems)
            return
        try:
            advice = advise(workload, self.book)
        except Exception as exc:  # never crash the wizard (as Session.recompute)
            self.result_problem = f"Could not price these answers: {exc}"
            return
        self.result_workload, self.result_advice = workload, advice

    def load_into(self, session: Session) -> bool:
        """Swap the finished workload into the session as one undoable step."""
        if self.result_workload is None:
            return False
        problems = session.replace_workload(self.result_workload, UNDO_TEXT)
        if problems:
            box = QMessageBox(QMessageBox.Icon.Warning, "New from questions",
                              "\n".join(str(p) for p in problems), QMessageBox.StandardButton.Ok, self.parentWidget())
            box.exec()
            return False
        return True


def questionnaire_for(session: Session, parent: QWidget | None = None) -> QuestionnaireWizard:
    """A wizard on the session's workload (its saved answers shown again) that loads the result on Finish."""
    current = session.workload
    wizard = QuestionnaireWizard(session.book, answers=current.answers,
                                 name=current.name if current.answers else DEFAULT_NAME,
                                 region=current.region, parent=parent)
    wizard.accepted.connect(lambda: wizard.load_into(session))
    return wizard


def run_questionnaire(session: Session, parent: QWidget | None = None) -> bool:
    """Show the wizard modally; True when its workload was loaded into the session."""
    wizard = questionnaire_for(session, parent)
    before = session.workload
    try:
        accepted = wizard.exec() == QDialog.DialogCode.Accepted
    finally:
        wizard.deleteLater()
    return accepted and session.workload is not before
