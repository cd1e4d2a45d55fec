"""The questionnaire wizard (File > New from questions): questions in, a workload and a recommendation out."""

from desktop.qt.wizard.questionnaire_wizard import (
    QuestionnaireStart,
    QuestionnaireWizard,
    ask_start,
    questionnaire_for,
    run_questionnaire,
)

__all__ = ["QuestionnaireStart", "QuestionnaireWizard", "ask_start", "questionnaire_for", "run_questionnaire"]
