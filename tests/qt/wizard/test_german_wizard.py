"""The questionnaire wizard in German at 1280x720: every page's questions, help, choices and units, the live
feasibility panel (with options ruled out), the recommendation page and the wizard's buttons are German, with
German numbers, and no label or button text is cut. English stays as it was (tests/qt/wizard/test_wizard.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QDoubleSpinBox,
    QLabel,
    QMessageBox,
    QWidget,
)

from desktop.model.questionnaire.questions import DEFAULT_NAME, DONT_KNOW
from desktop.qt.elided_label import ElidedLabel
from desktop.qt.main_window import MainWindow
from desktop.qt.wizard import QuestionnaireStart, QuestionnaireWizard, ask_start, questionnaire_for
from desktop.qt.wizard.first_start import offer_on_first_start
from tests.german_check import untranslated
from tests.qt.visible_texts import settle, widget_texts
from tests.qt.wizard.test_wizard import ARCHETYPES, _answer

GPU_LONG_RUN = {"work_duration": "long", "special_needs": "gpu"}  # Lambda, Fargate and Lambda MI ruled out



@pytest.fixture
def german_wizard(german: None, qtbot, window: MainWindow) -> QuestionnaireWizard:  # type: ignore[no-untyped-def]
    wiz = questionnaire_for(window.session, window, QuestionnaireStart("replace"))
    qtbot.addWidget(wiz)
    window.resize(1280, 720)
    wiz.resize(1280, 720)
    wiz.show()
    qtbot.waitExposed(wiz)
    settle()
    return wiz


def _pages(wizard: QuestionnaireWizard, answers: dict[str, object]) -> Iterator[str]:
    """Walk every page (answering `answers` where they are asked); yields each page's objectName, laid out."""
    for page in [*wizard.topic_pages, wizard.summary]:
        assert wizard.currentPage() is page
        for question_id in getattr(page, "questions", {}):
            if question_id in answers:
                _answer(wizard, question_id, answers[question_id])
        settle()
        yield page.objectName()
        if page is not wizard.summary:
            wizard.next()


def _cut(widget: QWidget) -> bool:
    """True when a label's or button's text needs more room than the widget has."""
    if isinstance(widget, ElidedLabel) or (isinstance(widget, QLabel) and widget.wordWrap()):
        return False  # elides on purpose / wraps
    hint = widget.sizeHint()
    return hint.width() > widget.width() + 1 or hint.height() > widget.height() + 1


@pytest.mark.parametrize("answers", [{}, GPU_LONG_RUN, *(a[0] for a in ARCHETYPES.values())],
                         ids=["defaults", "ruled-out", *ARCHETYPES])
def test_every_wizard_page_is_german_and_uncut(german_wizard: QuestionnaireWizard, answers: dict[str, object]
                                               ) -> None:
    wizard = german_wizard
    assert wizard.width() <= 1280 and wizard.height() <= 720
    texts: list[str] = []
    cut: list[tuple[str, str, str]] = []
    for page in _pages(wizard, answers):
        shown = [(kind, text, widget) for kind, text, widget in widget_texts(wizard)]
        texts += [text for _kind, text, _widget in shown]
        cut += [(page, w.objectName(), w.text()) for _k, _t, w in shown
                if isinstance(w, (QLabel, QAbstractButton)) and w.text().strip() and _cut(w)]
    left = untranslated(texts, {DEFAULT_NAME})
    assert not left, "\n".join(f"{sorted(words)} | {line}" for line, words in left)
    assert cut == []
    joined = "\n".join(texts)
    assert "Optionen bisher" in joined and "Empfehlung" in joined and "Monatliche Kosten" in joined
    assert "Abschließen bringt" in joined and "up to" not in joined  # Qt's German button; a quoted phrase
    assert "Python 3.13 oder neuer" in joined and "Python 3,13" not in joined  # a version, not a decimal
    assert "Über den 10.240 MB und 6 vCPU von Lambda" in joined  # an amount: German grouping
    if answers is GPU_LONG_RUN:
        assert "ausgeschlossen" in wizard.panel.text("lambda")
        assert "ausgeschlossen" in joined
    assert "$" in joined and not any("$" in t and "." in t.split("$", 1)[1][:8] for t in texts
                                     if "$" in t and "," not in t.split("$", 1)[1][:8])


def test_the_english_wizard_is_unchanged(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """The same wizard in English (the source texts, as before the catalogue reached it)."""
    wiz = questionnaire_for(window.session, window, QuestionnaireStart("replace"))
    qtbot.addWidget(wiz)
    assert wiz.panel.findChild(QLabel).text() == "Options so far"
    assert wiz.panel.text("lambda").startswith("\u2713 AWS Lambda feasible, about $")


def test_the_offer_and_the_start_question_are_german(german: None, qtbot, window: MainWindow, settings,  # type: ignore[no-untyped-def]
                                                     monkeypatch) -> None:
    """The first start's offer and "New scenario or replace?" (asked before the wizard opens)."""
    box = offer_on_first_start(window, settings, lambda: None)
    assert box is not None
    texts = [box.windowTitle(), box.text(), *(b.text() for b in box.buttons())]
    box.close()
    asked: list[str] = []

    def answer() -> None:
        start = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible())
        asked.extend([start.windowTitle(), start.text(), start.checkBox().text(), *(b.text() for b in start.buttons())])
        start.reject()

    QTimer.singleShot(0, answer)
    assert ask_start(window, "Mein Dienst") is None
    texts += asked
    assert not untranslated(texts, {"Mein Dienst"}), texts
    assert "Willkommen bei ComputeFit" in texts and "Fragen beantworten" in texts
    assert "Neues &Szenario" in texts and any("\u201eMein Dienst\u201c" in t for t in texts)


def _goto(wizard: QuestionnaireWizard, question_id: str) -> None:
    """The page that asks `question_id`."""
    while question_id not in getattr(wizard.currentPage(), "questions", {}):
        assert wizard.currentPage() is not wizard.summary
        wizard.next()


def _type(qtbot, wizard: QuestionnaireWizard, question_id: str, text: str) -> str:  # type: ignore[no-untyped-def]
    """Type `text` into a number question, key by key as a user does; the message the question shows."""
    _goto(wizard, question_id)
    dont_know = wizard.findChild(QCheckBox, f"{question_id}.{DONT_KNOW}")
    if dont_know is not None:
        dont_know.setChecked(False)
    spin = wizard.findChild(QDoubleSpinBox, question_id)
    spin.lineEdit().selectAll()
    spin.lineEdit().del_()
    qtbot.keyClicks(spin.lineEdit(), text)
    problem = wizard.findChild(QLabel, f"{question_id}.problem")
    return problem.text() if problem.isVisibleTo(wizard) else ""


@pytest.mark.parametrize(("typed", "says"), [
    ("1.5", "\u201e1.5\u201c ist mehrdeutig: im Zahlenformat Deutsch trennt '.' die Tausender; tippen Sie 1,5 für "
            "eine Dezimalzahl oder 1.000 für tausend"),
    ("2x", "\u201e2x\u201c ist keine Zahl (z. B. 30M, 1,5k oder 2.000.000)"),
    ("1,5,2", "\u201e1,5,2\u201c ist keine Zahl (z. B. 30M, 1,5k oder 2.000.000)"),
    ("99999999999999999", "\u201e99999999999999999\u201c muss zwischen 0 und 10.000.000.000.000 liegen"),
])
def test_a_refused_answer_is_said_in_german(german_wizard: QuestionnaireWizard, qtbot,  # type: ignore[no-untyped-def]
                                            typed: str, says: str) -> None:
    assert _type(qtbot, german_wizard, "monthly_volume", typed) == says
    assert _type(qtbot, german_wizard, "monthly_volume", "2,5M") == ""  # a German decimal: taken, the message gone
    assert german_wizard.answers()["monthly_volume"] == 2_500_000


def test_an_answer_the_model_refuses_is_said_in_german(german_wizard: QuestionnaireWizard, qtbot) -> None:  # type: ignore[no-untyped-def]
    """A schedule of more than a billion runs a month: the live panel says why, in German."""
    _goto(german_wizard, "trigger")
    _answer(german_wizard, "trigger", "schedule")
    _type(qtbot, german_wizard, "monthly_volume", "2B")
    german_wizard.findChild(QDoubleSpinBox, "monthly_volume").interpretText()
    german_wizard.refresh_preview()
    problem = german_wizard.panel.problem.text()
    assert problem == ("monthly_volume: ein Zeitplan führt höchstens 1.000.000.000 Jobs im Monat aus, "
                       "angegeben: 2.000.000.000")
    assert untranslated([problem], {"monthly_volume"}) == []  # the question's id


def test_an_english_decimal_comma_is_refused_with_a_message(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    wiz = questionnaire_for(window.session, window, QuestionnaireStart("replace"))
    qtbot.addWidget(wiz)
    wiz.show()
    assert _type(qtbot, wiz, "monthly_volume", "2,5") == (
        "\u201c2,5\u201d is ambiguous: in this English number format a comma separates thousands, so '2,5' is not "
        "read as a decimal; type 2.5 for a decimal, or 1,000 for a thousand")
    assert wiz.answers()["monthly_volume"] != 25
