"""AWS Lambda Managed Instances and Amazon ECS Managed Instances: worked examples computed by hand from the sourced
prices (shared reference aws-prices-more.md §8), the incomplete ECS Managed Instances fleet, and the same numbers
fast and exact.

eu-west-2 is the region where every Lambda Managed Instances price is sourced: requests $0.20 per 1M (AWS Price
List row EUW2-Lambda-Managed-Instances-Request, A), the management fee of 15% of the EC2 price (AWS's Lambda pricing
page, B) and EC2 c5.large $0.101 an hour (SkyPilot catalog, B). Lambda there: requests $0.20 per 1M, duration
$0.0000166667 per GB-s (tier 1), 1M requests and 400,000 GB-s free.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest

from desktop.cli import main
from desktop.model.advice.advise import advise
from desktop.model.advice.engine import compute_quote
from desktop.model.advice.fast import fast_costs
from desktop.model.format import left_out_text, total_text
from desktop.model.options.registry import missing_prices
from desktop.model.pricing.book import EcsManagedPrices, Price, PriceBook
from desktop.model.questionnaire.data import SPIKY
from desktop.model.workload.spec import Workload
from tests.conftest import make_workload

LONDON = {"region": "eu-west-2", "front_door": "none", "options": ["lambda", "lambda_managed"],
          "lambda_managed": {"runtime": "nodejs"}}


def lines(workload: Workload, book: PriceBook, option: str) -> dict[str, Decimal]:
    return {i.label: i.usd for i in compute_quote(workload, book).options[option].line_items}


def test_a_steady_500m_request_api_is_cheaper_on_managed_instances_than_on_lambda(book: PriceBook) -> None:
    w = make_workload(**LONDON, traffic={"requests_per_month": 500_000_000, "duration_ms": 100})
    quote = compute_quote(w, book)
    # Lambda: (500M - 1M free) x $0.20/1M = $99.80; 500M x 0.1 s x 1 GB = 50M GB-s, less 400,000 free,
    # x $0.0000166667 = $826.67
    assert lines(w, book, "lambda") == {"Requests": Decimal("99.80"), "Duration (x86_64), tier 1": Decimal("826.67")}
    assert quote.options["lambda"].monthly_usd == Decimal("926.47")
    # Lambda MI: 500M / (730 h x 3,600 s) = 190.26 requests/s x 0.1 s = 19.03 in flight. An environment is 1 vCPU
    # (1,024 MB over 2 GiB per vCPU is below one vCPU) and 2 GiB; Node.js serves 64 requests per vCPU (AWS's
    # default; the container section's concurrency_per_task does not apply to Lambda environments), so one
    # environment would do; a c5.large (2 vCPU, 4 GiB) holds 2, and the floor of 3 runs all month: 3 x 730 = 2,190
    # instance-hours.
    managed = quote.options["lambda_managed"]
    assert managed.capacity is not None and managed.capacity.summary() == \
        "c5.large (auto) x 3, 64 requests per environment"
    assert lines(w, book, "lambda_managed") == {
        "EC2 instances (c5.large)": Decimal("221.19"),  # 2,190 x $0.101
        "Management fee (15% of EC2)": Decimal("33.18"),  # 2,190 x $0.01515
        "Requests": Decimal("100.00"),  # 500 x $0.20, no free tier, no duration charge
    }
    assert managed.monthly_usd == Decimal("354.37") and managed.complete
    rec = advise(w, book).recommendation
    assert rec.headline == "Recommended: AWS Lambda Managed Instances, $572.10 a month cheaper than AWS Lambda (62%)"


def test_handlers_that_are_not_thread_safe_lose_the_advantage(book: PriceBook) -> None:
    w = make_workload(**{**LONDON, "lambda_managed": {"runtime": "nodejs", "concurrency_per_environment": 1}},
                      traffic={"requests_per_month": 500_000_000, "duration_ms": 100})
    # one request per environment: ceil(19.03) = 20 environments of 1 vCPU; c5.xlarge (4 vCPU, $0.202) holds 4, so
    # 5 instances cost what 10 c5.large do and the fewer instances win: 5 x 730 = 3,650 instance-hours
    assert lines(w, book, "lambda_managed") == {
        "EC2 instances (c5.xlarge)": Decimal("737.30"),  # 3,650 x $0.202
        "Management fee (15% of EC2)": Decimal("110.60"),  # 3,650 x $0.0303 = 110.595, rounded half up
        "Requests": Decimal("100.00"),
    }
    assert compute_quote(w, book).options["lambda_managed"].monthly_usd == Decimal("947.90")  # above Lambda's 926.47


def test_a_spiky_low_volume_api_loses_on_the_three_instance_floor(book: PriceBook) -> None:
    w = make_workload(**LONDON, traffic={"requests_per_month": 2_000_000, "duration_ms": 100,
                                         "daily_profile": list(SPIKY)})
    quote = compute_quote(w, book)
    # Lambda: 1M billable requests x $0.20/1M = $0.20; 200,000 GB-s are inside the 400,000 free
    assert quote.options["lambda"].monthly_usd == Decimal("0.20")
    # Lambda MI: the busiest hour needs one environment, yet three c5.large run every hour
    assert lines(w, book, "lambda_managed") == {"EC2 instances (c5.large)": Decimal("221.19"),
                                                "Management fee (15% of EC2)": Decimal("33.18"),
                                                "Requests": Decimal("0.40")}
    advice = advise(w, book)
    assert advice.recommendation.option == "lambda"
    floor = next(f for f in advice.findings if f.finding_id == "lambda_managed.fleet_floor")
    assert floor.severity == "warning" and floor.against == ("lambda_managed",)
    assert "the fleet costs about $254.37 a month whatever the volume, more than Lambda's $0.20" in floor.text
    scaling = next(f for f in advice.findings if f.finding_id == "lambda_managed.scaling")
    assert "more than doubles within 5 minutes" in scaling.text


def test_cold_starts_count_against_lambda_only(book: PriceBook) -> None:
    w = make_workload(**LONDON, requirements={"latency_slo_ms": 200}, traffic={"daily_profile": list(SPIKY)})
    found = {f.finding_id: f for f in advise(w, book).findings}
    assert found["latency.cold_starts"].against == ("lambda",)
    assert found["lambda_managed.no_cold_starts"].favours == ("lambda_managed",)


def test_the_runtime_default_sets_the_requests_per_environment(book: PriceBook) -> None:
    def per_environment(**lmi: object) -> int:
        w = make_workload(**{**LONDON, "lambda_managed": lmi}, lambda_={"memory_mb": 8192},
                          requirements={"vcpu_per_unit": 0.01}, container={"target_utilization": 1.0})
        cap = compute_quote(w, book).options["lambda_managed"].capacity
        return cap.to_json()["requests_per_environment"]  # type: ignore[union-attr]

    # 8 GiB at 2 GiB per vCPU = a 4-vCPU environment; the CPU carries 400 requests at 0.01 vCPU each
    assert per_environment(runtime="nodejs") == 256  # 64 per vCPU
    assert per_environment(runtime="java") == 128 and per_environment(runtime="dotnet") == 128  # 32 per vCPU
    assert per_environment(runtime="python") == 64 and per_environment(runtime="unknown") == 64  # 16 per vCPU
    assert per_environment(runtime="nodejs", memory_gib_per_vcpu=8) == 64  # a 1-vCPU environment
    assert per_environment(runtime="nodejs", concurrency_per_environment=1600) == 400  # the CPU's limit


def test_without_a_sourced_request_price_the_total_says_what_it_leaves_out(book: PriceBook) -> None:
    w = make_workload(options=["lambda_managed"], front_door="none", region="us-west-2")  # no LMI request price
    option = compute_quote(w, book).options["lambda_managed"]
    assert option.feasible and option.monthly_usd is not None and not option.complete
    assert option.missing_prices == ("no sourced price for Lambda Managed Instances requests in us-west-2 in the "
                                     "price book dated 2026-12-01",)
    assert option.status == "Feasible; total incomplete"
    assert total_text(option) == \
        f"${option.monthly_usd:,.2f} + Lambda MI requests (no us-west-2 price in the book)"


def test_an_ecs_managed_instances_fleet_on_c6a_2xlarge_cannot_be_priced_from_the_book(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # AWS publishes the fee for c6a.2xlarge ($0.037 per instance-hour, source AE-E), but no shared reference gives
    # c6a.2xlarge's us-east-1 EC2 price (or its size): the fleet is not priced, and the quote says why.
    path = tmp_path / "ecs-mi.workload.json"
    path.write_text(json.dumps({"name": "ECS MI c6a", "options": ["ec2", "ecs_managed"],
                                "ecs_managed": {"instance_type": "c6a.2xlarge"}}))
    assert main(["estimate", str(path), "--json"]) == 0
    option = json.loads(capsys.readouterr().out)["options"]["ecs_managed"]
    assert option["monthly_usd"] is None and not option["feasible"] and option["line_items"] == []
    assert option["reasons"] == ["ECS Managed Instances: the book has AWS's published fee for c6a.2xlarge ($0.037 per "
                                 "instance-hour, source AE-E) but no sourced us-east-1 EC2 price or size for it: "
                                 "the fleet cannot be priced"]


def test_ecs_managed_instances_pay_aws_fee_rule_on_the_ec2_fleet(book: PriceBook) -> None:
    # aws-prices-t3.md 1.1: the fee is 12% of the same region's EC2 on-demand price (G-family 7.8%, P/Trainium 4.8%)
    w = make_workload(options=["ec2", "ecs_managed"], container={"spot_share": 0.5},
                      assumptions={"savings_plans": {"ec2_pct": 20}})
    quote = compute_quote(w, book)
    ec2, managed = quote.options["ec2"], quote.options["ecs_managed"]
    assert managed.capacity is not None and ec2.capacity is not None
    name = managed.capacity.to_json()["instance_type"]
    fee = next(i for i in managed.line_items if i.label == "ECS Managed Instances management fee")
    # the same packing, instances, EBS volumes, Spot and Savings Plan lines as ECS on EC2 (reused, not copied)
    others = [(i.label, i.usd) for i in managed.line_items if i is not fee]
    assert others == [(i.label, i.usd) for i in ec2.line_items]
    ec2_price = book.regions["us-east-1"].ec2.on_demand[name].usd
    assert fee.unit_price_usd == ec2_price * Decimal("0.12") and fee.price is not None
    assert fee.price.source == "t3-ECSMI"
    assert fee.quantity == Decimal(str(managed.capacity.to_json()["instance_hours"]))
    assert managed.monthly_usd == ec2.monthly_usd + fee.usd and managed.complete
    assert managed.capacity.to_json()["management_fee_in_book"] is True
    assert set(ec2.warnings) <= set(managed.warnings)  # e.g. a burstable type's CPU credits, said for both


def test_the_fee_levels_follow_the_family() -> None:
    from desktop.model.options.ecs_managed.sections import fee_family

    assert [fee_family(t) for t in ("m7g.large", "c6a.2xlarge", "g4dn.xlarge", "g6e.48xlarge", "p5.48xlarge",
                                    "trn1.2xlarge", "gr6.4xlarge")] == \
        ["general", "general", "gpu", "gpu", "accelerated", "accelerated", "general"]


def test_without_the_fee_rule_the_total_leaves_the_fee_out(book: PriceBook) -> None:
    region = book.regions["us-east-1"]
    assert region.ecs_managed is not None
    no_rule = EcsManagedPrices(management_fee=region.ecs_managed.management_fee)
    bare = book.model_copy(update={"regions": {**book.regions,
                                               "us-east-1": region.model_copy(update={"ecs_managed": no_rule})}})
    w = make_workload(options=["ec2", "ecs_managed"])
    quote = compute_quote(w, bare)
    ec2, managed = quote.options["ec2"], quote.options["ecs_managed"]
    assert [(i.label, i.usd) for i in managed.line_items] == [(i.label, i.usd) for i in ec2.line_items]
    assert managed.capacity is not None
    name = managed.capacity.to_json()["instance_type"]
    assert managed.missing_prices == (
        f"management fee not in the price book: no sourced ECS Managed Instances management fee rate (general types) "
        f"for {name} in us-east-1",)
    assert managed.status == "Feasible; total incomplete"
    assert left_out_text(managed) == "ECS MI management fee rate (general types) (no us-east-1 price in the book)"
    fee_hours = managed.missing[0].usage  # the instance-hours the fee would be charged on, for like-for-like margins
    assert fee_hours == ((managed.capacity.to_json()["instance_hours"], "instance-hour"),)
    assert managed.capacity.to_json()["management_fee_in_book"] is False
    assert managed.capacity.assumption() == ("ECS Managed Instances instance type", f"{name} (cheapest that fits, "
                                             "chosen automatically; its management fee is not in the price book)")
    assert "ECS Managed Instances management fee rate (general types)" in missing_prices(bare, "us-east-1")
    assert not [m for m in missing_prices(book, "us-east-1") if m.startswith("ECS Managed")]


def _with_stand_in_fee(book: PriceBook, name: str, usd: str) -> PriceBook:
    """A copy of the book with a made-up fee for one type: tests the arithmetic only, never shown as AWS's."""
    region = book.regions["us-east-1"]
    assert region.ecs_managed is not None
    fee = Price(usd=Decimal(usd), unit="instance-hour", source="AE-E", as_of=dt.date(2026, 9, 20), confidence="C",
                note="a stand-in fee for a test of the arithmetic, not AWS's")
    fees = EcsManagedPrices(management_fee={**region.ecs_managed.management_fee, name: fee})
    return book.model_copy(update={"regions": {**book.regions,
                                               "us-east-1": region.model_copy(update={"ecs_managed": fees})}})


def test_a_known_fee_is_charged_per_instance_hour_exactly_and_fast(book: PriceBook) -> None:
    w = make_workload(options=["ec2", "ecs_managed"], ec2={"instance_type": "m7i.large"},
                      ecs_managed={"instance_type": "m7i.large"}, front_door="none")
    stand_in = _with_stand_in_fee(book, "m7i.large", "0.010")
    quote = compute_quote(w, stand_in)
    managed = quote.options["ecs_managed"]
    fee = next(i for i in managed.line_items if i.label == "ECS Managed Instances management fee")
    hours = fee.quantity  # two instances (one per AZ) all month: 2 x 730
    assert hours == Decimal("1460") and fee.usd == Decimal("14.60") and managed.complete
    assert managed.capacity is not None and managed.capacity.to_json()["management_fee_in_book"] is True
    assert managed.monthly_usd == quote.options["ec2"].monthly_usd + Decimal("14.60")
    volumes = np.array([1e5, 1e7, 3e8, 2e9])
    fast = fast_costs(w, stand_in, volumes)["ecs_managed"]
    exact = [compute_quote(w, stand_in, units_per_month=int(v)).options["ecs_managed"].monthly_usd for v in volumes]
    assert fast is not None and fast.tolist() == pytest.approx([float(e or 0) for e in exact], abs=0.011)


@pytest.mark.parametrize("extra", [{}, {"traffic": {"daily_profile": list(SPIKY)}},
                                   {"lambda_managed": {"runtime": "python", "concurrency_per_environment": 3}},
                                   {"architecture": "arm64"}])
def test_fast_curves_match_the_exact_quote(book: PriceBook, extra: dict[str, object]) -> None:
    w = make_workload(**{**LONDON, **extra, "options": ["lambda_managed", "ecs_managed"]})
    volumes = np.array([1e3, 2e6, 5e8, 4e9, 3e10])
    fast = fast_costs(w, book, volumes)
    for option in ("lambda_managed", "ecs_managed"):
        exact = [compute_quote(w, book, units_per_month=int(v)).options[option].monthly_usd for v in volumes]
        found = fast[option]
        assert found is not None
        assert found.tolist() == pytest.approx([float(e or 0) for e in exact], abs=0.011), option


def test_old_files_compare_three_options_and_a_listed_option_joins_them(book: PriceBook) -> None:
    assert list(compute_quote(make_workload(), book).options) == ["lambda", "fargate", "ec2"]
    five = make_workload(options=["ecs_managed", "lambda", "lambda_managed", "fargate", "ec2"])
    assert list(compute_quote(five, book).options) == ["lambda", "fargate", "ec2", "lambda_managed", "ecs_managed"]
    advice = advise(five, book)
    assert len(advice.break_even) == 10 and set(advice.curves.costs) == set(compute_quote(five, book).options)
    assert list(compute_quote(make_workload(options=["fargate"]), book).options) == ["fargate"]


@pytest.mark.parametrize(("sections", "message"), [
    ({"options": []}, "options: must list at least one compute option (or be left out: lambda, fargate and ec2)"),
    ({"options": ["lambda", "lambda"]}, "options: lists 'lambda' more than once"),
    ({"options": ["lamda"]}, "options: 'lamda' is not a compute option (known: lambda, fargate, ec2, lambda_managed, "
                             "ecs_managed, eks_fargate)"),
    ({"lambda_managed": {"concurrency_per_environment": 1601}},
     "lambda_managed.concurrency_per_environment: must be between 1 and 1,600, got 1601"),
    ({"lambda_managed": {"memory_gib_per_vcpu": 1.5}}, "lambda_managed.memory_gib_per_vcpu: must be between 2 and 8, "
                                                       "got 1.5"),
    ({"lambda_managed": {"min_instances": 0}}, "lambda_managed.min_instances: must be between 1 and 10,000, got 0"),
    ({"lambda_managed": {"runtime": "cobol"}}, "lambda_managed.runtime: must be one of 'unknown', 'nodejs', "),
    ({"ecs_managed": {"instance_type": "z9.huge"}}, "ecs_managed.instance_type: 'z9.huge' is not in the price "
                                                    "book's instance catalogue"),
])
def test_bad_managed_instances_input_is_refused_naming_the_file_and_field(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], sections: dict[str, object], message: str) -> None:
    path = tmp_path / "bad.workload.json"
    path.write_text(json.dumps({"name": "bad", **sections}))
    assert main(["estimate", str(path)]) == 2
    assert capsys.readouterr().err.startswith(f"computefit: {path}: {message}")


def test_findings_name_the_options_compared(book: PriceBook) -> None:
    def text(finding_id: str, **sections: object) -> str:
        advice = advise(make_workload(**sections), book)
        return next(f.text for f in advice.findings if f.finding_id == finding_id)

    five = ["lambda", "fargate", "ec2", "lambda_managed", "ecs_managed"]
    classic = text("team.operations", team={"operations_appetite": "low"})
    assert classic == text("team.operations", team={"operations_appetite": "low"}, options=five)
    assert text("team.operations", options=["fargate", "ecs_managed"]) == (
        "The team can run containers but would rather not patch and scale hosts: ECS MI: the most of that work")
    managed = ["lambda_managed", "ecs_managed"]
    assert text("team.configuration", team={"configuration_control": "high"}, options=managed) == \
        "Fine control of the runtime, OS or host is needed: ECS MI: the most; Lambda MI: the least"
    alike = advise(make_workload(team={"configuration_control": "high"}, options=["fargate", "lambda_managed"]), book)
    assert "team.configuration" not in {f.finding_id for f in alike.findings}  # equal control: nothing to weigh


def test_the_fleet_is_sized_for_the_peak_within_the_hour(book: PriceBook) -> None:
    def instances(burst: float) -> int:
        w = make_workload(**LONDON, traffic={"requests_per_month": 500_000_000, "duration_ms": 100,
                                             "burst_ratio": burst}, requirements={"vcpu_per_unit": 0.1})
        cap = compute_quote(w, book).options["lambda_managed"].capacity
        return int(cap.to_json()["peak_instances"])  # type: ignore[union-attr]

    # 0.1 vCPU a request (stated) at 70% utilisation: 7 per environment.
    # 19.03 in flight x 2 = 38.06 at the peak within the hour: ceil(38.06 / 7) = 6 environments, 3 c5.large
    # (the floor); x 3 = 57.08: 9 environments, 5 instances
    assert (instances(1), instances(2), instances(3)) == (3, 3, 5)
