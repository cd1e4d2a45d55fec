"""AWS Savings Plans offer files (CSV and JSON) into the user book's commitment rates: eu-west-2, whose bundled rates
are only estimates (Fargate and Lambda) or absent (EC2), completed offline from AWS's file, a Windows or dedicated
row never taken for Linux, and hostile files refused in one line. The rates below are test data in the file's
shape (the Fargate values are the shared reference's us-east-1-ratio estimates), not prices the app ships."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from desktop.model.advice.engine import compute_quote
from desktop.model.pricing.user_book import effective_book
from desktop.pricelist.offers.read_savings_plans import MAX_FIELD_CHARS, import_savings_plans, read_savings_plans
from desktop.pricelist.offers.records import PriceListError
from tests.conftest import make_workload

RATES = [  # (plan usage type, discounted usage type, operation, rate)
    ("ComputeSP:1yrNoUpfront", "EUW2-Fargate-vCPU-Hours:perCPU", "", "0.037248"),
    ("ComputeSP:1yrNoUpfront", "EUW2-Fargate-GB-Hours", "", "0.004088"),
    ("ComputeSP:1yrNoUpfront", "EUW2-BoxUsage:m5.large", "RunInstances", "0.0801"),
    ("ComputeSP:1yrNoUpfront", "EUW2-BoxUsage:m5.large", "RunInstances:0002", "0.1721"),  # Windows: not Linux
    ("ComputeSP:1yrNoUpfront", "EUW2-DedicatedUsage:m5.large", "RunInstances", "0.0901"),  # dedicated: not kept
    ("EUW2-EC2SP:m5.1yrNoUpfront", "EUW2-BoxUsage:m5.large", "RunInstances", "0.0640"),
]


def _json_file(tmp_path: Path, rates: list[tuple[str, str, str, str]] = RATES) -> Path:
    plans = sorted({r[0] for r in rates})
    sku = {plan: f"SKU{n}" for n, plan in enumerate(plans)}
    data = {
        "version": "20261001000000", "publicationDate": "2026-10-01T00:00:00Z", "regionCode": "eu-west-2",
        "products": [{"sku": sku[p], "productFamily": "ComputeSavingsPlans" if "Compute" in p else
                      "EC2InstanceSavingsPlans", "serviceCode": "ComputeSavingsPlans",
                      "attributes": {"usageType": p}} for p in plans],
        "terms": {"savingsPlan": [{"sku": sku[p], "effectiveDate": "2026-10-01T00:00:00Z",
                                   "leaseContractLength": {"duration": 1, "unit": "year"},
                                   "rates": [{"discountedSku": f"D{n}", "discountedUsageType": u,
                                              "discountedOperation": op, "unit": "Hrs",
                                              "discountedRate": {"price": rate, "currency": "USD"}}
                                             for n, (plan, u, op, rate) in enumerate(rates) if plan == p]}
                                  for p in plans]},
    }
    path = tmp_path / "savingsPlan-eu-west-2.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def _csv_file(tmp_path: Path, rates: list[tuple[str, str, str, str]] = RATES) -> Path:
    lines = ['"FormatVersion","v1.0"', '"Disclaimer","test data"', '"Publication Date","2026-10-01T00:00:00Z"',
             '"Version","20261001000000"', '"Region","eu-west-2"',
             '"SKU","RateCode","Unit","EffectiveDate","DiscountedRate","Currency","DiscountedSKU",'
             '"DiscountedServiceCode","DiscountedUsageType","DiscountedOperation","Usage Type"']
    lines += [f'"S{n}","S{n}.R","Hrs","2026-10-01","{rate}","USD","D{n}","AmazonEC2","{u}","{op}","{plan}"'
              for n, (plan, u, op, rate) in enumerate(rates)]
    path = tmp_path / "savingsPlan-eu-west-2.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("write", [_json_file, _csv_file])
def test_a_savings_plans_file_completes_a_region_offline(tmp_path: Path, bundled: dict[str, Any], write: Any) -> None:
    path = write(tmp_path)
    offer = read_savings_plans(path, frozenset(bundled["instance_types"]))
    kept = {rate.path: rate.usd for rate in offer.rates}
    assert kept == {("fargate", "compute_sp", "1yr_no_upfront", "linux_x86_64", "vcpu"): Decimal("0.037248"),
                    ("fargate", "compute_sp", "1yr_no_upfront", "linux_x86_64", "memory"): Decimal("0.004088"),
                    ("ec2", "compute_sp", "1yr_no_upfront", "m5.large"): Decimal("0.0801"),
                    ("ec2", "ec2_instance_sp", "1yr_no_upfront", "m5.large"): Decimal("0.0640")}
    assert offer.not_kept == 2  # the Windows and the dedicated-tenancy rows
    layer, said = import_savings_plans([path], bundled, None)
    assert "4 rate(s) kept, 2 not used" in said[0]
    book = effective_book(bundled, layer)
    w = make_workload(region="eu-west-2", traffic={"kind": "jobs", "runs_per_month": 1,
                                                   "duration_ms": 730 * 3600 * 1000},
                      container={"vcpu": 1, "memory_gb": 2}, options=["fargate"], front_door="none",
                      assumptions={"commitment": {"plan": "compute_sp"}})
    q = compute_quote(w, book).option("fargate")
    charged = {i.label: i.usd for i in q.line_items if i.group == "commitment"}
    assert charged == {"Compute Savings Plan, 1-year, no upfront: vCPU, recurring": Decimal("27.19"),  # 730 h
                       "Compute Savings Plan, 1-year, no upfront: Memory, recurring": Decimal("5.97")}  # 1,460 GB-h
    assert q.complete
    source = next(i.price for i in q.line_items if i.group == "commitment").source  # type: ignore[union-attr]
    assert source == "PL-SavingsPlans-eu-west-2-20261001000000"


@pytest.mark.parametrize(("rates", "problem"), [
    ([("ComputeSP:1yrNoUpfront", "EUW2-Fargate-GB-Hours", "", "NaN")], "not a finite number"),
    ([("ComputeSP:1yrNoUpfront", "EUW2-Fargate-GB-Hours", "", "-1")], "negative"),
    ([("ComputeSP:1yrNoUpfront", "EUW2-Fargate-GB-Hours", "", "99999")], "above 10000 USD"),
    ([("ComputeSP:1yrNoUpfront", "EUW2-Fargate-GB-Hours", "", "1" * 50)], "longer than"),
    ([("ComputeSP:1yrNoUpfront", "X" * (MAX_FIELD_CHARS + 1), "", "1")], "longer than"),
])
@pytest.mark.parametrize("write", [_json_file, _csv_file])
def test_hostile_rows_are_refused_in_one_line(tmp_path: Path, bundled: dict[str, Any], write: Any,
                                              rates: list[tuple[str, str, str, str]], problem: str) -> None:
    path = write(tmp_path, rates)
    with pytest.raises(PriceListError) as caught:
        import_savings_plans([path], bundled, None)
    message = str(caught.value)
    assert problem in message and str(path) in message and "\n" not in message


@pytest.mark.parametrize(("content", "problem"), [
    (b"\xff\xfe not text", "not UTF-8"), (b'{"version": "1"}', "publicationDate: expected text"),
    (b"[1, 2]", "no top-level object"),
    (b'"a","b"\n' * 7, "not a Savings Plans offer file"), (b"{" * 5000, "not JSON"),
])
def test_files_that_are_not_savings_plans_offers_are_refused(tmp_path: Path, bundled: dict[str, Any],
                                                             content: bytes, problem: str) -> None:
    path = tmp_path / "offer.json"
    path.write_bytes(content)
    with pytest.raises(PriceListError) as caught:
        read_savings_plans(path, frozenset(bundled["instance_types"]))
    assert problem in str(caught.value) and "\n" not in str(caught.value)
