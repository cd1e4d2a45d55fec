"""What the price book lacks, per region: named, consistent with the book, and consistent with the engine."""

from __future__ import annotations

import pytest

from desktop.model.advice.engine import compute_quote
from desktop.model.options.registry import missing_by_service, missing_prices, services
from desktop.model.pricing.book import PriceBook, load_price_book
from desktop.model.pricing.coverage import priced_up_to
from tests.conftest import REPO, make_workload

FROZEN_BOOK = REPO / "tests" / "goldens" / "price-book.json"
EC2_WINDOWS = "EC2 Windows instances (the book holds Linux prices only)"
EKS_FEES = ["EKS cluster fee", "EKS cluster fee in extended support"]  # sourced for us-east-1 only
LAMBDA_BEYOND_US_EAST_1 = [
    "Lambda ephemeral storage", "Lambda x86_64 provisioned concurrency",
    "Lambda x86_64 duration on provisioned concurrency", "Lambda arm64 provisioned concurrency",
    "Lambda arm64 duration on provisioned concurrency", "Lambda durable execution charges"]
DURABLE = "Lambda durable execution charges"  # no source in the references gives them, in any region
SQS_BEYOND = "Amazon SQS requests above 100,000,000,000 requests a month"  # the Price List snapshot's first tier


def test_us_east_1(book: PriceBook) -> None:
    # LMI requests (Lambda pricing page), the ECS MI fee rule and CloudWatch Logs storage are in the book now;
    # each option's own section first, then the shared ones
    assert missing_prices(book, "us-east-1") == [DURABLE, EC2_WINDOWS, SQS_BEYOND]


def test_eu_west_2_is_complete_but_for_what_the_price_list_rows_lack(book: PriceBook) -> None:
    assert missing_prices(book, "eu-west-2") == [
        "Lambda x86_64 duration on provisioned concurrency", "Lambda arm64 provisioned concurrency",
        "Lambda arm64 duration on provisioned concurrency", DURABLE, *EKS_FEES,
        "EC2 m8g.large", "EC2 c7i.large", "EC2 c6g.large", "EC2 c8g.large", "EC2 r7g.large", "EC2 g4dn.2xlarge",
        "EC2 g5.2xlarge", EC2_WINDOWS, "Network Load Balancer", SQS_BEYOND,
        # the source gives the first vended-log tier only (L2): Lambda logs above 10 TB a month are unpriced
        "CloudWatch Logs vended (Lambda) log ingestion above 10,240 GB a month"]


def test_eu_west_1_the_region_of_the_issue(book: PriceBook) -> None:
    grouped = missing_by_service(book, "eu-west-1")
    assert grouped["Lambda"] == ["Lambda x86_64 duration above 6,000,000,000 GB-seconds a month",
                                 "Lambda arm64 duration above 7,500,000,000 GB-seconds a month",
                                 *LAMBDA_BEYOND_US_EAST_1]
    assert grouped["Fargate"] == ["Fargate Windows/x86_64", "Fargate ephemeral storage"]
    assert grouped["API Gateway"] == ["API Gateway HTTP API above 300,000,000 requests a month",
                                      "API Gateway REST API"]
    assert grouped["CloudWatch Logs"] == ["CloudWatch Logs ingestion", "CloudWatch Logs storage",
                                          "CloudWatch Logs vended (Lambda) log ingestion"]
    # found in aws-prices-t3.md: EBS gp3 (A), ALB (B), NAT per GB (A), public IPv4 (C), data transfer out (B)
    assert not {"EBS", "Application Load Balancer", "NAT gateway", "public IPv4", "data transfer out"} & set(grouped)
    assert list(grouped) == [s for s in services() if s in grouped]


def test_an_alb_hour_without_lcu_lists_only_the_lcu(book: PriceBook) -> None:
    for code in ("ap-south-1",):
        found = missing_prices(book, code)
        assert "Application Load Balancer LCU-hour" in found and "Application Load Balancer" not in found


@pytest.mark.parametrize("code", ["us-east-1", "us-east-2", "us-west-2", "eu-west-1", "eu-central-1", "eu-west-2",
                                  "ap-southeast-1", "ap-southeast-2", "ap-northeast-1", "ap-south-1", "sa-east-1",
                                  "ca-central-1"])
def test_listed_if_and_only_if_absent(book: PriceBook, code: str) -> None:
    region = book.region(code)
    found = set(missing_prices(book, code))
    lam = region.lambda_
    assert ("Lambda requests" in found) == (lam.requests is None)
    assert ("Lambda ephemeral storage" in found) == (lam.ephemeral_storage is None)
    for arch in ("x86_64", "arm64"):
        assert (f"Lambda {arch} provisioned concurrency" in found) == (arch not in lam.provisioned_concurrency)
        end = priced_up_to(lam.duration.get(arch, []))
        if end is not None:
            assert f"Lambda {arch} duration above {end:,.0f} GB-seconds a month" in found
    for name in book.instance_types:
        assert (f"EC2 {name}" in found) == (name not in region.ec2.on_demand)
    assert ("Fargate ephemeral storage" in found) == (region.fargate.ephemeral_storage is None)
    assert ("EBS gp3 root volumes" in found) == (region.ec2.ebs_gp3 is None)
    assert ("public IPv4 addresses" in found) == (region.public_ipv4 is None)
    assert ("NAT gateway hours" in found) == (region.nat_gateway is None or region.nat_gateway.hour is None)
    assert ("data transfer out to the internet" in found) == (not region.data_transfer_out)
    assert ("Lambda Managed Instances requests" in found) == (
        region.lambda_managed is None or region.lambda_managed.requests is None)
    assert "NAT gateway hours" not in found  # found for all 12 regions (Price List, A)
    assert "data transfer out free allowance" not in found


def test_the_engine_names_what_coverage_lists(book: PriceBook) -> None:
    """The engine's "no sourced price for X in <region>" and the coverage list use the same X."""
    w = make_workload(region="eu-west-1", front_door="auto", **{"lambda": {"ephemeral_storage_mb": 1024}})
    quote = compute_quote(w, book)
    engine_says = {m for option in quote.options.values() for m in option.missing_prices}
    listed = missing_prices(book, "eu-west-1")
    assert engine_says
    for text in engine_says:
        assert any(f"no sourced price for {item} in eu-west-1" in text for item in listed), text


def test_fewer_gaps_than_before_aws_prices_more(book: PriceBook) -> None:
    old = load_price_book(FROZEN_BOOK)
    before = {code: missing_prices(old, code) for code in old.regions}
    after = {code: missing_prices(book, code) for code in book.regions}
    assert sum(map(len, after.values())) < sum(map(len, before.values()))
    assert "Lambda requests" in before["eu-west-2"] and "Lambda requests" not in after["eu-west-2"]
    assert "API Gateway HTTP API" in before["ca-central-1"]
    assert "API Gateway HTTP API" not in after["ca-central-1"]
    # what is newly listed is only what the old book had borrowed from us-east-1, or a tier list that now ends,
    # or Lambda's vended-log tiers (priced apart from custom logs since May 2025), or a data transfer tier list a
    # source gives only the first tier of (ap-southeast-1: the first 10 TB)
    for code in book.regions:
        for item in set(after[code]) - set(before[code]):
            assert item.startswith(("Lambda", "API Gateway HTTP API above", "Application Load Balancer LCU-hour",
                                    "CloudWatch Logs vended (Lambda)", "data transfer out to the internet above",
                                        "Amazon SQS requests above")), \
                (code, item)


def test_unknown_region() -> None:
    book = load_price_book(FROZEN_BOOK)
    with pytest.raises(KeyError):
        missing_prices(book, "mars-north-1")


def test_new_sections_have_readable_names_in_the_price_register(book: PriceBook) -> None:
    from desktop.model.pricing.price_paths import priced_paths
    from desktop.report.sheet.price_register import price_name

    names = {price_name(p) for code in ("us-east-1", "eu-west-2", "sa-east-1", "ap-south-1")
             for p in priced_paths(book.region(code))}
    assert {"NAT gateway hour", "NAT gateway per GB processed", "Public IPv4 address hour",
            "CloudWatch Logs ingestion per GB", "CloudWatch Logs storage per GB-month",
            "Data transfer out to the internet, tier 1 (up to 10,240 GB)", "Data transfer between AZs",
            "EBS gp3 IOPS above 3,000", "EBS gp3 MB/s above 125", "Lambda Managed Instances requests",
            "ECS Managed Instances management fee c6a.2xlarge", "Application Load Balancer hour (no LCU price)",
            "EC2 1-year reserved (no upfront) m7i.large"} <= names
    raw = [n for n in names if "_" in n.replace("x86_64", "")]
    assert not raw, raw
