"""A generated CUR 2.0 Parquet month for the usage import benchmark (not a test).

N line items over the 744 hours of a 31-day month, a realistic mix: about 25% Lambda (requests and GB-seconds,
a tenth on ARM, across 2,000 functions), 8% Fargate (vCPU- and GB-hours of 400 services), 7% EC2 instance-hours
(1,000 instances of 6 types), 60% services the import skips (S3, RDS, DynamoDB, CloudWatch, data transfer, EBS,
taxes); with the identity, bill, pricing and product columns a real export carries, so the file is about as wide
as AWS's. Written by DuckDB itself in row groups, in bounded memory.

Run: python -m tests.benchmarks.gen_cur OUT.parquet [--rows 20000000]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

SQL = """
COPY (
WITH r AS (SELECT i, hash(i) AS h, hash(i * 7919 + 13) AS g FROM range({rows}) t(i)),
k AS (SELECT *, h % 100 AS mix, CAST(g % 744 AS INTEGER) AS hr FROM r)
SELECT
  'li-' || i AS identity_line_item_id,
  'TIMESTAMP:2025-03-01T00:00:00Z/' || (g % 1000) AS identity_time_interval,
  '111111111111' AS bill_payer_account_id,
  TIMESTAMP '2025-03-01' AS bill_billing_period_start_date,
  TIMESTAMP '2025-04-01' AS bill_billing_period_end_date,
  'Anniversary' AS bill_bill_type,
  'Amazon Web Services, Inc.' AS bill_billing_entity,
  lpad(CAST(200000000000 + (h % 20) AS VARCHAR), 12, '0') AS line_item_usage_account_id,
  CASE WHEN mix = 99 THEN 'Tax' WHEN mix = 98 THEN 'Credit' ELSE 'Usage' END AS line_item_line_item_type,
  TIMESTAMP '2025-03-01' + to_hours(hr) AS line_item_usage_start_date,
  TIMESTAMP '2025-03-01' + to_hours(hr + 1) AS line_item_usage_end_date,
  CASE WHEN mix < 25 OR mix = 98 THEN 'AWSLambda' WHEN mix < 33 THEN 'AmazonECS' WHEN mix < 40 THEN 'AmazonEC2'
       WHEN mix < 55 THEN 'AmazonS3' WHEN mix < 65 THEN 'AmazonRDS' WHEN mix < 75 THEN 'AmazonDynamoDB'
       WHEN mix < 85 THEN 'AmazonCloudWatch' ELSE 'AWSDataTransfer' END AS line_item_product_code,
  CASE WHEN mix < 25 OR mix = 98 THEN (CASE WHEN g % 2 = 0 THEN 'USE1-Request' ELSE 'USE1-Lambda-GB-Second' END)
         || (CASE WHEN h % 10 = 0 THEN '-ARM' ELSE '' END)
       WHEN mix < 33 THEN CASE WHEN g % 2 = 0 THEN 'USE1-Fargate-vCPU-Hours:perCPU' ELSE 'USE1-Fargate-GB-Hours' END
       WHEN mix < 40 THEN 'BoxUsage:' || ['m5.large', 'm5.xlarge', 'c5.large', 't3.medium', 'r5.large',
                                          'm6g.large'][CAST(1 + (h % 6) AS BIGINT)]
       ELSE 'USE1-TimedStorage-ByteHrs' END AS line_item_usage_type,
  CASE WHEN mix < 25 THEN 'Invoke' WHEN mix < 33 THEN 'FargateTask' WHEN mix < 40 THEN 'RunInstances'
       ELSE 'Other' END AS line_item_operation,
  CASE WHEN mix < 25 OR mix = 98 THEN 'arn:aws:lambda:us-east-1:' || lpad(CAST(200000000000 + (h % 20) AS VARCHAR),
         12, '0') || ':function:fn-' || (h % 2000)
       WHEN mix < 33 THEN 'arn:aws:ecs:us-east-1:222222222222:task/cluster-' || (h % 40) || '/' || (g % 100000)
       WHEN mix < 40 THEN 'i-' || lpad(CAST(h % 1000 AS VARCHAR), 17, '0')
       WHEN mix < 55 THEN 'bucket-' || (h % 5000)
       ELSE 'arn:aws:other:us-east-1:222222222222:thing/' || (h % 100000) END AS line_item_resource_id,
  CASE WHEN mix < 25 AND g % 2 = 0 THEN CAST(g % 100000 AS DOUBLE) WHEN mix < 25 THEN (g % 100000) / 5.0
       ELSE (g % 1000) / 100.0 END AS line_item_usage_amount,
  0.0000166667 AS line_item_unblended_rate,
  CASE WHEN mix = 98 THEN -((g % 1000) / 1000.0) ELSE (g % 100000) / 1000000.0 END AS line_item_unblended_cost,
  CASE WHEN mix = 98 THEN 0.0 ELSE (g % 100000) / 1000000.0 END AS line_item_blended_cost,
  CASE WHEN mix = 98 THEN 0.0 ELSE (g % 100000) / 1000000.0 END AS pricing_public_on_demand_cost,
  'USD' AS line_item_currency_code,
  'AWS Lambda or another service, usage in the hour' AS line_item_line_item_description,
  'us-east-1' AS product_region_code,
  'US East (N. Virginia)' AS product_location,
  CASE WHEN mix >= 33 AND mix < 40 THEN ['m5.large', 'm5.xlarge', 'c5.large', 't3.medium', 'r5.large',
                                        'm6g.large'][CAST(1 + (h % 6) AS BIGINT)] END AS product_instance_type,
  'Compute' AS product_product_family,
  'SKU' || (h % 5000) AS product_sku,
  'OnDemand' AS pricing_term,
  'Hrs' AS pricing_unit,
  MAP {{'user_team': 'team-' || (h % 30), 'aws_ecs_service_name': 'svc-' || (h % 400)}} AS resource_tags
FROM k
) TO '{out}' (FORMAT parquet, ROW_GROUP_SIZE 122880)
"""


def generate(out: Path, rows: int) -> float:
    """Write the file; returns the seconds it took."""
    import duckdb

    start = time.perf_counter()
    con = duckdb.connect(config={"memory_limit": "1GB", "threads": 2, "preserve_insertion_order": False})
    con.execute(SQL.format(rows=int(rows), out=str(out).replace("'", "''")))
    con.close()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--rows", type=int, default=20_000_000)
    args = parser.parse_args()
    took = generate(args.out, args.rows)
    print(f"{args.out}: {args.rows:,} line items, {args.out.stat().st_size / 1e6:,.0f} MB, written in {took:.1f} s")


if __name__ == "__main__":
    main()
