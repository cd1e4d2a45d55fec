"""The price book schema refuses what cannot be a price, names the field, and still reads older books."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from pydantic import ValidationError

from desktop.model.pricing.book import PriceBook, load_price_book
from desktop.model.workload.validation import problems_of
from desktop.resources import price_book_path
from tests.conftest import REPO

FROZEN_BOOK = REPO / "tests" / "goldens" / "price-book.json"

Book = dict[str, Any]


def _bundled() -> Book:
    data: Book = json.loads(price_book_path().read_text(encoding="utf-8"))
    return data


def _problems(mutate: Callable[[Book], object]) -> list[str]:
    data = _bundled()
    mutate(data)
    with pytest.raises(ValidationError) as caught:
        PriceBook.model_validate(data)
    return [str(p) for p in problems_of(caught.value, PriceBook)]


def test_the_frozen_golden_book_still_validates() -> None:
    """Every new section is optional: the book the goldens were priced with (schema before them) still loads."""
    old = load_price_book(FROZEN_BOOK)
    assert old.confidence_counts == {"A": 23, "B": 333, "C": 368}  # + us-east-1 public IPv4 and NLB (A)
    region = old.region("eu-west-2")
    assert region.nat_gateway is None and region.public_ipv4 is None and region.cloudwatch_logs is None
    assert region.data_transfer_out == [] and region.lambda_managed is None and region.ecs_managed is None
    assert old.free_tier.data_transfer_out is None
    assert all(not s.regions for s in old.sources.values())


def test_the_bundled_book_validates() -> None:
    assert load_price_book(price_book_path()).schema_version == 1


@pytest.mark.parametrize(("mutate", "expected"), [
    (lambda b: b["free_tier"].update(lambda_requests=-1), "free_tier.lambda_requests: must be 0 or more, got -1"),
    (lambda b: b["free_tier"].update(lambda_gb_seconds=-400000), "free_tier.lambda_gb_seconds: must be 0 or more"),
    (lambda b: b["free_tier"].update(api_gateway_requests=-5), "free_tier.api_gateway_requests: must be 0 or more"),
    (lambda b: b["free_tier"]["data_transfer_out"].update(quantity="-100"),
     "free_tier.data_transfer_out.quantity: "),
])
def test_a_negative_free_allowance_is_refused_with_the_field(mutate: Callable[[Book], object],
                                                            expected: str) -> None:
    assert any(p.startswith(expected) for p in _problems(mutate))


@pytest.mark.parametrize(("mutate", "expected"), [
    (lambda b: b["regions"]["us-east-1"]["api_gateway"]["http"][0].update(up_to="-300000000"),
     "regions.us-east-1.api_gateway.http.0.up_to: "),
    (lambda b: b["regions"]["us-east-1"]["api_gateway"]["http"][0].update(up_to="0"),
     "regions.us-east-1.api_gateway.http.0.up_to: "),
    (lambda b: b["regions"]["us-east-1"]["api_gateway"]["rest"][1].update(up_to="100"),
     "regions.us-east-1.api_gateway.rest: tier bounds must increase: tier 2 ends at 100"),
    (lambda b: b["regions"]["eu-west-2"]["lambda"]["duration"]["x86_64"][1].update(up_to="6000000000"),
     "regions.eu-west-2.lambda.duration.x86_64: tier bounds must increase: tier 2 ends at 6000000000"),
    (lambda b: b["regions"]["eu-west-2"]["data_transfer_out"][0].update(up_to=None),
     "regions.eu-west-2.data_transfer_out: tier 1 has no upper bound, so it must be the last tier"),
])
def test_negative_or_non_increasing_tier_bounds_are_refused_with_the_field(
        mutate: Callable[[Book], object], expected: str) -> None:
    problems = _problems(mutate)
    assert any(p.startswith(expected) for p in problems), problems


@pytest.mark.parametrize(("mutate", "expected"), [
    (lambda b: b["regions"]["eu-west-2"]["nat_gateway"]["hour"].update(usd="-0.05"),
     "regions.eu-west-2.nat_gateway.hour.usd: "),
    (lambda b: b["regions"]["eu-west-2"]["data_transfer_out"][0]["price"].update(usd="NaN"),
     "regions.eu-west-2.data_transfer_out.0.price.usd: must be a finite number"),
    (lambda b: b["regions"]["eu-west-2"]["lambda_managed"]["management_fee"].update(fraction="-0.15"),
     "regions.eu-west-2.lambda_managed.management_fee.fraction: "),
    (lambda b: b["regions"]["us-east-1"]["ecs_managed"]["management_fee"]["c6a.2xlarge"].update(usd="Infinity"),
     "regions.us-east-1.ecs_managed.management_fee.c6a.2xlarge.usd: must be a finite number"),
])
def test_a_negative_or_infinite_price_or_fee_is_refused_with_the_field(mutate: Callable[[Book], object],
                                                                       expected: str) -> None:
    problems = _problems(mutate)
    assert any(p.startswith(expected) for p in problems), problems


def test_a_price_in_a_unit_the_field_is_not_priced_in_is_refused() -> None:
    """The Fargate storage line is priced per GB-second: a per-GB-hour rate there would be 3,600 times too high."""

    def per_hour(b: Book) -> None:
        b["regions"]["eu-west-2"]["fargate"]["ephemeral_storage"].update(usd="0.000129", unit="GB-hour")

    assert _problems(per_hour) == [
        "regions.eu-west-2.fargate.ephemeral_storage: unit must be 'GB-second' here, got 'GB-hour'"]
    problems = _problems(lambda b: b["regions"]["us-east-1"]["nat_gateway"]["gb_processed"].update(unit="hour"))
    assert problems == ["regions.us-east-1.nat_gateway.gb_processed: unit must be 'GB' here, got 'hour'"]


def test_a_price_citing_an_unknown_source_is_refused() -> None:
    problems = _problems(lambda b: b["regions"]["eu-west-2"]["public_ipv4"]["hour"].update(source="NOPE"))
    assert problems == ["regions.eu-west-2.public_ipv4.hour.source: 'NOPE' is not in the book's sources"]
    problems = _problems(lambda b: b["free_tier"]["data_transfer_out"].update(source="NOPE"))
    assert problems == ["free_tier.data_transfer_out.source: 'NOPE' is not in the book's sources"]


def test_a_one_region_source_cited_in_another_region_is_refused_as_borrowed() -> None:
    """London's Price List rows may not price Ireland, even where the two regions' prices happen to agree."""

    def borrow(b: Book) -> None:
        b["regions"]["eu-west-1"]["alb"] = b["regions"]["eu-west-2"]["alb"]

    problems = _problems(borrow)
    assert len(problems) == 1
    assert "regions.eu-west-1.alb.hour.source: 'T-E2' gives prices for eu-west-2 only; a eu-west-1 price may not " \
           "be borrowed from another region" in problems[0]


def test_alb_hour_only_is_refused_beside_a_complete_alb() -> None:
    def both(b: Book) -> None:
        b["regions"]["us-east-1"]["alb_hour_only"] = b["regions"]["us-east-1"]["alb"]["hour"]

    problems = _problems(both)
    assert problems == ["regions.us-east-1: alb_hour_only is only for a region without a complete `alb` price; "
                        "remove one"]
