"""On the very first start, offer the questionnaire (once: a QSettings flag remembers the offer was made).

Called from `desktop.app.run_gui` only, never from `create_main_window`, so tests and embedding never see it.
The offer is a window-modal message box opened without a nested event loop.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.present.i18n import tr

OFFERED_KEY = "wizard/first_start_offered"


def offer_on_first_start(window: QWidget, settings: QSettings, answer_questions: Callable[[], None]
                         ) -> QMessageBox | None:
    """Ask once whether to start from questions (then call `answer_questions`); returns the open box, or None when
    it was offered before."""
    if settings.value(OFFERED_KEY, False, type=bool):
        return None
    settings.setValue(OFFERED_KEY, True)
    settings.sync()
    box = QMessageBox(QMessageBox.Icon.Question, tr("Welcome to ComputeFit"),
                      tr("Start from a few questions about your workload (what triggers it, how long a run takes, "
                         "how much traffic)? You can refine every number in the form afterwards, and ask again any "
                         "time with File > New from questions."), QMessageBox.StandardButton.NoButton, window)
    box.setObjectName("first_start_offer")
    answer = box.addButton(tr("Answer questions"), QMessageBox.ButtonRole.AcceptRole)
    answer.setObjectName("first_start_offer.questions")
    later = box.addButton(tr("Start from the example"), QMessageBox.ButtonRole.RejectRole)
    later.setObjectName("first_start_offer.example")
    box.setDefaultButton(answer)

    def done() -> None:
        if box.clickedButton() is answer:
            answer_questions()
        box.deleteLater()

    box.finished.connect(lambda _result: done())
    box.open()
    return box
