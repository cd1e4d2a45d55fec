"""The questionnaire: its text form, building a complete workload from answers, and a feasibility preview.

The questions themselves are data in `desktop.model.questionnaire.data` (re-exported here). Answers are a
dict question id -> choice id (or a number for number questions); a missing answer, None or "dont_know"
takes the question's default, so any subset of answers gives a complete, valid workload.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from desktop.files import ReadError, load_json_file
from desktop.model.format import number
from desktop.model.options.registry import option_ids
from desktop.model.questionnaire.data import (
    DONT_KNOW,
    QUESTIONS,
    QUESTIONS_BY_ID,
    TOPICS,
    Choice,
    Question,
    Topic,
    question_for_field,
)
from desktop.model.workload.spec import MAX_NAME_CHARS, Workload, set_dotted
from desktop.model.workload.validation import problems_of

DEFAULT_NAME = "Workload from the questionnaire"
DEFAULT_REQUESTS = 1_000_000
DEFAULT_RUNS = 30
MAX_RUNS = 10**9
MAX_ANSWERS_FILE_BYTES = 1024 * 1024  # an answers file: 14 short answers need about 1 KB
COST_WEIGHT_WITH_BUDGET = 4

__all__ = [
    "DEFAULT_NAME", "DONT_KNOW", "QUESTIONS", "QUESTIONS_BY_ID", "TOPICS", "AnswersError", "Choice", "Question",
    "Topic", "question_for_field", "questionnaire_text", "resolved_choices", "workload_from_answers",
    "workload_from_answers_file",
]


class AnswersError(ValueError):
    """Answers that cannot be used; str() is one line naming the answer id (or file) and the problem."""


def _num(value: float | None) -> str:
    if value is None:
        return "any"
    return number(value)


def _number(question: Question, value: Any) -> float | None:
    if value is None or value == DONT_KNOW:
        if not question.dont_know:
            raise AnswersError(f"{question.question_id}: an answer is required")
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise AnswersError(f"{question.question_id}: must be a number, got {value!r}")
    if not math.isfinite(value):
        raise AnswersError(f"{question.question_id}: must be a finite number, got {value!r}")
    low, high = question.minimum, question.maximum
    if (low is not None and value < low) or (high is not None and value > high):
        raise AnswersError(f"{question.question_id}: must be between {_num(low)} and {_num(high)}, got {_num(value)}")
    return float(value)


def _choice_id(question: Question, value: Any) -> str | None:
    if value is None or (value == DONT_KNOW and question.dont_know):
        return None
    known = ", ".join(c.choice_id for c in question.choices)
    if not isinstance(value, str) or question.choice(value) is None:
        extra = f" or {DONT_KNOW}" if question.dont_know else ""
        raise AnswersError(f"{question.question_id}: {value!r} is not a choice (choose one of {known}{extra})")
    return value


def _check_ids(answers: dict[str, Any]) -> None:
    if not isinstance(answers, dict):
        raise AnswersError("answers: must be a JSON object of question id -> answer")
    for key in answers:
        if key not in QUESTIONS_BY_ID:
            known = ", ".join(QUESTIONS_BY_ID)
            raise AnswersError(f"{key}: is not a question (known: {known})")


def resolved_choices(answers: dict[str, Any]) -> dict[str, str]:
    """The choice each choice question ends up with: the answer, else its (possibly answer-dependent) default."""
    _check_ids(answers)
    chosen: dict[str, str] = {}
    for question in QUESTIONS:
        if question.kind != "choice":
            continue
        picked = _choice_id(question, answers.get(question.question_id))
        if picked is None:
            picked = str(question.default)
            for other, other_choice, default in question.default_when:
                if chosen.get(other) == other_choice:
                    picked = default
        chosen[question.question_id] = picked
    return chosen


def workload_from_answers(answers: dict[str, Any], *, name: str = DEFAULT_NAME,
                          region: str = "us-east-1") -> Workload:
    """A complete, valid workload from questionnaire answers (missing answers take their defaults).

    Raises AnswersError naming the answer id and the problem.
    """
    chosen = resolved_choices(answers)
    data: dict[str, Any] = {"name": name, "region": region, "options": list(option_ids())}
    for question_id, choice_id in chosen.items():
        choice = QUESTIONS_BY_ID[question_id].choice(choice_id)
        assert choice is not None
        for path, value in choice.sets.items():
            set_dotted(data, path, list(value) if isinstance(value, tuple) else value)
    jobs = data["traffic"]["kind"] == "jobs"
    volume = _number(QUESTIONS_BY_ID["monthly_volume"], answers.get("monthly_volume"))
    if jobs:
        if volume is not None and volume > MAX_RUNS:
            raise AnswersError(f"monthly_volume: a schedule runs at most {MAX_RUNS:,} jobs a month, got {_num(volume)}")
        set_dotted(data, "traffic.runs_per_month", DEFAULT_RUNS if volume is None else round(volume))
    else:
        set_dotted(data, "traffic.requests_per_month", DEFAULT_REQUESTS if volume is None else round(volume))
    budget = _number(QUESTIONS_BY_ID["monthly_budget"], answers.get("monthly_budget"))
    if budget is not None:
        set_dotted(data, "priorities.cost", COST_WEIGHT_WITH_BUDGET)
    data["answers"] = {k: (None if v == DONT_KNOW else v) for k, v in answers.items()}
    try:
        return Workload.model_validate(data)
    except ValidationError as exc:
        problem = problems_of(exc)[0]
        asked = question_for_field(problem.path, answers) or "answers"
        raise AnswersError(f"{asked}: gives an invalid workload ({problem})") from None


def workload_from_answers_file(path: Path) -> Workload:
    """Read saved answers: {"question_id": answer, ...} or {"name", "region", "answers": {...}}.

    Raises AnswersError, one line naming the file, then the answer id (or key) and the problem.
    """
    try:
        data = load_json_file(path, MAX_ANSWERS_FILE_BYTES, "an answers file")
    except ReadError as exc:
        raise AnswersError(str(exc)) from None
    try:
        return _workload_from_answers_data(data)
    except AnswersError as exc:
        raise AnswersError(f"{path}: {exc}") from None


def _workload_from_answers_data(data: Any) -> Workload:
    if not isinstance(data, dict):
        raise AnswersError("must be a JSON object of question id -> answer")
    if "answers" not in data:
        return workload_from_answers(data)
    extra = sorted(set(data) - {"answers", "name", "region"})
    if extra:
        raise AnswersError(f"{extra[0]}: is not a known key of an answers file (use name, region, answers)")
    name, region = data.get("name", DEFAULT_NAME), data.get("region", "us-east-1")
    if not isinstance(name, str) or not name.strip() or len(name) > MAX_NAME_CHARS:
        raise AnswersError(f"name: must be text of 1 to {MAX_NAME_CHARS} characters")
    if not isinstance(region, str) or not region.strip() or len(region) > 40:
        raise AnswersError("region: must be a region code such as us-east-1")
    answers = data["answers"]
    if not isinstance(answers, dict):
        raise AnswersError("answers: must be a JSON object of question id -> answer")
    return workload_from_answers(answers, name=name, region=region)


def questionnaire_text() -> str:
    """The questionnaire for a terminal: topics, questions, choices with ids, defaults and what they set."""
    lines = ["ComputeFit questionnaire. Save answers as a JSON object {\"question_id\": \"choice_id\" or number}",
             "(optionally {\"name\": ..., \"region\": ..., \"answers\": {...}}) and run:",
             "  computefit advise --answers ANSWERS.json", ""]
    for index, topic in enumerate(TOPICS, start=1):
        lines.append(f"{index}. {topic.title}: {topic.intro}")
        for question in (q for q in QUESTIONS if q.topic == topic.topic_id):
            lines.append(f"  {question.question_id}: {question.text}")
            lines.append(f"    {question.help}")
            if question.kind == "number":
                lines.append(f"    a number ({question.unit}), {question.minimum:,.0f} to {question.maximum:,.0f}; "
                             f"sets {' / '.join(question.sets)}")
            for choice in question.choices:
                mark = " (default)" if choice.choice_id == question.default else ""
                sets = ", ".join(f"{k}={_show(v)}" for k, v in choice.sets.items()) or "nothing"
                lines.append(f"    - {choice.choice_id}{mark}: {choice.label}  [sets {sets}]")
            if question.dont_know:
                lines.append(f"    \"{DONT_KNOW}\" or no answer: {question.dont_know_implies}")
            else:
                lines.append(f"    no answer: {question.default}")
        lines.append("")
    return "\n".join(lines).rstrip()


def _show(value: Any) -> str:
    if isinstance(value, tuple):
        return "a 24-hour profile"
    if value is None:
        return "none"
    return str(value).lower() if isinstance(value, bool) else str(value)


