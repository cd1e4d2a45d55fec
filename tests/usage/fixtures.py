"""Small, hand-checkable usage exports, built from the public column definitions (CUR 2.0 data dictionary, FOCUS
specification, the AWS CLI's documented output shapes).

The month: 8 days, 2025-03-01 00:00 to 2025-03-08 23:59 UTC, 192 hours. Per hour:
- Lambda `orders` (us-east-1, x86): 10,000 requests ($0.002) and 2,000 GB-seconds ($0.0333334).
  Billed over the period: 192 x 0.0353334 = 6.7840128 USD. Requests a month: 1,920,000 x 730 / 192 = 7,300,000.
- Lambda `thumbs` (eu-west-1, ARM), hours 09-16 only (64 hours): 50,000 requests ($0.01) and 20,000 GB-seconds
  ($0.2666672), plus one credit of -1.00 and one data transfer line of 0.09.
  Billed: 64 x 0.2766672 - 1.00 + 0.09 = 16.7967008 USD.
- ECS service `shop/web` on Fargate (us-east-1): 1.0 vCPU-hour ($0.04048) and 2.0 GB-hours ($0.00889).
  Billed: 192 x 0.04937 = 9.47904 USD.
- EC2 instance `i-0abc` (m5.large, us-east-1): 1 instance-hour ($0.096). Billed: 192 x 0.096 = 18.432 USD.
Rows to skip: an S3 line, a tax line, a cost written "NULL", a line in EUR, an EBS volume (no instance hours).
"""

from __future__ import annotations

import csv
import gzip
import json
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

START = datetime(2025, 3, 1, tzinfo=UTC)
HOURS = 192
ACCOUNT = "222222222222"
ORDERS_ARN = f"arn:aws:lambda:us-east-1:{ACCOUNT}:function:orders"
THUMBS_ARN = f"arn:aws:lambda:eu-west-1:{ACCOUNT}:function:thumbs"
TASK_ARN = f"arn:aws:ecs:us-east-1:{ACCOUNT}:task/shop/0123456789abcdef"

ORDERS_BILLED = Decimal("6.7840128")
THUMBS_BILLED = Decimal("16.7967008")
WEB_BILLED = Decimal("9.47904")
EC2_BILLED = Decimal("18.432")

CUR_COLUMNS = ("identity_line_item_id", "bill_payer_account_id", "bill_billing_period_start_date",
               "line_item_usage_account_id", "line_item_line_item_type", "line_item_usage_start_date",
               "line_item_usage_end_date", "line_item_product_code", "line_item_usage_type", "line_item_operation",
               "line_item_resource_id", "line_item_usage_amount", "line_item_unblended_rate",
               "line_item_unblended_cost", "line_item_currency_code", "product_region_code",
               "product_instance_type", "resource_tags")


def _hour(i: int) -> datetime:
    return START + timedelta(hours=i)


def _cur(i: int, kind: str, product: str, usage_type: str, resource: str, amount: str, cost: str, region: str,
         instance: str = "", tags: dict[str, str] | None = None, currency: str = "USD") -> dict[str, str]:
    start = _hour(i)
    return {"identity_line_item_id": f"li-{i}-{usage_type}-{resource[-6:]}-{cost}", "bill_payer_account_id":
            "111111111111", "bill_billing_period_start_date": "2025-03-01T00:00:00Z",
            "line_item_usage_account_id": ACCOUNT, "line_item_line_item_type": kind,
            "line_item_usage_start_date": f"{start:%Y-%m-%dT%H:%M:%SZ}",
            "line_item_usage_end_date": f"{start + timedelta(hours=1):%Y-%m-%dT%H:%M:%SZ}",
            "line_item_product_code": product, "line_item_usage_type": usage_type, "line_item_operation": "",
            "line_item_resource_id": resource, "line_item_usage_amount": amount, "line_item_unblended_rate": "",
            "line_item_unblended_cost": cost, "line_item_currency_code": currency, "product_region_code": region,
            "product_instance_type": instance, "resource_tags": json.dumps(tags or {})}


def cur_rows() -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    web = {"aws_ecs_service_name": "web", "user_team": "shop"}
    for i in range(HOURS):
        rows += [_cur(i, "Usage", "AWSLambda", "USE1-Request", ORDERS_ARN, "10000", "0.002", "us-east-1"),
                 _cur(i, "Usage", "AWSLambda", "USE1-Lambda-GB-Second", ORDERS_ARN, "2000", "0.0333334", "us-east-1"),
                 _cur(i, "Usage", "AmazonECS", "USE1-Fargate-vCPU-Hours:perCPU", TASK_ARN, "1.0", "0.04048",
                      "us-east-1", tags=web),
                 _cur(i, "Usage", "AmazonECS", "USE1-Fargate-GB-Hours", TASK_ARN, "2.0", "0.00889", "us-east-1",
                      tags=web),
                 _cur(i, "Usage", "AmazonEC2", "BoxUsage:m5.large", "i-0abc", "1", "0.096", "us-east-1", "m5.large")]
        if 9 <= i % 24 <= 16:
            rows += [_cur(i, "Usage", "AWSLambda", "EUW1-Request-ARM", THUMBS_ARN, "50000", "0.01", "eu-west-1"),
                     _cur(i, "Usage", "AWSLambda", "EUW1-Lambda-GB-Second-ARM", THUMBS_ARN, "20000", "0.2666672",
                          "eu-west-1")]
    rows += [
        _cur(10, "Credit", "AWSLambda", "EUW1-Lambda-GB-Second-ARM", THUMBS_ARN, "0", "-1.00", "eu-west-1"),
        _cur(11, "Usage", "AWSLambda", "EUW1-DataTransfer-Out-Bytes", THUMBS_ARN, "1", "0.09", "eu-west-1"),
        _cur(3, "Usage", "AmazonS3", "TimedStorage-ByteHrs", "my-bucket", "100", "2.30", "us-east-1"),
        _cur(3, "Tax", "AWSLambda", "", "", "", "0.55", ""),
        _cur(4, "Usage", "AWSLambda", "USE1-Request", ORDERS_ARN, "NULL", "NULL", "us-east-1"),
        _cur(5, "Usage", "AWSLambda", "USE1-Request", ORDERS_ARN, "10", "0.01", "us-east-1", currency="EUR"),
        _cur(6, "Usage", "AmazonEC2", "EBS:VolumeUsage.gp3", "vol-0123", "0.1", "0.01", "us-east-1"),
    ]
    return rows


SKIPPED = {"service this app does not compare (line_item_product_code)": 1,
           "tax, fee or purchase line (line_item_line_item_type)": 1,
           "cost not a number (line_item_unblended_cost)": 1,
           "currency other than USD (line_item_currency_code)": 1,
           "resource without compute usage (EBS, data transfer, ECS on EC2 tasks...)": 1}


def write_csv(path: Path, rows: list[dict[str, str]], columns: tuple[str, ...] | None = None) -> Path:
    names = list(columns or rows[0])
    opener: Any = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "wt", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, names, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


def write_parquet(path: Path, csv_path: Path) -> Path:
    """The CSV's rows as CUR 2.0 Parquet, typed as AWS writes it (numbers, timestamps, a MAP of tags)."""
    import duckdb

    con = duckdb.connect()
    con.execute(f"""COPY (SELECT * REPLACE (
        TRY_CAST(line_item_usage_amount AS DOUBLE) AS line_item_usage_amount,
        TRY_CAST(line_item_unblended_cost AS DOUBLE) AS line_item_unblended_cost,
        CAST(line_item_usage_start_date AS TIMESTAMP) AS line_item_usage_start_date,
        CAST(json_transform(resource_tags, '"MAP(VARCHAR, VARCHAR)"') AS MAP(VARCHAR, VARCHAR)) AS resource_tags)
      FROM read_csv('{csv_path}', header = true, all_varchar = true)) TO '{path}' (FORMAT parquet)""")
    con.close()
    return path


FOCUS_COLUMNS = ("BilledCost", "EffectiveCost", "ListCost", "BillingCurrency", "BillingAccountId", "ChargeCategory",
                 "ChargePeriodStart", "ChargePeriodEnd", "ConsumedQuantity", "ConsumedUnit", "ProviderName",
                 "PublisherName", "RegionId", "ResourceId", "ServiceName", "SubAccountId", "SkuPriceId", "Tags",
                 "x_ServiceCode", "x_UsageType")


def _focus(i: int, cost: str, quantity: str, unit: str, usage_type: str, provider: str = "AWS",
           category: str = "Usage", resource: str = ORDERS_ARN, service: str = "AWS Lambda") -> dict[str, str]:
    start = _hour(i)
    return {"BilledCost": cost, "EffectiveCost": cost, "ListCost": cost, "BillingCurrency": "USD",
            "BillingAccountId": "111111111111", "ChargeCategory": category,
            "ChargePeriodStart": f"{start:%Y-%m-%dT%H:%M:%SZ}",
            "ChargePeriodEnd": f"{start + timedelta(hours=1):%Y-%m-%dT%H:%M:%SZ}", "ConsumedQuantity": quantity,
            "ConsumedUnit": unit, "ProviderName": provider, "PublisherName": provider, "RegionId": "us-east-1",
            "ResourceId": resource, "ServiceName": service, "SubAccountId": ACCOUNT, "SkuPriceId": "SKU1",
            "Tags": "{}", "x_ServiceCode": "AWSLambda" if provider == "AWS" else "", "x_UsageType": usage_type}


def focus_rows() -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for i in range(HOURS):
        rows += [_focus(i, "0.002", "10000", "Requests", "USE1-Request"),
                 _focus(i, "0.0333334", "2000", "GB-Seconds", "USE1-Lambda-GB-Second")]
    rows += [_focus(1, "5.00", "1", "Hours", "", provider="Microsoft", resource="/subscriptions/x/vm1",
                    service="Virtual Machines"),
             _focus(2, "3.00", "1", "Hours", "", provider="Google Cloud", resource="projects/p/instances/i",
                    service="Compute Engine"),
             _focus(3, "0.40", "", "", "", category="Tax")]
    return rows


def metric_data(label: str, values: list[float], step_s: int = 3600) -> dict[str, Any]:
    stamps = [f"{START + timedelta(seconds=step_s * i):%Y-%m-%dT%H:%M:%S+00:00}" for i in range(len(values))]
    return {"Id": label.split()[-1].lower(), "Label": label, "Timestamps": stamps[::-1], "Values": values[::-1],
            "StatusCode": "Complete"}


def write_cloudwatch(path: Path) -> Path:
    """orders: 10,000 invocations an hour for 192 hours, 180 ms on average (CLI output lists newest first)."""
    data = {"MetricDataResults": [metric_data("orders Invocations", [10000.0] * HOURS),
                                  metric_data("orders Duration", [180.0] * HOURS),
                                  metric_data("orders Duration p99", [950.0] * HOURS)], "Messages": []}
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def write_functions(path: Path) -> Path:
    data = {"Functions": [{"FunctionName": "orders", "FunctionArn": ORDERS_ARN, "Runtime": "python3.12",
                           "MemorySize": 512, "Timeout": 30, "Architectures": ["x86_64"],
                           "EphemeralStorage": {"Size": 512}}]}
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def write_ecs(folder: Path) -> tuple[Path, Path]:
    task_arn = f"arn:aws:ecs:us-east-1:{ACCOUNT}:task-definition/web:7"
    services = {"services": [{"serviceName": "web", "clusterArn": f"arn:aws:ecs:us-east-1:{ACCOUNT}:cluster/shop",
                              "desiredCount": 2, "launchType": "FARGATE", "taskDefinition": task_arn}]}
    task = {"taskDefinition": {"taskDefinitionArn": task_arn, "family": "web", "cpu": "512", "memory": "1024",
                               "runtimePlatform": {"cpuArchitecture": "X86_64", "operatingSystemFamily": "LINUX"}}}
    a, b = folder / "services.json", folder / "task-definition.json"
    a.write_text(json.dumps(services), encoding="utf-8")
    b.write_text(json.dumps(task), encoding="utf-8")
    return a, b


# Lambda Power Tuning's result for `orders` (the state machine's output: github.com/alexcasalboni/
# aws-lambda-power-tuning, README-INPUT-OUTPUT.md): 256 MB chosen, 350 ms and $0.0000016583 an invocation
# (0.25 GB x 0.35 s x $0.0000166667 + $0.0000002), with the three sizes it tested.
TUNING = {"power": 256, "cost": 0.0000016583, "duration": 350.0,
          "stateMachine": {"executionCost": 0.00035, "lambdaCost": 0.0000495,
                           "visualization": "https://lambda-power-tuning.show/#AAEAAgAE;AAAvRA==;AAAAAA=="},
          "stats": [{"value": 512, "averagePrice": 0.0000031166, "averageDuration": 350.0},
                    {"value": 128, "averagePrice": 0.0000016583, "averageDuration": 700.0},
                    {"value": 256, "averagePrice": 0.0000016583, "averageDuration": 350.0}]}


def write_tuning(path: Path, shape: str = "output", **changes: Any) -> Path:
    """The result as the state machine returns it ("output"), as its README shows it ("results"), or as
    `aws stepfunctions describe-execution` prints it ("execution": input and output as JSON text)."""
    result = {**TUNING, **changes}
    if shape == "results":
        data: Any = {"results": result}
    elif shape == "execution":
        data = {"executionArn": "arn:aws:states:us-east-1:222222222222:execution:powerTuningStateMachine:run1",
                "status": "SUCCEEDED", "startDate": "2025-03-09T10:00:00+00:00",
                "input": json.dumps({"lambdaARN": ORDERS_ARN, "num": 50, "strategy": "balanced"}),
                "output": json.dumps(result)}
    else:
        data = result
    path.write_text(json.dumps(data), encoding="utf-8")
    return path
