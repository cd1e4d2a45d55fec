"""Click through the questionnaire wizard: four archetypes, the live panel, finish/undo/cancel, keys, names."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QCheckBox, QDoubleSpinBox, QLabel, QLineEdit, QRadioButton, QWidget, QWizard

from desktop.model.options.registry import option_ids
from desktop.model.questionnaire.questions import DONT_KNOW, QUESTIONS, QUESTIONS_BY_ID
from desktop.model.workload.files import load_workload
from desktop.qt.main_window import MainWindow
from desktop.qt.wizard import QuestionnaireStart, QuestionnaireWizard, questionnaire_for

SPIKY_API = {"app_size": "small", "work_duration": "fast", "trigger": "http", "monthly_volume": 2_000_000,
             "traffic_shape": "spiky", "latency": "interactive", "ops_capacity": "none"}
STEADY_API = {"app_size": "small", "work_duration": "fast", "trigger": "http", "monthly_volume": 500_000_000,
              "traffic_shape": "steady", "latency": "realtime", "ops_capacity": "some"}
NIGHTLY_BATCH = {"app_size": "medium", "work_duration": "long", "trigger": "schedule", "monthly_volume": 30,
                 "traffic_shape": "mostly_idle"}
GPU_INFERENCE = {"app_size": "large", "work_duration": "seconds", "trigger": "http", "monthly_volume": 1_000_000,
                 "traffic_shape": "business_hours", "special_needs": "gpu", "latency": "interactive"}

# (answers, recommended option, runner-up, the start of one rationale line and a text it contains)
ARCHETYPES = {
    "spiky-public-http-api": (SPIKY_API, "lambda", "fargate", "Operations (warning", "Spiky load"),
    # the questionnaire compares every option; ECS Managed Instances run the same fleet as ECS on EC2 plus AWS's fee
    # (12% of EC2, 7.8% for G-family GPUs): a few percent more, for less operations work, so they win where the team
    # would rather not patch hosts
    "steady-high-volume-api": (STEADY_API, "ecs_managed", "ec2", "Monthly cost at 500,000,000 requests a month",
                               "cheapest first: ECS on EC2 $166.47, ECS MI $177.40"),
    "nightly-40-minute-batch": (NIGHTLY_BATCH, "fargate", "ecs_managed", "Ruled out: Lambda",
                                "a run takes 40 min; Lambda stops a function after 15 min"),
    "gpu-inference": (GPU_INFERENCE, "ecs_managed", "ec2", "Ruled out: Fargate", "the work needs 1 GPU(s)"),
}


def _all_answers(given: dict[str, Any]) -> dict[str, Any]:
    """What the wizard stores: every question, None where the answer is "don't know" (or the starting state)."""
    full = {q.question_id: (None if q.dont_know else q.default) for q in QUESTIONS}
    full.update(given)
    return full


def _answer(wizard: QuestionnaireWizard, question_id: str, value: Any) -> None:
    """Answer as a user would: click the choice, or untick "don't know" and type the number."""
    if QUESTIONS_BY_ID[question_id].kind == "choice":
        button = wizard.findChild(QRadioButton, f"{question_id}.{value}")
        assert button is not None and button.isVisible(), question_id
        button.click()
        assert button.isChecked()
        return
    dont_know = wizard.findChild(QCheckBox, f"{question_id}.{DONT_KNOW}")
    spin = wizard.findChild(QDoubleSpinBox, question_id)
    assert spin is not None and dont_know is not None
    dont_know.setChecked(False)
    assert spin.isEnabled()
    spin.lineEdit().selectAll()
    spin.lineEdit().insert(str(value))
    spin.interpretText()
    assert spin.value() == value


def answer_every_page(wizard: QuestionnaireWizard, answers: dict[str, Any], qtbot=None) -> None:  # type: ignore[no-untyped-def]
    """Answer each page's questions on that page, then Next (clicked with qtbot, else called), until the summary."""
    for page in wizard.topic_pages:
        assert wizard.currentPage() is page
        for question_id in page.questions:
            if question_id in answers:
                _answer(wizard, question_id, answers[question_id])
        if qtbot is None:
            wizard.next()
        else:
            qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    assert wizard.currentPage() is wizard.summary


@pytest.fixture
def wizard(qtbot, window: MainWindow) -> QuestionnaireWizard:  # type: ignore[no-untyped-def]
    wiz = questionnaire_for(window.session, window, QuestionnaireStart("replace"))
    qtbot.addWidget(wiz)
    wiz.show()
    qtbot.waitExposed(wiz)
    return wiz


def _text(wizard: QuestionnaireWizard, name: str) -> str:
    label = wizard.findChild(QLabel, name)
    assert label is not None, name
    return label.text()


@pytest.mark.parametrize("archetype", list(ARCHETYPES))
def test_archetype_recommendation_and_finish_loads_it(qtbot, window: MainWindow, wizard: QuestionnaireWizard,
                                                      archetype: str) -> None:
    answers, option, runner_up, line_start, line_text = ARCHETYPES[archetype]
    session = window.session
    before = session.workload
    answer_every_page(wizard, answers, qtbot)
    rec = wizard.result_advice.recommendation
    assert (rec.option, rec.runner_up) == (option, runner_up)
    line = next(r for r in rec.rationale if r.startswith(line_start))
    assert line_text in line
    assert wizard.result_advice.verdict == _text(wizard, "summary_headline")
    assert line_text in _text(wizard, "summary_rationale")
    assert "Monthly costs" not in _text(wizard, "summary_costs") and "$" in _text(wizard, "summary_costs")

    with qtbot.waitSignal(session.advice_changed, timeout=5000):
        wizard.button(QWizard.WizardButton.FinishButton).click()
    assert not wizard.isVisible()
    assert session.workload.answers == _all_answers(answers) == wizard.answers()
    assert session.advice.recommendation.option == option
    assert window.recommendation.headline.text() == rec.headline
    assert session.workload.name == "Workload from the questionnaire"
    assert session.workbench.history.undo_count == 1 and session.workbench.history.undo_text == "New from questions"
    with qtbot.waitSignal(session.advice_changed, timeout=5000):
        window.undo_action.trigger()
    assert session.workload == before


def test_side_panel_follows_each_answer(qtbot, wizard: QuestionnaireWizard) -> None:
    assert "AWS Lambda feasible" in wizard.panel.text("lambda")
    _answer(wizard, "work_duration", "long")
    assert wizard.panel.text("lambda").startswith("\u2717 AWS Lambda ruled out: a request takes 40 min")
    assert "15 min" in wizard.panel.text("lambda")
    assert "Fargate feasible, about $" in wizard.panel.text("fargate")
    _answer(wizard, "work_duration", "fast")
    assert wizard.panel.text("lambda").startswith("\u2713 AWS Lambda feasible, about $")
    wizard.next()
    wizard.next()  # special needs are on page 3
    _answer(wizard, "special_needs", "gpu")
    assert "ruled out" in wizard.panel.text("lambda") and "ruled out" in wizard.panel.text("fargate")
    # ECS on EC2 and ECS MI have GPUs; the questionnaire compares every registered option
    assert _text(wizard, "feasibility_summary") == f"2 of {len(option_ids())} options feasible."
    assert "ruled out: the work needs 1 GPU(s)" in wizard.panel.text("lambda_managed")
    # the G-family fee (7.8% of the EC2 price since 2026-07-01) is in the book: a whole total
    assert wizard.panel.text("ecs_managed").startswith("\u2713 Amazon ECS Managed Instances feasible, about $")
    assert "+" not in wizard.panel.text("ecs_managed")


def test_cancel_leaves_the_workload_untouched(qtbot, window: MainWindow, wizard: QuestionnaireWizard) -> None:
    session = window.session
    before, count = session.workload, session.advise_count
    answer_every_page(wizard, GPU_INFERENCE, qtbot)
    wizard.button(QWizard.WizardButton.CancelButton).click()
    qtbot.wait(40)  # past the session's coalescing interval: nothing may be pending
    assert not wizard.isVisible()
    assert session.workload is before and session.advise_count == count
    assert session.workbench.history.undo_count == 0 and not session.dirty


def test_back_and_forward_keep_answers(qtbot, wizard: QuestionnaireWizard) -> None:
    _answer(wizard, "app_size", "large")
    _answer(wizard, "work_duration", "minutes")
    wizard.next()
    _answer(wizard, "trigger", "queue")
    _answer(wizard, "monthly_volume", 123_456)
    wizard.next()
    wizard.back()
    wizard.back()
    assert wizard.currentPage() is wizard.topic_pages[0]
    assert wizard.findChild(QRadioButton, "app_size.large").isChecked()
    assert wizard.findChild(QRadioButton, "work_duration.minutes").isChecked()
    wizard.next()
    wizard.next()
    wizard.back()
    assert wizard.findChild(QRadioButton, "trigger.queue").isChecked()
    assert wizard.findChild(QDoubleSpinBox, "monthly_volume").value() == 123_456
    assert not wizard.findChild(QCheckBox, "monthly_volume.dont_know").isChecked()
    assert wizard.answers()["monthly_volume"] == 123_456 and wizard.answers()["latency"] is None


def test_keyboard_only(qtbot, window: MainWindow, wizard: QuestionnaireWizard) -> None:
    small = wizard.findChild(QRadioButton, "app_size.small")
    small.click()
    small.setFocus()
    qtbot.keyClick(small, Qt.Key.Key_Down)  # arrows move within the question
    assert wizard.findChild(QRadioButton, "app_size.medium").isChecked()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)  # Return is Next
    assert wizard.currentPage() is wizard.topic_pages[1]
    dont_know = wizard.findChild(QCheckBox, "monthly_volume.dont_know")
    dont_know.setFocus()
    qtbot.keyClick(dont_know, Qt.Key.Key_Space)  # unticked: the number box takes the focus, text selected
    spin = wizard.findChild(QDoubleSpinBox, "monthly_volume")
    assert QApplication.focusWidget() in (spin, spin.lineEdit())
    qtbot.keyClicks(QApplication.focusWidget(), "250000")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert spin.value() == 250_000
    assert wizard.currentPage() is wizard.topic_pages[2]
    for _ in range(len(wizard.topic_pages) - 2):
        qtbot.keyClick(QApplication.focusWidget() or wizard, Qt.Key.Key_Return)
    assert wizard.currentPage() is wizard.summary
    name = wizard.findChild(QLineEdit, "workload_name")
    assert QApplication.focusWidget() is name
    name.selectAll()
    qtbot.keyClicks(name, "Keyboard <b>API</b>")
    with qtbot.waitSignal(window.session.advice_changed, timeout=5000):
        qtbot.keyClick(name, Qt.Key.Key_Return)  # Return on the last page is Finish
    assert window.session.workload.name == "Keyboard <b>API</b>"
    assert window.session.workload.answers["monthly_volume"] == 250_000
    assert window.session.workload.answers["app_size"] == "medium"


def test_every_question_and_choice_has_its_object_name(wizard: QuestionnaireWizard) -> None:
    for question in QUESTIONS:
        qid = question.question_id
        assert wizard.findChild(QWidget, qid) is not None, qid
        for choice in question.choices:
            button = wizard.findChild(QRadioButton, f"{qid}.{choice.choice_id}")
            assert button is not None and choice.label in button.text()
        dont_know = wizard.findChild(QWidget, f"{qid}.{DONT_KNOW}")
        assert (dont_know is not None) == question.dont_know, qid
    assert wizard.findChild(QLineEdit, "workload_name") is not None


def test_answers_are_saved_with_the_workload_and_shown_again(qtbot, window: MainWindow, wizard, tmp_path) -> None:  # type: ignore[no-untyped-def]
    answer_every_page(wizard, NIGHTLY_BATCH, qtbot)
    wizard.findChild(QLineEdit, "workload_name").setText("Nightly export")
    with qtbot.waitSignal(window.session.advice_changed, timeout=5000):
        wizard.button(QWizard.WizardButton.FinishButton).click()
    assert window.save_to(tmp_path / "nightly.workload.json")
    saved = load_workload(tmp_path / "nightly.workload.json")
    assert saved.schema_version == 1 and saved.answers == _all_answers(NIGHTLY_BATCH)
    again = questionnaire_for(window.session, window, QuestionnaireStart("add", from_current=True))
    qtbot.addWidget(again)
    assert again.answers() == _all_answers(NIGHTLY_BATCH)
    assert again.findChild(QRadioButton, "work_duration.long").isChecked()
    assert again.findChild(QLineEdit, "workload_name").text() == "Nightly export"
    fresh = questionnaire_for(window.session, window)  # a second run starts from the defaults
    qtbot.addWidget(fresh)
    assert fresh.answers() == _all_answers({})
    assert fresh.findChild(QLineEdit, "workload_name").text() == "Workload from the questionnaire"


def test_file_menu_asks_then_runs_the_wizard_modally(qtbot, window: MainWindow) -> None:
    from PySide6.QtWidgets import QMessageBox

    seen: list[str] = []
    before = window.session.state.names

    def ask() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox) and "new scenario" in box.text()
        QTimer.singleShot(0, drive)
        next(b for b in box.buttons() if "New scenario" in b.text().replace("&", "")).click()

    def drive() -> None:
        wiz = QApplication.activeModalWidget()
        assert isinstance(wiz, QuestionnaireWizard)
        answer_every_page(wiz, SPIKY_API)
        seen.append(wiz.summary.headline.text())
        wiz.button(QWizard.WizardButton.FinishButton).click()

    action = next(a for a in window.menuBar().actions()[0].menu().actions() if "questions" in a.text())
    QTimer.singleShot(0, ask)
    action.trigger()
    assert seen and seen[0].startswith("Recommended: AWS Lambda")
    assert window.session.workload.answers == _all_answers(SPIKY_API)
    assert window.session.advice.recommendation.option == "lambda"
    assert window.session.state.names == (*before, "Workload from the questionnaire")  # a new scenario


def test_the_volume_question_takes_the_forms_units_and_the_region_is_asked(qtbot, wizard) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QComboBox

    dont_know = wizard.findChild(QCheckBox, f"monthly_volume.{DONT_KNOW}")
    spin = wizard.findChild(QDoubleSpinBox, "monthly_volume")
    dont_know.setChecked(False)
    for typed, expected in (("50M", 50_000_000), ("1.5k", 1500), ("2,000,000", 2_000_000), ("3B", 3_000_000_000)):
        spin.lineEdit().selectAll()
        qtbot.keyClicks(spin.lineEdit(), typed)
        spin.interpretText()
        assert spin.value() == expected, typed
    assert wizard.answers()["monthly_volume"] == 3_000_000_000
    region = wizard.findChild(QComboBox, "region")
    assert region is not None and region.isVisibleTo(wizard.topic_pages[0])
    region.setCurrentIndex(region.findData("eu-central-1"))
    wizard.build_result("Frankfurt")
    assert wizard.result_workload is not None and wizard.result_workload.region == "eu-central-1"
    assert wizard.result_workload.traffic.requests_per_month == 3_000_000_000


def test_first_start_offer_comes_once_and_opens_the_wizard(qtbot, window: MainWindow, settings, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox, QPushButton

    from desktop.qt.wizard.first_start import offer_on_first_start

    assert window.findChild(QMessageBox, "first_start_offer") is None  # create_main_window never offers it
    opened: list[bool] = []
    monkeypatch.setattr(window, "open_questionnaire", lambda: opened.append(True))
    box = offer_on_first_start(window, settings, window.open_questionnaire)
    assert box is not None and box.isVisible() and "File > New from questions" in box.text()
    box.findChild(QPushButton, "first_start_offer.questions").click()
    assert opened == [True]
    assert offer_on_first_start(window, settings, window.open_questionnaire) is None
