"""One walk over a price tree: the validated book and its JSON agree on every price and its path, tiers are
numbered as an override names them, and the callers that used to walk on their own see the same prices."""

from __future__ import annotations

import json
from typing import Any

from desktop.model.pricing.book import PriceBook, Tier
from desktop.model.pricing.price_paths import priced_paths
from desktop.model.pricing.user_book import is_price
from desktop.model.pricing.walk import dotted, walk_prices
from desktop.pricelist.book.listing import price_lines


def _json_price_paths(book: PriceBook, code: str) -> list[tuple[str | int, ...]]:
    data: Any = json.loads(book.model_dump_json(by_alias=True))
    return [path for path, _ in walk_prices(data["regions"][code], is_price)]


def test_the_book_and_its_json_walk_to_the_same_prices_in_the_same_order(book: PriceBook) -> None:
    from desktop.model.pricing.book import Price

    for code, region in book.regions.items():
        from_model = [path for path, node in walk_prices(region, lambda n: isinstance(n, Price))]
        assert from_model == _json_price_paths(book, code) != []
    assert len(book.iter_prices()) == sum(len(_json_price_paths(book, code)) for code in book.regions)


def test_tiers_are_numbered_from_one_and_keep_their_bounds(book: PriceBook) -> None:
    region = book.region("us-east-1")
    duration = [p for p in priced_paths(region) if p.path == ("lambda", "duration", "x86_64")]
    tiers: list[Tier] = region.lambda_.duration["x86_64"]
    assert [p.tier for p in duration] == list(range(1, len(tiers) + 1)) and len(tiers) > 1
    assert [p.price for p in duration] == [t.price for t in tiers]
    assert duration[0].override_path == "lambda/duration/x86_64/1" and duration[-1].up_to is None
    assert [ln.path for ln in price_lines(book, "us-east-1")] == [p.override_path for p in priced_paths(region)]


def test_a_path_is_named_as_validation_names_it() -> None:
    assert dotted("regions.us-east-1", ("lambda", "duration", "x86_64", 0, "price")) == \
        "regions.us-east-1.lambda.duration.x86_64[0].price"


def test_a_price_is_not_looked_into_and_anything_else_is() -> None:
    tree = {"a": {"usd": "1", "unit": "hour", "nested": {"usd": "2", "unit": "hour"}}, "b": [{"c": {"usd": "3",
                                                                                                      "unit": "GB"}}]}
    assert [(path, node["usd"]) for path, node in walk_prices(tree, is_price)] == [(("a",), "1"),
                                                                                 (("b", 0, "c"), "3")]
