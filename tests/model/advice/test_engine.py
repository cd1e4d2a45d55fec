"""The cost engine's modelling choices, each pinned to a hand-computed number."""

from __future__ import annotations

from decimal import Decimal

import pytest

from desktop.model.advice.engine import UnknownRegionError, compute_quote
from desktop.model.options.common.fargate_sizes import round_up_size
from tests.conftest import make_workload


def by_label(option):
    return {i.label: i for i in option.line_items}


def test_fargate_rounds_up_to_the_next_valid_size_and_says_so(book):
    w = make_workload(front_door="none", container={"vcpu": 0.3, "memory_gb": 1.5, "min_tasks": 1},
                      traffic={"requests_per_month": 0})
    option = compute_quote(w, book).options["fargate"]
    assert (option.capacity.vcpu, option.capacity.memory_gb) == (0.5, 2.0)
    assert any("billed as 0.5 vCPU / 2 GB" in text for text in option.warnings)
    # 1 always-on task for 730 h: 0.5 vCPU x 2,628,000 s x 0.000011244 = 14.77; 2 GB x 2,628,000 s x 0.000001235 = 6.49
    assert by_label(option)["vCPU"].usd == Decimal("14.77")
    assert by_label(option)["Memory"].usd == Decimal("6.49")


def test_round_up_size_picks_cheapest_fit():
    assert round_up_size(1, 9, "linux", 0.04, 0.0044) == pytest.approx(type(round_up_size(2, 9, "linux", 1, 1))(2, 9))
    assert round_up_size(17, 8, "linux", 1, 1) is None
    assert round_up_size(8, 8, "windows", 1, 1) is None


def test_fargate_tasks_follow_the_busiest_hour(book):
    # 100 rps average, 0.2 s -> 20 in flight; 10 per task at 0.5 utilisation -> 5 tasks per unit of weight.
    profile = [1.0] * 12 + [3.0] * 12  # mean 2: quiet hours x0.5, busy hours x1.5
    w = make_workload(front_door="none",
                      traffic={"requests_per_month": (100 * 730 * 3600), "duration_ms": 200,
                               "daily_profile": profile},
                      container={"concurrency_per_task": 10, "target_utilization": 0.5, "min_tasks": 2})
    cap = compute_quote(w, book).options["fargate"].capacity
    assert cap.tasks_per_hour == (2,) * 12 + (6,) * 12  # 10 in flight -> 2 tasks; 30 -> 6 tasks
    assert cap.task_hours == Decimal(2 * 12 + 6 * 12) * Decimal(730) / 24


def test_lambda_peak_concurrency_is_littles_law_on_the_busiest_hour(book):
    w = make_workload(traffic={"requests_per_month": (50 * 730 * 3600), "duration_ms": 400,
                               "daily_profile": [0.0] * 23 + [24.0]})
    cap = compute_quote(w, book).options["lambda"].capacity
    assert cap.peak_concurrency == pytest.approx(50 * 24 * 0.4)
    assert cap.average_concurrency == pytest.approx(50 * 0.4)


def test_provisioned_concurrency_is_charged_while_enabled_without_free_tier(book):
    w = make_workload(front_door="none", traffic={"requests_per_month": 10_000_000, "duration_ms": 100},
                      **{"lambda": {"memory_mb": 2048, "provisioned_concurrency": 10,
                                    "provisioned_hours_per_month": 730, "provisioned_share": 0.5}})
    items = by_label(compute_quote(w, book).options["lambda"])
    # 10 x 2 GB x 730 h x 3600 s = 52,560,000 GB-s x 0.0000041667 = 219.00
    assert items["Provisioned concurrency (while enabled)"].usd == Decimal("219.00")
    # 5M requests x 0.1 s x 2 GB = 1,000,000 GB-s x 0.0000097222 = 9.72
    assert items["Duration on provisioned concurrency"].usd == Decimal("9.72")
    # on-demand half: 1,000,000 GB-s - 400,000 free = 600,000 x 0.0000166667 = 10.00
    assert items["Duration (x86_64), tier 1"].usd == Decimal("10.00")


def test_ec2_bin_packs_tasks_and_keeps_two_hosts_for_two_zones(book):
    w = make_workload(front_door="none", traffic={"requests_per_month": 0},
                      container={"vcpu": 1, "memory_gb": 3, "min_tasks": 2},
                      ec2={"instance_type": "m5.xlarge", "root_volume_gb": 0})
    option = compute_quote(w, book).options["ec2"]
    cap = option.capacity
    assert cap.tasks_per_instance == 3  # 4 - 0.07 vCPU -> 3; 16 - 0.5 GB -> 5 by memory
    assert cap.instances_per_hour == (2,) * 24  # two tasks over two zones: two hosts
    assert option.monthly_usd == Decimal("280.32")  # 2 x 730 h x 0.192


def test_ec2_auto_picks_the_cheapest_fitting_type_of_the_architecture(book):
    w = make_workload(front_door="none", architecture="arm64", traffic={"requests_per_month": 0},
                      container={"vcpu": 2, "memory_gb": 6, "min_tasks": 4})
    cap = compute_quote(w, book).options["ec2"].capacity
    itype = book.instance_types[cap.instance_type]
    assert itype.architecture == "arm64"
    # 4 tasks of 2 vCPU / 6 GB: an xlarge (4 vCPU) holds 1 (3.93 vCPU usable) -> cheapest is a 2xlarge-class host
    assert cap.tasks_per_instance >= 1
    total = book.regions["us-east-1"].ec2.on_demand[cap.instance_type].usd * cap.instance_hours
    for name, price in book.regions["us-east-1"].ec2.on_demand.items():
        other = book.instance_types[name]
        if other.architecture != "arm64" or other.gpus:
            continue
        fit = min(int((other.vcpu - 0.07) // 2), int((float(other.memory_gib) - 0.5) // 6))
        if fit >= 1:
            hosts = max(-(-4 // fit), 2)
            assert price.usd * hosts * 730 >= total - Decimal("0.0001"), name


def test_gpu_work_runs_only_on_gpu_instances(book, examples):
    quote = compute_quote(examples["gpu-inference"], book)
    assert not quote.options["lambda"].feasible and not quote.options["fargate"].feasible
    ec2 = quote.options["ec2"]
    assert ec2.feasible and book.instance_types[ec2.capacity.instance_type].gpus >= 1


def test_region_without_a_price_says_so_and_never_borrows(book):
    w = make_workload(region="sa-east-1", ec2={"instance_type": "m5.large"})
    ec2 = compute_quote(w, book).options["ec2"]
    assert not ec2.feasible and ec2.monthly_usd is None
    assert "no sourced price for EC2 m5.large in sa-east-1" in ec2.reasons[0].text
    w = make_workload(region="ca-central-1", architecture="arm64")  # the book has x86 duration there, not Arm
    lam = compute_quote(w, book).options["lambda"]
    assert lam.monthly_usd is None and "Lambda arm64 duration in ca-central-1" in lam.reasons[0].text


def test_missing_front_door_price_is_listed_not_invented(book):
    w = make_workload(region="ap-southeast-2", front_door="auto")  # no source gives Sydney's ALB prices
    fargate = compute_quote(w, book).options["fargate"]
    assert fargate.feasible and fargate.monthly_usd is not None
    assert any("Application Load Balancer in ap-southeast-2" in m for m in fargate.missing_prices)
    assert not any("Load Balancer" in i.label for i in fargate.line_items)


def test_spot_and_savings_plans_are_explicit_negative_lines(book):
    w = make_workload(front_door="none", traffic={"requests_per_month": 0},
                      container={"min_tasks": 1, "spot_share": 0.5},
                      assumptions={"fargate_spot_discount_pct": 70, "savings_plans": {"fargate_pct": 20}})
    items = by_label(compute_quote(w, book).options["fargate"])
    compute = items["vCPU"].usd + items["Memory"].usd
    assert items["Fargate Spot discount"].usd == -(compute * Decimal("0.5") * Decimal("0.7")).quantize(Decimal("0.01"))
    assert items["Compute Savings Plan (Fargate)"].usd == -(compute * Decimal("0.5") * Decimal("0.2")).quantize(
        Decimal("0.01"))


def test_front_door_defaults(book):
    w = make_workload(traffic={"requests_per_month": 2_000_000})
    quote = compute_quote(w, book)
    assert by_label(quote.options["lambda"])["API Gateway HTTP API, tier 1"].usd == Decimal("2.00")
    assert by_label(quote.options["fargate"])["Application Load Balancer hours"].usd == Decimal("16.43")
    jobs = make_workload(traffic={"kind": "jobs", "runs_per_month": 100})
    assert all(i.group != "front door" for o in compute_quote(jobs, book).options.values() for i in o.line_items)


def test_unknown_region_is_an_error(book):
    with pytest.raises(UnknownRegionError):
        compute_quote(make_workload(region="moon-1"), book)


def test_every_priced_line_carries_its_price_book_entry(book, examples):
    for workload in examples.values():
        quote = compute_quote(workload, book)
        for option in quote.options.values():
            for item in option.line_items:
                if item.group == "discount":
                    assert item.price is None and item.usd <= 0
                else:
                    assert item.price is not None and item.unit_price_usd == item.price.usd
                    assert item.price.source in book.sources


def test_quote_confidence_counts_the_prices_it_used(book, examples):
    quote = compute_quote(examples["http-api"], book)
    used = quote.prices_used()
    assert len(used) == len({id(p) for p in used}) > 5
    text = quote.price_confidence
    assert text.startswith(f"{len(used)} prices: ")
    assert "AWS published" in text
