"""The recommendation for each bundled example (winner and the reason), the score, ties and the headline."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.model.advice.advise import advise
from desktop.model.advice.engine import compute_quote
from desktop.model.advice.findings import find_findings
from desktop.model.advice.recommend import compare_totals, recommend
from desktop.model.options.registry import label, short_label
from desktop.model.pricing.book import PriceBook
from desktop.model.pricing.quote import MissingPrice, OptionQuote
from desktop.model.workload.spec import Workload
from tests.conftest import make_workload
from tests.model.advice.test_curves import workloads


def test_http_api_recommends_fargate_on_cost(book: PriceBook, examples: dict[str, Workload]) -> None:
    rec = advise(examples["http-api"], book).recommendation
    assert (rec.option, rec.runner_up) == ("fargate", "lambda")
    # the containers' ALB holds 2 public IPv4 addresses (one per subnet): 1,460 address-hours x 0.005 = $7.30
    assert rec.margin_usd == Decimal("26.69")
    assert rec.headline == ("Recommended: Amazon ECS on AWS Fargate, $26.69 a month cheaper than AWS Lambda (30%)")
    assert rec.rationale[0].startswith("Monthly cost at 30,000,000 requests a month [traffic.requests_per_month], "
                                       "cheapest first: Fargate $62.44, Lambda $89.13, ECS on EC2 $91.94")
    cold = [line for line in rec.rationale if "cold starts" in line]
    assert cold and cold[0].endswith("[requirements.latency_slo_ms]") and "+$" in cold[0]
    assert not rec.near_tie


def test_event_processor_recommends_lambda_for_a_team_without_operations(book: PriceBook,
                                                                         examples: dict[str, Workload]) -> None:
    rec = advise(examples["event-processor"], book).recommendation
    assert (rec.option, rec.runner_up) == ("lambda", "fargate")
    # Lambda costs more: the priorities (operations 5/5) decide. Its /tmp storage has no eu-west-1 price (the book
    # no longer assumes us-east-1's), so that $0.05 is left out of its total and flagged as missing; the events
    # reach the containers through an SQS queue (12M requests at $0.40 per 1M, AWS Price List): Fargate is whole,
    # so the margin is a bound.
    assert rec.headline.startswith("Recommended: AWS Lambda, at least $33.75 a month more than Amazon ECS on AWS "
                                   "Fargate (Lambda's total leaves out Lambda ephemeral storage")
    assert any(line.startswith("Operations (strong, priority 5/5): The team has no appetite for operating servers")
               and line.endswith("[team.operations_appetite]") for line in rec.rationale)
    # ECS on EC2 pays its EBS gp3 root volumes since the book has eu-west-1's gp3 price (0.088, Price List): $3.85,
    # and its queue's 12M SQS requests ($4.80)
    assert any(line.startswith("ECS on EC2 is $32.77 a month cheaper than Lambda but scores") for line in rec.rationale)


def test_nightly_batch_rules_out_lambda_on_the_timeout(book: PriceBook, examples: dict[str, Workload]) -> None:
    rec = advise(examples["nightly-batch"], book).recommendation
    assert (rec.option, rec.runner_up) == ("fargate", "ec2")
    assert rec.rationale[0].startswith("Ruled out: Lambda: a run takes 40 min; Lambda stops a function after 15 min "
                                       "(900 s) [limit: AWS Lambda quotas")
    assert any("40 GB of scratch disk" in line for line in rec.rationale)
    assert rec.headline == ("Recommended: Amazon ECS on AWS Fargate, $2.83 a month cheaper than Amazon ECS on "
                            "Amazon EC2 (55%)")


def test_gpu_inference_leaves_only_ec2(book: PriceBook, examples: dict[str, Workload]) -> None:
    rec = advise(examples["gpu-inference"], book).recommendation
    assert (rec.option, rec.runner_up, rec.margin_usd) == ("ec2", None, None)
    assert rec.headline == "Recommended: Amazon ECS on Amazon EC2, the only feasible option ($1,156.97 a month)"
    assert "Ruled out: Lambda: the work needs 1 GPU(s); Lambda has no GPUs" in rec.rationale[0]
    assert rec.rationale[1].startswith("Ruled out: Fargate: the work needs 1 GPU(s)")


def test_score_is_the_sum_of_its_terms(book: PriceBook, examples: dict[str, Workload]) -> None:
    for workload in examples.values():
        rec = advise(workload, book).recommendation
        for option, terms in rec.score_terms.items():
            assert rec.scores[option] == pytest.approx(sum(v for _, v in terms), abs=0.01)
            assert terms[0][0].startswith("monthly cost x")
        assert rec.option == min(rec.scores, key=lambda o: rec.scores[o])


def test_cost_priority_scales_the_cost_term(book: PriceBook) -> None:
    w = make_workload(priorities={"cost": 0, "operations": 3, "latency": 0, "flexibility": 0},
                      team={"operations_appetite": "low"})
    rec = recommend(w, q := compute_quote(w, book), find_findings(w, q))
    assert all(terms[0][1] == 0 for terms in rec.score_terms.values())
    assert rec.option == "lambda"  # only the findings count: Lambda needs the least operations


def test_near_tie_is_said(book: PriceBook) -> None:
    # Only cost counts and EC2 cannot fit the task: at the Lambda/Fargate break-even the two costs are level.
    w = make_workload(front_door="none", ec2={"instance_type": "t3.micro"},
                      container={"vcpu": 2, "memory_gb": 4, "min_tasks": 1},
                      priorities={"cost": 3, "operations": 0, "latency": 0, "flexibility": 0})
    (pair,) = [b for b in advise(w, book).break_even if (b.first, b.second) == ("lambda", "fargate")]
    assert pair.volume is not None
    near = w.with_changes({"traffic.requests_per_month": pair.volume})
    rec = recommend(near, q := compute_quote(near, book), find_findings(near, q))
    assert not q.options["ec2"].feasible
    assert rec.near_tie
    assert rec.headline.startswith("Near tie: ")
    assert "score within 3%" in rec.headline
    assert any(line.startswith("Near tie: Lambda and Fargate score within 3%")
               or line.startswith("Near tie: Fargate and Lambda score within 3%") for line in rec.rationale)
    far = w.with_changes({"traffic.requests_per_month": pair.volume * 4})
    far_quote = compute_quote(far, book)
    assert not recommend(far, far_quote, find_findings(far, far_quote)).near_tie


def test_no_feasible_option(book: PriceBook) -> None:
    w = make_workload(requirements={"gpus": 1}, architecture="arm64")  # no arm64 GPU instance in the book
    rec = advise(w, book).recommendation
    assert rec.option is None and rec.runner_up is None
    assert rec.headline == "No option is feasible for this workload"
    assert rec.rationale[-1] == "No option is feasible: change the workload or its requirements"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(workload=workloads(), priorities=st.tuples(*[st.integers(0, 5)] * 4),
       team=st.tuples(st.sampled_from(["low", "medium", "high"]), st.sampled_from(["low", "medium", "high"])))
def test_advise_holds_together_on_random_workloads(book: PriceBook, workload: Workload,
                                                   priorities: tuple[int, int, int, int],
                                                   team: tuple[str, str]) -> None:
    if workload.ec2.instance_type not in ("auto", *book.regions[workload.region].ec2.on_demand):
        workload = workload.with_changes({"ec2.instance_type": "auto"})
    workload = workload.with_changes(dict(zip(
        ("priorities.cost", "priorities.operations", "priorities.latency", "priorities.flexibility",
         "team.operations_appetite", "team.configuration_control"), (*priorities, *team), strict=True)))
    advice = advise(workload, book)
    rec = advice.recommendation
    feasible = [o.option for o in advice.quote.feasible_options()]
    assert (rec.option is None) == (not feasible)
    if rec.option is not None:
        assert rec.option in feasible and rec.headline and rec.rationale
        assert rec.option == min(rec.scores, key=lambda o: rec.scores[o]) or rec.near_tie
        assert (rec.runner_up is None) == (len(feasible) == 1)
    for row in advice.sensitivity:
        assert row.base_winner == rec.option
    for b in advice.break_even:
        assert b.text and (b.volume is None or b.searched_from <= b.volume <= b.searched_to)


# --- like with like: what each total leaves out ------------------------------------------------------------------
def _quote(option: str, usd: str, *missing: tuple[str, tuple[tuple[Decimal, str], ...]]) -> OptionQuote:
    gaps = tuple(MissingPrice(f"no sourced price for {what} in eu-west-1", False, what, "eu-west-1", usage)
                 for what, usage in missing)
    return OptionQuote(option, label(option), short_label(option), True, Decimal(usd), missing=gaps)


ALB = ("Application Load Balancer", ((Decimal(730), "hour"), (Decimal(1460), "LCU-hour")))
ALB_LAMBDA = ("Application Load Balancer", ((Decimal(730), "hour"), (Decimal(3650), "LCU-hour")))
EBS = ("EBS gp3 root volumes", ((Decimal(60), "GB-month"),))


def test_same_usage_left_out_of_both_keeps_the_margin_exact() -> None:
    kind, margin, text = compare_totals(_quote("fargate", "36.04", ALB), _quote("ec2", "66.58", ALB))
    assert (kind, margin) == ("exact", Decimal("30.54"))
    assert text == ("$30.54 a month cheaper than Amazon ECS on Amazon EC2 (46%); both totals leave out Application "
                    "Load Balancer in the same amount (no eu-west-1 price in the book)")


def test_only_the_runner_up_leaving_something_out_makes_the_margin_a_lower_bound() -> None:
    kind, margin, text = compare_totals(_quote("fargate", "36.04", ALB), _quote("ec2", "66.58", ALB, EBS))
    assert (kind, margin) == ("lower bound", Decimal("30.54"))
    assert text == ("at least $30.54 a month cheaper than Amazon ECS on Amazon EC2 (ECS on EC2's total leaves out "
                    "EBS gp3 root volumes, which has no eu-west-1 price in the book)")


def test_only_the_winner_leaving_something_out_makes_the_margin_an_upper_bound() -> None:
    kind, margin, text = compare_totals(_quote("fargate", "36.04", ALB), _quote("lambda", "47.13"))
    assert (kind, margin) == ("upper bound", Decimal("11.09"))
    assert text == ("$11.09 a month cheaper than AWS Lambda (24%) unless what it leaves out costs more (Fargate's "
                    "total leaves out Application Load Balancer, which has no eu-west-1 price in the book)")


def test_different_things_left_out_give_no_margin_and_name_the_prices_that_would_complete_it() -> None:
    kind, margin, text = compare_totals(_quote("fargate", "36.04", ALB), _quote("lambda", "47.13", ALB_LAMBDA))
    assert (kind, margin) == ("unknown", None)
    assert text == ("$36.04 against AWS Lambda's $47.13, but the comparison is incomplete: both totals leave out "
                    "Application Load Balancer, in different amounts; eu-west-1 prices for Application Load "
                    "Balancer would complete it")


def test_the_ireland_alb_example_is_complete_and_has_an_exact_margin(book: PriceBook,
                                                                    examples: dict[str, Workload]) -> None:
    """eu-west-1's ALB (0.0252 an hour, 0.008 an LCU-hour), EBS gp3 (0.088) and data transfer out (0.09) are in the
    book now (aws-prices-t3.md), and so is the public IPv4 of the ALB's two subnets (0.005 an hour each, $7.30 on
    every option, all behind the ALB): every total is complete, so the headline states an exact margin."""
    advice = advise(examples["alb-api-ireland"], book)
    rec = advice.recommendation
    assert (rec.option, rec.runner_up, rec.margin_kind, rec.margin_usd) == ("fargate", "lambda", "exact",
                                                                            Decimal("15.67"))
    assert rec.headline == "Recommended: Amazon ECS on AWS Fargate, $15.67 a month cheaper than AWS Lambda (16%)"
    assert all(o.complete for o in advice.quote.options.values())
    assert {k: o.monthly_usd for k, o in advice.quote.options.items()} == {
        "lambda": Decimal("98.93"), "fargate": Decimal("83.26"), "ec2": Decimal("119.08")}
