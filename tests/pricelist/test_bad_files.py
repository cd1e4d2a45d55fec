"""A bad file gets one line naming the file and the row or field, exit 2, and the user book stays as it was."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.cli import main
from tests.pricelist.conftest import FIXTURES
from tests.pricelist.offer_files import csv_to_json_data, read_csv_offer, write_csv_offer

LAMBDA = FIXTURES / "AWSLambda-eu-west-2.csv"


@pytest.fixture()
def user_book(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A user book holding the Fargate sample, as it is before each bad import."""
    assert main(["prices", "import", str(FIXTURES / "AmazonECS-eu-west-2.csv")]) == 0
    capsys.readouterr()
    return data_dir / "user-price-book.json"


def _lambda_with(tmp_path: Path, usage: str, **change: str) -> Path:
    meta, rows = read_csv_offer(LAMBDA)
    rows = [{**row, **change} if row["usageType"] == usage else row for row in rows]
    return write_csv_offer(tmp_path / "AWSLambda-bad.csv", meta, rows)


def _text(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    return path


def _cut(tmp_path: Path, source: Path, name: str, fraction: float) -> Path:
    data = source.read_bytes()
    return _text(tmp_path, name, data[: int(len(data) * fraction)])


CASES = {
    "a csv that is not a price list": (lambda t: _text(t, "x.csv", "name,size\nfoo,3\n"),
                                       "not an AWS Price List offer file"),
    "a json that is not a price list": (lambda t: _text(t, "x.json", '{"hello": [1, 2]}'),
                                        "offerCode: not an AWS Price List offer file"),
    "an offer index named directly": (lambda t: _text(t, "index.json", json.dumps(
        {"formatVersion": "v1.0", "disclaimer": "d", "publicationDate": "2026-08-31T00:00:00Z",
         "offers": {"AWSLambda": {"offerCode": "AWSLambda"}}})), "an AWS offer index"),
    "an offer the app does not use": (lambda t: _text(t, "s3.csv", LAMBDA.read_text().replace(
        '"OfferCode","AWSLambda"', '"OfferCode","AmazonS3"')), "OfferCode: 'AmazonS3' is not an offer ComputeFit uses"),
    "an empty file": (lambda t: _text(t, "empty.csv", "\n"), "empty file"),
    "binary data": (lambda t: _text(t, "x.csv", b"\x89PNG\r\n\x1a\n\0\0\0"), "binary data"),
    "json cut short": (lambda t: _cut(t, _text(t, "whole.json", json.dumps(csv_to_json_data(LAMBDA), indent=1)),
                                      "cut.json", 0.6), "the JSON ends before it is complete: the file is cut short"),
    "csv cut mid-row": (lambda t: _cut(t, LAMBDA, "cut.csv", 0.77), "line 18: has 1 field where the column row has 24"),
    "a negative price": (lambda t: _lambda_with(t, "EUW2-Request", PricePerUnit="-0.0000002"),
                         "line 13 PricePerUnit: price '-0.0000002' is negative"),
    "a NaN price": (lambda t: _lambda_with(t, "EUW2-Lambda-GB-Second", PricePerUnit="NaN"),
                    "line 14 PricePerUnit: price 'NaN' is not a finite number"),
    "a price that is not a number": (lambda t: _lambda_with(t, "EUW2-Request-ARM", PricePerUnit="0,0000002"),
                                     "line 10 PricePerUnit: price '0,0000002' is not a number"),
    "a unit mismatch": (lambda t: _lambda_with(t, "EUW2-Request", Unit="GB"),
                        "line 13 Unit: unit 'GB' for EUW2-Request, expected Request or Requests"),
    "another currency": (lambda t: _lambda_with(t, "EUW2-Request", Currency="CNY"),
                         "line 13 Currency: currency 'CNY', expected USD"),
    "two prices for one tier": (lambda t: _lambda_with(t, "EUW2-Lambda-GB-Second-ARM", StartingRange="7500000000",
                                                       EndingRange="Inf"), "a second price for lambda.duration.arm64"),
    "a gap between tiers": (lambda t: _text(t, "gap.csv", LAMBDA.read_text().replace(
        '"7500000000","18750000000"', '"8000000000","18750000000"')),
        "line 18: tiers of lambda.duration.arm64 in eu-west-2 leave a gap or overlap at 8000000000"),
    "csv cut inside a quoted field": (lambda t: _text(t, "quote.csv", LAMBDA.read_text()[:-5]),
                                      "line 21: not valid CSV (unexpected end of data)"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_bad_file_is_one_line_exit_2_and_changes_nothing(case: str, tmp_path: Path, user_book: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    make, expected = CASES[case]
    bad = make(tmp_path)
    before = user_book.read_bytes()
    assert main(["prices", "import", str(FIXTURES / "AmazonApiGateway-eu-west-2.csv"), str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    assert err.startswith(f"computefit: {bad}: ") and expected in err, err
    assert err.rstrip().endswith(f"nothing imported, {user_book} unchanged")
    assert user_book.read_bytes() == before
    assert sorted(p.name for p in user_book.parent.iterdir()) == ["user-price-book.json"]


def test_a_bad_price_in_json_names_its_place(tmp_path: Path, user_book: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    data = csv_to_json_data(LAMBDA)
    dims = data["terms"]["OnDemand"]["NDYBVXT3KB548Z2A"]["NDYBVXT3KB548Z2A.JRTCKXETXF"]["priceDimensions"]
    next(iter(dims.values()))["pricePerUnit"]["USD"] = "-1"
    bad = _text(tmp_path, "AWSLambda.json", json.dumps(data))
    assert main(["prices", "import", str(bad)]) == 2
    expected = (f"{bad}: terms.OnDemand.NDYBVXT3KB548Z2A.NDYBVXT3KB548Z2A.JRTCKXETXF.priceDimensions."
                "NDYBVXT3KB548Z2A.JRTCKXETXF.6YS6EN2CT7 pricePerUnit.USD: price '-1' is negative")
    assert expected in capsys.readouterr().err


def test_a_folder_skips_offer_indexes_but_not_other_files(tmp_path: Path, data_dir: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "offers"
    (folder / "AWSLambda" / "current" / "eu-west-2").mkdir(parents=True)
    (folder / "AWSLambda" / "current" / "eu-west-2" / "index.csv").write_bytes(LAMBDA.read_bytes())
    (folder / "AWSLambda" / "current" / "region_index.json").write_text(json.dumps(
        {"formatVersion": "v1.0", "disclaimer": "d", "publicationDate": "2026-08-31T09:23:18Z",
         "regions": {"eu-west-2": {"regionCode": "eu-west-2", "currentVersionUrl": "/x/index.json"}}}))
    assert main(["prices", "import", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "region_index.json: skipped, an AWS offer index" in out and "imported 10 price(s) for eu-west-2" in out
    (folder / "notes.csv").write_text("a,b\n")
    assert main(["prices", "import", str(folder)]) == 2
    assert "notes.csv: not an AWS Price List offer file" in capsys.readouterr().err


def test_missing_files_and_an_unusable_target_book(tmp_path: Path, data_dir: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["prices", "import", str(tmp_path / "nope.csv")]) == 2
    assert f"{tmp_path / 'nope.csv'}: file not found" in capsys.readouterr().err
    corrupt = _text(tmp_path, "book.json", "{not json")
    assert main(["prices", "import", str(LAMBDA), "--into", str(corrupt)]) == 2
    err = capsys.readouterr().err
    assert f"{corrupt}: not valid JSON" in err and "not replaced" in err
    assert corrupt.read_text() == "{not json"
