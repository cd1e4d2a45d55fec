"""How the billing engine keys a row to its resource and folds its hours into a day, on a small hand-made CUR 2.0
export (CSV and Parquet), the figures worked by hand below.

- orders: 10 requests at 00:00 on 1 March, under the function's ARN; 20 at 00:00 on 2 March under version 3;
  30 at 09:00 on 2 March under the alias `live`: one resource, 30 requests in clock hour 0 (days summed) and 30
  in clock hour 9, three hours with usage, billed 0.01 + 0.02 + 0.03 = 0.06.
- `arn:...:function:` (no name) and `orders-copy` (no ARN) are kept under the id as written.
- Fargate: a task ARN of cluster `shop` tagged with service `web`, and a service ARN `shop/api` without the tag.
- Other services: an S3 usage row (service), an S3 tax row (line type, tested first), an S3 row in EUR (service:
  the currency is not looked at for a service this app does not compare).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from desktop.usage.engine import read_billing
from desktop.usage.records import ImportSummary
from tests.usage import fixtures as fx

FUNCTION = fx.ORDERS_ARN
NAMELESS = f"arn:aws:lambda:us-east-1:{fx.ACCOUNT}:function:"
WEB_TASK = f"arn:aws:ecs:us-east-1:{fx.ACCOUNT}:task/shop/0123456789abcdef"
API_SERVICE = f"arn:aws:ecs:us-east-1:{fx.ACCOUNT}:service/shop/api"


def rows() -> list[dict[str, str]]:
    lam, ecs, s3 = "AWSLambda", "AmazonECS", "AmazonS3"
    web = {"aws_ecs_service_name": "web"}
    return [
        fx._cur(0, "Usage", lam, "USE1-Request", FUNCTION, "10", "0.01", "us-east-1"),
        fx._cur(24, "Usage", lam, "USE1-Request", f"{FUNCTION}:3", "20", "0.02", "us-east-1"),
        fx._cur(33, "Usage", lam, "USE1-Request", f"{FUNCTION}:live", "30", "0.03", "us-east-1"),
        fx._cur(1, "Usage", lam, "USE1-Request", NAMELESS, "5", "0.005", "us-east-1"),
        fx._cur(2, "Usage", lam, "USE1-Request", "orders-copy", "7", "0.007", "us-east-1"),
        fx._cur(3, "Usage", ecs, "USE1-Fargate-vCPU-Hours:perCPU", WEB_TASK, "2", "0.08", "us-east-1", tags=web),
        fx._cur(27, "Usage", ecs, "USE1-Fargate-vCPU-Hours:perCPU", WEB_TASK, "1", "0.04", "us-east-1", tags=web),
        fx._cur(4, "Usage", ecs, "USE1-Fargate-vCPU-Hours:perCPU", API_SERVICE, "0.5", "0.02", "us-east-1"),
        fx._cur(5, "Usage", s3, "TimedStorage-ByteHrs", "my-bucket", "100", "2.30", "us-east-1"),
        fx._cur(5, "Tax", s3, "", "", "", "0.40", ""),
        fx._cur(6, "Usage", s3, "TimedStorage-ByteHrs", "my-bucket", "1", "0.10", "us-east-1", currency="EUR"),
    ]


@pytest.fixture(scope="module", params=["csv", "parquet"])
def export(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    folder = tmp_path_factory.mktemp("keys")
    path = fx.write_csv(folder / "cur.csv", rows())
    if request.param == "parquet":
        return fx.write_parquet(folder / "cur.parquet", path), "parquet"
    return path, "csv"


def test_a_versioned_or_aliased_function_is_one_resource_its_days_folded_by_clock_hour(
        export: tuple[Path, str]) -> None:
    summary = ImportSummary()
    found = {r.resource: r for r in read_billing([export[0]], export[1], summary)}
    orders = found[FUNCTION]
    assert orders.name == "orders" and orders.rows == 3 and orders.hours_with_usage == 3
    assert orders.requests[0] == 30 and orders.requests[9] == 30 and sum(orders.requests) == 60
    assert orders.billed_usd == Decimal("0.06") and not orders.truncated_id
    assert found[NAMELESS].requests[1] == 5 and not found[NAMELESS].truncated_id
    assert found["orders-copy"].requests[2] == 7 and found["orders-copy"].truncated_id


def test_fargate_rows_key_to_cluster_and_service(export: tuple[Path, str]) -> None:
    found = {r.resource: r for r in read_billing([export[0]], export[1], ImportSummary())}
    web, api = found["shop/web"], found["shop/api"]
    assert web.vcpu_hours[3] == 3 and web.peak_hour_vcpu == 2 and web.hours_with_usage == 2
    assert web.billed_usd == Decimal("0.12")
    assert api.vcpu_hours[4] == 0.5 and api.billed_usd == Decimal("0.02")
    assert set(found) == {FUNCTION, NAMELESS, "orders-copy", "shop/web", "shop/api"}


def test_rows_of_other_services_are_counted_by_the_first_reason_that_applies(export: tuple[Path, str]) -> None:
    summary = ImportSummary()
    read_billing([export[0]], export[1], summary)
    assert dict(summary.skipped) == {"service this app does not compare (line_item_product_code)": 2,
                                     "tax, fee or purchase line (line_item_line_item_type)": 1}
    assert summary.rows_read == 11
    assert summary.period_text == "2025-03-01 00:00 to 2025-03-02 09:59 UTC" and summary.period_hours == 34
