"""The workshop through the CLI: estimate --json, report (summary + a sheet each), export CSV/JSON, workshop new."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop.cli import main
from desktop.model.pricing.book import PriceBook
from desktop.model.workload.files import load_workload
from desktop.model.workload.spec import Workload
from desktop.model.workshop.files import load_document
from desktop.model.workshop.spec import ScenarioEntry, WorkshopSpec
from desktop.report.workshop.export import workshop_advice
from desktop.report.workshop.html import workshop_summary_html
from desktop.resources import examples_dir

EXAMPLES = [examples_dir() / f"{n}.workload.json" for n in ("http-api", "nightly-batch", "gpu-inference")]


@pytest.fixture
def room(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "room.workshop.json"
    assert main(["workshop", "new", str(path), *map(str, EXAMPLES), "--kind", "parts"]) == 0
    capsys.readouterr()
    return path


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(list(args)) == 0
    return capsys.readouterr().out


def test_workshop_new_makes_a_scenario_of_each_workload_the_first_as_baseline(room: Path) -> None:
    loaded = load_document(room)
    assert loaded.is_workshop and loaded.workshop.baseline == 0 and loaded.workshop.kind == "parts"
    assert [s.workload for s in loaded.workshop.scenarios] == [load_workload(p) for p in EXAMPLES]


def test_workshop_new_refuses_to_replace_a_file_and_names_a_bad_input(room: Path, tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    before = room.read_bytes()
    assert main(["workshop", "new", str(room), str(EXAMPLES[0])]) == 2
    assert "already exists" in capsys.readouterr().err and room.read_bytes() == before
    bad = tmp_path / "bad.workload.json"
    bad.write_text('{"name": "x", "traffic": {"duration_ms": -1}}', encoding="utf-8")
    assert main(["workshop", "new", str(tmp_path / "n.workshop.json"), str(EXAMPLES[0]), str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"{bad}: traffic.duration_ms: must be" in err and "Traceback" not in err
    assert not (tmp_path / "n.workshop.json").exists()


def test_estimate_json_holds_each_scenarios_estimate_and_the_comparison(room: Path,
                                                                        capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(_run(capsys, "estimate", str(room), "--json"))
    assert [s["name"] for s in data["scenarios"]] == [load_workload(p).name for p in EXAMPLES]
    for scenario, path in zip(data["scenarios"], EXAMPLES, strict=True):
        alone = json.loads(_run(capsys, "estimate", str(path), "--json"))
        assert {k: v for k, v in scenario.items() if k != "name"} == alone  # the same object as for a workload
    rows = data["comparison"]["scenarios"]
    for row, scenario in zip(rows, data["scenarios"], strict=True):
        assert row["monthly_usd"] == {o: q["monthly_usd"] for o, q in scenario["options"].items()}
        assert row["recommended"] == scenario["recommendation"]["option"]
    assert data["comparison"]["portfolio_monthly_usd"] == pytest.approx(
        sum(r["recommended_monthly_usd"] for r in rows))
    assert _run(capsys, "export", str(room), "-o", str(room.with_name("out.json"))) == ""
    assert json.loads(room.with_name("out.json").read_text(encoding="utf-8")) == data


def test_export_csv_has_a_row_per_scenario_and_the_portfolio(room: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(_run(capsys, "estimate", str(room), "--json"))["comparison"]
    target = room.with_name("room.csv")
    _run(capsys, "export", str(room), "-o", str(target))
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert [r["scenario"] for r in rows] == [s["name"] for s in data["scenarios"]] + ["Portfolio total"]
    for row, expected in zip(rows[:-1], data["scenarios"], strict=True):
        assert row["recommended_usd"] == f"{expected['recommended_monthly_usd']:.2f}"
        for option, usd in expected["monthly_usd"].items():
            assert row[f"{option}_usd"] == ("" if usd is None else f"{usd:.2f}")
    assert rows[-1]["recommended_usd"] == f"{data['portfolio_monthly_usd']:.2f}"


def test_report_writes_the_summary_then_each_sheet(room: Path, capsys: pytest.CaptureFixture[str], qapp) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(_run(capsys, "estimate", str(room), "--json"))["comparison"]
    target = room.with_name("room.pdf")
    _run(capsys, "report", str(room), "-o", str(target))
    reader = PdfReader(target)
    first = re.sub(r"\s+", " ", reader.pages[0].extract_text())
    assert "ComputeFit workshop comparison" in first and "Page 1 of 7" in first
    assert f"Portfolio total: ${data['portfolio_monthly_usd']:,.2f} a month" in first
    for row in data["scenarios"]:
        assert f"${row['recommended_monthly_usd']:,.2f}" in first
    texts = [re.sub(r"\s+", " ", page.extract_text()) for page in reader.pages]
    for number, row in enumerate(data["scenarios"]):
        sheet = texts[1 + 2 * number]  # each sheet: two pages
        assert "ComputeFit comparison sheet" in sheet and row["name"][:20] in sheet
        assert f"${row['recommended_monthly_usd']:,.2f} a month" in sheet


def test_user_text_on_the_summary_is_escaped(book: PriceBook) -> None:
    nasty = '<img src="http://example.com/x.png"> & <b>Co</b>'
    spec = WorkshopSpec(scenarios=(ScenarioEntry(workload=Workload(name="base")),
                                   ScenarioEntry(workload=Workload(name=nasty), note="<script>alert(1)</script>")))
    _, comparison = workshop_advice(spec, book)
    html = workshop_summary_html(comparison, "<i>title</i>", book, generated=dt.date(2026, 1, 1), version="1")
    assert "<img" not in html and "<script>" not in html and "<i>title" not in html and "<b>Co" not in html
    assert "&lt;img src=&quot;http://example.com/x.png&quot;&gt; &amp; &lt;b&gt;Co&lt;/b&gt;" in html

