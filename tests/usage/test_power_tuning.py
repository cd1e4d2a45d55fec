"""Lambda Power Tuning's output sets a function's memory and duration (measured, with the run named), read
bounded and refused like every file: one line naming the file and the field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.model.pricing.book import PriceBook
from desktop.usage.importer import import_usage
from desktop.usage.records import UsageError
from tests.usage import fixtures as fx


def _orders(workshop):  # type: ignore[no-untyped-def]
    return next(s for s in workshop.scenarios if s.workload.name == "orders")


@pytest.mark.parametrize("shape", ["output", "results"])
def test_the_chosen_size_and_its_duration_price_the_function(tmp_path: Path, book: PriceBook, shape: str) -> None:
    cur = fx.write_csv(tmp_path / "cur.csv", fx.cur_rows())
    tuning = fx.write_tuning(tmp_path / "orders.power-tuning.json", shape)
    workshop, _ = import_usage([cur, tuning], book)
    orders = _orders(workshop)
    assert (orders.workload.lambda_.memory_mb, orders.workload.traffic.duration_ms) == (256, 350.0)
    assert orders.workload.traffic.requests_per_month == 7_300_000  # still the bill's
    usage = orders.usage
    assert usage is not None
    memory, duration = usage.origin_of("lambda.memory_mb"), usage.origin_of("traffic.duration_ms")
    assert memory is not None and duration is not None
    assert (memory.origin, memory.detail) == ("measured", "Lambda Power Tuning (orders.power-tuning.json): the "
                                                          "size it chose")
    assert duration.detail == "Lambda Power Tuning (orders.power-tuning.json): average duration at 256 MB"
    assert ("Lambda Power Tuning (orders.power-tuning.json): 256 MB chosen, 350.0 ms and $0.0000016583 an "
            "invocation; tested: 128 MB 700.0 ms $0.0000016583; 256 MB 350.0 ms $0.0000016583; 512 MB 350.0 ms "
            "$0.0000031166.") in usage.assumptions
    assert not any(a.startswith("Lambda memory is not in a billing export") for a in usage.assumptions)


def test_describe_execution_names_the_function_and_the_strategy(tmp_path: Path, book: PriceBook) -> None:
    cur = fx.write_csv(tmp_path / "cur.csv", fx.cur_rows())
    run = fx.write_tuning(tmp_path / "run1.json", "execution")
    functions = fx.write_functions(tmp_path / "functions.json")  # orders runs with 512 MB today
    workshop, _ = import_usage([cur, run, functions], book)
    orders = _orders(workshop)
    assert orders.workload.lambda_.memory_mb == 256
    assert orders.usage.origin_of("lambda.memory_mb").detail == (  # type: ignore[union-attr]
        "Lambda Power Tuning (run1.json): the size it chose for balanced")
    assert ("Priced at Power Tuning's 256 MB; the function runs with 512 MB today (list-functions), which is what "
            "was billed.") in orders.usage.assumptions  # type: ignore[union-attr]


def test_a_result_for_a_function_without_usage_is_left_alone_and_named(tmp_path: Path, book: PriceBook) -> None:
    cur = fx.write_csv(tmp_path / "cur.csv", fx.cur_rows())
    tuning = fx.write_tuning(tmp_path / "resize.json")
    workshop, summary = import_usage([cur, tuning], book)
    assert _orders(workshop).workload.lambda_.memory_mb == 1024  # the default: the result was for another one
    assert ("resize.json: Lambda Power Tuning result for resize, which has no usage in the billing export or "
            "CloudWatch Invocations: left alone") in summary.notes


@pytest.mark.parametrize(("shape", "changes", "field", "message"), [
    ("output", {"power": 64}, "power", "must be a memory size of 128 to 10,240 MB"),
    ("output", {"power": "256.5"}, "power", "must be a memory size of 128 to 10,240 MB"),
    ("results", {"duration": -1}, "results.duration", "must be a number above 0 and at most 900,000"),
    ("execution", {"duration": 1e400}, "output", "not valid JSON"),
    ("output", {"cost": "cheap"}, "cost", "must be a number, got 'cheap'"),
    ("output", {"stats": [{"value": 128, "averagePrice": 1e-6}]}, "stats.0.averageDuration", "must be a number"),
    ("output", {"stats": [{"value": 128, "averagePrice": 1e-6, "averageDuration": 1}] * 1001}, "stats",
     "holds more than 1,000 entries"),
])
def test_a_bad_result_is_refused_naming_the_file_and_field(tmp_path: Path, book: PriceBook, shape: str,
                                                           changes: dict[str, object], field: str,
                                                           message: str) -> None:
    path = tmp_path / "orders.json"
    fx.write_tuning(path, shape)
    if shape == "execution" and field == "output":
        data = json.loads(path.read_text())
        data["output"] = data["output"].replace("350.0", "1e400e")
        path.write_text(json.dumps(data), encoding="utf-8")
    else:
        fx.write_tuning(path, shape, **changes)
    with pytest.raises(UsageError) as caught:
        import_usage([path], book)
    assert caught.value.where == str(path) and caught.value.column == field
    assert message in caught.value.message
    assert "\n" not in str(caught.value)
