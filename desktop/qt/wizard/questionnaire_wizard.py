"""The questionnaire wizard: one page per topic, a live feasibility panel, and a summary that loads the workload.

Answers are a dict question id -> choice id or number, None meaning "don't know" (the model's default). They
are stored in the workload (`Workload.answers`, an optional field of format version 1: files stay valid
version 1 files, and readers that ignore the field lose nothing else), so a run that starts from the current
scenario shows them for revisiting; any other run starts from the defaults. Finishing adds the workload as a
new scenario, or replaces the shown one (the user is asked first): one undoable step either way, and a
document that was one workload file forgets that file, so Save never writes the new workload over it.
Cancel changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QCheckBox, QDialog, QMessageBox, QWidget, QWizard

from desktop.model.advice.advise import Advice, advise
from desktop.model.advice.preview import feasibility_preview
from desktop.model.pricing.book import PriceBook
from desktop.model.pricing.checks import check_against_book
from desktop.model.questionnaire.questions import (
    DEFAULT_NAME,
    TOPICS,
    AnswersError,
    workload_from_answers,
)
from desktop.model.workload.spec import AnswerValue, Workload
from desktop.present.i18n import tr
from desktop.qt.session import Session
from desktop.qt.wizard.feasibility_panel import FeasibilityPanel
from desktop.qt.wizard.pages import SummaryPage, TopicPage
from desktop.qt.wizard.question_widgets import QuestionWidget, RegionQuestionWidget
from desktop.workbench.workbench import Workbench

DEFAULT_SIZE = QSize(1100, 720)
UNDO_TEXT = "New from questions"


@dataclass(frozen=True, slots=True)
class QuestionnaireStart:
    """How a run of the questionnaire starts and ends: add a scenario or replace the shown one; from the
    defaults, or from the shown scenario's answers and Region."""

    mode: Literal["add", "replace"] = "add"
    from_current: bool = False


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
        self.setWindowTitle(tr("New workload from questions"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.panel = FeasibilityPanel(self)
        self.setSideWidget(self.panel)
        steps = len(TOPICS) + 1
        self.setTitleFormat(Qt.TextFormat.RichText)  # page titles are escaped in pages.page_title
        self.setSubTitleFormat(Qt.TextFormat.PlainText)
        self.topic_pages = [TopicPage(topic, step, steps, self) for step, topic in enumerate(TOPICS, 1)]
        self.region_widget = RegionQuestionWidget(book, region, self.topic_pages[0])
        self.topic_pages[0].insert_question(self.region_widget)
        self.region_widget.changed.connect(self._region_changed)
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

    def _region_changed(self) -> None:
        self.region = self.region_widget.value()
        self.refresh_preview()

    def refresh_preview(self) -> None:
        try:
            previews = feasibility_preview(self.answers(), self.book, region=self.region)
        except AnswersError as exc:
            self.panel.show_problem(str(exc))
            return
        except Exception as exc:  # never crash the wizard (as Session.recompute): say so in the panel
            self.panel.show_problem(tr(f"Could not price these answers: {exc}"))
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

    def load_into(self, session: Session, mode: str = "replace") -> bool:
        """Add the finished workload as a new scenario, or replace the shown one: one undoable step."""
        if self.result_workload is None:
            return False
        if mode == "add":
            problem = session.run(Workbench.add_scenario, self.result_workload, text=UNDO_TEXT, detach=True)
        else:
            problem = "\n".join(str(p) for p in session.run(Workbench.replace_workload, self.result_workload, UNDO_TEXT,
                                                                           detach=True))
        if problem:
            box = QMessageBox(QMessageBox.Icon.Warning, "New from questions", problem, QMessageBox.StandardButton.Ok,
                              self.parentWidget())
            box.setTextFormat(Qt.TextFormat.PlainText)
            box.exec()
            return False
        return True


def ask_start(parent: QWidget | None, current_name: str) -> QuestionnaireStart | None:
    """New scenario or replace the shown one, and from the defaults or from the shown scenario (None: cancel)."""
    box = QMessageBox(QMessageBox.Icon.Question, tr("New from questions"),
                      tr(f"Add the questionnaire's workload as a new scenario, or replace \u201c{current_name}\u201d "
                         "with it?"), QMessageBox.StandardButton.Cancel, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    add = box.addButton(tr("New &scenario"), QMessageBox.ButtonRole.AcceptRole)
    replace = box.addButton(tr("&Replace this one"), QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(add)
    check = QCheckBox(tr("Start from the current scenario's answers and Region"), box)
    box.setCheckBox(check)
    box.exec()
    clicked = box.clickedButton()
    if clicked not in (add, replace):
        return None
    return QuestionnaireStart("add" if clicked is add else "replace", check.isChecked())


def questionnaire_for(session: Session, parent: QWidget | None = None,
                      start: QuestionnaireStart = QuestionnaireStart()) -> QuestionnaireWizard:
    """A wizard that adds or replaces a scenario on Finish; it starts from the defaults unless asked to start from
    the shown scenario (its saved answers, name and Region)."""
    current = session.workload
    if start.from_current:
        wizard = QuestionnaireWizard(session.book, answers=current.answers,
                                     name=current.name if current.answers else DEFAULT_NAME,
                                     region=current.region, parent=parent)
    else:
        wizard = QuestionnaireWizard(session.book, parent=parent)
    wizard.accepted.connect(lambda: wizard.load_into(session, start.mode))
    return wizard


def run_questionnaire(session: Session, parent: QWidget | None = None,
                      start: QuestionnaireStart | None = None) -> bool:
    """Ask how to start (unless told), show the wizard modally; True when its workload reached the session."""
    if start is None:
        start = ask_start(parent, session.workload.name)
        if start is None:
            return False
    wizard = questionnaire_for(session, parent, start)
    before = session.state
    try:
        accepted = wizard.exec() == QDialog.DialogCode.Accepted
    finally:
        wizard.deleteLater()
    return accepted and session.state is not before
