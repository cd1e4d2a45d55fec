"""Messy exports: each handled (and counted) or refused with one line naming the file and the column."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.model.pricing.book import PriceBook
from desktop.usage.importer import import_usage
from desktop.usage.records import UsageError
from tests.usage import fixtures as fx


def refused(paths: list[Path], book: PriceBook) -> str:
    with pytest.raises(UsageError) as caught:
        import_usage(paths, book)
    message = str(caught.value)
    assert "\n" not in message
    return message


def test_a_cur_1_0_csv_is_refused_naming_its_column(tmp_path: Path, book: PriceBook) -> None:
    path = tmp_path / "legacy.csv"
    path.write_text("identity/LineItemId,lineItem/UsageType,lineItem/UnblendedCost\nx,Request,0.2\n", encoding="utf-8")
    assert refused([path], book) == (f"{path}: identity/LineItemId: this is a CUR 1.0 (legacy Cost and Usage Report) "
                                     "file: export CUR 2.0 or FOCUS from AWS Data Exports")


def test_a_cur_1_0_parquet_with_per_tag_columns_is_refused(tmp_path: Path, book: PriceBook) -> None:
    import duckdb

    path = tmp_path / "legacy.parquet"
    duckdb.connect().execute(f"COPY (SELECT 'Request' AS line_item_usage_type, 'x' AS line_item_resource_id, "
                             f"'a' AS resource_tags_user_team) TO '{path}' (FORMAT parquet)")
    assert "resource_tags_user_team: per-tag columns without the resource_tags map: this is CUR 1.0" in refused(
        [path], book)


def test_a_missing_column_is_named(tmp_path: Path, book: PriceBook) -> None:
    columns = tuple(c for c in fx.CUR_COLUMNS if c != "line_item_unblended_cost")
    path = fx.write_csv(tmp_path / "cur.csv", fx.cur_rows()[:3], columns)
    assert refused([path], book) == (f"{path}: line_item_unblended_cost: missing from this CUR 2.0 export (needed: "
                                     "line_item_unblended_cost)")


def test_cur_and_focus_together_are_refused(tmp_path: Path, book: PriceBook) -> None:
    a = fx.write_csv(tmp_path / "a.csv", fx.cur_rows()[:3])
    b = fx.write_csv(tmp_path / "b.csv", fx.focus_rows()[:3])
    assert refused([a, b], book) == (f"{b}: is a FOCUS export, the files before it are CUR 2.0: import one kind at "
                                     "a time")


def test_an_export_all_in_another_currency_imports_nothing_and_says_why(tmp_path: Path, book: PriceBook) -> None:
    rows = [dict(r, line_item_currency_code="EUR") for r in fx.cur_rows()[:10]]
    path = fx.write_csv(tmp_path / "eur.csv", rows)
    assert refused([path], book) == (f"{path}: holds no Lambda function, ECS service or EC2 instance with usage "
                                     "(most rows skipped: 10 currency other than USD (line_item_currency_code))")


def test_truncated_arns_are_kept_under_the_id_written_and_noted(tmp_path: Path, book: PriceBook) -> None:
    rows = [dict(r, line_item_resource_id="arn:aws:lambda:us-east-1:2222") for r in fx.cur_rows()
            if r["line_item_resource_id"] == fx.ORDERS_ARN]
    workshop, summary = import_usage([fx.write_csv(tmp_path / "cut.csv", rows)], book)
    assert [s.workload.name for s in workshop.scenarios] == ["arn:aws:lambda:us-east-1:2222"]
    assert workshop.scenarios[0].usage is not None and workshop.scenarios[0].usage.billed_usd == fx.ORDERS_BILLED
    assert any("not a whole function ARN" in n for n in summary.notes)


def test_null_written_as_text_is_missing_not_zero(tmp_path: Path, book: PriceBook) -> None:
    rows = fx.cur_rows()
    rows[0] = dict(rows[0], line_item_unblended_cost="null", line_item_resource_id="NULL")
    _, summary = import_usage([fx.write_csv(tmp_path / "cur.csv", rows)], book)
    assert summary.skipped["no resource id (line_item_resource_id)"] == 1


def test_a_truncated_parquet_file_is_refused_naming_it(tmp_path: Path, book: PriceBook) -> None:
    good = fx.write_parquet(tmp_path / "good.parquet", fx.write_csv(tmp_path / "c.csv", fx.cur_rows()[:50]))
    cut = tmp_path / "cut.parquet"
    cut.write_bytes(good.read_bytes()[:400])
    message = refused([cut], book)
    assert message.startswith(f"{cut}: cannot be read: ")


@pytest.mark.parametrize(("data", "expected"), [
    ({"MetricDataResults": [{"Label": "orders Throttles", "Timestamps": [], "Values": []}]},
     "MetricDataResults.0.Label: 'orders Throttles' does not end with a metric this app reads"),
    ({"MetricDataResults": [{"Label": "orders Invocations", "Timestamps": ["2025-03-01T00:00:00Z"],
                             "Values": [1, 2]}]}, "MetricDataResults.0.Values: 2 values for 1 timestamps"),
    ({"MetricDataResults": [{"Label": "orders Invocations", "Timestamps": ["yesterday"], "Values": [1]}]},
     "MetricDataResults.0.Timestamps.0: is not a time: 'yesterday'"),
    ({"MetricDataResults": [{"Label": "orders Invocations", "Timestamps": ["2025-03-01T00:00:00Z"],
                             "Values": [True]}]}, "MetricDataResults.0.Values.0: must be a number"),
    ({"Functions": [{"FunctionName": "f", "MemorySize": "lots"}]},
     "Functions.0.MemorySize: must be a number, got 'lots'"),
    ({"Functions": [{"FunctionName": "f"}, 7]}, "Functions.1: must be an object"),
    ({"services": ["web"]}, "services.0: must be an object"),
    ({"MetricDataResults": {"Label": "x"}}, "MetricDataResults: must be a list"),
    ({"Something": []}, "is neither CloudWatch get-metric-data output, Lambda or ECS describe output, nor "
                        "Lambda Power Tuning"),
])
def test_bad_cli_json_is_refused_naming_the_field(tmp_path: Path, book: PriceBook, data: object,
                                                 expected: str) -> None:
    path = tmp_path / "x.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert refused([path], book).startswith(f"{path}: ") and expected in refused([path], book)


def test_a_fifo_is_refused_without_hanging(tmp_path: Path, book: PriceBook) -> None:
    import os

    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    assert refused([fifo], book) == f"{fifo}: is not a regular file"
