"""The seeded Monte Carlo: reproducible, collapsing to today's point estimate, saying how sure the verdict is."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import pytest

from desktop.model.advice.advise import advise
from desktop.model.advice.engine import compute_quote
from desktop.model.advice.quote_json import advice_json
from desktop.model.advice.uncertainty import monte_carlo
from desktop.model.pricing.book import PriceBook
from desktop.model.workload.spec import Workload

SIX = ["lambda", "fargate", "ec2", "lambda_managed", "ecs_managed", "eks_fargate"]


def _ranged(workload: Workload, fields: dict[str, Any], seed: int = 7, samples: int = 4000,
            **changes: Any) -> Workload:
    data = workload.to_json_dict()
    data.update(changes)
    data["ranges"] = {"seed": seed, "samples": samples, "fields": fields}
    return Workload.model_validate(data)


SPREAD = {"traffic.requests_per_month": {"low": 5e6, "likely": 20e6, "high": 40e6},
          "traffic.duration_ms": {"low": 80, "high": 300},
          "container.concurrency_per_task": {"low": 5, "high": 40}}


def test_the_same_seed_gives_the_same_result_and_another_seed_another(examples: dict[str, Workload],
                                                                       book: PriceBook) -> None:
    workload = _ranged(examples["http-api"], SPREAD)
    quote = compute_quote(workload, book)
    first, again = monte_carlo(workload, book, quote), monte_carlo(workload, book, quote)
    assert first is not None and first == again
    other = _ranged(examples["http-api"], SPREAD, seed=8)
    assert monte_carlo(other, book, compute_quote(other, book)) != first


def test_every_range_at_its_likely_value_gives_todays_point_estimate_to_the_cent(examples: dict[str, Workload],
                                                                                  book: PriceBook) -> None:
    base = examples["http-api"]
    fields = {"traffic.requests_per_month": {"low": 30e6, "likely": 30e6, "high": 30e6},
              "traffic.duration_ms": {"low": 120, "high": 120},
              "container.concurrency_per_task": {"low": 20, "likely": 20, "high": 20},
              "traffic.burst_ratio": {"low": base.traffic.burst_ratio, "high": base.traffic.burst_ratio}}
    workload = _ranged(base, fields, options=SIX)
    quote = compute_quote(workload, book)
    found = monte_carlo(workload, book, quote)
    assert found is not None
    for option, spread in found.options.items():
        point = quote.options[option].monthly_usd
        assert point is not None and spread.p50 == point and spread.p10 == point and spread.p90 == point


def test_the_verdict_says_how_sure_it_is_and_when_the_other_option_wins(examples: dict[str, Workload],
                                                                        book: PriceBook) -> None:
    workload = _ranged(examples["http-api"], SPREAD)
    found = monte_carlo(workload, book, compute_quote(workload, book))
    assert found is not None
    shares = {o: s.cheapest_share for o, s in found.options.items()}
    assert sum(shares.values()) == pytest.approx(1.0)
    assert shares["fargate"] > 0.6 and 0.05 < shares["lambda"] < 0.4
    assert found.verdict.startswith(f"Fargate is cheapest in {shares['fargate'] * 100:.0f}% of cases; "
                                    f"Lambda in {shares['lambda'] * 100:.0f}%, mostly with requests under ")
    fargate = found.options["fargate"]
    assert fargate.p10 is not None and fargate.p50 is not None and fargate.p90 is not None
    assert fargate.p10 <= fargate.p50 <= fargate.p90
    lam = found.options["lambda"]
    assert lam.p10 is not None and lam.p90 is not None and lam.p90 - lam.p10 > Decimal(40)  # volume moves Lambda


def test_estimate_json_carries_the_spread_only_for_a_ranged_workload(examples: dict[str, Workload],
                                                                     book: PriceBook) -> None:
    assert "uncertainty" not in advice_json(advise(examples["http-api"], book), book)
    data = advice_json(advise(_ranged(examples["http-api"], SPREAD), book), book)["uncertainty"]
    assert data["seed"] == 7 and data["samples"] == 4000 and data["scenarios_for_other_inputs"] == 32
    assert set(data["options"]["fargate"]) == {"p10_usd", "p50_usd", "p90_usd", "cheapest_share", "complete"}


@pytest.mark.parametrize("fields", [{"traffic.kind": {"low": 1, "high": 2}}, {"traffic.nope": {"low": 1, "high": 2}},
                                    {"traffic.duration_ms": {"low": 3, "high": 2}},
                                    {"traffic.duration_ms": {"low": 1, "likely": 9, "high": 2}},
                                    {"ranges.seed": {"low": 1, "high": 2}}])
def test_a_range_on_no_number_or_out_of_order_is_refused(examples: dict[str, Workload],
                                                         fields: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        _ranged(examples["http-api"], fields)


def test_a_range_outside_the_fields_bounds_is_refused_when_read(examples: dict[str, Workload]) -> None:
    refused = re.escape("'lambda.memory_mb' 64..999999 is outside the field's range 128..10240")
    with pytest.raises(ValueError, match=refused):
        _ranged(examples["http-api"], {"lambda.memory_mb": {"low": 64, "high": 999_999}})


GROWTH = {"horizon.growth.monthly_pct": {"low": 0, "likely": 3, "high": 8}}


def test_a_growth_range_is_accepted_and_drawn_over_the_horizon(examples: dict[str, Workload],
                                                               book: PriceBook) -> None:
    """The growth is drawn (seeded), each draw's months priced as the horizon prices them: the P10-P90 of the
    total brackets the total at the likely growth, and a higher growth never costs less."""
    from desktop.model.advice.horizon_costs import horizon_of
    from desktop.model.advice.uncertainty import horizon_spread
    from desktop.present.outlook import outlook_lines

    horizon = {"months": 36, "growth": {"kind": "compound", "monthly_pct": 3}}
    workload = _ranged(examples["http-api"], GROWTH, horizon=horizon)
    advice = advise(workload, book)
    found = horizon_spread(advice)
    assert found is not None and found.draws == 200 and found.months == 36
    likely = horizon_of(advice)
    assert likely is not None
    for option, spread in found.options.items():
        total = likely.options[option].total
        assert spread.p10 is not None and spread.p90 is not None and total is not None
        assert spread.p10 < total < spread.p90  # growth 0-3-8%: the likely growth sits inside the band
    assert found.options["fargate"].cheapest_share == 1.0
    assert monte_carlo(workload, book, advice.quote) is None  # nothing monthly is ranged
    again = horizon_spread(advise(workload, book))
    assert again is not None and again.options == found.options  # same seed, same spread
    data = advice_json(advice, book)["horizon"]["growth_spread"]
    assert data["draws"] == 200 and data["options"]["fargate"]["complete"] is True
    text = next(line for line in outlook_lines(advice) if line.startswith("Growth ranged"))
    assert "monthly growth 0-3-8%" in text and "P10-P90" in text and "200 draws, seed 7" in text


def test_a_growth_range_without_a_horizon_or_on_another_horizon_figure_is_refused(
        examples: dict[str, Workload]) -> None:
    with pytest.raises(ValueError, match="has no horizon"):
        _ranged(examples["http-api"], GROWTH)
    with pytest.raises(ValueError, match="cannot be ranged"):
        _ranged(examples["http-api"], {"horizon.months": {"low": 12, "high": 24}}, horizon={"months": 24})
    with pytest.raises(ValueError, match="outside the field's range"):
        _ranged(examples["http-api"], {"horizon.growth.monthly_pct": {"low": -80, "high": 3}}, horizon={"months": 24})
