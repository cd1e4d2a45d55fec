"""The billing engine's usage per clock hour and month (BY_CLOCK_HOUR) against its definition per hour (BY_HOUR).

The import sums a resource's usage per clock hour and month and counts the used hours as the bits of a mask of the
month's days; the definition groups per resource and hour first. On a seeded export of the edge cases both must give
the same resources, field by field, and the same summary: a function under its ARN, a version and an alias; an ARN
without a name and an id without an ARN; a Fargate task tagged with its service in some hours and untagged in others
(one resource id under two keys), two tasks of one service in the same hour (the peak is their sum), a service ARN;
EC2 instance, Spot and EBS rows; provisioned concurrency; zero amounts; credits; rows without a resource id; other
services; several rows per resource and hour, the same clock hour on several days, over the end of February into
March, and the same day and clock hour of both months. Amounts are whole or half units and costs have four decimals,
so every sum is exact in any order. With a negative usage amount (refunded usage) an hour's sum can be zero with a
positive row in it: the import then takes the definition, and the hour is not counted.
"""

from __future__ import annotations

import dataclasses
import random
from pathlib import Path
from typing import Any

import pytest

from desktop.usage import engine
from desktop.usage.engine import read_billing
from desktop.usage.records import ImportSummary, UsageError
from tests.usage import fixtures as fx

FUNCTION = fx.ORDERS_ARN
LAMBDA_IDS = [FUNCTION, f"{FUNCTION}:3", f"{FUNCTION}:live", f"arn:aws:lambda:us-east-1:{fx.ACCOUNT}:function:",
              "orders-copy", f"arn:aws:lambda:eu-west-1:{fx.ACCOUNT}:function:thumbs:7"]
LAMBDA_TYPES = ["USE1-Request", "USE1-Lambda-GB-Second", "USE1-Lambda-GB-Second-ARM", "USE1-Request-ARM",
                "USE1-Lambda-Provisioned-Concurrency", "USE1-DataTransfer-Out-Bytes"]
TASKS = [f"arn:aws:ecs:us-east-1:{fx.ACCOUNT}:task/shop/task{i}" for i in range(3)]
API = f"arn:aws:ecs:us-east-1:{fx.ACCOUNT}:service/shop/api"
FARGATE_TYPES = ["USE1-Fargate-vCPU-Hours:perCPU", "USE1-Fargate-GB-Hours", "USE1-Fargate-EphemeralStorage-GB-Hours"]
EC2 = [("i-0aaa", "BoxUsage:m5.large", "m5.large"), ("i-0bbb", "SpotUsage:c5.large", ""),
       ("vol-0123", "EBS:VolumeUsage.gp3", "")]


def _row(pick: random.Random) -> dict[str, str]:
    hour = pick.randrange(-30, 60)  # from 2025-02-27 18:00, over the month's end
    amount = str(pick.choice([0, 0.5, 1, 2, 3.5, 10]))
    cost = f"{pick.randrange(0, 9999) / 10000:.4f}"
    service = pick.choice(["lambda", "lambda", "lambda", "fargate", "fargate", "ec2", "other", "none"])
    if service == "lambda":
        kind, cost = ("Credit", f"-{cost}") if pick.random() < 0.05 else ("Usage", cost)
        return fx._cur(hour, kind, "AWSLambda", pick.choice(LAMBDA_TYPES), pick.choice(LAMBDA_IDS), amount, cost,
                       "us-east-1")
    if service == "fargate":
        task = pick.choice([*TASKS, API])
        tags = {} if task == API or pick.random() < 0.2 else {"aws_ecs_service_name": "web"}
        return fx._cur(hour, "Usage", "AmazonECS", pick.choice(FARGATE_TYPES), task, amount, cost, "us-east-1",
                       tags=tags)
    if service == "ec2":
        resource, usage_type, instance = pick.choice(EC2)
        return fx._cur(hour, "Usage", "AmazonEC2", usage_type, resource, amount, cost, "us-east-1", instance)
    if service == "other":
        return fx._cur(hour, "Usage", "AmazonS3", "TimedStorage-ByteHrs", "my-bucket", amount, cost, "us-east-1")
    return fx._cur(hour, "Usage", "AWSLambda", "USE1-Request", "", amount, cost, "us-east-1")  # no resource id


def rows(negative: bool = False) -> list[dict[str, str]]:
    pick = random.Random(2026)
    found = [_row(pick) for _ in range(900)]
    # two tasks of the service `web` in one hour: the peak is their sum
    found += [fx._cur(7, "Usage", "AmazonECS", FARGATE_TYPES[0], task, "4", "0.16", "us-east-1",
                      tags={"aws_ecs_service_name": "web"}) for task in TASKS[:2]]
    # the same day of the month and clock hour in February and March: two hours, not one
    found += [fx._cur(hour, "Usage", "AWSLambda", "USE1-Request", FUNCTION, "1", "0.0002", "us-east-1")
              for hour in (2 - 28 * 24, 2)]
    if negative:  # refunded requests: hour 50's sum is zero, with a positive row in it
        found += [fx._cur(50, "Usage", "AWSLambda", "USE1-Request", "orders-refund", "5", "0.001", "us-east-1"),
                  fx._cur(50, "Refund", "AWSLambda", "USE1-Request", "orders-refund", "-5", "-0.001", "us-east-1"),
                  fx._cur(51, "Usage", "AWSLambda", "USE1-Request", "orders-refund", "2", "0.0004", "us-east-1")]
    return found


def _export(folder: Path, fmt: str, negative: bool = False) -> tuple[Path, str]:
    path = fx.write_csv(folder / f"cur-{negative}.csv", rows(negative))
    if fmt == "parquet":
        return fx.write_parquet(path.with_suffix(".parquet"), path), fmt
    return path, fmt


def _import(export: tuple[Path, str]) -> tuple[list[dict[str, Any]], ImportSummary]:
    summary = ImportSummary()
    found = read_billing([export[0]], export[1], summary)
    return sorted((dataclasses.asdict(r) for r in found), key=lambda r: str(r["resource"])), summary


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_per_clock_hour_and_month_gives_what_per_hour_gives(fmt: str, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    export = _export(tmp_path, fmt)
    found, summary = _import(export)
    monkeypatch.setattr(engine, "BY_CLOCK_HOUR", engine.BY_HOUR)  # the definition, per resource and hour
    expected, expected_summary = _import(export)
    for got, want in zip(found, expected, strict=True):
        assert got == want, got["resource"]
    assert summary == expected_summary
    by_key = {r["resource"]: r for r in found}
    assert set(by_key) >= {FUNCTION, "orders-copy", "shop/web", "shop", "shop/api", "i-0aaa", "i-0bbb"}
    assert by_key["shop/web"]["peak_hour_vcpu"] >= 8  # two tasks' 4 vCPU-hours in hour 7
    assert "vol-0123" not in by_key and summary.period_text == "2025-02-01 02:00 to 2025-03-03 11:59 UTC"
    assert summary.skipped["no resource id (line_item_resource_id)"] > 0


def test_a_negative_usage_amount_takes_the_hourly_definition(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    export = _export(tmp_path, "parquet", negative=True)
    found, _ = _import(export)
    refund = next(r for r in found if r["resource"] == "orders-refund")
    assert refund["hours_with_usage"] == 1 and refund["rows"] == 3  # hour 50 sums to zero requests
    assert refund["requests"][2] == 0 and refund["requests"][3] == 2
    monkeypatch.setattr(engine, "BY_HOUR", "not SQL")  # the definition is what answered: without it, no import
    with pytest.raises(UsageError):
        _import(export)


def test_without_negative_amounts_the_hourly_definition_is_not_run(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "BY_HOUR", "not SQL")
    found, summary = _import(_export(tmp_path, "parquet"))
    assert found and summary.rows_read == len(rows())
