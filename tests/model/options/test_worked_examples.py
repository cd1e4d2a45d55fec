"""AWS's own worked pricing examples (shared reference aws-worked-examples.md), through `computefit estimate --json`.

AWS rounds each line to cents and adds the lines; a total within 0.01 USD of AWS's figure is a match.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.model.options.common.calc import ExactCalc
from desktop.model.pricing.book import PriceBook
from desktop.model.pricing.context import PricingContext
from tests.conftest import make_workload


def estimate(tmp_path: Path, capsys: pytest.CaptureFixture[str], workload: dict[str, object]) -> dict:
    path = tmp_path / "w.workload.json"
    path.write_text(json.dumps({"schema_version": 1, "name": "worked example", "front_door": "none", **workload}))
    assert main(["estimate", str(path), "--json"]) == 0
    out = capsys.readouterr().out
    return json.loads(out)


def lines(option: dict) -> dict[str, float]:
    return {item["label"]: item["usd"] for item in option["line_items"]}


WORKED = {
    "lambda_1_mobile_backend_free_tier": (
        {"traffic": {"requests_per_month": 3_000_000, "duration_ms": 120},
         "lambda": {"memory_mb": 1536, "free_tier": True}},
        "lambda", 2.73, {"Requests": 0.40, "Duration (x86_64), tier 1": 2.33}),
    "lambda_2_streaming_telemetry_without_free_tier": (
        {"traffic": {"requests_per_month": 7_440_000, "duration_ms": 2000},
         "lambda": {"memory_mb": 1024, "free_tier": False}},
        "lambda", 249.49, {"Requests": 1.49, "Duration (x86_64), tier 1": 248.00}),
    "lambda_3_inference_with_ephemeral_storage": (
        {"traffic": {"requests_per_month": 6_000_000, "duration_ms": 280},
         "lambda": {"memory_mb": 4096, "ephemeral_storage_mb": 2048, "free_tier": True}},
        "lambda", 106.41, {"Requests": 1.00, "Duration (x86_64), tier 1": 105.33,
                           "Ephemeral storage above 512 MB": 0.08}),
    # 5 tasks a day for 30 days = 150 runs of 600 s; 1 vCPU, 2 GB, 30 GB ephemeral storage.
    "fargate_1_linux_jobs_with_storage": (
        {"traffic": {"kind": "jobs", "runs_per_month": 150, "duration_ms": 600_000},
         "container": {"vcpu": 1, "memory_gb": 2, "ephemeral_storage_gb": 30}},
        "fargate", 1.26, {"vCPU": 1.01, "Memory": 0.22, "Ephemeral storage above 20 GB": 0.03}),
    # 10 tasks an hour a day for 30 days = 300 runs of 3,600 s; 1 vCPU, 2 GB, Windows.
    "fargate_2_windows_jobs": (
        {"traffic": {"kind": "jobs", "runs_per_month": 300, "duration_ms": 3_600_000},
         "container": {"vcpu": 1, "memory_gb": 2, "os": "windows"}},
        "fargate", 47.25, {"vCPU": 27.45, "Windows OS licence": 13.80, "Memory": 6.00}),
}


@pytest.mark.parametrize("example", list(WORKED))
def test_worked_example_line_by_line(tmp_path, capsys, example):
    workload, option_id, total, expected_lines = WORKED[example]
    option = estimate(tmp_path, capsys, workload)["options"][option_id]
    assert option["monthly_usd"] == pytest.approx(total, abs=0.01)
    assert lines(option) == expected_lines


def test_lambda_4_tiered_duration(book: PriceBook):
    """20 B GB-s of x86_64 duration: 6 B at tier 1, 9 B at tier 2, 5 B at tier 3 = 301,667.20 USD."""
    tiers = book.regions["us-east-1"].lambda_.duration["x86_64"]
    calc = ExactCalc(PricingContext(make_workload(), book, book.regions["us-east-1"], 0))
    calc.tiered(Decimal(20_000_000_000), tiers, "Duration", "GB-second")
    items = calc.items
    assert [i.usd for i in items] == [Decimal("100000.20"), Decimal("135000.00"), Decimal("66667.00")]
    assert sum(i.usd for i in items) == Decimal("301667.20")


def test_lambda_4_through_the_cli(tmp_path, capsys):
    # 20 B GB-s = 10 B requests x 2 s x 1 GB; requests add 2,000.00 at 0.20 per million.
    data = estimate(tmp_path, capsys, {"traffic": {"requests_per_month": 10_000_000_000, "duration_ms": 2000},
                                       "lambda": {"memory_mb": 1024, "free_tier": False}})
    option = data["options"]["lambda"]
    duration = sum(usd for label, usd in lines(option).items() if label.startswith("Duration"))
    assert duration == pytest.approx(301_667.20, abs=0.01)
    assert option["monthly_usd"] == pytest.approx(301_667.20 + 2_000.00, abs=0.01)
