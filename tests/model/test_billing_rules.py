"""Billing rules, each tested against the source that states it (issue: rules that were wrong or missing).

Every test names its source: the AWS page and the shared reference section the numbers come from.
GB = 1024^3 bytes, KB = 1024 bytes; money rounded to cents per line as AWS bills.
"""

from __future__ import annotations

from decimal import Decimal

from desktop.model.advice.engine import compute_quote
from desktop.model.pricing.book import PriceBook
from tests.conftest import make_workload

# 20 TB of logs a month: 20,971,520 requests x 1,024 KB = 20,480 GB
TWENTY_TB = {"traffic": {"requests_per_month": 20_971_520}, "network": {"log_kb_per_unit": 1024}}


def _lines(option, group: str) -> dict[str, tuple[Decimal, Decimal]]:
    return {i.label: (i.quantity, i.usd) for i in option.line_items if i.group == group}


def test_lambda_logs_follow_the_vended_tiers_at_20_tb(book: PriceBook) -> None:
    """Source: AWS What's New 2025-05-01 "AWS Lambda introduces tiered pricing for Amazon CloudWatch logs"; the
    us-east-1 vended tiers $0.50 first 10 TB, $0.25 next 20 TB, $0.10 next 20 TB, $0.05 above (shared reference
    aws-prices-more.md §7.3, aws-prices-t3.md §4); the always-free 5 GB of ingestion (AWS Free Tier page, t3 §4)."""
    quote = compute_quote(make_workload(**TWENTY_TB), book)
    lam = _lines(quote.options["lambda"], "network")
    billable = Decimal(20480 - 5)  # 5 GB always free
    assert lam["CloudWatch Logs ingestion (Lambda logs, vended), tier 1"] == (Decimal(10240), Decimal("5120.00"))
    assert lam["CloudWatch Logs ingestion (Lambda logs, vended), tier 2"] == (billable - 10240, Decimal("2558.75"))
    assert "CloudWatch Logs ingestion" not in lam
    # containers pay the flat custom-log rate on the same volume: 20,475 GB x 0.50
    fargate = _lines(quote.options["fargate"], "network")
    assert fargate["CloudWatch Logs ingestion"] == (billable, Decimal("10237.50"))
    assert not any("vended" in label for label in fargate)


def test_logs_above_the_last_tier_a_region_gives_are_missing_not_borrowed(book: PriceBook) -> None:
    """eu-west-2: the source (L2, Price List 2026-09) gives only the first vended tier, 0.5985 up to 10 TB; the GB
    above it are reported missing with their quantity, never priced at the custom rate or another region's tier."""
    w = make_workload(region="eu-west-2", **TWENTY_TB)
    lam = compute_quote(w, book).options["lambda"]
    lines = _lines(lam, "network")
    assert lines["CloudWatch Logs ingestion (Lambda logs, vended)"] == (Decimal(10240), Decimal("6128.64"))
    gap = [m for m in lam.missing if "vended" in m.what]
    assert [m.what for m in gap] == ["CloudWatch Logs vended (Lambda) log ingestion above 10,240 GB a month"]
    assert gap[0].usage == ((Decimal(20475 - 10240), "GB"),)
    assert not lam.complete


def test_the_always_free_5_gb_of_logs_is_taken_off(book: PriceBook) -> None:
    """AWS Free Tier page (always free): 5 GB of CloudWatch Logs ingestion and 5 GB-month of storage a month
    (aws-prices-t3.md §4). 10M requests x 1 KB = 9.537 GB logged; eu-west-2 custom rate 0.5985, storage 0.0315."""
    w = make_workload(region="eu-west-2", traffic={"requests_per_month": 10_000_000}, network={"log_kb_per_unit": 1})
    lines = _lines(compute_quote(w, book).options["fargate"], "network")
    gb = Decimal(10_000_000) / 1024**2
    assert lines["CloudWatch Logs ingestion"] == (gb - 5, Decimal("2.72"))  # 4.537 GB x 0.5985 = 2.715
    stored = gb * 30 / (Decimal(730) / 24) - 5  # 4.406 GB-months
    assert abs(lines["CloudWatch Logs storage"][0] - stored) < Decimal("1e-9")
    assert lines["CloudWatch Logs storage"][1] == Decimal("0.14")
