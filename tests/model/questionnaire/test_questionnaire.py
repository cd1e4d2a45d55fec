"""The questionnaire: questions as data, answers to a complete workload, the CLI, and the feasibility preview."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.model.advice.engine import compute_quote
from desktop.model.advice.preview import feasibility_preview
from desktop.model.options.registry import option_ids
from desktop.model.pricing.book import PriceBook
from desktop.model.questionnaire.questions import (
    DONT_KNOW,
    QUESTIONS,
    TOPICS,
    AnswersError,
    questionnaire_text,
    workload_from_answers,
    workload_from_answers_file,
)
from desktop.model.workload.spec import Workload
from tests.refusals import assert_refused


def test_questions_are_well_formed() -> None:
    assert 5 <= len(TOPICS) <= 8
    assert 10 <= len(QUESTIONS) <= 21  # two for Lambda Managed Instances (runtime, thread safety)
    topic_ids = {t.topic_id for t in TOPICS}
    for q in QUESTIONS:
        assert q.question_id.isidentifier() and q.topic in topic_ids
        assert q.text.endswith("?") and q.help
        if q.kind == "choice":
            assert len(q.choices) >= 2 and q.choice(str(q.default)) is not None
            for c in q.choices:
                assert c.choice_id.isidentifier() and c.label
        else:
            assert q.minimum is not None and q.maximum is not None and q.sets
        if q.dont_know:
            assert q.dont_know_implies
    for t in TOPICS:
        assert any(q.topic == t.topic_id for q in QUESTIONS), t.topic_id


def test_no_answers_give_a_real_three_way_quote(book: PriceBook) -> None:
    w = workload_from_answers({})
    assert (w.traffic.kind, w.traffic.requests_per_month, w.requirements.trigger) == ("requests", 1_000_000, "http")
    quote = compute_quote(w, book)
    assert list(quote.options) == list(option_ids())  # the questionnaire compares every option
    assert all(o.feasible and o.monthly_usd and o.monthly_usd > 0 for o in quote.options.values())
    # us-east-1: the Lambda MI request price and the ECS MI fee rule are in the book (aws-prices-t3.md): complete
    assert all(quote.options[o].complete for o in ("lambda", "fargate", "ec2", "lambda_managed", "ecs_managed"))
    assert w.answers == {}


@pytest.mark.parametrize("question", QUESTIONS, ids=[q.question_id for q in QUESTIONS])
def test_every_choice_gives_a_valid_priced_workload(book: PriceBook, question: object) -> None:
    from desktop.model.questionnaire.data import Question
    assert isinstance(question, Question)
    answers_list = [{question.question_id: c.choice_id} for c in question.choices] or \
        [{question.question_id: question.minimum}, {question.question_id: 12_345}]
    for answers in answers_list:
        w = workload_from_answers(answers)
        assert isinstance(w, Workload) and w.answers == answers
        quote = compute_quote(w, book)
        assert any(o.feasible and o.priced for o in quote.options.values()), answers
        assert all((o.monthly_usd is not None) == o.feasible for o in quote.options.values()), answers


def test_answers_set_the_workload() -> None:
    w = workload_from_answers({"trigger": "schedule", "work_duration": "long", "monthly_volume": 60,
                               "special_needs": "big_scratch", "ops_capacity": "none", "monthly_budget": 100,
                               "spot": "fully", "savings_plans": "full", "platform": "linux_arm"})
    assert (w.traffic.kind, w.traffic.runs_per_month, w.traffic.duration_ms) == ("jobs", 60, 2_400_000)
    assert (w.requirements.scratch_gb, w.container.ephemeral_storage_gb) == (50, 60)
    assert (w.team.operations_appetite, w.priorities.operations, w.priorities.cost) == ("low", 5, 4)
    assert (w.container.spot_share, w.requirements.interruption_tolerant) == (1.0, True)
    assert w.assumptions.savings_plans.fargate_pct == 50 and w.architecture == "arm64"
    assert w.requirements.latency_slo_ms is None  # a schedule's default: nobody waits
    assert w.front_door == "none" and w.min_tasks == 0
    assert w.answers is not None and w.answers["monthly_budget"] == 100


def test_dont_know_takes_the_default() -> None:
    assert workload_from_answers({"app_size": DONT_KNOW, "monthly_volume": None}) == \
        workload_from_answers({}).model_copy(update={"answers": {"app_size": None, "monthly_volume": None}})


@pytest.mark.parametrize(("answers", "message"), [
    ({"colour": "blue"}, "colour: is not a question"),
    ({"trigger": "ftp"}, "trigger: 'ftp' is not a choice (choose one of http, queue, stream, event, schedule)"),
    ({"trigger": DONT_KNOW}, "trigger: 'dont_know' is not a choice"),
    ({"monthly_volume": -5}, "monthly_volume: must be between 0 and 10,000,000,000,000, got -5"),
    ({"monthly_volume": "lots"}, "monthly_volume: must be a number, got 'lots'"),
    ({"monthly_volume": True}, "monthly_volume: must be a number, got True"),
    ({"trigger": "schedule", "monthly_volume": 2e9}, "monthly_volume: a schedule runs at most 1,000,000,000 jobs"),
    ({"app_size": 3}, "app_size: 3 is not a choice"),
])
def test_bad_answers_name_the_answer(answers: dict[str, object], message: str) -> None:
    with pytest.raises(AnswersError) as err:
        workload_from_answers(answers)
    assert str(err.value).startswith(message)
    assert "\n" not in str(err.value)


def test_answers_file_forms(tmp_path: Path) -> None:
    flat = tmp_path / "flat.json"
    flat.write_text(json.dumps({"trigger": "queue"}))
    assert workload_from_answers_file(flat).requirements.trigger == "queue"
    wrapped = tmp_path / "wrapped.json"
    wrapped.write_text(json.dumps({"name": "Thumbnails", "region": "eu-west-1", "answers": {"trigger": "event"}}))
    w = workload_from_answers_file(wrapped)
    assert (w.name, w.region, w.requirements.trigger) == ("Thumbnails", "eu-west-1", "event")


@pytest.mark.parametrize(("text", "message"), [
    ("{", "not valid JSON"),
    ("[1, 2]", "must be a JSON object"),
    ('{"answers": {}, "extra": 1}', "extra: is not a known key of an answers file"),
    ('{"answers": [1]}', "answers: must be a JSON object"),
    ('{"name": "", "answers": {}}', "name: must be text"),
])
def test_bad_answers_files(tmp_path: Path, text: str, message: str) -> None:
    assert_refused(workload_from_answers_file, AnswersError, tmp_path / "answers.json", text, message)


def test_feasibility_preview(book: PriceBook) -> None:
    preview = {p.option: p for p in feasibility_preview({"special_needs": "gpu", "app_size": "large"}, book)}
    assert [o for o, p in preview.items() if p.feasible] == ["ec2", "ecs_managed"]  # GPUs: ECS on EC2 or MI
    assert preview["ecs_managed"].left_out == ""  # the G-family fee (7.8% of EC2 since 2026-07-01) is priced
    assert preview["lambda"].reasons[0].startswith("Lambda: the work needs 1 GPU(s)")
    assert preview["ec2"].monthly_usd is not None and preview["ec2"].label == "Amazon ECS on Amazon EC2"
    long_jobs = {p.option: p for p in feasibility_preview({"trigger": "schedule", "work_duration": "long"}, book)}
    assert not long_jobs["lambda"].feasible and long_jobs["fargate"].feasible


def test_questions_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["questions"]) == 0
    out = capsys.readouterr().out
    assert out.strip() == questionnaire_text()
    for q in QUESTIONS:
        assert f"  {q.question_id}: {q.text}" in out
    assert "- schedule: A schedule (cron): batch job runs" in out


def test_advise_with_answers_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "answers.json"
    path.write_text(json.dumps({"trigger": "schedule", "work_duration": "long", "monthly_volume": 30}))
    assert main(["advise", "--answers", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Recommended: Amazon ECS on AWS Fargate" in out
    assert "Ruled out: Lambda: a run takes 40 min; Lambda stops a function after 15 min (900 s)" in out
    path.write_text(json.dumps({"trigger": "carrier pigeon"}))
    assert main(["advise", "--answers", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"computefit: {path}: trigger: 'carrier pigeon' is not a choice") and err.count("\n") == 1


def test_advise_with_answers_checks_the_region(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "answers.json"
    path.write_text(json.dumps({"region": "mars-1", "answers": {}}))
    assert main(["advise", "--answers", str(path)]) == 2
    assert "region: 'mars-1' is not in the price book" in capsys.readouterr().err
