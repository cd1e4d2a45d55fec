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
from desktop.pricelist.offers.importer import import_files
from desktop.pricelist.offers.mapping import TABLES, Target, schema_accepts, target_for
from desktop.pricelist.offers.records import PriceListError
from desktop.pricelist.offers.rules import OFFERS
from tests.conftest import REPO, make_workload
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
    storage = region.fargate.ephemeral_storage
    assert storage is not None and storage.unit == "GB-second"  # the only unit the book takes for it
    assert storage.usd == D("0.0000000358333333333")  # the row's 0.000129 per GB-hour / 3600, 12 digits
    assert "0.000129 USD per GB-Hours / 3,600 = per GB-second, to 12 significant digits" in storage.note
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


def test_the_bundled_london_prices_from_the_same_offers_equal_the_imported_ones(
        book: PriceBook, imported: tuple[UserBook, PriceBook]) -> None:
    # The bundled book took its eu-west-2 Lambda, Fargate, API Gateway and data-transfer prices from the very
    # rows of these sample files (sources T-L, T-F, T-G, T-D): importing them must give the same numbers.
    from desktop.model.pricing.price_paths import priced_paths

    _, effective = imported
    before = {(*p.path, p.tier): p.price for p in priced_paths(book.regions["eu-west-2"])}
    after = {(*p.path, p.tier): p.price for p in priced_paths(effective.regions["eu-west-2"])}
    same_rows = {k: v for k, v in before.items() if v.source in ("T-L", "T-F", "T-G", "T-D")}
    assert len(same_rows) >= 25
    for key, price in same_rows.items():
        assert after[key].origin == "imported", key
        assert after[key].unit == price.unit, key
        if key[:2] == ("fargate", "ephemeral_storage"):  # per GB-hour / 3600: both rounded, differently
            assert abs(after[key].usd - price.usd) < D("1e-16")
        else:
            assert after[key].usd == price.usd, key


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
    assert report.written == {"eu-north-1": 10}  # requests, 3 + 3 duration tiers, PC, storage, LMI requests
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
    # The book states the Lambda Managed Instances fee as a fraction of the EC2 price: an hourly fee row waits.
    assert report.waiting == ["AWSLambda lambda_managed.fee.* -> regions.<region>.lambda_managed.fee.* (hour): "
                              "us-east-1"]
    assert "AWSLambda lambda.requests.arm64: eu-west-2" in report.not_used
    assert "AmazonVPC public_ipv4.idle_hour: eu-west-2" in report.not_used
    assert any("lambda_requests: 1000000" in line and "the book has 1,000,000" in line for line in report.allowances)


def test_a_waiting_mapping_is_written_as_soon_as_the_schema_has_the_field(
        bundled: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    # Stand in for the schema gaining a per-type Lambda Managed Instances fee: point the waiting target at an
    # existing field of the same shape (instance type -> instance-hour price).
    monkeypatch.setitem(TABLES["AWSLambda"], ("lambda_managed", "fee", "*"),
                        Target(("ecs_managed", "management_fee", "*"), "instance-hour"))
    layer, report = import_files([FIXTURES / "AWSLambda-us-east-1.constructed.csv"], bundled, None)
    fee = layer.regions["us-east-1"]["ecs_managed"]["management_fee"]["m7i.large"]
    assert (fee["usd"], fee["unit"]) == ("9.91", "instance-hour") and "SKU FXLMIFEEM7ILARGE" in fee["note"]
    assert report.waiting == []


def test_schema_checks_fields_and_units() -> None:
    assert schema_accepts(Target(("lambda", "duration", "x86_64"), "GB-second", tiered=True), ())
    assert schema_accepts(Target(("ec2", "on_demand", "*"), "hour"), ("ec2", "on_demand", "m5.large"))
    assert not schema_accepts(Target(("lambda", "duration", "x86_64"), "GB-second"), ())  # a tier list
    assert not schema_accepts(Target(("alb", "hour"), "GB"), ())  # a unit the book does not have
    assert schema_accepts(Target(("nat_gateway", "hour"), "hour"), ())
    assert schema_accepts(Target(("data_transfer_out",), "GB", tiered=True), ())
    assert not schema_accepts(Target(("nat_gateway", "minute"), "hour"), ())  # no such field
    # The unit each field is priced in decides: an hourly row is not an address-hour price, nor a GB-hour one a
    # GB-second price (3600 times off).
    assert not schema_accepts(Target(("public_ipv4", "hour"), "hour"), ())
    assert schema_accepts(Target(("public_ipv4", "hour"), "address-hour"), ())
    assert not schema_accepts(Target(("fargate", "ephemeral_storage"), "GB-hour"), ())
    assert not schema_accepts(Target(("lambda_managed", "management_fee"), "hour"), ())  # a fraction, not a price
    assert schema_accepts(Target(("ecs_managed", "management_fee", "*"), "instance-hour"),
                          ("ecs_managed", "fee", "c6a.2xlarge"))


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
    shared = REPO.parent / "shared" / "pricelist-samples"  # beside the checkout, for developers and CI
    if not shared.exists():
        pytest.skip(f"the shared samples folder is not beside the checkout ({shared})")
    for sample in SAMPLES:
        assert sample.read_bytes() == (shared / sample.name).read_bytes()


def test_the_user_book_json_round_trips(imported: tuple[UserBook, PriceBook]) -> None:
    layer, _ = imported
    text = json.dumps(layer.to_json_dict())
    assert UserBook.model_validate(json.loads(text)) == layer


@pytest.mark.parametrize("name", ["AmazonECS-eu-west-2.csv", "AmazonECS-eu-west-2.json"])
def test_the_progress_callback_can_cancel_an_import(name: str, bundled: dict[str, Any],
                                                    json_twins: dict[str, Path]) -> None:
    from desktop.pricelist.offers.importer import ImportCancelled

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
    from desktop.report.sheet.price_register import price_register

    _, book = imported
    quote = compute_quote(make_workload(region="eu-west-2"), book)
    origins = {use.name: use.origin for use in price_register(quote, book).prices}
    assert origins["Lambda requests"] == "imported" and origins["EBS gp3 volume"] == "imported"
    assert origins["EC2 t3.medium on demand"] == "bundled"  # the cheapest fit, not in the EC2 file


def test_the_costs_people_forget_and_managed_instances_equal_their_rows(
        imported: tuple[UserBook, PriceBook]) -> None:
    _, book = imported
    region = book.regions["eu-west-2"]
    vpc, logs = "PL-AmazonVPC-20260917190528", "PL-AmazonCloudWatch-20260922101010"
    assert region.nat_gateway is not None and region.nat_gateway.hour is not None
    _row_price(book, region.nat_gateway.hour, "0.05", "2026-09-01", vpc)
    assert region.nat_gateway.gb_processed is not None and region.nat_gateway.gb_processed.unit == "GB"
    _row_price(book, region.nat_gateway.gb_processed, "0.05", "2026-09-01", vpc)
    assert region.public_ipv4 is not None and region.public_ipv4.hour.unit == "address-hour"
    _row_price(book, region.public_ipv4.hour, "0.005", "2026-09-01", vpc)
    assert "EUW2-PublicIPv4:InUseAddress" in region.public_ipv4.hour.note
    assert region.cloudwatch_logs is not None and region.cloudwatch_logs.ingestion_gb is not None
    _row_price(book, region.cloudwatch_logs.ingestion_gb, "0.5985", "2026-09-01", logs)  # not the 9.9x decoys
    assert region.cloudwatch_logs.storage_gb_month is not None
    _row_price(book, region.cloudwatch_logs.storage_gb_month, "0.0315", "2026-09-01", logs)
    assert [(t.up_to, t.price.usd, t.price.unit) for t in region.data_transfer_out] == [
        (D(10240), D("0.09"), "GB"), (D(51200), D("0.085"), "GB"), (D(153600), D("0.07"), "GB"),
        (None, D("0.05"), "GB")]
    _row_price(book, region.data_transfer_out[0].price, "0.09", "2026-06-01", "PL-AWSDataTransfer-20260831121448")
    assert region.data_transfer_inter_az is None  # the file's xAZ row is not read: never a price from it
    assert region.lambda_managed is not None and region.lambda_managed.requests is not None
    _row_price(book, region.lambda_managed.requests, "0.2", "2026-08-01", "PL-AWSLambda-20260831092318")
    assert region.lambda_managed.management_fee is not None  # the bundled 15% rule stays
    assert region.lambda_managed.management_fee.fraction == D("0.15")
    fees = book.regions["us-east-1"].ecs_managed
    assert fees is not None and fees.management_fee["c6a.2xlarge"].unit == "instance-hour"
    _row_price(book, fees.management_fee["c6a.2xlarge"], "0.037", "2026-09-01", "PL-AmazonECS-20260920000000")
    assert book.free_tier.data_transfer_out is not None and book.free_tier.data_transfer_out.source == "T-D-global"


def test_each_imported_source_lists_the_regions_its_prices_are_in(tmp_path: Path, bundled: dict[str, Any],
                                                                  imported: tuple[UserBook, PriceBook]) -> None:
    layer, book = imported
    assert layer.sources["PL-AWSLambda-20260831092318"].regions == ["eu-west-2"]
    assert layer.sources["PL-AWSELB-20260831092255"].regions == ["us-east-1"]
    for path, price in ((p, pr) for p, pr in _sourced(book) if pr.origin == "imported"):
        assert path.split(".")[1] in book.sources[price.source].regions, path
    # A whole-world file: one source, every region it gave prices for.
    stockholm = _copy_region(tmp_path, FIXTURES / "AmazonECS-eu-west-2.csv", "eu-north-1", "EUN1-", "EU (Stockholm)")
    meta, london = read_csv_offer(FIXTURES / "AmazonECS-eu-west-2.csv")
    world = write_csv_offer(tmp_path / "AmazonECS-index.csv", meta, london + read_csv_offer(stockholm)[1])
    world_layer, _ = import_files([world], bundled, None)
    assert world_layer.sources["PL-AmazonECS-20260831092155"].regions == ["eu-north-1", "eu-west-2"]


def _sourced(book: PriceBook) -> list[tuple[str, Price]]:
    from desktop.model.pricing.book import _sourced_items

    return [(path, item) for code, region in book.regions.items()
            for path, item in _sourced_items(region, f"regions.{code}") if isinstance(item, Price)]


def test_an_imported_price_cited_in_another_region_is_refused_as_borrowed(
        bundled: dict[str, Any], imported: tuple[UserBook, PriceBook]) -> None:
    layer, _ = imported
    data = layer.to_json_dict()
    london = data["regions"]["eu-west-2"]["lambda"]["requests"]
    data["regions"]["us-east-1"]["lambda"] = {"requests": london}  # hand-edited: London's row put in Virginia
    with pytest.raises(ValueError, match=r"regions\.us-east-1\.lambda\.requests\.source: "
                                         r"'PL-AWSLambda-20260831092318' gives prices for eu-west-2 only"):
        effective_book(bundled, data)


def test_a_layer_source_may_not_redefine_a_bundled_one(bundled: dict[str, Any]) -> None:
    # Renaming a bundled one-region source's scope away would let a layer borrow its prices elsewhere.
    scoped = bundled["sources"]["T-L"]
    data = {"sources": {"T-L": {**scoped, "regions": []}}}
    with pytest.raises(ValueError, match=r"sources\.T-L: the bundled book has a source of this name"):
        effective_book(bundled, data)


def _elb(tmp: Path, code: str, prefix: str, location: str, keep: tuple[str, ...]) -> Path:
    """The us-east-1 ELB sample's ALB rows named `keep` (LoadBalancerUsage, LCUUsage) moved to another region."""
    meta, rows = read_csv_offer(FIXTURES / "AWSELB-us-east-1.csv")
    moved = [{**row, "Region Code": code, "Location": location, "usageType": prefix + row["usageType"]}
             for row in rows if row["usageType"] in keep and row.get("Region Code") == "us-east-1"]
    assert moved
    return write_csv_offer(tmp / f"AWSELB-{code}-{'-'.join(keep)}.csv", meta, moved)


def test_alb_rows_fit_the_books_pair_or_hour_alone(tmp_path: Path, bundled: dict[str, Any]) -> None:
    # ap-south-1: the bundled book has the hour only (alb_hour_only). A file with both rows gives the pair, which
    # supersedes the bundled hour alone.
    both = _elb(tmp_path, "ap-south-1", "APS3-", "Asia Pacific (Mumbai)", ("LoadBalancerUsage", "LCUUsage"))
    layer, _ = import_files([both], bundled, None)
    mumbai = effective_book(bundled, layer).regions["ap-south-1"]
    assert mumbai.alb is not None and mumbai.alb_hour_only is None
    assert (mumbai.alb.hour.origin, mumbai.alb.lcu_hour.usd) == ("imported", D("0.008"))
    # ap-southeast-2: no ALB price in the bundled book. The hour row alone gives alb_hour_only, never half a pair.
    hour = _elb(tmp_path, "ap-southeast-2", "APS2-", "Asia Pacific (Sydney)", ("LoadBalancerUsage",))
    layer, report = import_files([hour], bundled, None)
    sydney = effective_book(bundled, layer).regions["ap-southeast-2"]
    assert sydney.alb is None and sydney.alb_hour_only is not None and sydney.alb_hour_only.origin == "imported"
    assert report.written == {"ap-southeast-2": 1}
    # ... and a later file with both rows replaces it with the pair.
    both = _elb(tmp_path, "ap-southeast-2", "APS2-", "Asia Pacific (Sydney)", ("LoadBalancerUsage", "LCUUsage"))
    layer, _ = import_files([both], bundled, layer)
    sydney = effective_book(bundled, layer).regions["ap-southeast-2"]
    assert sydney.alb is not None and sydney.alb_hour_only is None
    assert "alb_hour_only" not in layer.regions["ap-southeast-2"]
    # An LCU row with no hour price for its region anywhere: reported, not written.
    lcu = _elb(tmp_path, "ap-southeast-2", "APS2-", "Asia Pacific (Sydney)", ("LCUUsage",))
    layer, report = import_files([lcu], bundled, None)
    assert "ap-southeast-2" not in layer.regions and report.written == {}
    assert any(line.startswith("AWSELB alb.lcu_hour: ap-southeast-2 (no ALB-hour price") for line in report.not_used)
    # eu-west-2 has the pair in the bundled book: an hour row alone updates the pair's hour.
    hour = _elb(tmp_path, "eu-west-2", "EUW2-", "EU (London)", ("LoadBalancerUsage",))
    layer, _ = import_files([hour], bundled, None)
    london = effective_book(bundled, layer).regions["eu-west-2"]
    assert london.alb is not None and (london.alb.hour.origin, london.alb.lcu_hour.origin) == ("imported", "bundled")


def test_nat_gateway_rows_are_read_from_the_ec2_offer_too(tmp_path: Path, bundled: dict[str, Any]) -> None:
    # AWS lists NAT gateway prices in AmazonEC2 (the bundled book's source T read EUW2-NatGateway-Hours from
    # AmazonEC2 20260904231117). These rows are the constructed EC2 file's shape with that usage type.
    from tests.fixtures.pricelist.make_constructed import LONDON, _row

    meta, rows = read_csv_offer(FIXTURES / "AmazonEC2-eu-west-2.constructed.csv")
    family = {key: "" for key in rows[0] if key not in _row("X", "0", "Hrs", "u")} | {
        "serviceCode": "AmazonEC2", **LONDON}
    nat = [_row("FXEC2NATHOURS001", "0.0500000000", "Hrs", "EUW2-NatGateway-Hours",
                **{**family, "Product Family": "NAT Gateway"}),
           _row("FXEC2NATBYTES001", "0.0500000000", "GB", "EUW2-NatGateway-Bytes",
                **{**family, "Product Family": "NAT Gateway"}),
           _row("FXEC2NATDECOY001", "9.9100000000", "Hrs", "EUW2-NatGateway-Hours",  # another family: not NAT
                **{**family, "Product Family": "Something Else"})]
    path = write_csv_offer(tmp_path / "AmazonEC2-nat.csv", meta, [*rows, *nat])
    layer, report = import_files([path], bundled, None)
    book = effective_book(bundled, layer)
    region = book.regions["eu-west-2"]
    assert region.nat_gateway is not None and region.nat_gateway.hour is not None
    _row_price(book, region.nat_gateway.hour, "0.05", "2026-09-01", "PL-AmazonEC2-20260925174521")
    assert region.nat_gateway.gb_processed is not None and region.nat_gateway.gb_processed.usd == D("0.05")
    assert report.written == {"eu-west-2": 6}  # 3 instance types, gp3, NAT hour and GB
    # With the AmazonVPC file too, the newer publication gives the price (AmazonEC2's, 2026-09-25).
    both, _ = import_files([path, FIXTURES / "AmazonVPC-eu-west-2.constructed.csv"], bundled, None)
    assert both.regions["eu-west-2"]["nat_gateway"]["hour"]["source"] == "PL-AmazonEC2-20260925174521"
    assert both.regions["eu-west-2"]["public_ipv4"]["hour"]["source"] == "PL-AmazonVPC-20260917190528"
