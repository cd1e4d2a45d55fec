"""Importing the samples: the effective book holds their prices, sourced and dated, and quotes use them."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from desktop.model.advice.engine import compute_quote
from desktop.model.pricing.book import Price, PriceBook
from desktop.model.pricing.checks import check_against_book
from desktop.model.pricing.user_book import Override, UserBook, effective_book
from desktop.pricelist.importer import import_files
from desktop.pricelist.mapping import TABLES, Target, schema_accepts, target_for
from desktop.pricelist.records import PriceListError
from desktop.pricelist.rules import OFFERS
from tests.conftest import make_workload
from tests.pricelist.conftest import FIXTURES, SAMPLES
from tests.pricelist.offer_files import read_csv_offer, write_csv_offer

D = Decimal


def _row_price(book: PriceBook, price: Price, usd: str, as_of: str, source: str) -> None:
    assert price.usd == D(usd)
    assert (price.confidence, price.origin, price.source) == ("A", "imported", source)
    assert price.as_of == dt.date.fromisoformat(as_of)
    assert book.sources[source].title == f"AWS Price List, {source.split('-')[1]} {source.split('-')[2]}"


def test_eu_west_2_lambda_prices_equal_their_rows(imported: tuple[UserBook, PriceBook]) -> None:
    _, book = imported
    prices = book.regions["eu-west-2"].lambda_
    source = "PL-AWSLambda-20260831092318"
    assert prices.requests is not None and prices.requests.unit == "1M requests"
    _row_price(book, prices.requests, "0.2", "2026-08-01", source)  # 0.0000002 per request x 1M
    assert [(t.up_to, t.price.usd) for t in prices.duration["x86_64"]] == [
        (D("6000000000"), D("0.0000166667")), (D("15000000000"), D("0.000015")), (None, D("0.0000133334"))]
    assert [(t.up_to, t.price.usd) for t in prices.duration["arm64"]] == [
        (D("7500000000"), D("0.0000133334")), (D("18750000000"), D("0.0000120001")), (None, D("0.0000106667"))]
    _row_price(book, prices.provisioned_concurrency["x86_64"], "0.0000048304", "2026-08-01", source)
    assert prices.ephemeral_storage is not None
    _row_price(book, prices.ephemeral_storage, "0.0000000358", "2026-08-01", source)
    assert "EUW2-Lambda-Storage-GB-Second (SKU N5RQX23Q92PY74R5)" in prices.ephemeral_storage.note
    assert prices.provisioned_duration == {}  # not in the London file: still missing, never borrowed


def test_eu_west_2_fargate_api_gateway_ec2_prices_equal_their_rows(imported: tuple[UserBook, PriceBook]) -> None:
    _, book = imported
    region = book.regions["eu-west-2"]
    ecs = "PL-AmazonECS-20260831092155"
    assert region.fargate.linux_x86_64 is not None and region.fargate.windows_x86_64 is not None
    _row_price(book, region.fargate.linux_x86_64.vcpu, "0.04656", "2026-07-01", ecs)
    _row_price(book, region.fargate.linux_x86_64.memory, "0.00511", "2026-07-01", ecs)
    assert region.fargate.linux_arm64 is not None
    _row_price(book, region.fargate.linux_arm64.vcpu, "0.03725", "2026-07-01", ecs)
    assert region.fargate.windows_x86_64.os_license is not None
    _row_price(book, region.fargate.windows_x86_64.os_license, "0.046", "2026-07-01", ecs)
    assert region.fargate.linux_x86_64.vcpu.unit == "vCPU-hour"
    assert region.fargate.ephemeral_storage is not None and region.fargate.ephemeral_storage.unit == "GB-hour"
    assert region.api_gateway is not None
    assert [(t.up_to, t.price.usd, t.price.unit) for t in region.api_gateway.http] == [
        (D(300_000_000), D("1.16"), "1M requests"), (None, D("1.04"), "1M requests")]
    assert [(t.up_to, t.price.usd) for t in region.api_gateway.rest] == [
        (D(333_000_000), D("3.5")), (D(1_000_000_000), D("3.33")), (D(20_000_000_000), D("2.83")), (None, D("1.8"))]
    ec2 = "PL-AmazonEC2-20260925174521"
    _row_price(book, region.ec2.on_demand["m5.large"], "0.111", "2026-09-01", ec2)
    assert region.ec2.ebs_gp3 is not None and region.ec2.ebs_gp3.unit == "GB-month"
    _row_price(book, region.ec2.ebs_gp3, "0.0928", "2026-09-01", ec2)
    assert region.ec2.on_demand["m6i.large"].origin == "bundled"  # the file does not have it: bundled stays
    assert "x2iedn.32xlarge" not in region.ec2.on_demand


def test_us_east_1_alb_and_lambda_rows(imported: tuple[UserBook, PriceBook]) -> None:
    _, book = imported
    region = book.regions["us-east-1"]
    assert region.alb is not None
    _row_price(book, region.alb.hour, "0.0225", "2026-08-01", "PL-AWSELB-20260831092255")
    _row_price(book, region.alb.lcu_hour, "0.008", "2026-08-01", "PL-AWSELB-20260831092255")
    _row_price(book, region.lambda_.provisioned_duration["arm64"], "0.0000077778", "2025-10-01",
               "PL-AWSLambda-20251001000000")


def test_the_bundled_book_is_untouched_where_nothing_was_imported(imported: tuple[UserBook, PriceBook],
                                                                  book: PriceBook) -> None:
    _, effective = imported
    assert effective.regions["ap-south-1"] == book.regions["ap-south-1"]
    assert all(p.origin == "bundled" for p in book.iter_prices())
    assert effective.free_tier == book.free_tier and effective.instance_types == book.instance_types


def test_a_quote_in_eu_west_2_uses_the_imported_prices(imported: tuple[UserBook, PriceBook]) -> None:
    _, book = imported
    workload = make_workload(region="eu-west-2", architecture="arm64", front_door="api_gateway_rest",
                             traffic={"requests_per_month": 2_000_000_000, "duration_ms": 120})
    quote = compute_quote(workload, book)
    lam = quote.options["lambda"]
    assert lam.monthly_usd is not None
    by_label = {i.label: i for i in lam.line_items}
    assert by_label["Requests"].unit_price_usd == D("0.2")
    assert by_label["Duration (arm64), tier 1"].unit_price_usd == D("0.0000133334")
    rest = [i for i in lam.line_items if i.label.startswith("API Gateway REST API")]
    assert [i.unit_price_usd for i in rest] == [D("3.5"), D("3.33"), D("2.83")]
    assert rest[1].quantity == D(667)  # 333M .. 1,000M requests, per 1M: the row's bounds in requests
    fargate = {i.label: i for i in quote.options["fargate"].line_items}
    assert fargate["vCPU"].unit_price_usd == D("0.03725") and fargate["vCPU"].price is not None
    assert fargate["vCPU"].price.origin == "imported"


def test_the_same_workload_cannot_be_priced_on_lambda_with_the_bundled_book(book: PriceBook) -> None:
    quote = compute_quote(make_workload(region="eu-west-2"), book)
    assert quote.options["lambda"].monthly_usd is None  # bundled book: no Lambda in eu-west-2


def test_json_files_import_exactly_like_csv(bundled: dict[str, Any], json_twins: dict[str, Path],
                                            imported: tuple[UserBook, PriceBook]) -> None:
    layer, _ = import_files(list(json_twins.values()), bundled, None, today=dt.date.today())
    from_csv = imported[0].to_json_dict()
    from_json = layer.to_json_dict()
    assert from_json["regions"] == from_csv["regions"]
    assert {k: (v["title"], v["data_date"]) for k, v in from_json["sources"].items()} == {
        k: (v["title"], v["data_date"]) for k, v in from_csv["sources"].items()}
    assert "JSON, imported from AWSLambda-eu-west-2.json" in from_json["sources"]["PL-AWSLambda-20260831092318"][
        "reference"]


def _copy_region(tmp: Path, source: Path, code: str, prefix: str, location: str, version: str | None = None,
                 change: dict[str, str] | None = None) -> Path:
    """A copy of a sample with its London rows moved to another region (synthetic: for tests only)."""
    meta, rows = read_csv_offer(source)
    if version:
        published = f"{version[:4]}-{version[4:6]}-{version[6:8]}T00:00:00Z"
        meta = {**meta, "Version": version, "Publication Date": published}
    moved = []
    for row in rows:
        if row.get("Region Code") == "eu-west-2":
            row = {**row, "Region Code": code, "Location": location,
                   "usageType": row["usageType"].replace("EUW2-", prefix)}
            if change and row["usageType"] in change:
                row["PricePerUnit"] = change[row["usageType"]]
        moved.append(row)
    return write_csv_offer(tmp / f"{source.stem}-{code}-{version or meta['Version']}.csv", meta, moved)


def test_a_region_only_the_files_have_becomes_usable(tmp_path: Path, bundled: dict[str, Any]) -> None:
    file = _copy_region(tmp_path, FIXTURES / "AWSLambda-eu-west-2.csv", "eu-north-1", "EUN1-", "EU (Stockholm)")
    layer, report = import_files([file], bundled, None)
    book = effective_book(bundled, layer)
    assert book.regions["eu-north-1"].name == "EU (Stockholm)"
    assert report.written == {"eu-north-1": 9}  # requests, 3 + 3 duration tiers, PC, storage
    workload = make_workload(region="eu-north-1")
    assert check_against_book(workload, book) == []
    assert compute_quote(workload, book).options["lambda"].monthly_usd is not None
    assert book.regions["eu-west-2"].name == "Europe (London)"  # the bundled name of a known region stays


def test_the_newest_publication_wins_whatever_the_file_order(tmp_path: Path, bundled: dict[str, Any]) -> None:
    newer = _copy_region(tmp_path, FIXTURES / "AWSLambda-eu-west-2.csv", "eu-west-2", "EUW2-", "EU (London)",
                         version="20261130000000", change={"EUW2-Lambda-Storage-GB-Second": "0.0000000300"})
    for order in ([newer, FIXTURES / "AWSLambda-eu-west-2.csv"], [FIXTURES / "AWSLambda-eu-west-2.csv", newer]):
        layer, _ = import_files(order, bundled, None)
        storage = effective_book(bundled, layer).regions["eu-west-2"].lambda_.ephemeral_storage
        assert storage is not None
        assert (storage.usd, storage.source) == (D("0.00000003"), "PL-AWSLambda-20261130000000")
        assert set(layer.sources) == {"PL-AWSLambda-20261130000000"}  # the older offer is no longer cited


def test_reimport_keeps_overrides_and_discounts_and_drops_unused_sources(tmp_path: Path,
                                                                         bundled: dict[str, Any]) -> None:
    first, _ = import_files([FIXTURES / "AWSLambda-eu-west-2.csv"], bundled, None)
    edited = first.model_copy(update={
        "overrides": {"eu-west-2/lambda/requests": Override(usd=D("0.18"), note="private pricing 2026",
                                                            as_of=dt.date(2026, 12, 1))},
        "discounts": {"fargate": D(10)}})
    newer = _copy_region(tmp_path, FIXTURES / "AWSLambda-eu-west-2.csv", "eu-west-2", "EUW2-", "EU (London)",
                         version="20261130000000")
    second, _ = import_files([newer, FIXTURES / "AmazonECS-eu-west-2.csv"], bundled, edited)
    assert second.overrides == edited.overrides and second.discounts == edited.discounts
    assert set(second.sources) == {"PL-AWSLambda-20261130000000", "PL-AmazonECS-20260831092155"}
    book = effective_book(bundled, second)
    requests = book.regions["eu-west-2"].lambda_.requests
    assert requests is not None and (requests.usd, requests.origin) == (D("0.18"), "overridden")
    vcpu = book.regions["eu-west-2"].fargate.linux_x86_64
    assert vcpu is not None and vcpu.vcpu.usd == D("0.04656") * D("0.9")


def test_parsed_prices_without_a_place_in_the_book_are_reported_as_waiting(bundled: dict[str, Any]) -> None:
    _, report = import_files([FIXTURES], bundled, None)
    waiting = "\n".join(report.waiting)
    for name in ("AmazonVPC nat_gateway.hour", "AmazonVPC nat_gateway.gb_processed",
                 "AmazonVPC public_ipv4.in_use_hour",
                 "AmazonCloudWatch logs.ingestion_gb", "AmazonCloudWatch logs.storage_gb_month",
                 "AWSDataTransfer data_transfer.internet_out", "AWSLambda lambda_managed.requests",
                 "AWSLambda lambda_managed.fee.*", "AmazonECS ecs_managed.fee.*"):
        assert name in waiting
    assert "AWSLambda lambda.requests.arm64: eu-west-2" in report.not_used
    assert any("lambda_requests: 1000000" in line and "the book has 1,000,000" in line for line in report.allowances)


def test_a_waiting_mapping_is_written_as_soon_as_the_schema_has_the_field(
        bundled: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    # Stand in for the schema gaining lambda_managed.requests: point the table's target at an existing field.
    monkeypatch.setitem(TABLES["AWSLambda"], ("lambda_managed", "requests"),
                        Target(("lambda", "requests"), "1M requests", D(1_000_000)))
    monkeypatch.setitem(TABLES["AWSLambda"], ("lambda", "requests", "x86_64"), None)
    layer, report = import_files([FIXTURES / "AWSLambda-eu-west-2.csv"], bundled, None)
    assert "SKU ZQYGKGSS6BWGRNAE" in layer.regions["eu-west-2"]["lambda"]["requests"]["note"]
    assert not any("lambda_managed.requests" in line for line in report.waiting)


def test_schema_checks_fields_and_units() -> None:
    assert schema_accepts(Target(("lambda", "duration", "x86_64"), "GB-second", tiered=True), ())
    assert schema_accepts(Target(("ec2", "on_demand", "*"), "hour"), ("ec2", "on_demand", "m5.large"))
    assert not schema_accepts(Target(("lambda", "duration", "x86_64"), "GB-second"), ())  # a tier list
    assert not schema_accepts(Target(("alb", "hour"), "GB"), ())  # a unit the book does not have
    assert not schema_accepts(Target(("nat_gateway", "hour"), "hour"), ())


def test_every_rule_has_a_line_in_its_offer_table() -> None:
    for code, rules in OFFERS.items():
        keys = [r.key for r in rules.exact.values()] + [r.key for r in rules.by_type.values()]
        for key in keys:
            assert target_for(code, key)[0], f"{code} {key} is not in mapping.TABLES"
    assert target_for("AmazonECS", ("ecs_managed", "fee", "c6a.2xlarge"))[0]


def test_two_different_prices_for_one_thing_are_refused(tmp_path: Path, bundled: dict[str, Any]) -> None:
    meta, rows = read_csv_offer(FIXTURES / "AmazonECS-eu-west-2.csv")
    twin = next(r for r in rows if r["usageType"] == "EUW2-Fargate-GB-Hours")
    path = write_csv_offer(tmp_path / "ecs.csv", meta, [*rows, {**twin, "SKU": "OTHERSKU", "PricePerUnit": "0.006"}])
    with pytest.raises(PriceListError, match=r"ecs\.csv: line 17: a second price for fargate\.linux_x86_64\.memory "
                                             r"in eu-west-2 from 0 \(line 11 has 0\.00511, this row 0\.006\)"):
        import_files([path], bundled, None)


def test_the_samples_are_the_shared_ones_unchanged() -> None:
    shared = Path("/work/shared/pricelist-samples")
    if not shared.exists():
        pytest.skip("the shared samples folder is not on this machine")
    for sample in SAMPLES:
        assert sample.read_bytes() == (shared / sample.name).read_bytes()


def test_the_user_book_json_round_trips(imported: tuple[UserBook, PriceBook]) -> None:
    layer, _ = imported
    text = json.dumps(layer.to_json_dict())
    assert UserBook.model_validate(json.loads(text)) == layer


@pytest.mark.parametrize("name", ["AmazonECS-eu-west-2.csv", "AmazonECS-eu-west-2.json"])
def test_the_progress_callback_can_cancel_an_import(name: str, bundled: dict[str, Any],
                                                    json_twins: dict[str, Path]) -> None:
    from desktop.pricelist.importer import ImportCancelled

    path = json_twins["AmazonECS-eu-west-2.csv"] if name.endswith(".json") else FIXTURES / name
    seen: list[tuple[int, int]] = []

    def cancel(done: int, total: int, current: Path) -> None:
        seen.append((done, total))
        raise ImportCancelled()

    with pytest.raises(ImportCancelled):
        import_files([path], bundled, None, progress=cancel)
    assert len(seen) == 1 and 0 < seen[0][0] <= seen[0][1]


def test_a_whole_world_file_fills_every_region_it_has(tmp_path: Path, bundled: dict[str, Any]) -> None:
    stockholm = _copy_region(tmp_path, FIXTURES / "AmazonECS-eu-west-2.csv", "eu-north-1", "EUN1-", "EU (Stockholm)")
    meta, london = read_csv_offer(FIXTURES / "AmazonECS-eu-west-2.csv")
    _, moved = read_csv_offer(stockholm)
    world = write_csv_offer(tmp_path / "AmazonECS-index.csv", meta, london + moved)
    layer, report = import_files([world], bundled, None)
    assert report.written == {"eu-west-2": 8, "eu-north-1": 8}
    book = effective_book(bundled, layer)
    for code in ("eu-west-2", "eu-north-1"):
        rates = book.regions[code].fargate.linux_x86_64
        assert rates is not None and rates.vcpu.usd == D("0.04656")


def test_the_price_register_says_where_each_used_price_comes_from(imported: tuple[UserBook, PriceBook]) -> None:
    from desktop.report.price_register import price_register

    _, book = imported
    quote = compute_quote(make_workload(region="eu-west-2"), book)
    origins = {use.name: use.origin for use in price_register(quote, book).prices}
    assert origins["Lambda requests"] == "imported" and origins["EBS gp3 volume"] == "imported"
    assert origins["EC2 t3.medium on demand"] == "bundled"  # the cheapest fit, not in the EC2 file
