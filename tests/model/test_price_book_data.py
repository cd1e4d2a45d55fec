"""Spot checks of the bundled price book against the reference tables.

Expected values are transcribed by hand from /work/shared/reference/aws-prices.md and
aws-prices-regional.md (not computed from the book), so a transcription slip in either place fails here.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from pydantic import BaseModel

from desktop.model.pricing.book import Price, PriceBook, load_price_book
from desktop.resources import price_book_path

BOOK_PATH = price_book_path()

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
    assert book.effective_date == dt.date(2026, 11, 27)
    assert book.title == "ComputeFit bundled AWS price book"
    assert len(book.notes) >= 3
    ft = book.free_tier
    assert (ft.lambda_requests, ft.lambda_gb_seconds, ft.api_gateway_requests) == (
        1_000_000, 400_000, 1_000_000)
    assert ft.source == "S1"


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


def test_every_price_source_exists(book: PriceBook) -> None:
    prices = _walk_prices(book.regions)
    assert len(prices) == len(book.iter_prices()) > 500
    missing = [path for path, p in prices if p.source not in book.sources]
    assert not missing
    for key, it in book.instance_types.items():
        assert it.source in book.sources, key
    assert book.free_tier.source in book.sources


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


@pytest.mark.parametrize("code", ["us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-1",
                                  "ap-northeast-1", "ap-south-1", "sa-east-1"])
def test_lambda_s5_regions(book: PriceBook, code: str) -> None:
    lam = book.region(code).lambda_
    _check(lam.requests, "0.20", "1M requests", "S5", "B")
    _check(lam.duration["x86_64"][0].price, "0.0000166667", "GB-second", "S5", "B")
    _check(lam.duration["arm64"][0].price, "0.0000133334", "GB-second", "S5", "B")
    assert lam.duration["x86_64"][1].price.confidence == "C"
    assert lam.duration["arm64"][2].price.usd == Decimal("0.0000106667")
    assert lam.ephemeral_storage is not None and lam.ephemeral_storage.confidence == "C"
    assert lam.provisioned_concurrency["arm64"].confidence == "C"
    assert "assumed equal to us-east-1" in lam.provisioned_duration["x86_64"].note


@pytest.mark.parametrize("code", ["us-east-2", "eu-west-2", "ap-southeast-2", "ca-central-1"])
def test_lambda_absent_where_not_sourced(book: PriceBook, code: str) -> None:
    lam = book.region(code).lambda_
    assert lam.requests is None and not lam.duration and lam.ephemeral_storage is None
    assert not lam.provisioned_concurrency and not lam.provisioned_duration


# ------------------------------------------------------------------ Fargate


def test_fargate_us_east_1_per_second(book: PriceBook) -> None:
    fg = book.region("us-east-1").fargate
    assert fg.linux_x86_64 and fg.linux_arm64 and fg.windows_x86_64
    _check(fg.linux_x86_64.vcpu, "0.000011244", "vCPU-second", "S3", "A")
    _check(fg.linux_x86_64.memory, "0.000001235", "GB-second", "S3", "A")
    _check(fg.linux_arm64.vcpu, "0.0000089944", "vCPU-second", "S3", "A")
    _check(fg.linux_arm64.memory, "0.0000009889", "GB-second", "S3", "A")
    _check(fg.windows_x86_64.vcpu, "0.0000254167", "vCPU-second", "S3", "A")
    _check(fg.windows_x86_64.memory, "0.0000027778", "GB-second", "S3", "A")
    _check(fg.windows_x86_64.os_license, "0.0000127778", "vCPU-second", "S3", "A")
    _check(fg.ephemeral_storage, "0.0000000308", "GB-second", "S3", "A")
    assert fg.linux_x86_64.vcpu.per_second() == Decimal("0.000011244")


@pytest.mark.parametrize(
    ("code", "vcpu", "gb", "vcpu_conf", "gb_conf"),
    [
        ("us-east-2", "0.04048", "0.004445", "C", "C"),
        ("us-west-2", "0.04048", "0.004445", "B", "B"),
        ("eu-west-1", "0.04048", "0.004445", "C", "C"),
        ("eu-central-1", "0.04656", "0.00511", "B", "B"),
        ("eu-west-2", "0.04656", "0.00511", "C", "C"),
        ("ap-southeast-1", "0.05056", "0.00553", "B", "C"),
        ("ap-southeast-2", "0.04856", "0.00532", "B", "B"),
        ("ap-northeast-1", "0.05056", "0.00553", "B", "C"),
        ("ap-south-1", "0.04256", "0.004655", "C", "C"),
        ("sa-east-1", "0.0696", "0.0076", "B", "B"),
        ("ca-central-1", "0.04456", "0.004865", "C", "C"),
    ],
)
def test_fargate_x86_regional(book: PriceBook, code: str, vcpu: str, gb: str, vcpu_conf: str,
                              gb_conf: str) -> None:
    fg = book.region(code).fargate
    assert fg.linux_x86_64 is not None
    _check(fg.linux_x86_64.vcpu, vcpu, "vCPU-hour", "F", vcpu_conf)
    _check(fg.linux_x86_64.memory, gb, "GB-hour", "F", gb_conf)
    assert fg.linux_x86_64.vcpu.per_second() == Decimal(vcpu) / 3600
    assert fg.windows_x86_64 is None
    assert fg.ephemeral_storage is None


@pytest.mark.parametrize(
    ("code", "vcpu", "gb", "source"),
    [
        ("ap-southeast-2", "0.03885", "0.00426", "SYD"),
        ("sa-east-1", "0.0557", "0.00612", "BASECODE"),
        ("us-west-2", "0.03238", "0.00356", "F"),
        ("eu-west-2", "0.03725", "0.00409", "F"),
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
        ("sa-east-1", "t3.medium", "0.0672", "Z", "B"),
        ("sa-east-1", "t4g.xlarge", "0.2144", "Z", "B"),
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
        "t3.medium", "t3.large", "t3.xlarge", "t4g.medium", "t4g.large", "t4g.xlarge"}
    assert len(book.region("eu-west-1").ec2.on_demand) == 49
    assert len(book.region("ap-southeast-1").ec2.on_demand) == 48
    _check(book.region("us-east-1").ec2.ebs_gp3, "0.08", "GB-month", "S4", "B")
    for code, region in book.regions.items():
        if code != "us-east-1":
            assert region.ec2.ebs_gp3 is None, code


# ------------------------------------------------------------------ ALB and API Gateway


def test_alb_only_where_sourced(book: PriceBook) -> None:
    with_alb = {code for code, region in book.regions.items() if region.alb is not None}
    assert with_alb == {"us-east-1", "eu-central-1", "ap-northeast-1"}
    use1 = book.region("us-east-1").alb
    euc1 = book.region("eu-central-1").alb
    apn1 = book.region("ap-northeast-1").alb
    assert use1 and euc1 and apn1
    _check(use1.hour, "0.0225", "hour", "S8", "B")
    _check(use1.lcu_hour, "0.008", "LCU-hour", "S8", "B")
    _check(euc1.hour, "0.0270", "hour", "S8", "C")
    _check(euc1.lcu_hour, "0.008", "LCU-hour", "S8", "C")
    _check(apn1.hour, "0.0243", "hour", "S8", "B")
    _check(apn1.lcu_hour, "0.008", "LCU-hour", "S8", "B")


def test_api_gateway_us_east_1_only(book: PriceBook) -> None:
    api = book.region("us-east-1").api_gateway
    assert api is not None
    assert [t.up_to for t in api.http] == [Decimal(300_000_000), None]
    for t, usd in zip(api.http, ["1.00", "0.90"], strict=True):
        _check(t.price, usd, "1M requests", "S9", "B")
    assert [t.up_to for t in api.rest] == [Decimal(333_000_000), Decimal(1_000_000_000),
                                           Decimal(20_000_000_000), None]
    for t, usd in zip(api.rest, ["3.50", "2.80", "2.38", "1.51"], strict=True):
        _check(t.price, usd, "1M requests", "S9", "B")
    for code, region in book.regions.items():
        if code != "us-east-1":
            assert region.api_gateway is None, code
