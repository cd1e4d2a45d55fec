"""The two billing export families this app reads, by their public column names, and how each maps to one shape.

- AWS Cost and Usage Report 2.0 (the CUR 2.0 data dictionary): snake_case columns such as
  `line_item_usage_type`, `line_item_resource_id`, `line_item_unblended_cost`, `product_region_code`, and the
  map column `resource_tags`. CUR 1.0 (`lineItem/UsageType` style headers, or per-tag `resource_tags_user_...`
  columns without the `resource_tags` map) is refused with a message saying so.
- FOCUS 1.0 to 1.3 (the FinOps Open Cost and Usage Specification): `BilledCost`, `ChargePeriodStart`,
  `ResourceId`, `ServiceName`, `ConsumedQuantity`, `BillingCurrency`, `RegionId`, `SubAccountId`, `ChargeCategory`,
  `ProviderName` (1.3: `ServiceProviderName`), `Tags`, and AWS's own `x_ServiceCode` / `x_UsageType` columns.

Each family gives the SQL expressions of one normalised row (`Family.expressions`), so a single aggregate query
reads either. Column names are matched exactly, as the exports write them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop.usage.records import UsageError

CUR2, FOCUS = "CUR 2.0", "FOCUS"
MONEY = "DECIMAL(18,10)"  # one row's cost, exact to 10 decimals (a row above 99,999,999 USD reads as not a number)

# The normalised row: name -> what it holds
NORMALISED = ("account", "product", "usage_type", "resource", "region", "start", "amount", "cost", "currency",
              "line_type", "instance_type", "service_tag", "provider")

CUR2_REQUIRED = ("line_item_usage_start_date", "line_item_product_code", "line_item_usage_type",
                 "line_item_resource_id", "line_item_usage_amount", "line_item_unblended_cost",
                 "line_item_line_item_type")
FOCUS_REQUIRED = ("BilledCost", "ChargePeriodStart", "ResourceId", "ServiceName", "ConsumedQuantity",
                  "BillingCurrency", "ChargeCategory")


def cur2_tag_key(key: str) -> str:
    """A tag key as CUR 2.0's `resource_tags` map writes it: as legacy CUR named its tag columns, in snake case
    (`aws:ecs:serviceName` -> `aws_ecs_service_name`, `user:CostCenter` -> `user_cost_center`)."""
    snake = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", key)
    return re.sub(r"[^A-Za-z0-9]+", "_", snake).strip("_").lower()


def tag_spellings(key: str) -> tuple[str, ...]:
    """The keys a tag can be found under: as tagged (FOCUS `Tags`), and as CUR 2.0's `resource_tags` writes it;
    a user tag given without its `user:` prefix is looked for with it too."""
    found = [key, cur2_tag_key(key)]
    if not key.startswith(("aws:", "user:", "aws_", "user_")):
        found += [f"user:{key}", f"user_{cur2_tag_key(key)}"]
    return tuple(dict.fromkeys(found))


# The ECS service a Fargate task ran for: the AWS-generated cost allocation tag `aws:ecs:serviceName` (with
# `aws:ecs:clusterName`), which ECS puts on tasks when its managed tags are on and the tag is activated for cost
# allocation (Amazon ECS Developer Guide, "Tagging Amazon ECS resources for billing"; AWS Data Exports,
# "Understanding split cost allocation data"). CUR 2.0's `resource_tags` map holds it as `aws_ecs_service_name`,
# as legacy CUR's column `resource_tags_aws_ecs_service_name` and AWS's split cost allocation queries name it.
SERVICE_TAG_KEYS = tag_spellings("aws:ecs:serviceName")
# CUR line item types that belong to a resource's bill: usage, and the credits, refunds and discounts against it
CUR_KEPT_TYPES = ("Usage", "DiscountedUsage", "SavingsPlanCoveredUsage", "SavingsPlanNegation", "Credit", "Refund",
                  "EdpDiscount", "BundledDiscount", "PrivateRateDiscount", "DistributorDiscount")
FOCUS_KEPT_CATEGORIES = ("Usage", "Credit", "Adjustment")


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


MISSING = ("", "NULL", "null", "Null", "NaN", "nan")  # what exports write for "no value"


def text(column: str, columns: dict[str, str]) -> str:
    """A text column as SQL, with '' and 'NULL' (any case AWS writes) read as missing; NULL when absent."""
    if column not in columns:
        return "NULL::VARCHAR"
    col = quote(column)
    if columns[column].upper() != "VARCHAR":
        return f"CAST({col} AS VARCHAR)"
    return f"CASE WHEN {one_of(col, MISSING)} THEN NULL ELSE {col} END"


def one_of(sql: str, values: tuple[str, ...]) -> str:
    """`sql IN (values)` as comparisons: DuckDB plans a longer IN list as a join, many times slower here."""
    return "(" + " OR ".join(f"{sql} = {sql_string(v)}" for v in values) + ")"


def number(column: str, columns: dict[str, str], sql_type: str) -> str:
    """A number or time column as SQL: typed columns (Parquet) cast directly, text read as above; unreadable
    values become NULL (and the row is counted as skipped where the column is needed)."""
    if column not in columns:
        return "NULL"
    if columns[column].upper() != "VARCHAR":
        return f"TRY_CAST({quote(column)} AS {sql_type})"
    return f"TRY_CAST({text(column, columns)} AS {sql_type})"


def utc_time(column: str, columns: dict[str, str]) -> str:
    """A time column as a UTC TIMESTAMP: Parquet's TIMESTAMP as it is, TIMESTAMPTZ through its epoch, text with
    its offset applied (the session's time zone is UTC). Hours are cut from it without the time zone library."""
    if column not in columns:
        return "NULL::TIMESTAMP"
    kind = columns[column].upper()
    col = quote(column)
    if kind.startswith("TIMESTAMP WITH") or kind == "TIMESTAMPTZ":
        return f"make_timestamp(epoch_us({col}))"
    if kind.startswith("TIMESTAMP") or kind == "DATE":
        return f"CAST({col} AS TIMESTAMP)"
    return f"CAST(TRY_CAST({text(column, columns)} AS TIMESTAMPTZ) AS TIMESTAMP)"


def tag(column: str, columns: dict[str, str], keys: tuple[str, ...]) -> str:
    """The first of `keys` found in a tags column: a MAP (Parquet) or JSON text (CSV)."""
    if column not in columns:
        return "NULL::VARCHAR"
    col = quote(column)
    if columns[column].upper().startswith("MAP"):
        found = [f"CAST({col}[{sql_string(k)}] AS VARCHAR)" for k in keys]
    else:
        found = [f"CASE WHEN json_valid({col}) THEN json_extract_string({col}, {sql_string(json_path(k))}) END"
                 for k in keys]
    return f"COALESCE({', '.join(found)})"


def sql_string(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def json_path(key: str) -> str:
    return '$."' + key.replace('"', '\\"') + '"'


@dataclass(frozen=True, slots=True)
class Family:
    name: str
    cost_column: str
    type_column: str
    kept_types: tuple[str, ...]
    resource_column: str
    product_column: str
    currency_column: str
    start_column: str
    provider_column: str | None
    tags_column: str

    def expressions(self, columns: dict[str, str]) -> dict[str, str]:
        return cur2_expressions(columns) if self.name == CUR2 else focus_expressions(columns)


CUR2_FAMILY = Family(CUR2, "line_item_unblended_cost", "line_item_line_item_type", CUR_KEPT_TYPES,
                     "line_item_resource_id", "line_item_product_code", "line_item_currency_code",
                     "line_item_usage_start_date", None, "resource_tags")
FOCUS_FAMILY = Family(FOCUS, "BilledCost", "ChargeCategory", FOCUS_KEPT_CATEGORIES, "ResourceId", "ServiceName",
                      "BillingCurrency", "ChargePeriodStart", "ProviderName", "Tags")


def cur2_expressions(c: dict[str, str]) -> dict[str, str]:
    currency = text("line_item_currency_code", c) if "line_item_currency_code" in c else "'USD'"
    return {
        "account": text("line_item_usage_account_id", c),
        "product": text("line_item_product_code", c),
        "usage_type": text("line_item_usage_type", c),
        "resource": text("line_item_resource_id", c),
        "region": text("product_region_code", c),
        "start": utc_time("line_item_usage_start_date", c),
        "amount": number("line_item_usage_amount", c, "DOUBLE"),
        "cost": number("line_item_unblended_cost", c, MONEY),
        "cost_text": text("line_item_unblended_cost", c),
        "currency": currency,
        "line_type": text("line_item_line_item_type", c),
        "instance_type": text("product_instance_type", c),
        "service_tag": tag("resource_tags", c, SERVICE_TAG_KEYS),
        "tags_column": "resource_tags" if "resource_tags" in c else "",
        "provider": "'AWS'",
    }


def focus_expressions(c: dict[str, str]) -> dict[str, str]:
    service = text("ServiceName", c)
    product = (f"COALESCE({text('x_ServiceCode', c)}, CASE WHEN {service} ILIKE '%lambda%' THEN 'AWSLambda' "
               f"WHEN {service} ILIKE '%elastic container service%' THEN 'AmazonECS' "
               f"WHEN {service} ILIKE '%elastic compute cloud%' THEN 'AmazonEC2' ELSE {service} END)")
    providers = [text(name, c) for name in ("ServiceProviderName", "ProviderName", "PublisherName") if name in c]
    usage_type = f"COALESCE({text('x_UsageType', c)}, {text('ConsumedUnit', c)}, {text('PricingUnit', c)})"
    return {
        "account": text("SubAccountId", c),
        "product": product,
        "usage_type": usage_type,
        "resource": text("ResourceId", c),
        "region": text("RegionId", c),
        "start": utc_time("ChargePeriodStart", c),
        "amount": number("ConsumedQuantity", c, "DOUBLE"),
        "cost": number("BilledCost", c, MONEY),
        "cost_text": text("BilledCost", c),
        "currency": text("BillingCurrency", c),
        "line_type": text("ChargeCategory", c),
        "instance_type": "NULL::VARCHAR",
        "service_tag": tag("Tags", c, SERVICE_TAG_KEYS),
        "tags_column": "Tags" if "Tags" in c else "",
        "provider": f"COALESCE({', '.join(providers)})" if providers else "'AWS'",
    }


def family_of(where: str, columns: dict[str, str]) -> Family:
    """Which export a file is, from its column names; UsageError naming the file and column otherwise."""
    names = set(columns)
    legacy = next((n for n in sorted(names) if n.startswith(("lineItem/", "product/", "bill/", "identity/"))), None)
    if legacy is not None:
        raise UsageError(where, legacy, "this is a CUR 1.0 (legacy Cost and Usage Report) file: export CUR 2.0 or "
                                        "FOCUS from AWS Data Exports")
    if "line_item_usage_type" in names or "line_item_resource_id" in names:
        per_tag = next((n for n in sorted(names) if n.startswith("resource_tags_")), None)
        if per_tag is not None and "resource_tags" not in names and "product" not in names:
            raise UsageError(where, per_tag, "per-tag columns without the resource_tags map: this is CUR 1.0 "
                                             "(legacy) in Parquet; export CUR 2.0 or FOCUS")
        family, required = CUR2_FAMILY, CUR2_REQUIRED
    elif "BilledCost" in names or "ChargePeriodStart" in names:
        family, required = FOCUS_FAMILY, FOCUS_REQUIRED
    else:
        raise UsageError(where, "", "neither a CUR 2.0 nor a FOCUS export (no line_item_usage_type or BilledCost "
                                    "column)")
    missing = [n for n in required if n not in names]
    if missing:
        raise UsageError(where, missing[0], f"missing from this {family.name} export (needed: {', '.join(missing)})")
    return family
