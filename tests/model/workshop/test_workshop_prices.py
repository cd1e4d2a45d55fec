"""Workshop-scoped prices: a workshop file carries its own overrides, added prices and discounts, so whoever opens
it prices it the same way; old files open unchanged; bad prices are refused with one line naming the field."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.model.advice.advise import advise
from desktop.model.pricing.book import PriceBook, load_price_book
from desktop.model.workload.files import WorkloadFileError
from desktop.model.workload.spec import Workload
from desktop.model.workshop.files import load_document, parse_workshop, save_workshop, workshop_json
from desktop.model.workshop.prices import (
    FROM_THE_FILE,
    MAX_OVERRIDES,
    WORKSHOP_SOURCE,
    WorkshopPrices,
    from_the_file,
    workshop_book,
)
from desktop.model.workshop.spec import ScenarioEntry, WorkshopSpec
from desktop.workbench.workbench import Workbench

FEE = "ECS MI management fee rate (general types)"
FEE_PATH = "us-east-1/ecs_managed/management_fee/t3.medium"
PRICES = {
    "overrides": {
        "us-east-1/lambda/requests": {"usd": "0.18", "note": "private pricing 2026", "as_of": "2026-12-01"},
        FEE_PATH: {"usd": "0.0050", "note": "AWS account team quote", "as_of": "2026-12-01", "confidence": "C",
                   "unit": "instance-hour"},  # a price the book lacks: added, with its unit
    },
    "discounts": {"fargate": "10"},
}


# The goldens' frozen book: from before the ECS MI fee rule filled every region, so its us-east-1 has no fee for
# t3.medium and the ECS MI total leaves it out (the bundled book now prices it).
FROZEN = Path(__file__).resolve().parents[2] / "goldens" / "price-book.json"


@pytest.fixture
def book() -> PriceBook:
    return load_price_book(FROZEN)


@pytest.fixture
def room(tmp_path: Path, examples: dict[str, Workload]) -> Path:
    base = examples["http-api"]
    managed = base.with_changes({"name": "On ECS MI", "options": ["ecs_managed"]})
    spec = WorkshopSpec(scenarios=(ScenarioEntry(workload=base), ScenarioEntry(workload=managed)),
                        prices=WorkshopPrices.model_validate(PRICES))
    path = tmp_path / "room.workshop.json"
    save_workshop(path, spec)
    return path


def test_the_files_prices_price_every_scenario_and_say_where_they_came_from(room: Path, book: PriceBook) -> None:
    spec = load_document(room).workshop
    priced = workshop_book(book, spec.prices)
    fee = priced.regions["us-east-1"].ecs_managed.management_fee["t3.medium"]  # type: ignore[union-attr]
    assert (fee.usd, fee.unit, fee.source, fee.confidence) == (Decimal("0.0050"), "instance-hour", WORKSHOP_SOURCE,
                                                               "C")
    assert fee.note == f"{FROM_THE_FILE}: AWS account team quote"
    assert priced.regions["us-east-1"].fargate.linux_x86_64.vcpu.usd == (  # type: ignore[union-attr]
        book.regions["us-east-1"].fargate.linux_x86_64.vcpu.usd * Decimal("0.9"))  # type: ignore[union-attr]
    assert from_the_file(priced) == (2, "2 prices and a 10% discount on fargate from the workshop file")
    managed = advise(spec.scenarios[1].workload, priced).quote.options["ecs_managed"]
    assert managed.complete  # the fee the book lacks, added by the file: the total is whole
    assert advise(spec.scenarios[1].workload, book).quote.options["ecs_managed"].left_out == (
        FEE,)  # without the file's prices it is not
    # 2 t3.medium instances all month at $0.005 an hour
    assert managed.monthly_usd == Decimal("91.94") + Decimal("7.30")


def test_a_colleague_gets_the_same_totals_from_the_cli_and_the_window(room: Path, book: PriceBook,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["estimate", str(room), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)["comparison"]["scenarios"]
    assert data[1]["monthly_usd"]["ecs_managed"] == 99.24 and data[1]["complete"] is True
    bench = Workbench(book, Workload(name="x"))
    bench.open(room)
    assert bench.prices is not None and bench.base_book is book and bench.book is not book
    assert bench.compare().rows[1].totals["ecs_managed"] == Decimal("99.24")
    saved = room.with_name("again.workshop.json")
    bench.save(saved)  # the file's prices go with it
    assert json.loads(saved.read_text(encoding="utf-8"))["prices"] == json.loads(room.read_text(
        encoding="utf-8"))["prices"]
    bench.new()  # another document: the file's prices no longer apply
    assert bench.prices is None and bench.book is book


def test_old_files_open_unchanged_and_round_trip_without_prices(tmp_path: Path, examples: dict[str, Workload]) -> None:
    spec = WorkshopSpec(scenarios=(ScenarioEntry(workload=examples["http-api"]),))
    text = workshop_json(spec)
    assert "prices" not in json.loads(text)
    assert parse_workshop(json.loads(text)).prices is None


@pytest.mark.parametrize(("prices", "said"), [
    ({"overrides": {"xy": {"usd": "1", "note": "n", "as_of": "2026-01-01"}}}, "prices.overrides.xy.[key]"),
    ({"discounts": {"lambda": "100"}}, "a discount is a percentage from 0 to less than 100"),
    ({"discounts": {"lambdas": "5"}}, "'lambdas' is not a section to discount"),
    ({"overrides": {"us-east-1/lambda/requests": {"usd": "1", "note": "n" * 501, "as_of": "2026-01-01"}}},
     "note: at most 500 characters"),
    ({"overrides": {"us-east-1/lambda/requests": {"usd": "-1", "note": "n", "as_of": "2026-01-01"}}},
     "prices.overrides.us-east-1/lambda/requests.usd"),
    ({"surprise": {}}, "prices.surprise"),
])
def test_bad_prices_are_refused_in_one_line_naming_the_field(prices: dict[str, object], said: str) -> None:
    data = {"schema_version": 1, "scenarios": [{"workload": {"name": "a"}}], "prices": prices}
    with pytest.raises(WorkloadFileError) as caught:
        parse_workshop(data, "room.workshop.json")
    assert str(caught.value).startswith("room.workshop.json: ") and said in str(caught.value)
    assert "\n" not in str(caught.value)


def test_too_many_overrides_are_refused() -> None:
    many = {f"us-east-1/ec2/on_demand/t{i}": {"usd": "1", "note": "n", "as_of": "2026-01-01", "unit": "hour"}
            for i in range(MAX_OVERRIDES + 1)}
    with pytest.raises(WorkloadFileError, match=f"prices.overrides: .*{MAX_OVERRIDES}"):
        parse_workshop({"schema_version": 1, "scenarios": [{"workload": {"name": "a"}}],
                        "prices": {"overrides": many}}, "room.workshop.json")


def test_a_price_the_book_cannot_take_names_the_file_and_path(tmp_path: Path, book: PriceBook,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "far.workshop.json"
    path.write_text(json.dumps({"schema_version": 1, "scenarios": [{"workload": {"name": "a"}}], "prices": {
        "overrides": {"xx-east-9/lambda/requests": {"usd": "1", "note": "n", "as_of": "2026-01-01"}}}}),
        encoding="utf-8")
    assert main(["estimate", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert f"{path}: prices.overrides.xx-east-9/lambda/requests: region 'xx-east-9' is not in the price book" in err
    with pytest.raises(WorkloadFileError, match=r"prices\.overrides\.xx-east-9"):
        Workbench(book, Workload(name="x")).open(path)


def test_the_recovery_file_keeps_the_files_prices(room: Path, book: PriceBook) -> None:
    bench = Workbench(book, Workload(name="x"))
    bench.open(room)
    bench.rename(1, "renamed")  # an unsaved edit
    kind, document = bench.recovery_document()
    assert kind == "workshop" and document["prices"] == json.loads(room.read_text(encoding="utf-8"))["prices"]
    assert json.loads(bench.document_json())["prices"] == document["prices"]
    again = Workbench(book, Workload(name="x"))
    _change, problems = again.restore(parse_workshop(document), room)
    assert problems == [] and again.prices == bench.prices
    assert again.compare().rows[1].totals["ecs_managed"] == Decimal("99.24")


def test_advise_prices_a_workshop_with_its_own_prices(room: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["advise", str(room)]) == 0
    out = capsys.readouterr().out
    assert "$99.24" in out and f"{FEE} (no" not in out


def test_a_workshop_discount_applies_once_over_the_openers_user_book(room: Path, book: PriceBook) -> None:
    """The opener's user book takes 10% off Fargate and Lambda and overrides Lambda requests; the file takes 10% off
    Fargate: Fargate is 10% off its list price once (not 19%), the user's Lambda discount stays (the file says
    nothing of Lambda), the user's own price is not discounted, and the colleague without a user book gets the
    same Fargate price. The window (Workbench) prices the same."""
    from desktop.model.pricing.user_book import effective_book

    listed = book.regions["us-east-1"].fargate.linux_x86_64.vcpu  # type: ignore[union-attr]
    lambda_gb_s = book.regions["us-east-1"].lambda_.duration["x86_64"][0].price
    opener = effective_book(book, {"discounts": {"fargate": "10", "lambda": "10"}, "overrides": {
        "us-east-1/ec2/on_demand/m5.large": {"usd": "0.05", "note": "reserved via a reseller", "as_of": "2026-12-01"}}})
    file_prices = WorkshopPrices.model_validate({"discounts": {"fargate": "10", "all": "20"}})
    for opened_by in (opener, book):
        vcpu = workshop_book(opened_by, file_prices).regions["us-east-1"].fargate.linux_x86_64.vcpu  # type: ignore
        assert vcpu.usd == listed.usd * Decimal("0.9")  # once, from the list price
        assert vcpu.list_usd == listed.usd
        assert vcpu.note.count("discount") == 1 and "10% workshop file discount on fargate" in vcpu.note
    priced = workshop_book(opener, file_prices)
    region = priced.regions["us-east-1"]
    # the file's 20% on all services replaces the user's 10% on Lambda (a section's own wins only within one layer)
    assert region.lambda_.duration["x86_64"][0].price.usd == lambda_gb_s.usd * Decimal("0.8")
    assert region.ec2.on_demand["m5.large"].usd == Decimal("0.05")  # the user's own price: never discounted
    bench = Workbench(opener, Workload(name="x"))
    bench.open(room)  # the room's file: 10% on Fargate, over the opener's own 10%
    assert bench.book.regions["us-east-1"].fargate.linux_x86_64.vcpu.usd == (  # type: ignore[union-attr]
        listed.usd * Decimal("0.9"))
