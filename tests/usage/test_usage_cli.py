"""`computefit usage import` and `computefit usage review`: the summary, the file written (or not), the ranking."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.model.pricing.book import PriceBook
from desktop.model.workshop.files import load_document
from desktop.usage.review import review_fleet
from tests.usage import fixtures as fx


@pytest.fixture(scope="module")
def fleet(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("fleet")
    cur = fx.write_csv(folder / "cur.csv", fx.cur_rows())
    output = folder / "fleet.workshop.json"
    assert main(["usage", "import", str(cur), "-o", str(output)]) == 0
    return output


def test_import_prints_the_summary_with_rows_skipped_by_reason(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    cur = fx.write_csv(tmp_path / "cur.csv", fx.cur_rows())
    output = tmp_path / "fleet.workshop.json"
    assert main(["usage", "import", str(cur), "-o", str(output)]) == 0
    out = capsys.readouterr().out
    assert "Imported CUR 2.0 (1 csv file): 1 file(s), 1,095 rows read, 1,090 used\n" in out
    assert "Period: 2025-03-01 00:00 to 2025-03-08 23:59 UTC (192 h)\n" in out
    assert "Scenarios: 4 (1 ec2, 1 fargate, 2 lambda)\n" in out
    assert "           1  currency other than USD (line_item_currency_code)\n" in out
    assert f"Wrote {output}\n" in out
    assert len(load_document(output).workshop.scenarios) == 4


def test_a_failed_import_writes_nothing_and_says_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    legacy = tmp_path / "legacy.csv"
    legacy.write_text("lineItem/UsageType,lineItem/UnblendedCost\nRequest,0.2\n", encoding="utf-8")
    output = tmp_path / "fleet.workshop.json"
    assert main(["usage", "import", str(legacy), "-o", str(output)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith(f"computefit: {legacy}: lineItem/UnblendedCost: this is a CUR 1.0")
    assert not output.exists() and sorted(p.name for p in tmp_path.iterdir()) == ["legacy.csv"]


def test_an_existing_output_is_kept_without_force(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cur = fx.write_csv(tmp_path / "cur.csv", fx.cur_rows()[:20])
    output = tmp_path / "fleet.workshop.json"
    output.write_text("mine", encoding="utf-8")
    assert main(["usage", "import", str(cur), "-o", str(output)]) == 2
    assert "already exists (give --force to replace it)" in capsys.readouterr().err
    assert output.read_text(encoding="utf-8") == "mine"


def test_a_cancelled_import_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    import desktop.usage.engine as engine

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(engine, "read_billing", interrupted)
    output = tmp_path / "fleet.workshop.json"
    assert main(["usage", "import", str(fx.write_csv(tmp_path / "c.csv", fx.cur_rows()[:5])), "-o", str(output)]) == 130
    assert "cancelled: nothing was written" in capsys.readouterr().err and not output.exists()


def test_review_ranks_by_saving_and_flags_a_bill_over_10_percent_from_the_price(
        fleet: Path, book: PriceBook, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["usage", "review", str(fleet), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    rows = {r["name"]: r for r in data["resources"]}
    # billed a month = the export's sum x 730 / 192
    assert rows["orders"]["billed_usd"] == str(fx.ORDERS_BILLED)
    assert rows["orders"]["billed_monthly_usd"] == str((fx.ORDERS_BILLED * 730 / 192).quantize(Decimal("0.01")))
    assert rows["shop/web"]["billed_monthly_usd"] == "36.04" and rows["shop/web"]["priced_today_usd"] == "36.04"
    assert rows["shop/web"]["flag"] == ""
    savings = [Decimal(r["saving_usd"]) for r in data["resources"]]
    assert savings == sorted(savings, reverse=True)
    assert Decimal(data["total_saving_usd"]) == sum(s for s in savings if s > 0)
    review = review_fleet(load_document(fleet).workshop, book)
    assert [r.name for r in review.rows] == [r["name"] for r in data["resources"]]


def test_review_text_lists_the_flagged_and_the_thin(fleet: Path, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["usage", "review", str(fleet)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Fleet review: 4 resources, billed ")
    assert "Too thin to say" not in out  # 192 hours imported, every resource used in 24 hours or more
    short = tmp_path / "short.csv"
    fx.write_csv(short, [r for r in fx.cur_rows() if r["line_item_usage_start_date"] < "2025-03-02"])
    output = tmp_path / "short.workshop.json"
    assert main(["usage", "import", str(short), "-o", str(output)]) == 0
    capsys.readouterr()
    assert main(["usage", "review", str(output)]) == 0
    out = capsys.readouterr().out
    thin = out.split("Too thin to say:\n")[1]
    assert "- i-0abc: only 24 hours imported (a week or more is needed)\n" in thin
    assert thin.count("\n- ") == 3  # all four resources, each on its line


def test_the_flag_names_credits_and_unpriced_lines(book: PriceBook, tmp_path: Path) -> None:
    from desktop.usage.importer import import_usage

    rows = fx.cur_rows()
    rows.append(fx._cur(12, "Credit", "AWSLambda", "EUW1-Request-ARM", fx.THUMBS_ARN, "0", "-10.00", "eu-west-1"))
    workshop, _ = import_usage([fx.write_csv(tmp_path / "c.csv", rows)], book)
    thumbs = next(r for r in review_fleet(workshop, book).rows if r.name == "thumbs")
    assert thumbs.billed_usd == fx.THUMBS_BILLED - 10
    assert thumbs.difference_pct is not None and thumbs.difference_pct > 10
    assert thumbs.flag.startswith("credits, refunds or discounts in the bill (-11.00 USD over the period); "
                                  "lines the model does not price (0.09 USD")


def test_review_filters_by_region(fleet: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["usage", "review", str(fleet), "--json", "--region", "eu-west-1"]) == 0
    assert [r["name"] for r in json.loads(capsys.readouterr().out)["resources"]] == ["thumbs"]
    assert main(["usage", "review", str(fleet), "--region", "ap-south-2"]) == 2
    assert "no scenario matches the filter" in capsys.readouterr().err


def test_review_pdf_has_the_ranking_the_flags_and_the_provenance(fleet: Path, tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    from pypdf import PdfReader

    pdf = tmp_path / "review.pdf"
    assert main(["usage", "review", str(fleet), "--pdf", str(pdf)]) == 0
    assert f"Wrote {pdf} (1 page)" in capsys.readouterr().out
    text = " ".join(PdfReader(pdf).pages[0].extract_text().split())  # pypdf gives tabs between words
    assert "ComputeFit fleet review" in text and "Billed $195.78 a month" in text
    assert "Every resource, by its monthly saving" in text and "Where the numbers came from" in text
    assert "$36.04" in text and "lambda.memory_mb, traffic.duration_ms" in text
    assert "-$2.40" in text and "-0%" not in text


def test_an_output_in_a_missing_folder_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cur = fx.write_csv(tmp_path / "cur.csv", fx.cur_rows()[:20])
    output = tmp_path / "no" / "fleet.workshop.json"
    assert main(["usage", "import", str(cur), "-o", str(output)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith(f"computefit: {output}: cannot be written (the folder ")
