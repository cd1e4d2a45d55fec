"""Issue 21's "Done when" for the workshop: a scenario whose total leaves out a price (ECS Managed Instances has no
fee for t3.medium in us-east-1) flows through the comparison, the baseline change, the portfolio, the margin, the
JSON, the CSV, the PDF and present mode, and is marked incomplete in each; the parts of one system show no change
against a baseline."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop.cli import main
from desktop.model.advice.advise import advise
from desktop.model.pricing.book import PriceBook, load_price_book
from desktop.model.workload.spec import Workload
from desktop.model.workshop.compare import Comparison, compare
from desktop.model.workshop.compare_json import comparison_json
from desktop.model.workshop.files import save_workshop
from desktop.model.workshop.spec import ScenarioEntry, WorkshopSpec
from desktop.present.workshop import change_text, margin_text, portfolio_text, total_text
from desktop.report.workshop.csv_export import workshop_csv
from desktop.report.workshop.text import comparison_text

FEE = "ECS MI management fee rate (general types)"
# The goldens' frozen book: from before the ECS MI fee rule filled every region, so its us-east-1 has no fee for
# t3.medium and the ECS MI total leaves it out (the bundled book now prices it).
FROZEN = Path(__file__).resolve().parents[2] / "goldens" / "price-book.json"


@pytest.fixture(scope="module")
def book() -> PriceBook:
    return load_price_book(FROZEN)
FIVE = ["lambda", "fargate", "ec2", "lambda_managed", "ecs_managed"]


@pytest.fixture(scope="module")
def scenarios(examples: dict[str, Workload]) -> list[Workload]:
    base = examples["http-api"]  # us-east-1: Fargate $62.44, whole
    managed = base.with_changes({"name": "On ECS MI", "options": ["ecs_managed"]})  # $91.94 without its fee
    return [base, managed, examples["nightly-batch"]]


def _compare(workloads: list[Workload], book: PriceBook, kind: str) -> Comparison:
    return compare([("", advise(w, book)) for w in workloads], 0, kind)


def test_the_change_against_a_whole_baseline_is_a_bound_never_a_figure_with_a_percent(
        scenarios: list[Workload], book: PriceBook) -> None:
    comparison = _compare(scenarios, book, "variants")
    managed = comparison.rows[1]
    assert total_text(managed, "ecs_managed") == "$91.94 + 1 not priced"  # a long name is counted, as in every table
    assert managed.change_kind == "lower bound" and managed.change_pct is None
    assert change_text(managed) == "at least $29.50 more"  # $91.94 - $62.44, and the fee on top: never "+$29.50 (+54%)"
    assert change_text(comparison.rows[2]) == "-$60.11 (-96%)"  # two whole totals: exact, with its percent
    # the other way round (an incomplete baseline): the true change is at most the figure
    reverse = compare([("", advise(scenarios[1], book)), ("", advise(scenarios[0], book))], 0)
    assert reverse.rows[1].change_kind == "upper bound" and change_text(reverse.rows[1]) == "at least $29.50 less"


def test_both_leaving_out_different_prices_gives_no_figure(examples: dict[str, Workload], book: PriceBook,
                                                           scenarios: list[Workload]) -> None:
    ireland = examples["alb-api-ireland"]  # Fargate leaves out the ALB and data transfer in eu-west-1
    row = _compare([ireland, scenarios[1]], book, "variants").rows[1]  # and ECS MI its fee in us-east-1
    assert row.change_kind == "unknown" and row.change_usd is None and row.recommended_usd is not None
    assert change_text(row) == "no figure: both leave out prices"
    # what both leave out alike (same items, usage and region) cancels: only the rest bounds the change
    managed = ireland.with_changes({"name": "Ireland on ECS MI", "options": ["ecs_managed"]})
    more = _compare([ireland, managed], book, "variants").rows[1]
    assert more.change_kind == "lower bound" and change_text(more) == "at least $30.54 more"
    # the same items with the same usage in the same region cancel: a change that stays exact
    alike = ireland.with_changes({"name": "renamed only"})
    same = _compare([ireland, alike], book, "variants").rows[1]
    assert same.change_kind == "exact" and change_text(same) == "+$0.00 (+0%)"


def test_the_margin_keeps_its_kind_never_the_only_feasible_option_among_five(
        examples: dict[str, Workload], book: PriceBook) -> None:
    five = examples["alb-api-ireland"].with_changes({"options": FIVE})
    row = _compare([five], book, "variants").rows[0]
    assert sum(row.feasible.values()) == 5
    assert margin_text(row) == "comparison with Lambda incomplete"
    batch = _compare([examples["nightly-batch"].with_changes({"options": FIVE})], book, "variants").rows[0]
    assert margin_text(batch) == "$2.83 (55%) under ECS on EC2"  # both whole: exact
    gpu = _compare([examples["gpu-inference"].with_changes({"options": FIVE})], book, "variants").rows[0]
    assert gpu.margin_kind == "lower bound" and margin_text(gpu) == "at least $0.00 under ECS MI"


def test_parts_of_one_system_have_no_change_and_an_incomplete_portfolio_is_a_lower_bound(
        scenarios: list[Workload], book: PriceBook) -> None:
    comparison = _compare(scenarios, book, "parts")
    assert all(r.change_usd is None and r.change_kind == "not compared" and change_text(r) == ""
               for r in comparison.rows)
    assert comparison.portfolio_usd is not None and not comparison.portfolio_complete
    assert portfolio_text(comparison) == (
        "Portfolio total: at least $156.71 a month, the sum of each part's recommended option; it leaves out "
        f"{FEE} (no us-east-1 price in the book) from On ECS MI.")
    data = comparison_json(comparison)
    assert data["portfolio_complete"] is False
    assert data["left_out_of_portfolio"] == [
        {"scenario": "On ECS MI", "reason": "no us-east-1 price in the book", "left_out": [FEE]}]
    assert [s["change_kind"] for s in data["scenarios"]] == ["not compared"] * 3
    assert "Change against the baseline" not in comparison_text(comparison, book)
    whole = _compare([scenarios[0], scenarios[2]], book, "parts")
    assert whole.portfolio_complete and portfolio_text(whole).startswith("Portfolio total: $64.77 a month")


def test_json_and_csv_mark_the_incomplete_scenario(scenarios: list[Workload], book: PriceBook) -> None:
    comparison = _compare(scenarios, book, "variants")
    data = comparison_json(comparison)["scenarios"]
    assert [s["complete"] for s in data] == [True, False, True]
    assert data[1]["recommended_left_out"] == [FEE]
    assert (data[1]["change_kind"], data[1]["change_usd"], data[1]["change_pct"]) == ("lower bound", 29.5, None)
    rows = list(csv.DictReader(io.StringIO(workshop_csv(comparison, book))))
    assert [r["complete"] for r in rows] == ["yes", "no", "yes"]
    assert rows[1]["left_out"] == f"ecs_managed: {FEE}"
    assert (rows[1]["change_usd"], rows[1]["change_pct"], rows[1]["change_kind"]) == ("29.50", "", "lower bound")
    parts = list(csv.DictReader(io.StringIO(workshop_csv(_compare(scenarios, book, "parts"), book))))
    assert parts[-1]["scenario"] == "Portfolio total" and parts[-1]["complete"] == "no"
    assert parts[-1]["left_out"] == f"On ECS MI: {FEE} (no us-east-1 price in the book)"
    assert {r["change_usd"] for r in parts} == {""} and parts[0]["change_kind"] == "not compared"


def _write(tmp_path: Path, scenarios: list[Workload], kind: str) -> Path:
    path = tmp_path / f"{kind}.workshop.json"
    save_workshop(path, WorkshopSpec(kind=kind, scenarios=tuple(ScenarioEntry(workload=w) for w in scenarios)))
    return path


def test_the_pdf_summary_marks_the_incomplete_scenario(tmp_path: Path, scenarios: list[Workload], qapp,  # type: ignore[no-untyped-def]
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    for kind in ("variants", "parts"):
        target = tmp_path / f"{kind}.pdf"
        written = _write(tmp_path, scenarios, kind)
        assert main(["report", str(written), "-o", str(target), "--price-book", str(FROZEN)]) == 0
        capsys.readouterr()
        first = re.sub(r"\s+", " ", PdfReader(target).pages[0].extract_text())
        assert "$91.94+1notpriced" in first.replace(" ", "")  # four options: a narrow cell counts (it may wrap)
        assert f"ECS MI: {FEE} (no us-east-1 price in the book)" in first and "Totals that leave out a price" in first
        if kind == "variants":
            assert "at least $29.50 more" in first and "+$29.50" not in first
            assert "the total of On ECS MI leaves out" in first
        else:
            assert "Portfolio total: at least $156.71 a month" in first and "Change against the baseline" not in first


def test_estimate_json_of_a_workshop_file_says_the_same(tmp_path: Path, scenarios: list[Workload],
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["estimate", str(_write(tmp_path, scenarios, "parts")), "--json", "--price-book", str(FROZEN)]) == 0
    data = json.loads(capsys.readouterr().out)["comparison"]
    assert data["portfolio_complete"] is False and data["left_out_of_portfolio"][0]["left_out"] == [FEE]
