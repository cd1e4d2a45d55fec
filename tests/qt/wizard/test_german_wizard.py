"""The questionnaire wizard in German at 1280x720: every page's questions, help, choices and units, the live
feasibility panel (with options ruled out), the recommendation page and the wizard's buttons are German, with
German numbers, and no label or button text is cut. English stays as it was (tests/qt/wizard/test_wizard.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QMessageBox, QWidget

from desktop.model.questionnaire.questions import DEFAULT_NAME
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
