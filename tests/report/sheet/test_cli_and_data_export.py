"""`computefit report` and `computefit export`, and the CSV and JSON the window and the CLI write."""

from __future__ import annotations

import csv
import io
import json

import pytest

from desktop.cli import main
from desktop.model.advice.advise import advise
from desktop.model.pricing.book import load_price_book
from desktop.report.sheet.csv_export import COLUMNS, comparison_csv, safe_text
from desktop.report.sheet.export import ExportError, export_data, format_for
from desktop.resources import examples_dir
from tests.conftest import REPO, make_workload
from tests.report.conftest import pdf_text

EXAMPLE = examples_dir() / "http-api.workload.json"


def _estimate(capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["estimate", str(EXAMPLE), "--json"]) == 0
    return capsys.readouterr().out


def test_json_export_is_exactly_estimate_json(tmp_path, capsys):  # type: ignore[no-untyped-def]
    expected = _estimate(capsys)
    target = tmp_path / "out.json"
    assert main(["export", str(EXAMPLE), "-o", str(target)]) == 0
    assert target.read_text(encoding="utf-8") == expected


def test_csv_export_holds_each_total_and_line_item(tmp_path, capsys):  # type: ignore[no-untyped-def]
    estimate = json.loads(_estimate(capsys))
    target = tmp_path / "out.data"
    assert main(["export", str(EXAMPLE), "-o", str(target), "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert tuple(rows[0]) == COLUMNS
    assert list(estimate["options"]) == ["lambda", "fargate", "ec2"]  # what an older file compares
    for option in estimate["options"]:
        data = estimate["options"][option]
        totals = [r for r in rows if r["option"] == option and r["row"] == "total"]
        assert len(totals) == 1
        assert totals[0]["usd"] == f"{data['monthly_usd']:.2f}"
        assert totals[0]["feasible"] == ("yes" if data["feasible"] else "no")
        items = [r for r in rows if r["option"] == option and r["row"] == "line item"]
        assert [r["label"] for r in items] == [i["label"] for i in data["line_items"]]
        assert [r["usd"] for r in items] == [f"{i['usd']:.2f}" for i in data["line_items"]]
        assert sum(float(r["usd"]) for r in items) == pytest.approx(data["monthly_usd"])
    winner = estimate["recommendation"]["option"]
    assert {r["option"] for r in rows if r["recommended"] == "yes"} == {winner}
    assert all(r["workload"] == "Orders HTTP API" and r["price_book_date"] == "2026-12-01" for r in rows)


def test_csv_never_hands_a_spreadsheet_a_formula(book):  # type: ignore[no-untyped-def]
    workload = make_workload(name='=HYPERLINK("http://example.com","x")')
    text = comparison_csv(advise(workload, book), book)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {r["workload"] for r in rows} == {"'" + workload.name}
    assert safe_text("-1") == "'-1" and safe_text("plain") == "plain"


def test_format_comes_from_the_suffix_or_is_refused_clearly(tmp_path):  # type: ignore[no-untyped-def]
    assert format_for(tmp_path / "a.CSV", None) == "csv"
    assert format_for(tmp_path / "a.txt", "json") == "json"
    with pytest.raises(ExportError) as caught:
        format_for(tmp_path / "a.txt", None)
    assert ".csv, .json or .xlsx" in str(caught.value.strerror)


def test_export_to_a_missing_folder_exits_2_with_a_clear_message(tmp_path, capsys):  # type: ignore[no-untyped-def]
    target = tmp_path / "nope" / "out.csv"
    assert main(["export", str(EXAMPLE), "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert f"{target}: cannot write" in err and "does not exist" in err and "Traceback" not in err
    assert not target.exists()


def test_export_with_an_unknown_suffix_exits_2(tmp_path, capsys):  # type: ignore[no-untyped-def]
    assert main(["export", str(EXAMPLE), "-o", str(tmp_path / "out.txt")]) == 2
    assert ".csv, .json or .xlsx" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_report_cli_writes_a_letter_sheet(qt_app, tmp_path):  # type: ignore[no-untyped-def]
    target = tmp_path / "sheet.pdf"
    assert main(["report", str(EXAMPLE), "-o", str(target), "--page-size", "Letter"]) == 0
    assert "Orders HTTP API" in pdf_text(target.read_bytes())
    assert [p.name for p in tmp_path.iterdir()] == ["sheet.pdf"]


@pytest.mark.parametrize("content, expected", [
    (None, "file not found"),
    ("{not json", "not valid JSON"),
    ('{"name": "x", "traffic": {"duration_ms": -5}}', "traffic.duration_ms"),
    ('{"name": "x", "region": "mars-1"}', "mars-1"),
])
def test_report_cli_exits_2_on_bad_input(content, expected, qt_app, tmp_path, capsys):  # type: ignore[no-untyped-def]
    source = tmp_path / "bad.workload.json"
    if content is not None:
        source.write_text(content, encoding="utf-8")
    target = tmp_path / "sheet.pdf"
    assert main(["report", str(source), "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert expected in err and "Traceback" not in err
    assert not target.exists()


def test_report_cli_exits_2_when_the_target_cannot_be_written(qt_app, tmp_path, capsys):  # type: ignore[no-untyped-def]
    target = tmp_path / "missing" / "sheet.pdf"
    assert main(["report", str(EXAMPLE), "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"computefit: {target}: cannot write the sheet (the folder")
    assert "does not exist" in err
    assert main(["report", str(EXAMPLE), "-o", str(tmp_path)]) == 2
    assert "is a folder" in capsys.readouterr().err


def test_export_data_writes_whole_files_only(book, examples, tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    target = tmp_path / "out.json"
    export_data(examples["http-api"], book, target)
    before = target.read_bytes()

    def fail(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise OSError(5, "Input/output error")

    monkeypatch.setattr("desktop.report.sheet.export.os.replace", fail)
    with pytest.raises(OSError):
        export_data(examples["nightly-batch"], book, target)
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


# --- complete, or plainly incomplete, in every output ---------------------------------------------------------
IRELAND = examples_dir() / "alb-api-ireland.workload.json"
GPU = examples_dir() / "gpu-inference.workload.json"
# The book before eu-west-1's ALB and data transfer prices were found (the goldens' frozen book): Ireland's totals
# leave them out, which is what these tests need to show
FROZEN = REPO / "tests" / "goldens" / "price-book.json"
LEFT_OUT = "+ Application Load Balancer, data transfer out to the internet (no eu-west-1 price in the book)"


def test_estimate_json_says_which_totals_are_complete(capsys):  # type: ignore[no-untyped-def]
    assert main(["estimate", str(IRELAND), "--json", "--price-book", str(FROZEN)]) == 0
    data = json.loads(capsys.readouterr().out)
    fargate = data["options"]["fargate"]
    assert (fargate["monthly_usd"], fargate["complete"]) == (36.04, False)
    assert fargate["total_text"] == f"$36.04 {LEFT_OUT}"
    assert [m["item"] for m in fargate["missing"]] == ["Application Load Balancer", "data transfer out to the internet"]
    assert fargate["missing"][0]["usage"][0] == {"quantity": 730.0, "unit": "hour"}
    rec = data["recommendation"]
    assert (rec["margin_usd"], rec["margin_is"], rec["comparison_complete"]) == (None, "unknown", False)
    assert "eu-west-1 prices for Application Load Balancer would complete it" in rec["headline"]
    assert rec["depends_on"]["text"] == "depends on: 2 always-on tasks; at 3 or more, Lambda wins"


def test_a_ruled_out_option_has_no_price_in_any_output(book, capsys):  # type: ignore[no-untyped-def]
    assert main(["estimate", str(GPU), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["options"]["lambda"]["monthly_usd"] is None and data["options"]["lambda"]["total_text"] == "-"
    assert main(["estimate", str(GPU)]) == 0
    table = capsys.readouterr().out
    assert f"{'AWS Lambda':<28} {'-':>14}  Ruled out" in table
    assert "$0.00" not in table
    rows = list(csv.DictReader(io.StringIO(comparison_csv(advise(make_workload(requirements={"gpus": 1}), book),
                                                          book))))
    lam = [r for r in rows if r["option"] == "lambda"]
    assert [(r["row"], r["usd"], r["complete"]) for r in lam] == [("total", "", "")]


def test_text_and_csv_say_what_a_total_leaves_out(examples, capsys):  # type: ignore[no-untyped-def]
    book = load_price_book(FROZEN)
    assert main(["advise", str(IRELAND), "--price-book", str(FROZEN)]) == 0
    text = capsys.readouterr().out
    assert f"{'Amazon ECS on AWS Fargate':<28} {'$36.04':>14} {LEFT_OUT}  Feasible; total incomplete" in text
    assert "but the comparison is incomplete" in text.splitlines()[4]
    rows = list(csv.DictReader(io.StringIO(comparison_csv(advise(examples["alb-api-ireland"], book), book))))
    fargate = [r for r in rows if r["option"] == "fargate"]
    assert fargate[0]["complete"] == "no"
    left = [r for r in fargate if r["row"] == "left out"]
    assert [(r["label"], r["quantity"], r["unit"], r["usd"]) for r in left] == [
        ("Application Load Balancer", "", "", ""), ("data transfer out to the internet", "305.17578125", "GB", "")]
    assert left[0]["note"].startswith("730 hour; 381.4697265625 LCU-hour; no sourced price for Application Load")


def test_the_sheet_says_what_is_left_out_and_what_it_depends_on(qt_app, examples, tmp_path):  # type: ignore[no-untyped-def]
    from desktop.report.sheet.export import export_report
    from tests.report.conftest import squeeze

    book = load_price_book(FROZEN)
    path = tmp_path / "ireland.pdf"
    export_report(examples["alb-api-ireland"], book, path)
    text = squeeze(pdf_text(path.read_bytes()))
    assert squeeze("Recommended: Amazon ECS on AWS Fargate at $36.04 a month + Application Load Balancer, data "
                   "transfer out to the internet (no eu-west-1 price in the book)") in text
    assert squeeze("eu-west-1 prices for Application Load Balancer would complete it") in text
    assert squeeze("depends on: 2 always-on tasks; at 3 or more, Lambda wins") in text
    assert squeeze("Not priced: Application Load Balancer") in text
    assert squeeze("+ 2 items with no price") in text  # the charts' labels
