"""The readers keep exactly the rows the app uses, with the values of those rows, from CSV and JSON alike."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from desktop.pricelist.offers.reader import read_offer
from desktop.pricelist.offers.records import PriceRecord
from desktop.pricelist.offers.rules import OFFERS, base_usage
from tests.pricelist.conftest import CONSTRUCTED, FIXTURES, SAMPLES

KNOWN = frozenset({"m5.large", "t4g.medium", "c6i.2xlarge", "m7i.large"})
D = Decimal


def _kept(name: str) -> dict[tuple[str, ...], list[PriceRecord]]:
    _, records = read_offer(FIXTURES / name, KNOWN)
    found: dict[tuple[str, ...], list[PriceRecord]] = {}
    for record in records:
        found.setdefault(record.key, []).append(record)
    return found


def _bands(records: list[PriceRecord]) -> list[tuple[Decimal, Decimal, Decimal | None]]:
    return sorted((r.usd, r.begin, r.end) for r in records)


@pytest.mark.parametrize(("usage", "base"), [
    ("EUW2-Request", "Request"), ("Request", "Request"), ("EU-Fargate-GB-Hours", "Fargate-GB-Hours"),
    ("USE1-ApiGatewayHttpRequest", "ApiGatewayHttpRequest"), ("APS3-Fargate-ARM-GB-Hours", "Fargate-ARM-GB-Hours"),
    ("Global-Request", "Global-Request"), ("TS-LoadBalancerUsage", "TS-LoadBalancerUsage"),
    ("Outposts-LCUUsage", "Outposts-LCUUsage"), ("EUW2-TS-LoadBalancerUsage", "TS-LoadBalancerUsage"),
    ("Lambda-GB-Second", "Lambda-GB-Second"), ("BoxUsage:m5.large", "BoxUsage:m5.large"),
])
def test_the_region_prefix_is_removed_and_nothing_else(usage: str, base: str) -> None:
    assert base_usage(usage) == base


def test_lambda_rows_tiers_and_free_tier() -> None:
    kept = _kept("AWSLambda-eu-west-2.csv")
    assert set(kept) == {
        ("lambda", "requests", "x86_64"), ("lambda", "requests", "arm64"), ("lambda", "duration", "x86_64"),
        ("lambda", "duration", "arm64"), ("lambda", "provisioned_concurrency", "x86_64"),
        ("lambda", "ephemeral_storage", "x86_64"), ("lambda_managed", "requests"), ("free", "lambda_requests"),
        ("free", "lambda_gb_seconds")}  # no Lambda@Edge
    assert _bands(kept[("lambda", "duration", "x86_64")]) == [
        (D("0.0000133334"), D("15000000000"), None), (D("0.0000150000"), D("6000000000"), D("15000000000")),
        (D("0.0000166667"), D(0), D("6000000000"))]
    assert _bands(kept[("lambda", "duration", "arm64")]) == [
        (D("0.0000106667"), D("18750000000"), None), (D("0.0000120001"), D("7500000000"), D("18750000000")),
        (D("0.0000133334"), D(0), D("7500000000"))]
    (requests,) = kept[("lambda", "requests", "x86_64")]
    assert (requests.usd, requests.unit, requests.usage_type, requests.sku) == (
        D("0.0000002000"), "Request", "EUW2-Request", "NDYBVXT3KB548Z2A")
    assert (requests.region, requests.location, requests.effective) == ("eu-west-2", "EU (London)", dt.date(2026, 8, 1))
    assert kept[("lambda", "provisioned_concurrency", "x86_64")][0].usd == D("0.0000048304")
    assert kept[("lambda", "ephemeral_storage", "x86_64")][0].usd == D("0.0000000358")
    # free-tier rows (OfferTermCode A429C66SYZ, Location "Any") are allowances, never a tier priced at 0
    (free_requests,) = kept[("free", "lambda_requests")]
    assert free_requests.allowance and free_requests.end == D(1_000_000) and free_requests.region == ""
    assert kept[("free", "lambda_gb_seconds")][0].end == D(400_000)
    assert all(not r.allowance and r.usd > 0 for r in kept[("lambda", "duration", "x86_64")])


def test_fargate_rows_and_the_decoys_left_out() -> None:
    kept = _kept("AmazonECS-eu-west-2.csv")
    values = {key: (records[0].usd, records[0].unit) for key, records in kept.items()}
    assert values == {
        ("fargate", "linux_x86_64", "vcpu"): (D("0.0465600000"), "hours"),
        ("fargate", "linux_x86_64", "memory"): (D("0.0051100000"), "hours"),
        ("fargate", "linux_arm64", "vcpu"): (D("0.0372500000"), "hours"),
        ("fargate", "linux_arm64", "memory"): (D("0.0040900000"), "hours"),
        ("fargate", "windows_x86_64", "vcpu"): (D("0.0535440000"), "hours"),
        ("fargate", "windows_x86_64", "memory"): (D("0.0058765000"), "hours"),
        ("fargate", "windows_x86_64", "os_license"): (D("0.0460000000"), "hours"),
        ("fargate", "ephemeral_storage"): (D("0.0001290000"), "GB-Hours"),
    }  # ECS Anywhere (two tiers, "hours") is not there


def test_api_gateway_tiers_without_caches_websocket_or_portals() -> None:
    kept = _kept("AmazonApiGateway-eu-west-2.csv")
    assert set(kept) == {("api_gateway", "http"), ("api_gateway", "rest")}
    assert _bands(kept[("api_gateway", "http")]) == [
        (D("0.0000010400"), D("300000000"), None), (D("0.0000011600"), D(0), D("300000000"))]
    assert [b[0] for b in sorted(_bands(kept[("api_gateway", "rest")]), key=lambda b: b[1])] == [
        D("0.0000035000"), D("0.0000033300"), D("0.0000028300"), D("0.0000018000")]


def test_alb_hour_and_lcu_only_application_in_the_region() -> None:
    kept = _kept("AWSELB-us-east-1.csv")
    assert {k: (v[0].usd, v[0].sku) for k, v in kept.items()} == {
        ("alb", "hour"): (D("0.0225000000"), "37CUWUT8GSNQEPUV"),
        ("alb", "lcu_hour"): (D("0.0080000000"), "P2XGEJ8N3KU52WA8"),
    }  # not classic, network, gateway, trust store, Outposts or reserved LCUs


def test_data_transfer_out_tiers_and_the_global_allowance() -> None:
    kept = _kept("AWSDataTransfer-eu-west-2.csv")
    assert set(kept) == {("data_transfer", "internet_out"), ("free", "data_transfer_out_gb")}
    assert [b[0] for b in sorted(_bands(kept[("data_transfer", "internet_out")]), key=lambda b: b[1])] == [
        D("0.0900000000"), D("0.0850000000"), D("0.0700000000"), D("0.0500000000")]
    assert kept[("free", "data_transfer_out_gb")][0].end == D(100)


def test_ec2_keeps_plain_linux_on_demand_of_known_types_and_gp3() -> None:
    kept = _kept("AmazonEC2-eu-west-2.constructed.csv")
    assert {k: v[0].usd for k, v in kept.items()} == {
        ("ec2", "on_demand", "m5.large"): D("0.1110000000"), ("ec2", "on_demand", "t4g.medium"): D("0.0376000000"),
        ("ec2", "on_demand", "c6i.2xlarge"): D("0.4040000000"), ("ec2", "ebs_gp3"): D("0.0928000000")}
    assert all(len(v) == 1 for v in kept.values())  # Windows, RHEL, SQL, dedicated, reservations, gp2: none


def test_vpc_and_logs_rows() -> None:
    assert {k: v[0].usd for k, v in _kept("AmazonVPC-eu-west-2.constructed.csv").items()} == {
        ("nat_gateway", "hour"): D("0.05"), ("nat_gateway", "gb_processed"): D("0.05"),
        ("public_ipv4", "in_use_hour"): D("0.005"), ("public_ipv4", "idle_hour"): D("0.005")}
    assert {k: v[0].usd for k, v in _kept("AmazonCloudWatch-eu-west-2.constructed.csv").items()} == {
        ("logs", "ingestion_gb"): D("0.5985"), ("logs", "storage_gb_month"): D("0.0315")}


def test_managed_instance_fee_rows_are_read() -> None:
    assert _kept("AmazonECS-us-east-1.constructed.csv")[("ecs_managed", "fee", "c6a.2xlarge")][0].usd == D("0.037")
    assert ("lambda_managed", "fee", "m7i.large") in _kept("AWSLambda-us-east-1.constructed.csv")


def _comparable(records: list[PriceRecord]) -> list[tuple[object, ...]]:
    return sorted((r.key, r.region, r.location, r.usd, r.unit, r.begin, r.end, r.effective, r.sku, r.usage_type,
                   r.allowance) for r in records)


@pytest.mark.parametrize("csv_file", SAMPLES + CONSTRUCTED, ids=lambda p: p.name)
def test_json_gives_the_same_records_as_csv(csv_file: Path, json_twins: dict[str, Path]) -> None:
    csv_header, csv_records = read_offer(csv_file, KNOWN)
    json_header, json_records = read_offer(json_twins[csv_file.name], KNOWN)
    assert (json_header.offer_code, json_header.version, json_header.publication) == (
        csv_header.offer_code, csv_header.version, csv_header.publication)
    assert (csv_header.fmt, json_header.fmt) == ("csv", "json")
    assert _comparable(json_records) == _comparable(csv_records) != []
    assert json_records[0].where.startswith("terms.OnDemand.")


def test_progress_counts_every_byte_of_each_pass(json_twins: dict[str, Path]) -> None:
    for path, passes in ((FIXTURES / "AWSLambda-eu-west-2.csv", 1), (json_twins["AWSLambda-eu-west-2.csv"], 2)):
        seen: list[int] = []
        read_offer(path, KNOWN, seen.append)
        assert sum(seen) == passes * path.stat().st_size


def test_every_offer_the_app_reads_has_rules() -> None:
    assert set(OFFERS) == {"AWSLambda", "AmazonECS", "AmazonEC2", "AWSELB", "AmazonApiGateway", "AWSDataTransfer",
                           "AmazonVPC", "AmazonCloudWatch", "AmazonEKS"}
