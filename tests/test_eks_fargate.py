"""The sixth option, Amazon EKS on AWS Fargate, added as one folder: priced, ruled on with cited reasons, in the
window, on the sheet, in `estimate --json` and in the Price List import, and compared only when listed."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.model.advice.advise import advise
from desktop.model.advice.engine import compute_quote
from desktop.model.options.registry import compared, missing_prices
from desktop.model.pricing.book import PriceBook
from desktop.pricelist.offers.mapping import schema_accepts, target_for
from desktop.pricelist.offers.rules import OFFERS
from desktop.report.sheet.html import sheet_html
from desktop.report.sheet.price_register import price_register
from tests.conftest import make_workload

EKS = {"options": ["fargate", "eks_fargate"]}


def test_compared_only_when_listed() -> None:
    assert "eks_fargate" not in [o.id for o in compared(make_workload())]
    assert [o.id for o in compared(make_workload(**EKS))] == ["fargate", "eks_fargate"]


def test_priced_at_fargate_rates_for_the_rounded_pod_plus_the_cluster_fee(book: PriceBook) -> None:
    option = compute_quote(make_workload(**EKS), book).options["eks_fargate"]
    lines = {item.label: item for item in option.line_items}
    # 2 pods (two AZs) all month: 1,460 pod-hours; a 1 vCPU / 2 GB pod + 256 MB is billed as 1 vCPU / 3 GB
    assert lines["vCPU"].usd == Decimal("59.10") and lines["vCPU"].quantity == Decimal(1460 * 3600)
    assert lines["Memory"].usd == Decimal("19.47") and lines["Memory"].quantity == Decimal(1460 * 3600 * 3)
    fee = lines["EKS cluster (standard support)"]
    assert (fee.quantity, fee.unit_price_usd, fee.usd) == (Decimal(730), Decimal("0.10"), Decimal("73.00"))
    assert fee.price is not None and fee.price.source == "EKS-P" and fee.price.confidence == "B"
    # + the ALB's 2 public IPv4 addresses (1,460 address-hours x 0.005 = $7.30)
    assert lines["Public IPv4: load balancer addresses"].usd == Decimal("7.30")
    assert option.monthly_usd == Decimal("175.39") and option.complete
    assert option.capacity is not None
    assert option.capacity.summary() == "1 vCPU / 3 GB (rounded up from 1 / 2.25), 2 pods"


def test_the_fee_is_reported_missing_where_no_source_gives_it(book: PriceBook) -> None:
    option = compute_quote(make_workload(region="eu-west-2", **EKS), book).options["eks_fargate"]
    assert option.feasible and not option.complete
    assert "EKS cluster (standard support)" not in [i.label for i in option.line_items]
    assert any("no sourced price for EKS cluster fee in eu-west-2" in m for m in option.missing_prices)
    assert "EKS cluster fee" in missing_prices(book, "eu-west-2")
    assert "EKS cluster fee" not in missing_prices(book, "us-east-1")


@pytest.mark.parametrize(("changes", "rule_id", "source"), [
    ({"requirements": {"daemon_per_host": True}}, "eks_fargate.daemon", "eks/latest/userguide/fargate.html"),
    ({"requirements": {"gpus": 1}, "container": {"vcpu": 4, "memory_gb": 14}}, "eks_fargate.gpu",
     "eks/latest/userguide/fargate.html"),
    ({"container": {"vcpu": 16, "memory_gb": 120}}, "eks_fargate.pod_size", "fargate-pod-configuration.html"),
    ({"architecture": "arm64"}, "eks_fargate.platform", "containers-roadmap/issues/1629"),
])
def test_ruled_out_with_a_cited_reason(book: PriceBook, changes: dict[str, object], rule_id: str,
                                       source: str) -> None:
    option = compute_quote(make_workload(**EKS, **changes), book).options["eks_fargate"]  # type: ignore[arg-type]
    assert not option.feasible
    reason = next(r for r in option.reasons if r.rule_id == rule_id)
    assert reason.text.startswith("EKS on Fargate:") and source in reason.source


def test_on_the_sheet_with_its_price_in_the_register(book: PriceBook) -> None:
    w = make_workload(**EKS)
    advice = advise(w, book)
    html = sheet_html(advice, w, book, generated=dt.date(2026, 12, 1), version="test")
    assert "Amazon EKS on AWS Fargate" in html and "EKS cluster (standard support)" in html
    names = {use.name: use for use in price_register(advice.quote, book).prices}
    assert names["EKS cluster-hour"].options == ("eks_fargate",) and names["EKS cluster-hour"].source_id == "EKS-P"


def test_in_estimate_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "eks.workload.json"
    path.write_text(json.dumps({"name": "EKS", **EKS}), encoding="utf-8")
    assert main(["estimate", "--json", str(path)]) == 0
    found = json.loads(capsys.readouterr().out)["options"]["eks_fargate"]
    assert found["monthly_usd"] == 175.39 and found["capacity"]["memory_gb"] == 3
    assert found["line_items"][2]["label"] == "EKS cluster (standard support)"


def test_the_price_list_import_reads_the_cluster_fee_row() -> None:
    offer = OFFERS["AmazonEKS"]
    hit = offer.match("AmazonEKS-Hours:perCluster", frozenset(),
                      lambda name: {"location": "US East (N. Virginia)", "locationtype": "AWS Region"}.get(name, ""))
    assert hit is not None and hit[1] == ("eks", "cluster_hour")
    listed, target = target_for("AmazonEKS", hit[1])
    assert listed and target is not None and target.path == ("eks_fargate", "cluster_hour")
    assert schema_accepts(target, hit[1])
    assert target_for("AmazonEKS", ("eks", "cluster_hour_extended")) == (True, None)  # read, not written
