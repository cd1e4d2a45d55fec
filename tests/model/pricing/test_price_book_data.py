"""Spot checks of the bundled price book against the reference tables.

Expected values are transcribed by hand from the shared reference files aws-prices.md, aws-prices-regional.md,
aws-prices-more.md and the AWS Price List rows in shared/pricelist-samples/ (not computed from the book), so a
transcription slip in either place fails here.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from pydantic import BaseModel

from desktop.model.pricing.book import FargatePrices, Price, PriceBook, SourcedRate, Tier, load_price_book
from desktop.resources import price_book_path
from tests.conftest import REPO

BOOK_PATH = price_book_path()
FROZEN_BOOK = REPO / "tests" / "goldens" / "price-book.json"  # the book before aws-prices-more.md

REGIONS = {
    "us-east-1": "US East (N. Virginia)",
    "us-east-2": "US East (Ohio)",
    "us-west-2": "US West (Oregon)",
    "eu-west-1": "Europe (Ireland)",
    "eu-central-1": "Europe (Frankfurt)",
    "eu-west-2": "Europe (London)",
    "ap-southeast-1": "Asia Pacific (Singapore)",
    "ap-southeast-2": "Asia Pacific (Sydney)",
    "ap-northeast-1": "Asia Pacific (Tokyo)",
    "ap-south-1": "Asia Pacific (Mumbai)",
    "sa-east-1": "South America (São Paulo)",
    "ca-central-1": "Canada (Central)",
}


@pytest.fixture(scope="module")
def book() -> PriceBook:
    return load_price_book(BOOK_PATH)


def _check(p: Price | None, usd: str, unit: str, source: str, confidence: str) -> None:
    assert p is not None
    assert p.usd == Decimal(usd)
    assert p.unit == unit
    assert p.source == source
    assert p.confidence == confidence


def _check_tiers(tiers: list[Tier], expected: list[tuple[str | None, str]], unit: str, source: str,
                 confidence: str) -> None:
    assert [(None if t.up_to is None else str(t.up_to), str(t.price.usd)) for t in tiers] == expected
    for t in tiers:
        _check(t.price, str(t.price.usd), unit, source, confidence)


def _check_fargate_platforms(fg: FargatePrices, per: str, source: str, rates: tuple[str, ...]) -> None:
    """A region with every Fargate platform priced at confidence A: the rates of Linux x86_64 vCPU and memory, Linux
    arm64 vCPU and memory, Windows vCPU, memory and OS licence, in that order, per vCPU or GB and `per`
    second or hour."""
    assert fg.linux_x86_64 and fg.linux_arm64 and fg.windows_x86_64
    prices = (fg.linux_x86_64.vcpu, fg.linux_x86_64.memory, fg.linux_arm64.vcpu, fg.linux_arm64.memory,
              fg.windows_x86_64.vcpu, fg.windows_x86_64.memory, fg.windows_x86_64.os_license)
    for price, dimension, usd in zip(prices, ("vCPU", "GB") * 3 + ("vCPU",), rates, strict=True):
        _check(price, usd, f"{dimension}-{per}", source, "A")


def _walk_prices(node: object, path: str = "") -> list[tuple[str, Price]]:
    found: list[tuple[str, Price]] = []
    if isinstance(node, Price):
        found.append((path, node))
    elif isinstance(node, BaseModel):
        for name in type(node).model_fields:
            found += _walk_prices(getattr(node, name), f"{path}.{name}")
    elif isinstance(node, dict):
        for key, value in node.items():
            found += _walk_prices(value, f"{path}[{key}]")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found += _walk_prices(value, f"{path}[{i}]")
    return found


# ------------------------------------------------------------------ top level


def test_header(book: PriceBook) -> None:
    assert book.schema_version == 1
    assert book.effective_date == dt.date(2026, 12, 1)
    assert book.title == "ComputeFit bundled AWS price book"
    assert len(book.notes) >= 3
    ft = book.free_tier
    assert (ft.lambda_requests, ft.lambda_gb_seconds, ft.api_gateway_requests) == (
        1_000_000, 400_000, 1_000_000)
    assert ft.source == "S1"
    dto = ft.data_transfer_out
    assert dto is not None
    assert (dto.quantity, dto.unit, dto.source, dto.confidence) == (Decimal(100), "GB", "T-D-global", "A")
    assert dto.as_of == dt.date(2026, 8, 31) and "aggregated globally" in dto.note


def test_usd_is_stored_as_exact_strings() -> None:
    raw = BOOK_PATH.read_text(encoding="utf-8")
    assert '"usd": "0.0000166667"' in raw
    assert '"usd": "0.0000150000"' in raw

    def no_float_usd(node: object) -> None:
        if isinstance(node, dict):
            if "usd" in node:
                assert isinstance(node["usd"], str), node
            for value in node.values():
                no_float_usd(value)
        elif isinstance(node, list):
            for value in node:
                no_float_usd(value)

    no_float_usd(json.loads(raw))


def test_regions_are_the_twelve_with_names(book: PriceBook) -> None:
    assert set(book.regions) == set(REGIONS)
    for code, region in book.regions.items():
        assert region.name.strip(), code
        assert region.name == REGIONS[code]


def test_required_sources_present(book: PriceBook) -> None:
    required = {f"S{i}" for i in range(1, 10)} | {"S_catalog", "K", "Z", "F"}
    assert required <= set(book.sources)
    for key, src in book.sources.items():
        assert src.title and src.reference and src.data_date, key
    assert "001367d22a0033fac286a8c71aeac7109e431bcb" in book.sources["S_catalog"].reference
    assert book.sources["Z"].data_date == "2023-01-06"
    assert book.sources["F"].data_date == "2021-01-14"


@pytest.mark.parametrize(("key", "in_reference", "in_date"), [
    ("T", "mooncitizen/togen: internal/cost/prices/aws.json @ 36c1abbf17c7cd190fb02627aefb401567190523",
     "AWSLambda 20260831092318, AmazonApiGateway 20260831092134, AmazonEC2 20260904231117"),
    ("T-L", "pricelist-samples/AWSLambda-eu-west-2.csv", "2026-08-31T09:23:18Z"),
    ("T-G", "pricelist-samples/AmazonApiGateway-eu-west-2.csv", "2026-08-31T09:21:34Z"),
    ("T-E1", "pricelist-samples/AWSELB-us-east-1.csv", "2026-08-31T09:22:55Z"),
    ("T-E2", "AWSELB-eu-west-2.csv @ fdee117423ceda3ca613fa90f8411ac1d32a0127", "2026-08-31T09:22:55Z"),
    ("T-F", "pricelist-samples/AmazonECS-eu-west-2.csv", "2026-08-31T09:21:55Z"),
    ("T-D", "pricelist-samples/AWSDataTransfer-eu-west-2.csv", "2026-08-31T12:14:48Z"),
    ("C-sheet", "source C", "AmazonEC2 20260925174521"),
    ("L1", "source L1", "2026-09-11 to 2026-09-25"),
    ("L2", "source L2", "2026-10-05"),
    ("S-apse1", "source S", "2026-08-12"),
    ("X", "source X", "2026-09-04"),
    ("AE-L", "aws-lambda-plans-pricing.yml", "2026-09-20"),
    ("AE-E", "amazon-ecs-plans-pricing.yml @ 1c14926ddb8bcd7416feda210843e240c19e781b", "2026-09-20"),
    ("D-WP", "best-practices-api-gateway-private-apis-integration/cost-optimization.html", "2026"),
])
def test_new_sources_name_offer_file_and_date(book: PriceBook, key: str, in_reference: str, in_date: str) -> None:
    source = book.sources[key]
    assert in_reference in source.reference
    assert in_date in source.data_date


def test_one_region_sources_say_their_region(book: PriceBook) -> None:
    """The schema refuses a one-region source's price in any other region: here the scopes are set so it bites."""
    scopes = {key: src.regions for key, src in book.sources.items() if src.regions and not key.startswith("CM-")}
    assert scopes == {
        "S2": ["us-east-1"], "S3": ["us-east-1"], "S9": ["us-east-1"], "K": ["us-east-1"],
        "SYD": ["ap-southeast-2"], "BASECODE": ["sa-east-1"],
        "T-L": ["eu-west-2"], "T-G": ["eu-west-2"], "T-E1": ["us-east-1"], "T-E2": ["eu-west-2"],
        "T-F": ["eu-west-2"], "T-D": ["eu-west-2"], "C-sheet": ["us-east-1", "sa-east-1"],
        "L1": ["eu-west-2"], "L2": ["eu-west-2"], "S-apse1": ["ap-southeast-1"],
        "X": ["us-west-2", "ap-northeast-1"], "D-WP": ["us-east-1"], "CW-USE1": ["us-east-1"],
        "GP3-MD": ["us-east-1"], "FG-USE2": ["us-east-2"], "FG-APN1": ["ap-northeast-1"], "EKS-P": ["us-east-1"],
        # from aws-prices-t3.md
        "t3-U1": ["us-east-1"], "t3-P1": ["ap-southeast-1"], "t3-P2": ["eu-west-1"], "t3-P3": ["eu-west-1"],
        "t3-S5": ["ap-northeast-1"], "t3-S8": ["eu-central-1"], "t3-S9": ["ap-northeast-1"], "t3-S10": ["eu-west-1"],
        "t3-S12": ["us-west-2"], "t3-S13": ["us-east-2"], "t3-S14": ["us-east-2"], "t3-S18": ["ap-south-1"],
        "t3-S19": ["sa-east-1", "us-east-1"], "t3-S20": ["ca-central-1"], "t3-S22": ["us-east-1", "eu-central-1"],
        "t3-S24": ["us-east-2"], "t3-U12": ["us-east-2"], "t3-S25": ["ap-northeast-1"],
        "t3-S26b": ["ap-northeast-1"], "t3-S28": ["us-east-2"], "t3-S29": ["eu-west-1"], "t3-S30": ["eu-central-1"],
        "t3-S31": ["ap-southeast-2"], "t3-S33": ["us-east-2", "eu-central-1"],
        "W-SYD-DTO": ["ap-southeast-2"],
    }


def test_no_region_borrows_another_regions_price(book: PriceBook) -> None:
    """Nothing is "assumed equal to us-east-1" any more, and London's own rows differ from Virginia's."""
    for path, p in _walk_prices(book.regions):
        assert "assumed equal" not in p.note, path
        region = path.split("[")[1].split("]")[0]
        scope = book.sources[p.source].regions
        assert not scope or region in scope, path
    use1, euw2 = book.region("us-east-1"), book.region("eu-west-2")
    assert euw2.lambda_.provisioned_concurrency["x86_64"].usd != use1.lambda_.provisioned_concurrency["x86_64"].usd
    assert euw2.lambda_.ephemeral_storage and use1.lambda_.ephemeral_storage
    assert euw2.lambda_.ephemeral_storage.usd != use1.lambda_.ephemeral_storage.usd
    assert euw2.alb and use1.alb and euw2.alb.lcu_hour.usd != use1.alb.lcu_hour.usd


def test_every_price_source_exists(book: PriceBook) -> None:
    prices = _walk_prices(book.regions)
    assert len(prices) == len(book.iter_prices()) > 700
    missing = [path for path, p in prices if p.source not in book.sources]
    assert not missing
    for key, it in book.instance_types.items():
        assert it.source in book.sources, key
    assert book.free_tier.source in book.sources
    assert book.free_tier.data_transfer_out and book.free_tier.data_transfer_out.source in book.sources
    rates = book.iter_rates()
    assert len(rates) == 12 * 4  # LMI's 15% and ECS MI's three fee levels, in every region
    for path, rate in rates:
        assert isinstance(rate, SourcedRate) and rate.source in book.sources, path
        assert rate.as_of <= book.effective_date


def test_confidence_summary_improves_on_the_book_before_aws_prices_more() -> None:
    before = load_price_book(FROZEN_BOOK)
    after = load_price_book(BOOK_PATH)
    assert before.confidence_counts == {"A": 23, "B": 333, "C": 368}  # the frozen book, with 3 A rows (IPv4, NLB)
    # t3, commitments, rules; then SQS in 12 regions (A), Sydney's transfer out (4 tiers) and ca-central-1's
    # Lambda storage (C)
    assert after.confidence_counts == {"A": 148, "B": 383, "C": 378}
    share_before = {k: v / sum(before.confidence_counts.values()) for k, v in before.confidence_counts.items()}
    share_after = {k: v / sum(after.confidence_counts.values()) for k, v in after.confidence_counts.items()}
    assert share_after["A"] > share_before["A"] and share_after["C"] < share_before["C"]
    assert before.confidence_summary == "3% AWS published, 45% corroborated, 50% estimated"
    assert after.confidence_summary == "16% AWS published, 42% corroborated, 41% estimated"


def test_confidence_c_is_estimated_and_all_levels_used(book: PriceBook) -> None:
    levels = {p.confidence for p in book.iter_prices()}
    assert levels == {"A", "B", "C"}
    for p in book.iter_prices():
        assert p.estimated == (p.confidence == "C")
        assert p.as_of <= book.effective_date


# ------------------------------------------------------------------ instance types


def test_instance_types(book: PriceBook) -> None:
    types = book.instance_types
    assert len(types) == 57
    m6i = types["m6i.large"]
    assert (m6i.vcpu, m6i.memory_gib, m6i.architecture, m6i.gpus) == (2, Decimal(8), "x86_64", 0)
    assert types["r6g.2xlarge"].memory_gib == Decimal(64)
    assert types["c7g.4xlarge"].architecture == "arm64"
    assert types["g4dn.xlarge"].gpus == 1 and types["g4dn.xlarge"].gpu_model == "NVIDIA T4 16 GiB"
    assert types["g5.2xlarge"].gpu_model == "NVIDIA A10G 24 GiB"
    assert types["g6.xlarge"].gpu_model == "NVIDIA L4 24 GiB"
    burstable = {name for name, it in types.items() if it.burstable}
    assert burstable == {"t3.medium", "t3.large", "t3.xlarge", "t4g.medium", "t4g.large", "t4g.xlarge"}
    for region in book.regions.values():
        assert set(region.ec2.on_demand) <= set(types)


# ------------------------------------------------------------------ Lambda


def test_lambda_us_east_1_tiers(book: PriceBook) -> None:
    lam = book.region("us-east-1").lambda_
    _check(lam.requests, "0.20", "1M requests", "S2", "A")
    x86 = lam.duration["x86_64"]
    assert [t.up_to for t in x86] == [Decimal("6000000000"), Decimal("15000000000"), None]
    for t, usd in zip(x86, ["0.0000166667", "0.0000150000", "0.0000133334"], strict=True):
        _check(t.price, usd, "GB-second", "S2", "A")
    arm = lam.duration["arm64"]
    assert [t.up_to for t in arm] == [Decimal("7500000000"), Decimal("18750000000"), None]
    for t, usd in zip(arm, ["0.0000133334", "0.0000120001", "0.0000106667"], strict=True):
        _check(t.price, usd, "GB-second", "S2", "A")
    _check(lam.ephemeral_storage, "0.0000000309", "GB-second", "S2", "A")
    _check(lam.provisioned_concurrency["x86_64"], "0.0000041667", "GB-second", "S2", "A")
    _check(lam.provisioned_concurrency["arm64"], "0.0000033334", "GB-second", "S2", "A")
    _check(lam.provisioned_duration["x86_64"], "0.0000097222", "GB-second", "S2", "A")
    _check(lam.provisioned_duration["arm64"], "0.0000077778", "GB-second", "S2", "A")
    assert lam.requests is not None and lam.requests.as_of == dt.date(2025, 10, 1)


PRICE_LIST_T_REGIONS = ["us-east-2", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-1", "ap-southeast-2",
                        "ap-northeast-1", "ap-south-1", "sa-east-1", "ca-central-1"]
S5_REGIONS = ["us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-1", "ap-northeast-1", "ap-south-1", "sa-east-1"]


@pytest.mark.parametrize("code", PRICE_LIST_T_REGIONS)
def test_lambda_requests_and_x86_tier_1_from_the_price_list(book: PriceBook, code: str) -> None:
    """aws-prices-more.md 1.1: the same 0.20 per 1M and 0.0000166667 per GB-s in every target region (T, A)."""
    lam = book.region(code).lambda_
    _check(lam.requests, "0.20", "1M requests", "T", "A")
    assert lam.requests is not None and lam.requests.as_of == dt.date(2026, 8, 31)
    x86 = lam.duration["x86_64"]
    _check_tiers(x86, [("6000000000", "0.0000166667")], "GB-second", "T", "A")


@pytest.mark.parametrize("code", PRICE_LIST_T_REGIONS)
def test_lambda_prices_only_us_east_1_had_are_gone_not_borrowed(book: PriceBook, code: str) -> None:
    """Tiers 2-3, storage and provisioned concurrency were "assumed equal to us-east-1"; London shows they are not."""
    lam = book.region(code).lambda_
    assert len(lam.duration["x86_64"]) == 1
    # ca-central-1's storage price was once offered from an unnamed repository's test constant: not a source
    assert lam.ephemeral_storage is None
    assert not lam.provisioned_concurrency and not lam.provisioned_duration
    if code in S5_REGIONS:
        arm = lam.duration["arm64"]
        source, confidence = ("C-sheet", "B") if code == "sa-east-1" else ("S5", "B")
        _check_tiers(arm, [("7500000000", "0.0000133334")], "GB-second", source, confidence)
    elif code in ("us-east-2", "ap-southeast-2"):  # aws-prices-t3.md 9: one secondary source each (C)
        (tier,) = lam.duration["arm64"]
        _check(tier.price, "0.0000133334", "GB-second", {"us-east-2": "t3-S13", "ap-southeast-2": "t3-S31"}[code], "C")
    else:
        assert "arm64" not in lam.duration


def test_lambda_eu_west_2_every_dimension_from_the_price_list(book: PriceBook) -> None:
    """AWSLambda-eu-west-2.csv (T-L), published 2026-08-31: provisioned concurrency and storage cost more than in
    us-east-1; no Arm provisioned-concurrency row and no duration-on-provisioned row."""
    lam = book.region("eu-west-2").lambda_
    _check(lam.requests, "0.20", "1M requests", "T-L", "A")
    _check_tiers(lam.duration["x86_64"], [("6000000000", "0.0000166667"), ("15000000000", "0.0000150000"),
                                          (None, "0.0000133334")], "GB-second", "T-L", "A")
    _check_tiers(lam.duration["arm64"], [("7500000000", "0.0000133334"), ("18750000000", "0.0000120001"),
                                         (None, "0.0000106667")], "GB-second", "T-L", "A")
    _check(lam.provisioned_concurrency["x86_64"], "0.0000048304", "GB-second", "T-L", "A")
    assert set(lam.provisioned_concurrency) == {"x86_64"} and not lam.provisioned_duration
    _check(lam.ephemeral_storage, "0.0000000358", "GB-second", "T-L", "A")
    for p in (lam.requests, lam.ephemeral_storage):
        assert p is not None and p.as_of == dt.date(2026, 8, 31)


# ------------------------------------------------------------------ Lambda and ECS Managed Instances (issue 15)


def test_lambda_managed_instances(book: PriceBook) -> None:
    for code, region in book.regions.items():
        lmi = region.lambda_managed
        assert lmi is not None and lmi.management_fee is not None, code
        fee = lmi.management_fee
        assert (fee.fraction, fee.source, fee.confidence) == (Decimal("0.15"), "AE-L", "B")
        assert "EC2 on-demand" in fee.of and fee.as_of == dt.date(2026, 9, 20)
        if code == "eu-west-2":
            _check(lmi.requests, "0.20", "1M requests", "T-L", "A")
            assert lmi.requests is not None and "EUW2-Lambda-Managed-Instances-Request" in lmi.requests.note
        elif code == "us-east-1":  # the Lambda pricing page's request charge (aws-prices-t3.md 2.1, A)
            _check(lmi.requests, "0.20", "1M requests", "t3-U1", "A")
        else:  # the page states one price, but no regional row was found: not borrowed
            assert lmi.requests is None, code


def test_ecs_managed_instances_fee_only_where_aws_published_it(book: PriceBook) -> None:
    fees = {code: r.ecs_managed.management_fee for code, r in book.regions.items()
            if r.ecs_managed is not None and r.ecs_managed.management_fee}
    assert list(fees) == ["us-east-1"] and list(fees["us-east-1"]) == ["c6a.2xlarge"]
    fee = fees["us-east-1"]["c6a.2xlarge"]
    _check(fee, "0.037", "instance-hour", "AE-E", "C")
    assert "one-minute minimum" in fee.note and "region" in fee.note


# ------------------------------------------------------------------ Fargate


def test_fargate_us_east_1_per_second(book: PriceBook) -> None:
    fg = book.region("us-east-1").fargate
    _check_fargate_platforms(fg, "second", "S3", ("0.000011244", "0.000001235", "0.0000089944", "0.0000009889",
                                                  "0.0000254167", "0.0000027778", "0.0000127778"))
    _check(fg.ephemeral_storage, "0.0000000308", "GB-second", "S3", "A")
    assert fg.linux_x86_64 is not None
    assert fg.linux_x86_64.vcpu.per_second() == Decimal("0.000011244")


@pytest.mark.parametrize(
    ("code", "vcpu", "gb", "vcpu_conf", "gb_conf"),
    [
        ("us-east-2", "0.04048", "0.004445", "B", "B"),  # aws-prices-t3.md 11: S33 agrees with F
        ("us-west-2", "0.04048", "0.004445", "B", "B"),
        ("eu-west-1", "0.04048", "0.004445", "C", "C"),
        ("eu-central-1", "0.04656", "0.00511", "B", "B"),
        ("ap-southeast-1", "0.05056", "0.00553", "B", "C"),
        ("ap-southeast-2", "0.04856", "0.00532", "B", "B"),
        ("ap-northeast-1", "0.05056", "0.00553", "B", "C"),
        ("ap-south-1", "0.04256", "0.004655", "C", "C"),
        ("sa-east-1", "0.0696", "0.0076", "B", "B"),
        ("ca-central-1", "0.04456", "0.004865", "B", "B"),  # aws-prices-t3.md 11: S20 agrees with F
    ],
)
def test_fargate_x86_regional(book: PriceBook, code: str, vcpu: str, gb: str, vcpu_conf: str,
                              gb_conf: str) -> None:
    fg = book.region(code).fargate
    assert fg.linux_x86_64 is not None
    _check(fg.linux_x86_64.vcpu, vcpu, "vCPU-hour", "F", vcpu_conf)
    _check(fg.linux_x86_64.memory, gb, "GB-hour", "F", gb_conf)
    assert fg.linux_x86_64.vcpu.per_second() == Decimal(vcpu) / 3600
    assert (fg.windows_x86_64 is None) == (code != "us-east-2")


def test_fargate_eu_west_2_from_the_price_list(book: PriceBook) -> None:
    """AmazonECS-eu-west-2.csv (T-F): Linux x86 and ARM (the ARM pair was derived before), Windows = 1.15 x Linux,
    and ephemeral storage at 0.000129 per GB-hour, stored per GB-second as the engine prices it."""
    fg = book.region("eu-west-2").fargate
    _check_fargate_platforms(fg, "hour", "T-F", ("0.04656", "0.00511", "0.03725", "0.00409", "0.053544", "0.0058765",
                                                 "0.046"))
    _check(fg.ephemeral_storage, "0.0000000358333333", "GB-second", "T-F", "A")
    assert fg.ephemeral_storage is not None
    assert abs(fg.ephemeral_storage.usd * 3600 - Decimal("0.000129")) < Decimal("1e-12")


def test_fargate_windows_and_storage_only_where_sourced(book: PriceBook) -> None:
    windows = {code for code, r in book.regions.items() if r.fargate.windows_x86_64 is not None}
    assert windows == {"us-east-1", "eu-west-2", "us-east-2"}
    storage = {code: r.fargate.ephemeral_storage for code, r in book.regions.items()
               if r.fargate.ephemeral_storage is not None}
    assert set(storage) == {"us-east-1", "eu-west-2", "us-east-2", "ap-northeast-1"}
    _check(storage["us-east-2"], "0.0000000308333333", "GB-second", "FG-USE2", "C")
    _check(storage["ap-northeast-1"], "0.0000000369444444", "GB-second", "FG-APN1", "C")
    assert "inferred" in storage["us-east-2"].note and "hand-made" in storage["ap-northeast-1"].note


def test_fargate_us_east_1_windows_conflict_is_noted_not_resolved_downward(book: PriceBook) -> None:
    """aws-prices-more.md 6.2 trusts a C figure (0.046552) over the A page rate; a C price does not replace an A."""
    win = book.region("us-east-1").fargate.windows_x86_64
    assert win is not None
    _check(win.vcpu, "0.0000254167", "vCPU-second", "S3", "A")
    assert "0.046552" in win.vcpu.note


@pytest.mark.parametrize(
    ("code", "vcpu", "gb", "source"),
    [
        ("ap-southeast-2", "0.03885", "0.00426", "SYD"),
        ("sa-east-1", "0.0557", "0.00612", "BASECODE"),
        ("us-west-2", "0.03238", "0.00356", "F"),
        ("ap-northeast-1", "0.04045", "0.00442", "F"),
        ("ap-south-1", "0.03405", "0.00372", "F"),
        ("ca-central-1", "0.03565", "0.00389", "F"),
    ],
)
def test_fargate_arm_regional(book: PriceBook, code: str, vcpu: str, gb: str, source: str) -> None:
    arm = book.region(code).fargate.linux_arm64
    assert arm is not None
    _check(arm.vcpu, vcpu, "vCPU-hour", source, "C")
    _check(arm.memory, gb, "GB-hour", source, "C")
    if source == "F":
        assert "derived" in arm.vcpu.note


# ------------------------------------------------------------------ EC2


@pytest.mark.parametrize(
    ("code", "itype", "usd", "source", "confidence"),
    [
        ("us-east-1", "m5.large", "0.0960", "K", "B"),
        ("us-east-1", "m6i.4xlarge", "0.7680", "K", "B"),
        ("us-east-1", "t3.xlarge", "0.1664", "K", "B"),
        ("us-east-1", "g6.xlarge", "0.8048", "K", "B"),
        ("us-east-1", "m8g.large", "0.0898", "S4", "B"),
        ("us-east-1", "g5.2xlarge", "1.2120", "S4", "B"),
        ("us-east-1", "r7g.large", "0.1071", "S4", "B"),
        ("us-east-2", "c7g.2xlarge", "0.289", "S_catalog", "B"),
        ("us-east-2", "c7g.large", "0.07225", "S_catalog", "C"),
        ("us-west-2", "r6i.large", "0.126", "S_catalog", "C"),
        ("us-west-2", "m5.4xlarge", "0.768", "S_catalog", "B"),
        ("eu-west-1", "c5.large", "0.096", "S_catalog", "B"),
        ("eu-west-1", "c6i.large", "0.0912", "S_catalog", "C"),
        ("eu-west-1", "g5.xlarge", "1.123", "S_catalog", "B"),
        ("eu-central-1", "m5.xlarge", "0.23", "S_catalog", "B"),
        ("eu-central-1", "t3.large", "0.096", "Z", "B"),
        ("eu-central-1", "m7g.4xlarge", "0.7821", "S_catalog", "B"),
        ("eu-west-2", "m5.xlarge", "0.222", "S_catalog", "C"),
        ("eu-west-2", "g5.xlarge", "1.277", "S_catalog", "B"),
        ("ap-southeast-1", "r6i.large", "0.152", "S_catalog", "B"),
        ("ap-southeast-1", "g4dn.xlarge", "0.736", "S_catalog", "B"),
        ("ap-southeast-2", "g6.xlarge", "1.0464", "S_catalog", "B"),
        ("ap-southeast-2", "c7g.4xlarge", "0.7549", "S_catalog", "B"),
        ("ap-northeast-1", "m7i.4xlarge", "1.0416", "S_catalog", "C"),
        ("ap-northeast-1", "c7g.large", "0.091", "S_catalog", "B"),
        ("ap-south-1", "m6g.xlarge", "0.1012", "S_catalog", "B"),
        ("ap-south-1", "t4g.medium", "0.0224", "S_catalog", "B"),
        ("ap-south-1", "t4g.xlarge", "0.0896", "Z", "B"),
        ("ap-south-1", "m7g.large", "0.05833", "S_catalog", "C"),
        ("sa-east-1", "t3.medium", "0.06720", "C-sheet", "B"),
        ("sa-east-1", "t3.large", "0.1344", "Z", "B"),
        ("sa-east-1", "t4g.xlarge", "0.2144", "Z", "B"),
        ("sa-east-1", "m7i.large", "0.16065", "C-sheet", "B"),
        ("sa-east-1", "m7i.xlarge", "0.32130", "C-sheet", "B"),
        ("sa-east-1", "m7g.large", "0.13010", "C-sheet", "B"),
        ("sa-east-1", "c7i.large", "0.13755", "C-sheet", "B"),
        ("us-east-1", "c7i.large", "0.08925", "C-sheet", "B"),
        ("ca-central-1", "m7g.4xlarge", "0.7277", "S_catalog", "B"),
        ("ca-central-1", "m6g.large", "0.0856", "S_catalog", "C"),
        ("ca-central-1", "r6g.2xlarge", "0.4416", "S_catalog", "C"),
    ],
)
def test_ec2_cells(book: PriceBook, code: str, itype: str, usd: str, source: str, confidence: str) -> None:
    p = book.region(code).ec2.on_demand.get(itype)
    _check(p, usd, "hour", source, confidence)
    assert p is not None
    if confidence == "C":
        assert p.note.startswith("derived by linear scaling from ")
        assert "in the same region" in p.note


def test_ec2_derived_note_names_a_size_of_the_same_family(book: PriceBook) -> None:
    p = book.region("eu-west-1").ec2.on_demand["c6i.large"]
    assert "c6i.2xlarge" in p.note
    q = book.region("ap-northeast-1").ec2.on_demand["m7i.4xlarge"]
    assert "m7i.12xlarge" in q.note


def test_ec2_confidence_c_only_for_derived_cells(book: PriceBook) -> None:
    derived = 0
    for code, region in book.regions.items():
        for itype, p in region.ec2.on_demand.items():
            if p.confidence == "C":
                derived += 1
                assert p.source == "S_catalog" and "derived by linear scaling" in p.note, (code, itype)
    assert derived == 269  # the number of `*` cells in the regional table


@pytest.mark.parametrize(
    ("code", "itype"),
    [
        ("sa-east-1", "m5.large"),
        ("sa-east-1", "m6g.4xlarge"),
        ("sa-east-1", "m7i.2xlarge"),
        ("sa-east-1", "c7g.large"),
        ("sa-east-1", "g4dn.xlarge"),
        ("eu-west-1", "g6.xlarge"),
        ("ap-southeast-1", "g5.xlarge"),
        ("ap-southeast-1", "g6.xlarge"),
        ("us-east-2", "m8g.large"),
        ("eu-central-1", "g4dn.2xlarge"),
    ],
)
def test_ec2_absent_cells(book: PriceBook, code: str, itype: str) -> None:
    assert itype not in book.region(code).ec2.on_demand


def test_ec2_counts_and_ebs(book: PriceBook) -> None:
    assert len(book.region("us-east-1").ec2.on_demand) == 57
    assert set(book.region("sa-east-1").ec2.on_demand) == {
        "t3.medium", "t3.large", "t3.xlarge", "t4g.medium", "t4g.large", "t4g.xlarge",
        "m7i.large", "m7i.xlarge", "m7g.large", "c7i.large"}
    assert len(book.region("eu-west-1").ec2.on_demand) == 49
    assert len(book.region("ap-southeast-1").ec2.on_demand) == 48
    us1 = book.region("us-east-1").ec2
    _check(us1.ebs_gp3, "0.08", "GB-month", "C-sheet", "B")
    _check(us1.ebs_gp3_iops, "0.005", "IOPS-month", "GP3-MD", "C")
    _check(us1.ebs_gp3_throughput, "0.04", "MBps-month", "GP3-MD", "C")
    _check(book.region("eu-west-2").ec2.ebs_gp3, "0.0928", "GB-month", "L2", "B")
    _check(book.region("ap-southeast-1").ec2.ebs_gp3, "0.096", "GB-month", "t3-P1", "A")
    _check(book.region("sa-east-1").ec2.ebs_gp3, "0.1520", "GB-month", "C-sheet", "B")
    _check(book.region("us-east-2").ec2.ebs_gp3, "0.08", "GB-month", "t3-S28", "A")
    _check(book.region("eu-west-1").ec2.ebs_gp3, "0.088", "GB-month", "t3-S29", "A")
    _check(book.region("eu-central-1").ec2.ebs_gp3, "0.0952", "GB-month", "t3-S30", "C")
    _check(book.region("ap-northeast-1").ec2.ebs_gp3, "0.096", "GB-month", "t3-S26b", "A")
    without_ebs = {code for code, region in book.regions.items() if region.ec2.ebs_gp3 is None}
    assert without_ebs == {"us-west-2", "ap-southeast-2", "ap-south-1", "ca-central-1"}  # not found
    with_iops = {code for code, region in book.regions.items() if region.ec2.ebs_gp3_iops is not None}
    assert with_iops == {"us-east-1"}


def test_ec2_reserved_instances_sa_east_1(book: PriceBook) -> None:
    ri = book.region("sa-east-1").ec2.reserved_1yr_no_upfront
    assert {k: str(p.usd) for k, p in ri.items()} == {
        "m7i.large": "0.09956", "m7g.large": "0.08060", "c7i.large": "0.09085", "m7i.xlarge": "0.19911"}
    for p in ri.values():
        _check(p, str(p.usd), "hour", "C-sheet", "B")
    assert all(not r.ec2.reserved_1yr_no_upfront for code, r in book.regions.items() if code != "sa-east-1")


# ------------------------------------------------------------------ ALB and API Gateway


ALB = {  # region: (hour, source, grade), (LCU-hour, source, grade); aws-prices-t3.md 3
    "us-east-1": (("0.0225", "T-E1", "A"), ("0.008", "T-E1", "A")),
    "us-east-2": (("0.0225", "t3-S14", "B"), ("0.008", "t3-S14", "C")),
    "us-west-2": (("0.0225", "t3-S12", "B"), ("0.008", "t3-S12", "B")),
    "eu-west-1": (("0.0252", "t3-S10", "B"), ("0.008", "t3-P3", "B")),
    "eu-central-1": (("0.0270", "t3-S8", "B"), ("0.008", "t3-S8", "B")),
    "eu-west-2": (("0.02646", "T-E2", "A"), ("0.0084", "T-E2", "A")),
    "ap-southeast-1": (("0.0252", "t3-P1", "A"), ("0.008", "t3-P1", "A")),
    "ap-northeast-1": (("0.0243", "X", "B"), ("0.008", "t3-S9", "B")),
    "sa-east-1": (("0.034", "t3-S19", "B"), ("0.011", "t3-S19", "C")),
    "ca-central-1": (("0.02475", "t3-S20", "B"), ("0.0088", "t3-S20", "C")),
}


def test_alb_only_where_sourced(book: PriceBook) -> None:
    with_alb = {code: region.alb for code, region in book.regions.items() if region.alb is not None}
    assert set(with_alb) == set(ALB)  # ap-southeast-2: not found; ap-south-1: hour only
    for code, ((hour, hour_source, hour_grade), (lcu, lcu_source, lcu_grade)) in ALB.items():
        alb = with_alb[code]
        assert alb is not None
        _check(alb.hour, hour, "hour", hour_source, hour_grade)
        _check(alb.lcu_hour, lcu, "LCU-hour", lcu_source, lcu_grade)


def test_alb_hour_without_lcu(book: PriceBook) -> None:
    """An hour price with no LCU price cannot price an ALB: it is kept apart so `alb` stays absent."""
    hour_only = {code: r.alb_hour_only for code, r in book.regions.items() if r.alb_hour_only is not None}
    assert set(hour_only) == {"ap-south-1"}
    _check(hour_only["ap-south-1"], "0.0239", "hour", "t3-S18", "C")
    assert book.region("ap-south-1").alb is None and book.region("ap-southeast-2").alb is None


HTTP_API_FIRST_TIER = {
    "us-east-1": "1.00", "us-east-2": "1.00", "us-west-2": "1.00", "eu-west-1": "1.11", "eu-central-1": "1.20",
    "eu-west-2": "1.16", "ap-southeast-1": "1.25", "ap-southeast-2": "1.29", "ap-northeast-1": "1.29",
    "ap-south-1": "1.05", "sa-east-1": "1.59", "ca-central-1": "1.11",
}


@pytest.mark.parametrize(("code", "usd"), HTTP_API_FIRST_TIER.items())
def test_api_gateway_http_first_tier_every_region(book: PriceBook, code: str, usd: str) -> None:
    api = book.region(code).api_gateway
    assert api is not None and api.http
    first = api.http[0]
    assert first.up_to == Decimal(300_000_000)
    _check(first.price, usd, "1M requests", "T-G" if code == "eu-west-2" else "T", "A")
    assert first.price.as_of == dt.date(2026, 8, 31)
    if code in ("us-east-1", "eu-west-2"):
        assert len(api.http) == 2 and api.http[1].up_to is None and len(api.rest) == 4
    else:
        assert len(api.http) == 1 and api.rest == [], code  # the book stops at 300M; REST not found


def test_api_gateway_us_east_1_and_eu_west_2_tiers(book: PriceBook) -> None:
    use1 = book.region("us-east-1").api_gateway
    euw2 = book.region("eu-west-2").api_gateway
    assert use1 and euw2
    _check(use1.http[1].price, "0.90", "1M requests", "D-WP", "A")
    _check_tiers(use1.rest, [("333000000", "3.50"), ("1000000000", "2.80"), ("20000000000", "2.38"), (None, "1.51")],
                 "1M requests", "D-WP", "A")
    _check_tiers(euw2.http, [("300000000", "1.16"), (None, "1.04")], "1M requests", "T-G", "A")
    _check_tiers(euw2.rest, [("333000000", "3.50"), ("1000000000", "3.33"), ("20000000000", "2.83"), (None, "1.80")],
                 "1M requests", "T-G", "A")


# ------------------------------------------------------------------ the costs people forget (issue 11)


NAT_HOUR = {"us-east-1": "0.045", "us-east-2": "0.045", "us-west-2": "0.045", "eu-west-1": "0.048",
            "eu-central-1": "0.052", "eu-west-2": "0.050", "ap-southeast-1": "0.059", "ap-southeast-2": "0.059",
            "ap-northeast-1": "0.062", "ap-south-1": "0.056", "sa-east-1": "0.093", "ca-central-1": "0.050"}
NAT_GB = {"us-east-1": ("0.045", "C-sheet", "B"), "eu-west-2": ("0.050", "L1", "B"),
          "ap-southeast-1": ("0.059", "t3-P1", "A"), "sa-east-1": ("0.093", "C-sheet", "B"),
          "us-east-2": ("0.045", "t3-U12", "B"), "us-west-2": ("0.045", "t3-S12", "C"),
          "eu-west-1": ("0.048", "t3-P2", "A"), "ap-northeast-1": ("0.062", "t3-S5", "C")}


@pytest.mark.parametrize(("code", "usd"), NAT_HOUR.items())
def test_nat_gateway(book: PriceBook, code: str, usd: str) -> None:
    nat = book.region(code).nat_gateway
    assert nat is not None
    _check(nat.hour, usd, "hour", "T", "A")
    assert nat.hour is not None and nat.hour.as_of == dt.date(2026, 9, 4)
    if code in NAT_GB:
        gb_usd, source, grade = NAT_GB[code]
        _check(nat.gb_processed, gb_usd, "GB", source, grade)
    else:
        assert nat.gb_processed is None  # per GB = per hour in every region found: a pattern, not a source


def test_public_ipv4(book: PriceBook) -> None:
    found = {code: r.public_ipv4.hour for code, r in book.regions.items() if r.public_ipv4 is not None}
    assert set(found) == set(book.regions)  # AWS states one price for every address (aws-prices-t3.md 7)
    expected = {"us-east-1": ("C-sheet", "B"), "sa-east-1": ("C-sheet", "B"), "eu-west-2": ("L1", "B"),
                "ap-southeast-1": ("t3-P1", "A"), "ap-northeast-1": ("t3-S26b", "A"), "ca-central-1": ("t3-S20", "C"),
                "eu-west-1": ("t3-S10", "C")}
    for code, price in found.items():
        source, grade = expected.get(code, ("t3-U4", "A"))
        _check(price, "0.005", "address-hour", source, grade)


def test_cloudwatch_logs(book: PriceBook) -> None:
    found = {code: r.cloudwatch_logs for code, r in book.regions.items() if r.cloudwatch_logs is not None}
    assert set(found) == {"us-east-1", "us-east-2", "us-west-2", "eu-central-1", "eu-west-2", "ap-southeast-1",
                          "ap-northeast-1"}
    _check(found["us-east-1"].ingestion_gb, "0.50", "GB", "CW-USE1", "B")
    _check(found["us-east-1"].storage_gb_month, "0.03", "GB-month", "t3-S22", "B")
    _check(found["us-east-2"].ingestion_gb, "0.50", "GB", "t3-S13", "B")
    _check(found["us-east-2"].storage_gb_month, "0.03", "GB-month", "t3-S13", "B")
    _check(found["us-west-2"].ingestion_gb, "0.50", "GB", "t3-S12", "C")
    _check(found["eu-central-1"].ingestion_gb, "0.63", "GB", "t3-S22", "C")
    assert found["us-west-2"].storage_gb_month is None and found["eu-central-1"].storage_gb_month is None
    _check(found["eu-west-2"].ingestion_gb, "0.5985", "GB", "L1", "B")
    _check(found["eu-west-2"].storage_gb_month, "0.0315", "GB-month", "L1", "B")
    _check(found["ap-southeast-1"].ingestion_gb, "0.70", "GB", "t3-P1", "A")  # the old "0.0700" was a typo
    _check(found["ap-southeast-1"].storage_gb_month, "0.03", "GB-month", "t3-P1", "A")
    _check(found["ap-northeast-1"].ingestion_gb, "0.76", "GB", "t3-S25", "B")
    _check(found["ap-northeast-1"].storage_gb_month, "0.033", "GB-month", "t3-S25", "B")


DTO_BOUNDS = ["10240", "51200", "153600", None]


def test_data_transfer_out(book: PriceBook) -> None:
    found = {code: r.data_transfer_out for code, r in book.regions.items() if r.data_transfer_out}
    assert set(found) == {"us-east-1", "eu-west-2", "sa-east-1", "us-east-2", "eu-west-1", "ap-southeast-1",
                          "ap-southeast-2"}
    _check_tiers(found["ap-southeast-2"], list(zip(DTO_BOUNDS, ["0.114", "0.098", "0.094", "0.092"], strict=True)),
                 "GB", "W-SYD-DTO", "C")  # one 2020 secondary source
    _check_tiers(found["us-east-2"], list(zip(DTO_BOUNDS, ["0.09", "0.085", "0.07", "0.05"], strict=True)),
                 "GB", "t3-S24", "C")
    _check_tiers(found["eu-west-1"], list(zip(DTO_BOUNDS, ["0.09", "0.085", "0.07", "0.05"], strict=True)),
                 "GB", "t3-P3", "B")
    _check_tiers(found["ap-southeast-1"], [("10240", "0.12")], "GB", "t3-P1", "A")  # tiers 2-4 not found
    _check_tiers(found["eu-west-2"], list(zip(DTO_BOUNDS, ["0.09", "0.085", "0.07", "0.05"], strict=True)),
                 "GB", "T-D", "A")
    _check_tiers(found["us-east-1"], list(zip(DTO_BOUNDS, ["0.09", "0.085", "0.07", "0.05"], strict=True)),
                 "GB", "C-sheet", "B")
    _check_tiers(found["sa-east-1"], list(zip(DTO_BOUNDS, ["0.15", "0.138", "0.126", "0.114"], strict=True)),
                 "GB", "C-sheet", "B")
    inter_az = {code: r.data_transfer_inter_az for code, r in book.regions.items()
                if r.data_transfer_inter_az is not None}
    assert set(inter_az) == {"us-east-1", "sa-east-1", "eu-west-1"}
    for code, p in inter_az.items():
        _check(p, "0.01", "GB", "t3-P3" if code == "eu-west-1" else "C-sheet", "B")


def test_vpc_interface_endpoints(book: PriceBook) -> None:
    found = {code: r.vpc_endpoint for code, r in book.regions.items() if r.vpc_endpoint is not None}
    assert set(found) == {"eu-west-2", "ap-southeast-1"}
    _check(found["eu-west-2"].hour, "0.011", "hour", "L1", "B")
    _check(found["eu-west-2"].gb_processed, "0.01", "GB", "L1", "B")
    _check(found["ap-southeast-1"].hour, "0.013", "hour", "S-apse1", "B")
    _check(found["ap-southeast-1"].gb_processed, "0.01", "GB", "S-apse1", "B")


def test_ecs_managed_instances_fee_rule_in_every_region(book: PriceBook) -> None:
    """aws-prices-t3.md 1.1: 12% of the regional EC2 price (B); G-family 7.8% (B) and P/Trainium 4.8% (C, derived)
    since 2026-07-01."""
    for code, region in book.regions.items():
        ecs = region.ecs_managed
        assert ecs is not None, code
        levels = (ecs.management_fee_rate, ecs.management_fee_rate_gpu, ecs.management_fee_rate_accelerated)
        assert [(r.fraction, r.source, r.confidence) for r in levels if r is not None] == [
            (Decimal("0.12"), "t3-ECSMI", "B"), (Decimal("0.078"), "t3-U7", "B"), (Decimal("0.048"), "t3-U7", "C")]
        assert ecs.rate_for("g5.xlarge") is ecs.management_fee_rate_gpu
        assert ecs.rate_for("m7g.large") is ecs.management_fee_rate


def test_sqs_standard_requests_from_the_price_list_in_every_region(book: PriceBook) -> None:
    """Shared reference source T (aws-prices-more.md): the AWSQueueService 20260904154020 rows it holds give the
    Standard queue's API requests at 0.0000004 each (0.40 per 1M) up to 100 billion a month in all 12 regions."""
    for code, region in book.regions.items():
        assert region.sqs is not None, code
        _check_tiers(region.sqs.standard_requests, [("100000000000", "0.40")], "1M requests", "T", "A")
        assert region.sqs.standard_requests[0].price.as_of == dt.date(2026, 9, 4)
    assert "AWSQueueService 20260904154020" in book.sources["T"].data_date
