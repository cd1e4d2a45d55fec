"""The billing engine's figures against a plain Python reading of the same rows.

The engine sums a resource's usage per clock hour in one group and its rows, bills, flags and attributes in
another, then folds the hours into the 24 hours of the day: a seeded export of several resources with many rows
in the same hour, over several days (credits, a data transfer line, a provisioned-concurrency line, an EBS volume
without compute usage) must give exactly what summing each row by hand gives, field by field, CSV and Parquet.
Amounts are whole or half units and costs have four decimals, so every sum is exact in any order.
"""

from __future__ import annotations

import random
from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from desktop.usage.engine import R_NO_COMPUTE, read_billing
from desktop.usage.records import ImportSummary
from tests.usage import fixtures as fx

LAMBDA = {"USE1-Request": "requests", "USE1-Lambda-GB-Second": "gbs", "USE1-Lambda-GB-Second-ARM": "gbs",
          "USE1-Lambda-Provisioned-Concurrency": "prov", "USE1-DataTransfer-Out-Bytes": ""}
FARGATE = {"USE1-Fargate-vCPU-Hours:perCPU": "vcpu", "USE1-Fargate-GB-Hours": "gbh"}
FUNCTIONS = [f"arn:aws:lambda:us-east-1:{fx.ACCOUNT}:function:fn{i}" for i in range(3)]
TASKS = {f"arn:aws:ecs:us-east-1:{fx.ACCOUNT}:task/shop/task{i}": f"svc{i % 2}" for i in range(3)}
INSTANCES = ["i-0aaa", "i-0bbb"]


Row = tuple[dict[str, str], str, str, str, int]


def _rows() -> list[Row]:
    """(CUR row, key, kind, measure, hour) over 60 hours of three days, several rows per resource and hour."""
    pick = random.Random(26)
    out: list[Row] = []
    for _ in range(400):
        hour, amount = pick.randrange(60), str(pick.randrange(1, 40) / 2)
        cost = str(Decimal(pick.randrange(1, 9999)) / 10000)
        service = pick.choice(["lambda", "lambda", "fargate", "ec2"])
        if service == "lambda":
            arn, usage_type = pick.choice(FUNCTIONS), pick.choice(list(LAMBDA))
            line_type, cost = ("Credit", f"-{cost}") if pick.random() < 0.05 else ("Usage", cost)
            out.append((fx._cur(hour, line_type, "AWSLambda", usage_type, arn, amount, cost, "us-east-1"), arn,
                        "lambda", LAMBDA[usage_type], hour))
        elif service == "fargate":
            task, usage_type = pick.choice(list(TASKS)), pick.choice(list(FARGATE))
            row = fx._cur(hour, "Usage", "AmazonECS", usage_type, task, amount, cost, "us-east-1",
                          tags={"aws_ecs_service_name": TASKS[task]})
            out.append((row, f"shop/{TASKS[task]}", "fargate", FARGATE[usage_type], hour))
        else:
            instance = pick.choice(INSTANCES)
            out.append((fx._cur(hour, "Usage", "AmazonEC2", "BoxUsage:m5.large", instance, "1", cost, "us-east-1",
                                "m5.large"), instance, "ec2", "inst", hour))
    for hour in (3, 40):
        out.append((fx._cur(hour, "Usage", "AmazonEC2", "EBS:VolumeUsage.gp3", "vol-0123", "0.5", "0.01",
                            "us-east-1"), "vol-0123", "ec2", "", hour))
    return out


def _expected() -> tuple[list[dict[str, Any]], int]:
    """Each resource's figures summed row by row (biggest bill first), and the rows of resources without usage."""
    per: dict[str, dict[str, Any]] = {}
    hourly: dict[str, dict[int, dict[str, float]]] = defaultdict(lambda: defaultdict(lambda: defaultdict(float)))
    for row, key, kind, measure, hour in _rows():
        r = per.setdefault(key, {"kind": kind, "resource": key, "rows": 0, "billed_usd": Decimal(0),
                                 "credits_usd": Decimal(0), "unpriced_usd": Decimal(0), "arm": False,
                                 "instance_type": "m5.large" if key.startswith("i-") else "", "truncated_id": False})
        cost = Decimal(row["line_item_unblended_cost"])
        r["rows"] += 1
        r["billed_usd"] += cost
        r["credits_usd"] += min(cost, Decimal(0))
        r["unpriced_usd"] += cost if not measure and cost >= 0 else Decimal(0)
        r["arm"] |= row["line_item_usage_type"].endswith("-ARM")
        if measure:
            hourly[key][hour][measure] += float(row["line_item_usage_amount"])
    found, dropped = [], 0
    for key, r in per.items():
        hours = hourly[key]
        if not hours:
            dropped += r["rows"]
            continue
        by_clock = {m: [sum(h[m] for t, h in hours.items() if t % 24 == c) for c in range(24)]
                    for m in ("requests", "gbs", "vcpu", "inst")}
        found.append(r | {"requests": by_clock["requests"], "gb_seconds": by_clock["gbs"],
                          "vcpu_hours": by_clock["vcpu"], "instance_hours": by_clock["inst"],
                          "provisioned_gb_seconds": sum(h["prov"] for h in hours.values()),
                          "gb_hours": sum(h["gbh"] for h in hours.values()),
                          "peak_hour_vcpu": max(h["vcpu"] for h in hours.values()),
                          "hours_with_usage": sum(1 for h in hours.values()
                                                  if h["requests"] + h["gbs"] + h["vcpu"] + h["inst"] > 0)})
    return sorted(found, key=lambda r: (-r["billed_usd"], r["resource"])), dropped


@pytest.fixture(scope="module", params=["csv", "parquet"])
def export(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    path = fx.write_csv(tmp_path_factory.mktemp("sums") / "cur.csv", [row[0] for row in _rows()])
    if request.param == "parquet":
        return fx.write_parquet(path.with_suffix(".parquet"), path), "parquet"
    return path, "csv"


def test_every_resource_figure_is_the_sum_of_its_rows(export: tuple[Path, str]) -> None:
    summary = ImportSummary()
    found = read_billing([export[0]], export[1], summary)
    expected, dropped = _expected()
    assert [r.resource for r in found] == [e["resource"] for e in expected]
    for usage, want in zip(found, expected, strict=True):
        assert {name: getattr(usage, name) for name in want} == want, usage.resource
        assert usage.account == fx.ACCOUNT and usage.region == "us-east-1"
    assert dropped == 2 and dict(summary.skipped) == {R_NO_COMPUTE: dropped}
    assert summary.rows_read == 402 and summary.rows_used == 400
    hours = sorted(row[4] for row in _rows())
    assert (hours[0], hours[-1]) == (0, 59) and summary.period_hours == 60
    assert summary.period_text == "2025-03-01 00:00 to 2025-03-03 11:59 UTC"
