"""`computefit prices set`: the user types a price the book lacks for a region (or overrides one, or a fee's
share); it is saved in the user book with the user's note and confidence, and marked as the user's wherever used."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.model.advice.engine import compute_quote
from desktop.model.options.registry import missing_prices
from desktop.pricelist.book.store import default_book
from tests.conftest import make_workload


def _run(capsys: pytest.CaptureFixture[str], *argv: str, status: int = 0) -> tuple[str, str]:
    assert main(list(argv)) == status
    captured = capsys.readouterr()
    return captured.out, captured.err


def test_a_missing_price_typed_completes_the_quote(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    w = make_workload(region="us-west-2", options=["lambda_managed"], front_door="none")
    before = compute_quote(w, default_book(print)).options["lambda_managed"]
    assert before.left_out == ("Lambda MI requests",)
    out, _ = _run(capsys, "prices", "set", "us-west-2/lambda_managed/requests", "0.20", "--note",
                  "AWS Lambda pricing page: one price, no regional table", "--unit", "1M requests",
                  "--confidence", "C")
    assert out.startswith("set us-west-2/lambda_managed/requests = 0.20 (yours: AWS Lambda pricing page")
    stored = json.loads((data_dir / "user-price-book.json").read_text(encoding="utf-8"))
    assert stored["overrides"]["us-west-2/lambda_managed/requests"] == {
        "usd": "0.20", "note": "AWS Lambda pricing page: one price, no regional table", "as_of": stored["updated"],
        "confidence": "C", "unit": "1M requests"}
    book = default_book(print)
    assert "Lambda Managed Instances requests" not in missing_prices(book, "us-west-2")
    after = compute_quote(w, book).options["lambda_managed"]
    assert after.complete
    line = next(i for i in after.line_items if i.price is not None and i.price.source == "USER")
    # the user's own price where the book had none: "yours", with the user's source and date
    assert line.price is not None and (line.price.origin, line.price.confidence) == ("yours", "C")
    assert line.estimated  # the user's C is shown as estimated, like the book's
    shown, _ = _run(capsys, "prices", "show", "--region", "us-west-2")
    assert (f"  yours lambda_managed/requests ({stored['updated']}): AWS Lambda pricing page: one price, no regional "
            "table") in shown


def test_a_new_price_needs_a_unit_and_a_note(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, err = _run(capsys, "prices", "set", "us-west-2/lambda_managed/requests", "0.20", "--note", "x", status=2)
    assert "the book has no price here; give the override a unit" in err
    _, err = _run(capsys, "prices", "set", "us-west-2/lambda_managed/requests", "abc", "--note", "x", status=2)
    assert err.strip() == "computefit: 'abc' is not a price in USD (e.g. 0.18)"
    _, err = _run(capsys, "prices", "set", "mars-1/lambda/requests", "0.2", "--note", "x", status=2)
    assert "region 'mars-1' is not in the price book" in err
    assert not (data_dir / "user-price-book.json").exists()  # nothing written by a refused change


def test_the_ecs_mi_fee_share_is_listed_and_overridable(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shown, _ = _run(capsys, "prices", "show", "--region", "eu-west-2", "--price-book", "bundled")
    rows = {line.split()[0]: line.split()[1:6] for line in shown.splitlines() if "management_fee" in line}
    assert rows["lambda_managed/management_fee"] == ["15%", "bundled", "B", "2026-09-20", "AE-L"]
    assert rows["ecs_managed/management_fee_rate"] == ["12%", "bundled", "B", "2026-09-20", "t3-ECSMI"]
    assert rows["ecs_managed/management_fee_rate_gpu"] == ["7.8%", "bundled", "B", "2026-07-01", "t3-U7"]
    assert rows["ecs_managed/management_fee_rate_accelerated"] == ["4.8%", "bundled", "C", "2026-07-01", "t3-U7"]
    w = make_workload(options=["ec2", "ecs_managed"], ec2={"instance_type": "m7i.large"},
                      ecs_managed={"instance_type": "m7i.large"}, front_door="none")
    fee = next(i for i in compute_quote(w, default_book(print)).options["ecs_managed"].line_items
               if i.label == "ECS Managed Instances management fee")
    assert fee.unit_price_usd == Decimal("0.1008") * Decimal("0.12")  # m7i.large us-east-1 0.1008/h
    _run(capsys, "prices", "set", "us-east-1/ecs_managed/management_fee_rate", "10", "--note", "private pricing")
    fee = next(i for i in compute_quote(w, default_book(print)).options["ecs_managed"].line_items
               if i.label == "ECS Managed Instances management fee")
    assert fee.unit_price_usd == Decimal("0.1008") * Decimal("0.10")
    assert fee.price is not None and fee.price.origin == "overridden" and fee.price.source == "USER"
    shown, _ = _run(capsys, "prices", "show", "--region", "us-east-1")
    assert "  overridden ecs_managed/management_fee_rate: private pricing" in shown
    _, err = _run(capsys, "prices", "set", "us-east-1/ecs_managed/management_fee_rate", "120", "--note", "x",
                  status=2)
    assert "a percentage of another price (0 to 100)" in err


@pytest.mark.parametrize(("typed", "usd"), [("0.18", "0.18"), ("$1,234.5", "1234.5"), ("1,000", "1000")])
def test_a_typed_price_reads_a_comma_only_as_thousands(typed: str, usd: str) -> None:
    from desktop.pricelist.book.setup import parse_usd_text

    assert parse_usd_text(typed) == Decimal(usd)


@pytest.mark.parametrize("typed", ["0,18", "1,5", "12,34.5", "1,2,3"])
def test_a_decimal_comma_is_refused_never_read_as_thousands(typed: str) -> None:
    """ "0,18" was read as 18 (the comma dropped): a hundred times the price meant."""
    from desktop.pricelist.book.setup import BookSetupError, parse_usd_text

    with pytest.raises(BookSetupError, match="a comma separates thousands here"):
        parse_usd_text(typed)
