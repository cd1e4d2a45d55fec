"""The comparison: every number equals `estimate` of its scenario; changes, margins, differences, portfolio."""

from __future__ import annotations

from decimal import Decimal

import pytest

from desktop.model.advice.advise import advise
from desktop.model.advice.quote_json import advice_json
from desktop.model.pricing.book import PriceBook
from desktop.model.workload.spec import Workload
from desktop.model.workshop.compare import compare
from desktop.model.workshop.compare_json import comparison_json
from desktop.model.workshop.differences import differences, differences_text


@pytest.fixture(scope="module")
def three(examples: dict[str, Workload]) -> list[Workload]:
    base = examples["http-api"]
    bigger = base.with_changes({"name": "ten times", "traffic.requests_per_month": base.units_per_month * 10})
    frankfurt = base.with_changes({"name": "Frankfurt", "region": "eu-central-1", "architecture": "arm64"})
    return [base, bigger, frankfurt]


def test_each_number_equals_the_estimate_of_its_scenario(three: list[Workload], book: PriceBook) -> None:
    advices = [advise(w, book) for w in three]
    comparison = compare([("", a) for a in advices], baseline=0)
    data = comparison_json(comparison)
    for row, workload in zip(data["scenarios"], three, strict=True):
        estimate = advice_json(advise(workload, book), book)  # computed afresh, as `computefit estimate` does
        assert row["name"] == workload.name
        assert row["monthly_usd"] == {o: q["monthly_usd"] for o, q in estimate["options"].items()}
        assert row["recommended"] == estimate["recommendation"]["option"]
        assert row["recommended_monthly_usd"] == estimate["options"][row["recommended"]]["monthly_usd"]
        assert row["margin_usd"] == estimate["recommendation"]["margin_usd"]
    assert comparison.options == tuple(advices[0].quote.options)


def test_change_against_the_baseline_in_dollars_and_percent(three: list[Workload], book: PriceBook) -> None:
    advices = [advise(w, book) for w in three]
    comparison = compare([("", a) for a in advices], baseline=1)
    base = comparison.rows[1]
    assert base.is_baseline and base.change_usd == 0 and base.change_pct == 0 and base.differences_text == ""
    first = comparison.rows[0]
    assert first.recommended_usd is not None and base.recommended_usd is not None
    assert first.change_usd == first.recommended_usd - base.recommended_usd
    assert first.change_pct == pytest.approx(float(first.change_usd / base.recommended_usd * 100))
    assert comparison.portfolio_usd is None  # variants of one workload do not add up


def test_what_differs_names_the_changed_fields_in_the_forms_terms(three: list[Workload]) -> None:
    base = three[0].with_changes({"traffic.requests_per_month": 30_000_000})
    other = base.with_changes({"traffic.requests_per_month": 300_000_000, "region": "eu-central-1",
                               "name": "renamed", "container.target_utilization": 0.5})
    text = differences_text(differences(base, other))
    assert text == "requests 30M -> 300M; target utilisation 70% -> 50%; region us-east-1 -> eu-central-1"
    assert differences_text(differences(base, base.with_changes({"name": "only the name"}))) == "same as the baseline"
    near = base.with_changes({"traffic.requests_per_month": 30_000_001})
    assert differences_text(differences(base, near)) == "requests 30,000,000 -> 30,000,001"  # never "30M -> 30M"


def test_parts_of_one_system_add_up_to_a_portfolio_total(three: list[Workload], book: PriceBook,
                                                          examples: dict[str, Workload]) -> None:
    parts = [three[0], examples["nightly-batch"], examples["gpu-inference"]]
    advices = [advise(w, book) for w in parts]
    comparison = compare([("", a) for a in advices], baseline=0, kind="parts")
    expected = sum((a.quote.options[a.recommendation.option].monthly_usd for a in advices
                    if a.recommendation.option), Decimal(0))
    assert comparison.portfolio_usd == expected
    assert comparison_json(comparison)["portfolio_monthly_usd"] == float(expected)
    groups = comparison.by_option()
    assert sum(len(rows) for rows in groups.values()) == 3
    assert all(r.recommended == option for option, rows in groups.items() for r in rows)


def test_what_differs_says_choices_and_options_in_words_not_ids() -> None:
    base = Workload(name="base", front_door="none")
    other = base.with_changes({"front_door": "api_gateway_rest", "options": ["lambda", "eks_fargate"]})
    assert differences_text(differences(base, other)) == (
        "front door None -> API Gateway REST API; "
        "options compared default (Lambda, Fargate, ECS on EC2) -> Lambda, EKS on Fargate")
