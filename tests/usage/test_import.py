"""The usage import reads CUR 2.0 (CSV, gzip CSV, Parquet, a folder of parts), FOCUS and CLI JSON into a fleet
workshop whose "billed" equals the sum of the export's rows for each resource (figures worked in fixtures.py)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from desktop.model.pricing.book import PriceBook
from desktop.model.workshop.files import load_document, save_workshop
from desktop.model.workshop.spec import ScenarioEntry, WorkshopSpec
from desktop.usage.importer import import_usage
from desktop.usage.records import ImportSummary, UsageError
from tests.usage import fixtures as fx


def by_name(workshop: WorkshopSpec) -> dict[str, ScenarioEntry]:
    return {s.workload.name: s for s in workshop.scenarios}


@pytest.fixture(scope="module")
def cur_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return fx.write_csv(tmp_path_factory.mktemp("cur") / "cur.csv", fx.cur_rows())


def check_cur_fleet(workshop: WorkshopSpec, summary: ImportSummary) -> None:
    found = by_name(workshop)
    assert list(found) == ["i-0abc", "thumbs", "shop/web", "orders"]  # the largest bill first
    billed = {name: s.usage.billed_usd for name, s in found.items() if s.usage is not None}
    assert billed == {"orders": fx.ORDERS_BILLED, "thumbs": fx.THUMBS_BILLED, "shop/web": fx.WEB_BILLED,
                      "i-0abc": fx.EC2_BILLED}
    assert summary.rows_read == len(fx.cur_rows()) == 1095
    assert dict(summary.skipped) == fx.SKIPPED
    assert summary.rows_used == 1095 - 5
    assert summary.period_hours == 192


def test_a_cur_csv_gives_one_scenario_per_resource_billed_as_the_sum_of_its_rows(cur_csv: Path,
                                                                                 book: PriceBook) -> None:
    workshop, summary = import_usage([cur_csv], book)
    check_cur_fleet(workshop, summary)
    orders = by_name(workshop)["orders"]
    w, usage = orders.workload, orders.usage
    assert usage is not None and usage.today == "lambda" and usage.account == fx.ACCOUNT
    assert w.region == "us-east-1" and w.architecture == "x86_64"
    assert w.traffic.requests_per_month == 7_300_000  # 1,920,000 x 730 / 192
    assert w.traffic.duration_ms == 200  # 2,000 GB-s / 10,000 requests at the assumed 1,024 MB
    assert w.traffic.daily_profile == (1.0,) * 24
    assert w.lambda_.memory_mb == 1024 and not w.lambda_.free_tier and w.front_door == "none"
    origins = {f.field: f.origin for f in usage.fields}
    assert origins["traffic.requests_per_month"] == "measured"
    assert origins["lambda.memory_mb"] == "default" and origins["traffic.duration_ms"] == "default"
    assert any("Lambda memory is not in a billing export" in a for a in usage.assumptions)


def test_arm_hours_credits_and_unpriced_lines_are_read(cur_csv: Path, book: PriceBook) -> None:
    workshop, _ = import_usage([cur_csv], book)
    thumbs = by_name(workshop)["thumbs"]
    assert thumbs.workload.architecture == "arm64" and thumbs.workload.region == "eu-west-1"
    assert thumbs.workload.traffic.daily_profile == (0.0,) * 9 + (3.0,) * 8 + (0.0,) * 7  # 09-16 only
    assert thumbs.usage is not None
    assert thumbs.usage.credits_usd == Decimal("-1") and thumbs.usage.unpriced_usd == Decimal("0.09")
    assert thumbs.usage.hours_with_usage == 64


def test_fargate_and_ec2_are_sized_to_what_was_billed(cur_csv: Path, book: PriceBook) -> None:
    found = by_name(import_usage([cur_csv], book)[0])
    web, ec2 = found["shop/web"].workload, found["i-0abc"].workload
    assert web.container.vcpu == 1.0 and web.container.memory_gb == 2.0  # 2 GB-hours per vCPU-hour
    assert web.container.min_tasks == 1  # 1 vCPU-hour an hour of 1 vCPU tasks
    assert ec2.ec2.instance_type == "m5.large" and ec2.container.min_tasks == 1


def test_parquet_parts_in_a_folder_read_the_same_and_a_duplicated_part_is_left_out(tmp_path: Path,
                                                                                  book: PriceBook) -> None:
    rows = fx.cur_rows()
    folder = tmp_path / "2025-03"
    folder.mkdir()
    half = len(rows) // 2
    fx.write_parquet(folder / "part-0.parquet", fx.write_csv(tmp_path / "a.csv", rows[:half]))
    fx.write_parquet(folder / "part-1.parquet", fx.write_csv(tmp_path / "b.csv", rows[half:]))
    (folder / "part-1 (copy).parquet").write_bytes((folder / "part-1.parquet").read_bytes())
    (folder / "Manifest.json").write_text('{"assemblyId": "x"}', encoding="utf-8")
    workshop, summary = import_usage([folder], book)
    check_cur_fleet(workshop, summary)
    assert summary.source == "CUR 2.0 (2 parquet files)"
    # the copy comes first in name order (" " sorts before "."), so the second of the two is left out
    assert f"{folder / 'part-1.parquet'}: left out, the same part as {folder / 'part-1 (copy).parquet'}" in (
        summary.notes)
    assert any("Manifest.json: JSON of another kind" in n for n in summary.notes)
    assert sorted(p.name for p in folder.iterdir()) == ["Manifest.json", "part-0.parquet", "part-1 (copy).parquet",
                                                        "part-1.parquet"]  # nothing written beside them


def test_gzip_csv_reads_like_csv(tmp_path: Path, book: PriceBook) -> None:
    workshop, summary = import_usage([fx.write_csv(tmp_path / "cur.csv.gz", fx.cur_rows())], book)
    check_cur_fleet(workshop, summary)


def test_focus_rows_of_other_providers_are_counted_and_left_out(tmp_path: Path, book: PriceBook) -> None:
    workshop, summary = import_usage([fx.write_csv(tmp_path / "focus.csv", fx.focus_rows())], book)
    assert [s.workload.name for s in workshop.scenarios] == ["orders"]
    usage = workshop.scenarios[0].usage
    assert usage is not None and usage.billed_usd == fx.ORDERS_BILLED
    assert workshop.scenarios[0].workload.traffic.requests_per_month == 7_300_000
    assert dict(summary.skipped) == {"from another provider than AWS (ProviderName)": 2,
                                     "tax, fee or purchase line (ChargeCategory)": 1}


def test_cloudwatch_and_configuration_alone_make_a_scenario(tmp_path: Path, book: PriceBook) -> None:
    paths = [fx.write_cloudwatch(tmp_path / "metrics.json"), fx.write_functions(tmp_path / "functions.json")]
    workshop, summary = import_usage(paths, book)
    orders = workshop.scenarios[0]
    w, usage = orders.workload, orders.usage
    assert usage is not None and usage.billed_usd is None and summary.period_hours == 192
    assert w.traffic.requests_per_month == 7_300_000 and w.traffic.duration_ms == 180
    assert w.lambda_.memory_mb == 512
    origins = {f.field: f.origin for f in usage.fields}
    assert origins["lambda.memory_mb"] == "configuration" and origins["traffic.duration_ms"] == "measured"
    assert "Duration p99 (CloudWatch): 950.0 ms." in usage.assumptions


def test_configuration_and_metrics_refine_what_billing_gives(cur_csv: Path, tmp_path: Path, book: PriceBook) -> None:
    services, task = fx.write_ecs(tmp_path)
    paths = [cur_csv, fx.write_functions(tmp_path / "functions.json"), services, task]
    found = by_name(import_usage(paths, book)[0])
    orders, web = found["orders"], found["shop/web"]
    assert orders.workload.lambda_.memory_mb == 512
    assert orders.workload.traffic.duration_ms == 400  # 2,000 GB-s / 10,000 requests at 0.5 GB
    assert orders.usage is not None and orders.usage.origin_of("traffic.duration_ms").origin == "measured"  # type: ignore[union-attr]
    assert web.workload.container.vcpu == 0.5 and web.workload.container.memory_gb == 1.0
    assert web.workload.container.min_tasks == 2  # 1 vCPU-hour an hour of 0.5 vCPU tasks


def test_a_fleet_with_usage_saves_and_opens_again_and_an_old_file_still_opens(cur_csv: Path, tmp_path: Path,
                                                                             book: PriceBook) -> None:
    workshop, _ = import_usage([cur_csv], book)
    path = tmp_path / "fleet.workshop.json"
    save_workshop(path, workshop)
    again = load_document(path).workshop
    assert again == workshop
    old = tmp_path / "old.workshop.json"
    old.write_text('{"schema_version": 1, "scenarios": [{"note": "", "workload": {"name": "A"}}]}',
                   encoding="utf-8")
    assert load_document(old).workshop.scenarios[0].usage is None


def test_a_fleet_larger_than_a_workshop_keeps_the_largest_bills_and_counts_the_rest(tmp_path: Path,
                                                                                   book: PriceBook) -> None:
    from desktop.model.workshop.spec import MAX_SCENARIOS
    from tests.benchmarks.gen_cur import generate

    path = tmp_path / "month.parquet"
    generate(path, 40_000)
    workshop, summary = import_usage([path], book)
    assert len(workshop.scenarios) == MAX_SCENARIOS
    left_out = summary.skipped["left out: a workshop holds at most 200 scenarios (the largest bills were kept)"]
    assert left_out > 0
    assert summary.rows_read == 40_000 == summary.rows_used + sum(summary.skipped.values())
    billed = [s.usage.billed_usd for s in workshop.scenarios if s.usage is not None and s.usage.billed_usd]
    assert billed == sorted(billed, reverse=True)


def test_the_window_s_document_keeps_each_scenario_s_usage_through_an_edit_and_a_save(cur_csv: Path, tmp_path: Path,
                                                                                      book: PriceBook) -> None:
    from desktop.model.workload.spec import Workload
    from desktop.workbench.workbench import Workbench

    workshop, _ = import_usage([cur_csv], book)
    path = tmp_path / "fleet.workshop.json"
    save_workshop(path, workshop)
    bench = Workbench(book, Workload(name="x"))
    bench.open(path)
    assert bench.apply_changes({"region": "eu-west-1"}, "Region")[1] == []
    bench.save(path)
    again = load_document(path).workshop
    assert [s.usage for s in again.scenarios[1:]] == [s.usage for s in workshop.scenarios[1:]]
    assert again.scenarios[0].workload.region == "eu-west-1"
    region = again.scenarios[0].usage.origin_of("region")  # type: ignore[union-attr]
    assert region is not None and (region.origin, region.imported, region.imported_origin) == (
        "edited", "us-east-1", "measured")


def test_a_function_measured_by_cloudwatch_alone_is_left_out_until_its_region_is_known(tmp_path: Path,
                                                                                     book: PriceBook) -> None:
    metrics = fx.write_cloudwatch(tmp_path / "metrics.json")
    with pytest.raises(UsageError) as caught:
        import_usage([metrics], book)
    assert "holds no Lambda function" in str(caught.value)
    workshop, _ = import_usage([metrics, fx.write_functions(tmp_path / "functions.json")], book)
    assert [s.workload.name for s in workshop.scenarios] == ["orders"]


def test_focus_parquet_reads_like_focus_csv(tmp_path: Path, book: PriceBook) -> None:
    import duckdb

    csv_path = fx.write_csv(tmp_path / "focus.csv", fx.focus_rows())
    path = tmp_path / "focus.parquet"
    duckdb.connect().execute(f"""COPY (SELECT * REPLACE (TRY_CAST(BilledCost AS DECIMAL(18, 10)) AS BilledCost,
        TRY_CAST(ConsumedQuantity AS DOUBLE) AS ConsumedQuantity,
        CAST(ChargePeriodStart AS TIMESTAMPTZ) AS ChargePeriodStart)
        FROM read_csv('{csv_path}', header = true, all_varchar = true)) TO '{path}' (FORMAT parquet)""")
    workshop, summary = import_usage([path], book)
    usage = workshop.scenarios[0].usage
    assert usage is not None and usage.billed_usd == fx.ORDERS_BILLED and summary.period_hours == 192
    assert summary.source == "FOCUS (1 parquet file)"
