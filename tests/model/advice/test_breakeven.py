"""Break-even volumes: fed back into the exact engine, both options cost the same and the cheaper one flips."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.model.advice.advise import advise
from desktop.model.advice.curves import volume_range
from desktop.model.advice.engine import compute_quote
from desktop.model.pricing.book import PriceBook
from desktop.model.workload.files import save_workload
from desktop.model.workload.spec import Workload
from tests.conftest import make_workload


def _cheaper(book: PriceBook, w: Workload, volume: int, a: str, b: str) -> str:
    q = compute_quote(w, book, units_per_month=volume)
    ca, cb = q.options[a].monthly_usd, q.options[b].monthly_usd
    assert ca is not None and cb is not None
    return a if ca < cb else b


@pytest.mark.parametrize("name", ["http-api", "event-processor"])
def test_break_even_volumes_give_equal_costs_and_flip_the_winner(book: PriceBook, examples: dict[str, Workload],
                                                                 name: str) -> None:
    w = examples[name]
    found = [b for b in advise(w, book).break_even if b.volume is not None]
    assert found, "each of these examples has at least one break-even in range"
    for b in found:
        assert b.volume is not None
        q = compute_quote(w, book, units_per_month=b.volume)  # what `computefit estimate` prices
        ca, cb = q.options[b.first].monthly_usd, q.options[b.second].monthly_usd
        assert ca is not None and cb is not None
        assert abs(ca - cb) <= max(ca, cb) * Decimal("0.005"), b.text
        below = _cheaper(book, w, int(b.volume * 0.97), b.first, b.second)
        above = _cheaper(book, w, int(b.volume * 1.03), b.first, b.second)
        assert below != above, b.text
        assert below == b.cheaper_below
        assert b.monthly_usd == ca


def test_http_api_break_even_text(book: PriceBook, examples: dict[str, Workload]) -> None:
    pairs = {(b.first, b.second): b for b in advise(examples["http-api"], book).break_even}
    b = pairs[("lambda", "fargate")]
    assert b.volume is not None and 21_400_000 < b.volume < 21_450_000  # with the ALB's 2 public IPv4 addresses
    assert b.text.startswith(f"Lambda and Fargate cost the same at about {b.volume:,} requests a month")
    assert b.text.endswith("below it Lambda is cheaper, above it Fargate")
    # the current volume (30M) is above it, and Fargate is the recommendation: consistent
    assert examples["http-api"].units_per_month > b.volume


def test_none_in_range_names_the_range(book: PriceBook, examples: dict[str, Workload]) -> None:
    pairs = {(b.first, b.second): b for b in advise(examples["event-processor"], book).break_even}
    b = pairs[("fargate", "ec2")]
    assert b.volume is None and b.monthly_usd is None
    low, high = volume_range(examples["event-processor"])
    assert (b.searched_from, b.searched_to) == (low, high) == (1_000, 10_000_000_000)
    # ECS on EC2 pays its EBS gp3 root volumes since the book has eu-west-1's gp3 price (AWS Price List, 0.088)
    assert b.text == ("Fargate and ECS on EC2: no break-even between 1,000 and 10,000,000,000 requests a month; "
                      "Fargate is cheaper throughout")


def test_unpriced_option_has_no_break_even(book: PriceBook) -> None:
    w = make_workload(container={"os": "windows", "vcpu": 1, "memory_gb": 2})  # no EC2 Windows prices
    pairs = {(b.first, b.second): b for b in advise(w, book).break_even}
    assert pairs[("lambda", "ec2")].volume is None
    assert pairs[("lambda", "ec2")].text == ("Lambda and ECS on EC2: no break-even, Lambda is ruled out for this "
                                             "workload and ECS on EC2 cannot be priced for this workload")


def test_jobs_have_no_break_even(book: PriceBook, examples: dict[str, Workload]) -> None:
    assert advise(examples["nightly-batch"], book).break_even == ()


def test_search_range_widens_around_a_large_volume() -> None:
    low, high = volume_range(make_workload(traffic={"requests_per_month": 5 * 10**11}))
    assert low == 1_000 and high == 10**13


def test_break_even_fed_back_into_the_estimate_command(book: PriceBook, examples: dict[str, Workload], tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    w = examples["http-api"]
    (b,) = [b for b in advise(w, book).break_even if (b.first, b.second) == ("lambda", "fargate")]
    assert b.volume is not None
    costs = {}
    for label, volume in (("at", b.volume), ("below", int(b.volume * 0.95)), ("above", int(b.volume * 1.05))):
        path = tmp_path / f"{label}.workload.json"
        save_workload(path, w.with_changes({"traffic.requests_per_month": volume}))
        assert main(["estimate", str(path), "--json"]) == 0
        data = json.loads(capsys.readouterr().out)
        costs[label] = (data["options"]["lambda"]["monthly_usd"], data["options"]["fargate"]["monthly_usd"])
    lam, far = costs["at"]
    assert abs(lam - far) <= 0.005 * max(lam, far)
    assert costs["below"][0] < costs["below"][1]  # Lambda cheaper below the break-even
    assert costs["above"][0] > costs["above"][1]  # Fargate cheaper above it


@pytest.mark.parametrize("region", ["us-east-1", "eu-west-1"])
def test_the_pair_confirming_a_break_even_is_quoted_as_the_whole_quote_quotes_it(
        book: PriceBook, examples: dict[str, Workload], region: str) -> None:
    import itertools

    from desktop.model.advice.breakeven import exact_pair

    for workload in examples.values():
        workload = workload.model_copy(update={"region": region})
        for volume in (0, 1, 999_999, 19_000_001, 3_000_000_000):
            whole = compute_quote(workload, book, units_per_month=volume).options
            for a, b in itertools.combinations(whole, 2):
                assert exact_pair(workload, book, a, b, volume) == {a: whole[a], b: whole[b]}
