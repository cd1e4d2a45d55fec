"""The tag filter on billing rows (CUR 2.0 resource_tags, FOCUS Tags) and ECS services known from their
configuration alone.

Hand-worked from tests/usage/fixtures.py: 1,095 rows; only the 384 Fargate rows of shop/web carry
`user_team = shop`. Tax (1) and S3 (1) are skipped for their own reasons first; the other 709 compute rows
(orders 386, thumbs 130, EC2 and EBS 193) are counted as not tagged.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.model.pricing.book import PriceBook
from desktop.usage.columns import SERVICE_TAG_KEYS, cur2_tag_key, tag_spellings
from desktop.usage.importer import import_usage
from desktop.usage.records import TagFilter, UsageError, parse_tag_filter
from desktop.usage.review import review_fleet
from tests.usage import fixtures as fx

NOT_TAGGED = "not tagged team=shop (resource_tags)"


def test_the_ecs_service_tag_is_read_under_its_cur_2_0_key() -> None:
    assert SERVICE_TAG_KEYS == ("aws:ecs:serviceName", "aws_ecs_service_name")
    assert cur2_tag_key("aws:ecs:clusterName") == "aws_ecs_cluster_name"
    assert cur2_tag_key("user:CostCenter") == "user_cost_center"
    assert tag_spellings("team") == ("team", "user:team", "user_team")


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_a_tag_filter_keeps_only_the_rows_so_tagged(tmp_path: Path, book: PriceBook, fmt: str) -> None:
    path = fx.write_csv(tmp_path / "cur.csv", fx.cur_rows())
    if fmt == "parquet":
        path = fx.write_parquet(tmp_path / "cur.parquet", path)
    workshop, summary = import_usage([path], book, tags=(TagFilter("team", "shop"),))
    assert [s.workload.name for s in workshop.scenarios] == ["shop/web"]
    usage = workshop.scenarios[0].usage
    assert usage is not None and usage.billed_usd == fx.WEB_BILLED
    assert summary.skipped[NOT_TAGGED] == 709
    assert summary.rows_read == 1095 and summary.rows_used == 384
    assert "Only the rows tagged team=shop were read" in summary.notes


def test_a_value_is_compared_exactly_and_a_filter_matching_nothing_says_so(tmp_path: Path, book: PriceBook) -> None:
    cur = fx.write_csv(tmp_path / "cur.csv", fx.cur_rows())
    with pytest.raises(UsageError, match="most rows skipped: 1,093 not tagged team=Shop"):
        import_usage([cur], book, tags=(TagFilter("team", "Shop"),))


def test_an_export_without_a_tags_column_refuses_the_filter_naming_it(tmp_path: Path, book: PriceBook) -> None:
    columns = tuple(c for c in fx.CUR_COLUMNS if c != "resource_tags")
    cur = fx.write_csv(tmp_path / "cur.csv", fx.cur_rows(), columns)
    with pytest.raises(UsageError) as caught:
        import_usage([cur], book, tags=(TagFilter("team", "shop"),))
    assert str(caught.value) == (f"{cur}: resource_tags: is not in this CUR 2.0 export: the tag filter cannot be "
                                 "applied")


@pytest.mark.parametrize(("text", "message"), [
    ("team", "'team' is not KEY=VALUE"), ("=shop", "is not KEY=VALUE"), ("k" * 129 + "=v", "at most 128"),
    ("team=a\x1bb", "no control characters")])
def test_a_bad_filter_is_one_line(text: str, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        parse_tag_filter(text)
    assert parse_tag_filter("env=a=b") == TagFilter("env", "a=b")


def test_the_cli_filters_by_tag_and_prints_the_rows_left_out(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    cur = fx.write_csv(tmp_path / "cur.csv", fx.cur_rows())
    out = tmp_path / "fleet.workshop.json"
    assert main(["usage", "import", str(cur), "--tag", "team=shop", "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert f"{709:>14,}  {NOT_TAGGED}" in printed and "Scenarios: 1 (1 fargate)" in printed
    assert [s["workload"]["name"] for s in json.loads(out.read_text())["scenarios"]] == ["shop/web"]


def test_a_tag_filter_without_a_billing_export_is_refused(tmp_path: Path, book: PriceBook) -> None:
    with pytest.raises(UsageError, match="a tag filter needs a billing export"):
        import_usage([fx.write_cloudwatch(tmp_path / "metrics.json")], book, tags=(TagFilter("team", "shop"),))


def test_an_ecs_service_known_from_its_configuration_alone_becomes_a_scenario(tmp_path: Path,
                                                                             book: PriceBook) -> None:
    services, task = fx.write_ecs(tmp_path)
    workshop, _ = import_usage([services, task], book)
    (entry,) = workshop.scenarios
    w, usage = entry.workload, entry.usage
    assert usage is not None and w.name == "shop/web" and w.region == "us-east-1"
    assert (usage.today, usage.account, usage.billed_usd) == ("fargate", fx.ACCOUNT, None)
    assert (w.container.vcpu, w.container.memory_gb, w.container.min_tasks) == (0.5, 1.0, 2)
    # two tasks all day at 70 requests/s each (10 in flight at 70%, 100 ms): 2 x 70 x 3,600 x 730
    assert w.traffic.requests_per_month == 367_920_000
    origins = {f.field: f.origin for f in usage.fields}
    assert origins["container.min_tasks"] == "configuration" and origins["container.vcpu"] == "configuration"
    assert origins["traffic.requests_per_month"] == "default" and origins["traffic.daily_profile"] == "default"
    assert any(a.startswith("No billing rows for this service") for a in usage.assumptions)
    review = review_fleet(workshop, book)
    assert review.rows[0].thin == "no billing export: nothing billed to compare with"


def test_a_service_without_billing_rows_joins_the_billed_ones(tmp_path: Path, book: PriceBook) -> None:
    cur = fx.write_csv(tmp_path / "cur.csv", fx.cur_rows())
    services, task = fx.write_ecs(tmp_path)
    data = json.loads(services.read_text())
    data["services"].append({"serviceName": "batch", "clusterArn": f"arn:aws:ecs:eu-west-1:{fx.ACCOUNT}:cluster/ops",
                             "desiredCount": 3, "launchType": "EC2"})
    services.write_text(json.dumps(data), encoding="utf-8")
    workshop, _ = import_usage([cur, services, task], book)
    by_name = {s.workload.name: s for s in workshop.scenarios}
    assert list(by_name) == ["i-0abc", "thumbs", "shop/web", "orders", "ops/batch"]
    batch = by_name["ops/batch"]
    assert batch.usage is not None and (batch.usage.today, batch.usage.billed_usd) == ("ec2", None)
    assert (batch.workload.region, batch.workload.container.min_tasks) == ("eu-west-1", 3)
    assert batch.usage.origin_of("container.vcpu").origin == "default"  # type: ignore[union-attr]
    assert by_name["shop/web"].usage.billed_usd == Decimal("9.47904")  # type: ignore[union-attr]
    # with a tag filter, what only the JSON knows is left out, and named
    workshop, summary = import_usage([cur, services, task], book, tags=(TagFilter("team", "shop"),))
    assert [s.workload.name for s in workshop.scenarios] == ["shop/web"]
    assert any("known from JSON alone left out" in n and "ops/batch" in n for n in summary.notes)


def test_a_windows_task_definition_makes_a_windows_scenario(tmp_path: Path, book: PriceBook) -> None:
    """describe-task-definition's operatingSystemFamily WINDOWS_SERVER_2022_CORE: the scenario runs Windows
    containers (from the configuration), so the options without Windows containers are ruled out by it."""
    services, task = fx.write_ecs(tmp_path)
    data = json.loads(task.read_text())
    data["taskDefinition"]["runtimePlatform"]["operatingSystemFamily"] = "WINDOWS_SERVER_2022_CORE"
    task.write_text(json.dumps(data), encoding="utf-8")
    workshop, _ = import_usage([services, task], book)
    (entry,) = workshop.scenarios
    assert entry.workload.container.os == "windows"
    assert entry.usage is not None and entry.usage.origin_of("container.os").origin == "configuration"  # type: ignore[union-attr]
    from desktop.model.advice.advise import advise

    advice = advise(entry.workload, book)
    feasible = {o.option for o in advice.quote.feasible_options()}
    assert "lambda" not in feasible and "fargate" in feasible  # Fargate runs Windows containers; Lambda does not
