"""Billing exports through DuckDB: only the columns needed, aggregated in the engine, never a row in Python.

One statement reads the files: each row of the services compared (Lambda, ECS, EC2) is classified (kept, or
skipped for a named reason), kept once, and grouped twice: its usage per resource and clock hour (folded at once
into the 24 hours of the day and the period's figures), its rows, bills and attributes per resource (skipped rows
per reason). In Parquet those rows are filtered on the product first, and the rows of every other service, the
bulk of a real export, are only counted by reason from the two or three columns that reason reads (a CSV, parsed
whole by any scan, has all its rows classified in the one scan). One row per resource and reason lands in a
temporary table; small queries over it give the summary and each resource's figures.
Memory is bounded (`memory_limit`, `threads`, a temporary spill folder of our own that is removed afterwards); the
user's files are only read. DuckDB is imported here only, inside the functions, so nothing else pays for it.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.usage.columns import Family, family_of, one_of, quote, sql_string, tag, tag_spellings
from desktop.usage.records import Cancelled, ImportSummary, ResourceUsage, TagFilter, UsageError
from desktop.usage.sources import PARQUET

if TYPE_CHECKING:
    import duckdb

MEMORY_LIMIT_MB = 600
# One thread a core this process may run on, as many as the memory limit allows: DuckDB needs at least 125 MB a
# thread (DuckDB performance guide, "Environment": minimum required memory), so 4 at most under 600 MB
THREADS = max(1, min(len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1,
                     MEMORY_LIMIT_MB // 125))
MAX_RESOURCES = 100_000  # resources one import keeps (a fleet workshop holds far fewer: see desktop.usage.fleet)
MAX_MESSAGE = 300

# Why a row is left out, in the order tested (each names the column it was judged by)
R_PROVIDER = "from another provider than AWS ({provider})"
R_TYPE = "tax, fee or purchase line ({type})"
R_SERVICE = "service this app does not compare ({product})"
R_TAG = "not tagged {tag} ({column})"
R_RESOURCE = "no resource id ({resource})"
R_CURRENCY = "currency other than USD ({currency})"
R_START = "usage start not a time ({start})"
R_COST = "cost not a number ({cost})"
SERVICE = ("CASE WHEN {product} = 'AWSLambda' THEN 'lambda' WHEN {product} = 'AmazonECS' THEN 'fargate' "
           "WHEN {product} = 'AmazonEC2' THEN 'ec2' END")
R_NO_COMPUTE = "resource without compute usage (EBS, data transfer, ECS on EC2 tasks...)"


def _connect(spill: Path) -> duckdb.DuckDBPyConnection:
    import duckdb

    con = duckdb.connect(":memory:", config={"memory_limit": f"{MEMORY_LIMIT_MB}MB", "threads": THREADS,
                                              "temp_directory": str(spill),
                                              # never fetch an extension: the app opens no network connection
                                              "autoinstall_known_extensions": False})
    con.execute("SET TimeZone = 'UTC'")
    con.execute("SET preserve_insertion_order = false")
    con.execute("SET enable_progress_bar = false")
    return con


@contextmanager
def _session() -> Iterator[duckdb.DuckDBPyConnection]:
    spill = Path(tempfile.mkdtemp(prefix="computefit-usage-"))
    con = _connect(spill)
    try:
        yield con
    finally:
        con.close()
        shutil.rmtree(spill, ignore_errors=True)


def _scan(files: list[Path], fmt: str) -> str:
    paths = "[" + ", ".join(sql_string(str(f)) for f in files) + "]"
    if fmt == PARQUET:
        return f"read_parquet({paths}, union_by_name = true)"
    return f"read_csv({paths}, header = true, all_varchar = true, union_by_name = true, auto_detect = true)"


def _error(files: list[Path], exc: Exception) -> UsageError:
    message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    where = next((str(f) for f in files if str(f) in message), str(files[0]) if len(files) == 1 else
                 f"{files[0].parent} ({len(files)} files)")
    return UsageError(where, "", f"cannot be read: {message[:MAX_MESSAGE]}")


def _columns(con: duckdb.DuckDBPyConnection, scan: str) -> dict[str, str]:
    return {str(row[0]): str(row[1]) for row in con.execute(f"DESCRIBE SELECT * FROM {scan}").fetchall()}


def family_of_files(con: duckdb.DuckDBPyConnection, files: list[Path], fmt: str) -> tuple[Family, dict[str, str]]:
    """Every file's export family (one for all, or UsageError naming the odd file) and the union's columns."""
    family: Family | None = None
    columns: dict[str, str] = {}
    for path in files:
        try:
            columns = _columns(con, _scan([path], fmt))
            found = family_of(str(path), columns)
        except UsageError:
            raise
        except Exception as exc:
            raise _error([path], exc) from None
        if family is not None and found.name != family.name:
            raise UsageError(str(path), "", f"is a {found.name} export, the files before it are {family.name}: "
                                            "import one kind at a time")
        family = found
    assert family is not None
    return family, columns if len(files) == 1 else _columns(con, _scan(files, fmt))


def _tag_reasons(e: dict[str, str], columns: dict[str, str], tags: tuple[TagFilter, ...]) -> list[tuple[str, str]]:
    """A row not tagged as each filter asks is left out (the tag looked for under each of its spellings)."""
    column = e["tags_column"]
    return [(f"coalesce({tag(column, columns, tag_spellings(t.key))}, '') <> {sql_string(t.value)}",
             R_TAG.format(tag=f"{t.key}={t.value}", column=column)) for t in tags]


def _reasons(family: Family, columns: dict[str, str], tags: tuple[TagFilter, ...]) -> list[tuple[str, str]]:
    """Why a row is left out, in the order tested: (SQL test, reason). The first three judge every row; a row of
    a service this app compares (the only rows the hourly aggregate reads) is judged by the rest too."""
    e = family.expressions(columns)
    return [
        (f"upper(coalesce({e['provider']}, 'AWS')) NOT IN ('AWS', 'AMAZON WEB SERVICES')",
         R_PROVIDER.format(provider=family.provider_column or "")),
        (f"{e['line_type']} IS NULL OR NOT {one_of(e['line_type'], family.kept_types)}",
         R_TYPE.format(type=family.type_column)),
        (f"({SERVICE.format(product=e['product'])}) IS NULL", R_SERVICE.format(product=family.product_column)),
        *_tag_reasons(e, columns, tags),
        (f"{e['resource']} IS NULL", R_RESOURCE.format(resource=family.resource_column)),
        (f"upper(coalesce({e['currency']}, '')) <> 'USD'", R_CURRENCY.format(currency=family.currency_column)),
        (f"{e['start']} IS NULL", R_START.format(start=family.start_column)),
        (f"{e['cost']} IS NULL", R_COST.format(cost=family.cost_column)),
    ]


def _case(reasons: list[tuple[str, str]], otherwise: str = "NULL") -> str:
    return "CASE " + " ".join(f"WHEN {test} THEN {sql_string(why)}" for test, why in reasons) + f" ELSE {otherwise} END"


def _classified(family: Family, columns: dict[str, str], scan: str, tags: tuple[TagFilter, ...] = (),
                split: bool = True) -> str:
    """SQL of the rows with their skip reason (NULL: kept), service, resource key and measures. With `split`, only
    the rows of the services compared, filtered on the product first (the others are counted by `_others`)."""
    e = family.expressions(columns)
    compared = f"{scan} WHERE ({SERVICE.format(product=e['product'])}) IS NOT NULL" if split else scan
    return _with_measures(_case(_reasons(family, columns, tags)), e, compared)


def _others(family: Family, columns: dict[str, str], scan: str) -> str:
    """SQL of the rows of every other service counted by their reason (provider, line type or service): only the
    few columns those tests read."""
    e = family.expressions(columns)
    provider, line_type, service = _reasons(family, columns, ())[:3]
    return (f"SELECT {_case([provider, line_type], sql_string(service[1]))} AS reason, count(*) AS rows "
            f"FROM {scan} WHERE ({SERVICE.format(product=e['product'])}) IS NULL GROUP BY ALL")


def _with_measures(reason: str, e: dict[str, str], scan: str) -> str:
    svc = SERVICE.format(product=e["product"])
    tags = f"{quote(e['tags_column'])}," if e["tags_column"] else ""  # looked into for Fargate rows alone
    ut = "usage_type"
    resource = "resource"
    lam = "svc = 'lambda'"
    # A function's ARN with a version or alias (`...:function:name:3`) keys under the function's own ARN; with 6
    # colons or fewer the pattern takes the whole id or nothing (the id as written): the regular expression, many
    # times the time of the LIKE on a generated month's Lambda rows, runs only where it can shorten the id.
    key = f"""CASE
      WHEN svc = 'lambda' AND {resource} LIKE '%:%:%:%:%:%:%:%' THEN coalesce(nullif(regexp_extract({resource},
           '^(arn:[^:]+:lambda:[^:]*:[^:]*:function:[^:]+)', 1), ''), {resource})
      WHEN svc = 'fargate' THEN coalesce(regexp_extract({resource}, '(?:task|cluster|service)/([^/]+)', 1) || '/' ||
           ({e['service_tag']}),
           nullif(regexp_extract({resource}, 'service/([^/]+/[^/]+)$', 1), ''),
           nullif(regexp_extract({resource}, '(?:task|cluster|service)/([^/]+)', 1), ''), {resource})
      ELSE {resource} END"""
    return f"""
WITH n AS (
  SELECT {svc} AS svc, {e['resource']} AS resource, {e['start']} AS start_at, {e['account']} AS account,
         {e['region']} AS region, {e['usage_type']} AS usage_type, coalesce({e['amount']}, 0) AS amount,
         {e['cost']} AS cost, {e['instance_type']} AS instance_type, {tags}
         {reason} AS reason
  FROM {scan}
)
SELECT reason, svc, account, region, usage_type, amount, cost, instance_type, start_at,
  CASE WHEN reason IS NULL THEN {key} END AS key,
  {lam} AND {ut} LIKE '%Request%' AS is_req,
  {lam} AND {ut} LIKE '%GB-Second%' AND {ut} NOT LIKE '%Storage%' AS is_gbs,
  {lam} AND {ut} LIKE '%Provisioned-Concurrency%' AS is_prov,
  svc = 'fargate' AND {ut} LIKE '%vCPU-Hours%' AS is_vcpu,
  svc = 'fargate' AND {ut} LIKE '%GB-Hours%' AND {ut} NOT LIKE '%Storage%' AS is_gbh,
  svc = 'ec2' AND ({ut} LIKE '%BoxUsage%' OR {ut} LIKE '%SpotUsage%' OR {ut} LIKE '%DedicatedUsage%'
                   OR {ut} IN ('Hrs', 'Hours')) AND {resource} LIKE 'i-%' AS is_inst,
  {ut} LIKE '%-ARM%' AS is_arm,
  {ut} LIKE '%Storage%' AS is_storage,
  {resource} NOT LIKE 'arn:%:function:%' AND svc = 'lambda' AS truncated
FROM n
"""


# The classified rows are kept once (a materialised CTE) and grouped twice: their usage per resource (the profile,
# below), and per resource (and per skip reason) everything else: rows, bills, flags and attributes (exact decimals
# and counts; a flag or attribute any row's), in a few thousand groups. The table made is one row per resource,
# skip reason and other services' reason; nothing per hour is stored. The per-measure sums are CASE expressions
# summed, not `sum(x) FILTER (WHERE c)`: the same values (a sum skips NULLs); 0.81-0.92x the FILTER form's time.
RESOURCES = """
CREATE TEMP TABLE resources AS
WITH c AS MATERIALIZED ({classified}),
{profile},
totals AS (
  SELECT reason, key, any_value(svc) AS svc, count(*) AS rows,
    sum(cost) AS billed,
    coalesce(sum(CASE WHEN cost < 0 THEN cost END), 0) AS credits,
    coalesce(sum(CASE WHEN NOT (is_req OR is_gbs OR is_prov OR is_vcpu OR is_gbh OR is_inst OR is_storage)
                           AND cost >= 0 THEN cost END), 0) AS unpriced,
    bool_or(is_arm AND (is_req OR is_gbs OR is_vcpu)) AS arm,
    any_value(account) AS account, any_value(region) AS region,
    any_value(CASE WHEN is_inst THEN coalesce(instance_type, nullif(regexp_extract(usage_type, ':(.+)$', 1), ''))
              END) AS instance_type,
    bool_or(truncated) AS truncated
  FROM c GROUP BY reason, key
)
SELECT t.*, p.* EXCLUDE (key) FROM totals t LEFT JOIN profile p ON t.reason IS NULL AND p.key = t.key
{others}
"""

SUMS = """
    coalesce(sum(CASE WHEN is_req THEN amount END), 0) AS requests,
    coalesce(sum(CASE WHEN is_gbs THEN amount END), 0) AS gbs,
    coalesce(sum(CASE WHEN is_prov THEN amount END), 0) AS prov,
    coalesce(sum(CASE WHEN is_vcpu THEN amount END), 0) AS vcpu,
    coalesce(sum(CASE WHEN is_gbh THEN amount END), 0) AS gbh,
    coalesce(sum(CASE WHEN is_inst THEN amount END), 0) AS inst"""

# A resource's usage, the exact definition: summed per resource and hour, the hours folded into the 24 clock hours
# of the day (a clock hour's figures summed over the period's days) and those into the period's figures. An hour
# counts as used when its requests, GB-seconds, vCPU- and instance-hours sum above zero; the peak is the busiest
# hour's vCPU-hours. Taken only when some usage row's amount is negative (refunded usage): see BY_CLOCK_HOUR.
BY_HOUR = f"""
hourly AS (
  SELECT key, date_trunc('hour', start_at) AS hour, {SUMS}
  FROM c WHERE reason IS NULL GROUP BY ALL
), clock AS (
  SELECT key, hour(hour) AS clock, sum(prov) AS prov, sum(gbh) AS gbh,
    count(*) FILTER (WHERE requests + gbs + vcpu + inst > 0) AS hours, max(vcpu) AS peak_vcpu,
    sum(requests) AS requests, sum(gbs) AS gbs, sum(vcpu) AS vcpu, sum(inst) AS inst,
    sum(requests + gbs + prov + vcpu + inst) AS used, bool_or(requests + gbs + prov + vcpu + inst > 0) AS any_used,
    false AS negative, min(hour) AS first, max(hour) AS last
  FROM hourly GROUP BY key, clock
), {{fold}}"""

# The same figures without a group per resource and hour (about one per row of a month's export: most of the
# grouping's time): the rows are summed per resource, clock hour and month, the days of the month with usage in
# that clock hour kept as the bits of a mask. With no negative amount among the usage rows, an hour's sums are
# above zero exactly when one of its rows' is, so the used hours are the bits set, and the resource used when one
# row is; only the peak needs the hour's sum: the vCPU rows alone are summed per hour. `negative` says a usage row
# had a negative amount: then the import takes BY_HOUR instead.
BY_CLOCK_HOUR = f"""
parts AS (
  SELECT key, hour(start_at) AS clock, date_trunc('month', start_at) AS month, {SUMS},
    bit_or(CASE WHEN (is_req OR is_gbs OR is_vcpu OR is_inst) AND amount > 0
                THEN 1::UINTEGER << (day(start_at) - 1) ELSE 0 END) AS days,
    bool_or((is_req OR is_gbs OR is_prov OR is_vcpu OR is_inst) AND amount > 0) AS any_used,
    bool_or((is_req OR is_gbs OR is_prov OR is_vcpu OR is_inst) AND amount < 0) AS negative,
    min(start_at) AS first, max(start_at) AS last
  FROM c WHERE reason IS NULL GROUP BY ALL
), peaks AS (
  SELECT key, max(vcpu) AS peak_vcpu
  FROM (SELECT key, sum(amount) AS vcpu FROM c WHERE reason IS NULL AND is_vcpu
        GROUP BY key, date_trunc('hour', start_at))
  GROUP BY key
), clock AS (
  SELECT key, clock, sum(prov) AS prov, sum(gbh) AS gbh, sum(bit_count(days)) AS hours,
    any_value(peak_vcpu) AS peak_vcpu, sum(requests) AS requests, sum(gbs) AS gbs, sum(vcpu) AS vcpu, sum(inst) AS inst,
    sum(requests + gbs + prov + vcpu + inst) AS used, bool_or(any_used) AS any_used, bool_or(negative) AS negative,
    date_trunc('hour', min(first)) AS first, date_trunc('hour', max(last)) AS last
  FROM parts LEFT JOIN peaks USING (key) GROUP BY key, clock
), {{fold}}"""

FOLD = """profile AS (
  SELECT key, sum(prov) AS prov, sum(gbh) AS gbh, sum(hours) AS hours, max(peak_vcpu) AS peak_vcpu,
    list(clock ORDER BY clock) AS clock, list(requests ORDER BY clock) AS requests,
    list(gbs ORDER BY clock) AS gbs, list(vcpu ORDER BY clock) AS vcpu, list(inst ORDER BY clock) AS inst,
    sum(used) AS used, bool_or(any_used) AS any_used, bool_or(negative) AS negative, min(first) AS first,
    max(last) AS last
  FROM clock GROUP BY key
)"""

PROFILES = """
SELECT key, svc, account, region, arm, instance_type, truncated, rows, billed, credits, unpriced, prov, gbh, hours,
  peak_vcpu, clock, requests, gbs, vcpu, inst
FROM resources WHERE reason IS NULL AND used > 0
ORDER BY billed DESC, key LIMIT {limit}
"""

# The rows of resources none of whose hours had usage (EBS volumes, data transfer, ECS on EC2 tasks...)
DROPPED = "SELECT sum(rows) FROM resources WHERE reason IS NULL AND NOT any_used"


def _group(con: duckdb.DuckDBPyConnection, classified: str, others: str, exact: bool) -> None:
    """The resources table: per clock hour and month (BY_CLOCK_HOUR), or per hour when `exact` or when a usage row
    had a negative amount (BY_HOUR, the same figures by definition)."""
    profile = (BY_HOUR if exact else BY_CLOCK_HOUR).format(fold=FOLD)
    con.execute(RESOURCES.format(classified=classified, profile=profile, others=others))
    if not exact and (con.execute("SELECT bool_or(negative) FROM resources").fetchone() or (None,))[0]:
        con.execute("DROP TABLE resources")
        _group(con, classified, others, exact=True)


def _resource(row: tuple[Any, ...]) -> ResourceUsage:
    (key, svc, account, region, arm, instance_type, truncated, rows, billed, credits, unpriced, prov, gbh, hours,
     peak_vcpu, clock, requests, gbs, vcpu, inst) = row
    usage = ResourceUsage(kind=str(svc), resource=str(key), name=_short_name(str(svc), str(key)),
                          account=str(account or ""), region=str(region or ""), arm=bool(arm),
                          instance_type=str(instance_type or ""), truncated_id=bool(truncated))
    for hour, r, g, v, i in zip(clock, requests, gbs, vcpu, inst, strict=True):
        usage.requests[hour], usage.gb_seconds[hour] = float(r), float(g)
        usage.vcpu_hours[hour], usage.instance_hours[hour] = float(v), float(i)
    usage.provisioned_gb_seconds, usage.gb_hours = float(prov), float(gbh)
    usage.billed_usd, usage.credits_usd, usage.unpriced_usd = plain(billed), plain(credits), plain(unpriced)
    usage.rows, usage.hours_with_usage, usage.peak_hour_vcpu = int(rows), int(hours), float(peak_vcpu or 0)
    return usage


def plain(value: Any) -> Decimal:
    """A sum of money as the export wrote it, without trailing zeros (1.3666670000 -> 1.366667, 0E-10 -> 0)."""
    found = Decimal(value or 0).normalize()
    return found.quantize(Decimal(1)) if found.as_tuple().exponent > 0 else found  # type: ignore[operator]


def _short_name(kind: str, key: str) -> str:
    if kind == "lambda" and ":function:" in key:
        return key.rsplit(":function:", 1)[1]
    return key


def _summarise(con: duckdb.DuckDBPyConnection, summary: ImportSummary) -> None:
    for reason, rows in con.execute("SELECT reason, sum(rows) FROM resources WHERE reason IS NOT NULL "
                                    "GROUP BY reason ORDER BY reason").fetchall():
        summary.skip(str(reason), int(rows))
    found = con.execute("SELECT sum(rows), min(first), max(last) FROM resources").fetchone()
    total, first, last = found or (0, None, None)
    summary.rows_read += int(total or 0)
    if isinstance(first, datetime) and isinstance(last, datetime):
        summary.period_hours = (last - first).total_seconds() / 3600 + 1
        summary.period_text = f"{first:%Y-%m-%d %H:00} to {last:%Y-%m-%d %H:59} UTC"


def read_billing(files: list[Path], fmt: str, summary: ImportSummary,
                 interrupt: Callable[[Callable[[], None]], None] | None = None,
                 tags: tuple[TagFilter, ...] = ()) -> list[ResourceUsage]:
    """The resources of a billing export (CUR 2.0 or FOCUS, one format), biggest bill first; the summary gains the
    rows read and skipped by reason. `interrupt` is handed a function that cancels the running query (the
    window's Cancel button calls it from the GUI thread): the import then raises Cancelled. With `tags`, only
    the rows tagged so are kept (the others counted as skipped)."""
    import duckdb

    with _session() as con:
        if interrupt is not None:
            interrupt(con.interrupt)
        family, columns = family_of_files(con, files, fmt)
        summary.source = f"{family.name} ({len(files)} {fmt} file{'s' if len(files) != 1 else ''})"
        tags_column = family.expressions(columns)["tags_column"]
        if tags and not tags_column:
            raise UsageError(str(files[0]), family.tags_column, f"is not in this {family.name} export: the tag "
                                                                "filter cannot be applied")
        try:
            scan = _scan(files, fmt)
            # Parquet: a second scan of the other services' rows reads two or three columns of the file; a CSV would
            # be parsed whole again, so its rows are all classified in the one scan (the same counts)
            split = fmt == PARQUET
            others = f"UNION ALL BY NAME {_others(family, columns, scan)}" if split else ""
            classified = _classified(family, columns, scan, tags, split)
            _group(con, classified, others, exact=False)
            _summarise(con, summary)
            found = [_resource(row) for row in con.execute(PROFILES.format(limit=MAX_RESOURCES)).fetchall()]
            dropped = con.execute(DROPPED).fetchone()
        except duckdb.InterruptException:
            raise Cancelled() from None
        except duckdb.Error as exc:
            raise _error(files, exc) from None
    summary.skip(R_NO_COMPUTE, int(dropped[0] or 0) if dropped else 0)
    summary.rows_used += sum(r.rows for r in found)
    return found
