"""`computefit usage rank`: a JSON-lines fleet advised in worker processes gives the numbers `advise` and
`usage review` give for each scenario, ranked; a bad line refuses the fleet in one line and writes nothing."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.model.advice.advise import advise
from desktop.model.pricing.book import PriceBook
from desktop.model.workload.files import load_workload
from desktop.model.workshop.files import load_document
from desktop.resources import examples_dir
from desktop.usage import rank
from desktop.usage.review import review_fleet
from tests.usage import fixtures as fx

EXAMPLES = Path(__file__).resolve().parents[2] / "resources" / "examples"


def _example_lines(count: int) -> list[dict[str, object]]:
    """Workloads of the bundled examples at different volumes and names, as a fleet file holds them."""
    examples = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(EXAMPLES.glob("*.workload.json"))]
    lines = []
    for i in range(count):
        data = dict(examples[i % len(examples)], name=f"service {i}")
        traffic = dict(data["traffic"])  # type: ignore[call-overload]
        key = "runs_per_month" if traffic.get("kind") == "jobs" else "requests_per_month"
        traffic[key] = int(traffic.get(key) or 1000) * (1 + i % 7)
        data["traffic"] = traffic
        lines.append(data)
    return lines


def _write_lines(path: Path, lines: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fleet workshop `usage import` wrote (4 resources with their bills)."""
    folder = tmp_path_factory.mktemp("rank")
    output = folder / "fleet.workshop.json"
    assert main(["usage", "import", str(fx.write_csv(folder / "cur.csv", fx.cur_rows())), "-o", str(output)]) == 0
    return output


def test_each_record_has_the_numbers_advise_gives_for_its_workload(tmp_path: Path, book: PriceBook,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    lines = _example_lines(12)
    fleet = _write_lines(tmp_path / "fleet.jsonl", lines)
    assert main(["usage", "rank", str(fleet), "--jobs", "2"]) == 0
    out, err = capsys.readouterr()
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["rank"] for r in records] == list(range(1, 13))
    assert sorted(r["line"] for r in records) == list(range(1, 13))
    assert err == ("computefit: 12 scenarios advised and ranked; could save 0.00 USD a month on the recommended "
                   "options\n")
    for record in records[::3]:
        workload = load_workload(_write_lines(tmp_path / "one.workload.json", [lines[record["line"] - 1]]))
        advice = advise(workload, book)
        assert record["name"] == workload.name
        assert record["totals"] == {o: None if q.monthly_usd is None else str(q.monthly_usd)
                                    for o, q in advice.quote.options.items()}
        assert record["recommended"] == advice.recommendation.option
        assert record["recommended_usd"] == str(advice.quote.options[advice.recommendation.option].monthly_usd)
    # no bill to compare with: ranked by the recommendation's margin over the runner-up, largest first
    margins = [Decimal(r["margin_usd"] or 0) for r in records]  # no runner-up: no margin, ranked as 0
    assert margins == sorted(margins, reverse=True)


def test_sensitivity_lists_what_advise_says_changes_the_recommendation(tmp_path: Path,
                                                                          capsys: pytest.CaptureFixture[str]) -> None:
    lines = _example_lines(3)
    fleet = _write_lines(tmp_path / "fleet.jsonl", lines)
    assert main(["usage", "rank", str(fleet), "--jobs", "1", "--sensitivity"]) == 0
    records = {r["line"]: r for r in map(json.loads, capsys.readouterr().out.splitlines())}
    for number, line in enumerate(lines, 1):
        one = _write_lines(tmp_path / "one.workload.json", [line])
        assert main(["advise", str(one)]) == 0
        said = capsys.readouterr().out.split("  Changes the recommendation: ")[1].splitlines()[0]
        assert (", ".join(records[number]["changes_recommendation"]) or "none of these") == said
    assert any(r["changes_recommendation"] for r in records.values())
    assert main(["usage", "rank", str(fleet), "--jobs", "1"]) == 0
    assert "changes_recommendation" not in capsys.readouterr().out  # only when asked: ten times the work


def test_imported_scenarios_rank_as_usage_review_ranks_them(imported: Path, tmp_path: Path, book: PriceBook) -> None:
    workshop = load_document(imported).workshop
    fleet = _write_lines(tmp_path / "fleet.jsonl", [s.to_json_dict() for s in workshop.scenarios])
    entries, lines = rank.advise_fleet(fleet, book, jobs=1)
    records = list(rank.records(rank.rank(entries)))
    assert lines == 4
    review = review_fleet(workshop, book)
    assert [r["name"] for r in records] == [r.name for r in review.rows]
    for record, row in zip(records, review.rows, strict=True):
        assert record["saving_usd"] == str(row.saving_usd)
        assert record["billed_monthly_usd"] == str(row.billed_monthly_usd.quantize(Decimal("0.01")))  # type: ignore[union-attr]
        assert record["priced_today_usd"] == str(row.priced_today_usd) and record["today"] == row.today
        assert record["recommended"] == row.recommended and record["flag"] == row.flag


def test_the_csv_written_is_the_ranking(imported: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    workshop = load_document(imported).workshop
    fleet = _write_lines(tmp_path / "fleet.jsonl", [s.to_json_dict() for s in workshop.scenarios])
    output = tmp_path / "ranked.csv"
    assert main(["usage", "rank", str(fleet), "-o", str(output), "--jobs", "1", "--region", "us-east-1"]) == 0
    out, err = capsys.readouterr()
    assert out == ""
    rows = list(csv.DictReader(output.read_text(encoding="utf-8").splitlines()))
    assert [r["rank"] for r in rows] == ["1", "2", "3"] and {r["region"] for r in rows} == {"us-east-1"}
    savings = [Decimal(r["saving_usd"]) for r in rows]
    assert savings == sorted(savings, reverse=True)
    assert all(r["totals"].startswith("lambda=") for r in rows)
    total = sum(s for s, r in zip(savings, rows, strict=True) if s > 0 and not r["thin"])
    assert err == (f"computefit: 3 scenarios advised and ranked; could save {total:,.2f} USD a month on the "
                   f"recommended options; wrote {output}\n")


@pytest.mark.parametrize(("line", "message"), [
    ('{"name": "x", "region": "us-east-1", "traffic": {"duration_ms": -5}}',
     "traffic.duration_ms: must be more than 0 and at most 2,678,400,000, got -5\n"),
    ('{"name": "x", "region": "us-east-1", "traffic": {}, "traffic": {}}',
     "traffic: the key is given twice in the same object (keep one)\n"),
    ('{"workload": {"name": "x", "region": "mars-1"}}', "workload.region: "),
    ("[1, 2", "not valid JSON"),
])
def test_a_bad_line_refuses_the_fleet_in_one_line_naming_file_and_line(
        tmp_path: Path, line: str, message: str, capsys: pytest.CaptureFixture[str]) -> None:
    good = "".join(json.dumps(w) + "\n" for w in _example_lines(3))
    fleet = tmp_path / "fleet.jsonl"
    fleet.write_text(good + "\n" + line + "\n" + good, encoding="utf-8")
    output = tmp_path / "ranked.jsonl"
    output.write_text("mine", encoding="utf-8")
    for jobs in ("1", "2"):
        assert main(["usage", "rank", str(fleet), "-o", str(output), "--jobs", jobs]) == 2
        out, err = capsys.readouterr()
        assert out == "" and err.count("\n") == 1, err
        assert err.startswith(f"computefit: {fleet}:5: ") and message in err, err
    assert output.read_text(encoding="utf-8") == "mine"


def test_a_line_too_long_is_refused_before_it_is_read_whole(tmp_path: Path, book: PriceBook) -> None:
    fleet = tmp_path / "fleet.jsonl"
    fleet.write_bytes(b'{"name": "' + b"x" * (rank.MAX_LINE_BYTES + 10) + b'"}\n')
    with pytest.raises(rank.UsageError, match=rf"^{fleet}:1: a line is at most 256 KB$"):
        rank.advise_fleet(fleet, book, jobs=1)


def test_a_fifo_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import os

    fifo = tmp_path / "fleet.jsonl"
    os.mkfifo(fifo)
    assert main(["usage", "rank", str(fifo), "--jobs", "1"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"computefit: {fifo}: ") and err.count("\n") == 1


@pytest.mark.parametrize("jobs", ["-1", "65", "two"])
def test_jobs_out_of_bounds_are_refused_by_the_parser(tmp_path: Path, jobs: str,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    fleet = _write_lines(tmp_path / "fleet.jsonl", _example_lines(1))
    with pytest.raises(SystemExit) as exited:
        main(["usage", "rank", str(fleet), "--jobs", jobs])
    assert exited.value.code == 2
    assert f"argument --jobs: a whole number from 0 (one per CPU) to 64, got '{jobs}'" in capsys.readouterr().err


def test_a_name_a_spreadsheet_would_run_is_text_in_the_csv(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    line = dict(_example_lines(1)[0], name="=HYPERLINK(\"http://x\")")
    fleet = _write_lines(tmp_path / "fleet.jsonl", [line])
    assert main(["usage", "rank", str(fleet), "--jobs", "1", "--format", "csv"]) == 0
    row = next(csv.DictReader(capsys.readouterr().out.splitlines()))
    assert row["name"] == "'=HYPERLINK(\"http://x\")" and not row["margin_usd"].startswith("'")


def test_a_cancelled_rank_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(rank, "advise_fleet", interrupted)
    fleet = _write_lines(tmp_path / "fleet.jsonl", _example_lines(2))
    output = tmp_path / "ranked.csv"
    assert main(["usage", "rank", str(fleet), "-o", str(output)]) == 130
    assert capsys.readouterr().err == "computefit: usage rank cancelled: nothing was written\n"
    assert not output.exists()


def test_a_fleet_larger_than_a_workshop_goes_whole_to_json_lines_and_ranks(
        tmp_path: Path, book: PriceBook, capsys: pytest.CaptureFixture[str]) -> None:
    """205 functions billed: the workshop keeps the 200 largest bills and counts the rest as skipped; `-o .jsonl`
    writes all 205 (the workshop's 200 first, the same entries), and `usage rank` ranks every one."""
    rows = []
    for n in range(205):  # function n is billed n + 1 cents of requests an hour: the largest last
        arn = f"arn:aws:lambda:us-east-1:{fx.ACCOUNT}:function:f{n:03d}"
        rows += [fx._cur(i, "Usage", "AWSLambda", "USE1-Request", arn, "10000", f"{0.002 * (n + 1):.3f}", "us-east-1")
                 for i in range(24)]
    cur = fx.write_csv(tmp_path / "cur.csv", rows)
    workshop_path, lines_path = tmp_path / "fleet.workshop.json", tmp_path / "fleet.jsonl"
    assert main(["usage", "import", str(cur), "-o", str(workshop_path)]) == 0
    assert "left out: a workshop holds at most 200 scenarios (the largest bills were kept)" in capsys.readouterr().out
    assert main(["usage", "import", str(cur), "-o", str(lines_path)]) == 0
    out = capsys.readouterr().out
    assert "Scenarios: 205 (205 lambda)" in out and "at most 200" not in out
    workshop = load_document(workshop_path).workshop
    written = [json.loads(line) for line in lines_path.read_text(encoding="utf-8").splitlines()]
    assert len(written) == 205 and written[:200] == [s.to_json_dict() for s in workshop.scenarios]
    assert {w["workload"]["name"] for w in written[200:]} == {"f000", "f001", "f002", "f003", "f004"}
    entries, count = rank.advise_fleet(lines_path, book, jobs=1)
    assert count == 205 and len(list(rank.records(rank.rank(entries)))) == 205


def test_a_json_lines_fleet_is_named_by_its_suffix(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cur = fx.write_csv(tmp_path / "cur.csv", fx.cur_rows())
    assert main(["usage", "import", str(cur), "-o", str(tmp_path / "fleet.txt")]) == 2
    assert capsys.readouterr().err.count("\n") == 1
    assert not (tmp_path / "fleet.txt").exists()


def test_a_total_that_leaves_a_price_out_says_what_in_the_json_and_the_csv(
        tmp_path: Path, book: PriceBook, capsys: pytest.CaptureFixture[str]) -> None:
    """Ireland has no Lambda ephemeral storage price: the record names it beside the totals, as advise does."""
    data = json.loads((examples_dir() / "event-processor.workload.json").read_text(encoding="utf-8"))
    fleet = _write_lines(tmp_path / "fleet.jsonl", [data])
    advice = advise(load_workload(examples_dir() / "event-processor.workload.json"), book)
    expected = {o: list(q.left_out) for o, q in advice.quote.options.items() if q.feasible and q.left_out}
    assert expected == {"lambda": ["Lambda ephemeral storage"]}
    assert main(["usage", "rank", str(fleet), "--jobs", "1"]) == 0
    (record,) = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert record["left_out"] == expected
    output = tmp_path / "ranked.csv"
    assert main(["usage", "rank", str(fleet), "--jobs", "1", "-o", str(output)]) == 0
    (row,) = csv.DictReader(output.read_text(encoding="utf-8").splitlines())
    assert row["left_out"] == "lambda: Lambda ephemeral storage"
