"""The effective book: the bundled one with the user layer on top, every price saying where it comes from."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

import pytest

from desktop.model.pricing.book import PriceBook
from desktop.model.pricing.user_book import USER_SOURCE, Override, UserBook, UserBookError, effective_book, provenance
from desktop.resources import price_book_path

D = Decimal
DAY = dt.date(2026, 12, 1)


def _layer(**fields: Any) -> UserBook:
    return UserBook.model_validate(fields)


def test_no_layer_is_the_bundled_book_and_the_bundled_file_is_unchanged(bundled: dict[str, Any],
                                                                        book: PriceBook) -> None:
    before = price_book_path().read_bytes()
    assert effective_book(bundled, None) == book
    assert effective_book(book, None) is book
    assert effective_book(book, UserBook()) == book
    assert price_book_path().read_bytes() == before
    assert "\"origin\"" not in price_book_path().read_text(encoding="utf-8")


def test_an_override_replaces_value_note_date_and_confidence(bundled: dict[str, Any]) -> None:
    layer = _layer(overrides={
        "us-east-1/lambda/requests": {"usd": "0.17", "note": "private pricing 2026 contract", "as_of": "2026-12-01"},
        "us-east-1/lambda/duration/arm64/2": {"usd": "0.000011", "note": "EDP", "as_of": "2026-11-01",
                                              "confidence": "A"},
        "us-east-1/ec2/on_demand/m5.large": {"usd": "0.09", "note": "RI-equivalent", "as_of": "2026-12-01",
                                             "confidence": "C"}})
    book = effective_book(bundled, layer)
    region = book.regions["us-east-1"]
    requests = region.lambda_.requests
    assert requests is not None
    assert (requests.usd, requests.unit, requests.note, requests.confidence, requests.origin, requests.source) == (
        D("0.17"), "1M requests", "private pricing 2026 contract", "B", "overridden", USER_SOURCE)
    tier = region.lambda_.duration["arm64"][1]
    assert (tier.up_to, tier.price.usd, tier.price.confidence) == (D("18750000000"), D("0.000011"), "A")
    assert region.lambda_.duration["arm64"][0].price.origin == "bundled"
    assert region.ec2.on_demand["m5.large"].estimated  # C as the user set it: shown as estimated
    assert book.sources[USER_SOURCE].data_date == "2026-12-01"
    assert "3 overridden by the user" in provenance(book)


def test_an_override_can_add_a_price_the_book_lacks_only_with_a_unit(bundled: dict[str, Any]) -> None:
    # (The bundled book now has eu-west-2 EBS gp3; it still lacks gp3 there in ap-south-1.)
    assert "ap-south-1" in bundled["regions"] and "ebs_gp3" not in bundled["regions"]["ap-south-1"]["ec2"]
    path = "ap-south-1/ec2/ebs_gp3"
    with pytest.raises(UserBookError, match="ap-south-1/ec2/ebs_gp3: the book has no price here; give the override"):
        effective_book(bundled, _layer(overrides={path: {"usd": "0.0928", "note": "quote", "as_of": "2026-12-01"}}))
    book = effective_book(bundled, _layer(overrides={path: {"usd": "0.0928", "note": "quote", "as_of": "2026-12-01",
                                                           "unit": "GB-month"}}))
    assert book.regions["ap-south-1"].ec2.ebs_gp3 is not None
    assert book.regions["ap-south-1"].ec2.ebs_gp3.origin == "yours"  # the user's own, where the book had none


@pytest.mark.parametrize(("path", "message"), [
    ("eu-north-1/lambda/requests", "region 'eu-north-1' is not in the price book"),
    ("us-east-1/lambda/duration/x86_64", "a tiered price; add the tier number"),
    ("us-east-1/lambda/duration/x86_64/4", "'4' is not a tier number (1 to 3)"),
    ("us-east-1/lambda/requests/usd", "'usd' is below a price"),
    ("us-east-1/lambda/reqests", "the book has no price here"),
])
def test_an_override_that_names_no_price_is_refused_with_its_path(bundled: dict[str, Any], path: str,
                                                                  message: str) -> None:
    with pytest.raises(UserBookError, match=f"overrides.{path}: .*{message.split('(')[0]}"):
        effective_book(bundled, _layer(overrides={path: {"usd": "1", "note": "n", "as_of": "2026-12-01"}}))


def test_a_bad_override_value_is_refused_by_the_layer_schema() -> None:
    for value in ("-1", "NaN", "abc"):
        with pytest.raises(ValueError, match="usd"):
            Override.model_validate({"usd": value, "note": "n", "as_of": "2026-12-01"})
    with pytest.raises(ValueError, match="note"):
        Override.model_validate({"usd": "1", "note": "", "as_of": "2026-12-01"})


def test_discounts_per_service_win_over_all_and_spare_overrides(bundled: dict[str, Any], book: PriceBook) -> None:
    layer = _layer(discounts={"all": "5", "lambda": "10"}, overrides={
        "us-east-1/lambda/requests": {"usd": "0.15", "note": "contract", "as_of": "2026-12-01"}})
    effective = effective_book(bundled, layer)
    old, new = book.regions["us-east-1"], effective.regions["us-east-1"]
    assert new.lambda_.duration["x86_64"][0].price.usd == old.lambda_.duration["x86_64"][0].price.usd * D("0.9")
    assert new.ec2.on_demand["m5.large"].usd == old.ec2.on_demand["m5.large"].usd * D("0.95")
    assert new.lambda_.requests is not None and new.lambda_.requests.usd == D("0.15")  # not discounted
    note = new.ec2.on_demand["m5.large"].note
    assert "5% user discount on ec2 (all services), list price 0.096" in note
    assert new.ec2.on_demand["m5.large"].origin == "bundled"
    assert any("discounts 5% on all, 10% on lambda" in n for n in effective.notes)


@pytest.mark.parametrize(("data", "message"), [
    ({"discounts": {"lambda": "100"}}, "percentage from 0 to less than 100"),
    ({"discounts": {"s3": "5"}}, "'s3' is not a section to discount"),
    ({"overrides": {"lambda/requests": {"usd": "1", "note": "n", "as_of": "2026-12-01"}}}, "is not a price path"),
    ({"schema_version": 9}, "user price book format 9 is newer than this app knows"),
    ({"kind": "something-else"}, "kind"),
    ({"regions": {"eu-north-1": {"lambda": {}}}}, "regions.eu-north-1.name: is required"),
    # ap-southeast-2 has no ALB price in the bundled book (us-east-2, used here before, now has the pair).
    ({"regions": {"ap-southeast-2": {"alb": {"hour": {"usd": "0.0225", "unit": "hour", "source": "S8",
                                                      "as_of": "2026-08-31", "confidence": "A"}}}}},
     "regions.ap-southeast-2.alb.lcu_hour: is required"),
    ({"regions": {"eu-west-2": {"alb_hour_only": {"usd": "0.02646", "unit": "hour", "source": "T-E2",
                                                  "as_of": "2026-08-31", "confidence": "A"}}}}, "remove one"),
    ({"regions": {"eu-west-2": {"public_ipv4": {"hour": {"usd": "0.005", "unit": "hour", "source": "L1",
                                                         "as_of": "2026-09-17", "confidence": "B"}}}}},
     "unit must be 'address-hour' here"),
    ({"regions": {"eu-west-2": {"alb": {"hour": {"usd": "0.0225", "unit": "hour", "source": "X",
                                                 "as_of": "2026-08-31", "confidence": "A"}}}}},
     "'X' gives prices for us-west-2, ap-northeast-1 only; a eu-west-2 price may not be borrowed"),
])
def test_a_bad_layer_is_refused_naming_the_field(bundled: dict[str, Any], data: dict[str, Any],
                                                 message: str) -> None:
    with pytest.raises(ValueError, match=message):
        effective_book(bundled, data)


def test_layer_json_never_carries_origin_and_round_trips() -> None:
    layer = _layer(overrides={"us-east-1/alb/hour": {"usd": "0.02", "note": "n", "as_of": "2026-12-01"}},
                   discounts={"fargate": "7.5"})
    text = json.dumps(layer.to_json_dict())
    assert "\"origin\"" not in text
    assert UserBook.model_validate(json.loads(text)) == layer


def test_the_kind_marker_is_one_string() -> None:
    from desktop.model.pricing import user_book
    from desktop.pricelist.book import store

    assert store.USER_BOOK_KIND == user_book.USER_BOOK_KIND
