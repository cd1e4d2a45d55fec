"""The Price List import's refusals in German: each hostile file of test_bad_files (not an offer, cut short,
binary, a negative, NaN or non-number price, another unit or currency, two prices for a tier, a gap between tiers,
CSV cut inside a quote...) gives the one-line reason the window's message box shows through `shown`, and under German
it holds no English; the file's path, field names and the file's own values stay as written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.present import i18n
from desktop.present.i18n import shown
from tests.german_check import untranslated
from tests.pricelist.conftest import FIXTURES
from tests.pricelist.offer_files import csv_to_json_data
from tests.pricelist.test_bad_files import CASES, LAMBDA

# the files' own words a reason quotes: field names, values, usage types, price paths
FILES_WORDS = ("PricePerUnit", "Unit", "Currency", "OfferCode", "offerCode", "'AmazonS3'", "EUW2-Request", "'GB'",
               "Request or Requests", "'CNY'", "USD", "lambda.duration.arm64", "'NaN'")


def in_german(text: str) -> str:
    """`text` as the window shows it in German (English again after)."""
    assert i18n.set_language("de") == "de"
    try:
        return shown(text)
    finally:
        i18n.set_language("en")


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_refused_import_reads_german(case: str, tmp_path: Path, data_dir: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    make, _expected = CASES[case]
    bad = make(tmp_path)
    assert main(["prices", "import", str(FIXTURES / "AmazonApiGateway-eu-west-2.csv"), str(bad)]) == 2
    message = capsys.readouterr().err.strip().removeprefix("computefit: ")
    german = in_german(message)
    book = data_dir / "user-price-book.json"
    assert german.startswith(f"{bad}: ") and german.endswith(f"nichts importiert, {book} unverändert"), german
    left = untranslated([german], (str(bad), str(book), *FILES_WORDS))
    assert not left, f"{message}\n{german}"


def _german_error(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[str, str]:
    assert main(["prices", "import", *args]) == 2
    message = capsys.readouterr().err.strip().removeprefix("computefit: ")
    return message, in_german(message)


def test_more_refusals_read_german(tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A file not found, a folder without offers, a JSON offer's negative price, a bad publication date."""
    empty = tmp_path / "empty-folder"
    empty.mkdir()
    data = csv_to_json_data(LAMBDA)
    dims = data["terms"]["OnDemand"]["NDYBVXT3KB548Z2A"]["NDYBVXT3KB548Z2A.JRTCKXETXF"]["priceDimensions"]
    next(iter(dims.values()))["pricePerUnit"]["USD"] = "-1"
    negative = tmp_path / "AWSLambda.json"
    negative.write_text(json.dumps(data))
    dated = tmp_path / "dated.csv"
    dated.write_text(LAMBDA.read_text().replace('"Publication Date","', '"Publication Date","soon'))
    book = str(data_dir / "user-price-book.json")
    for path, words in ((tmp_path / "nope.csv", "Datei nicht gefunden"), (empty, "keine .csv- oder .json-Dateien"),
                        (negative, "ist negativ"), (dated, "ist kein Datum")):
        message, german = _german_error([str(path)], capsys)
        assert words in german, german
        left = untranslated([german], (str(path), book, "pricePerUnit.USD", "Publication Date"))
        assert not left, f"{message}\n{german}"


def test_a_folder_import_with_a_skipped_index_reads_german(tmp_path: Path, data_dir: Path) -> None:
    """The import's details (each file read, the prices imported, a file skipped and why) in German."""
    from desktop.pricelist.offers.importer import import_files
    from desktop.qt.prices_controller import headline, summary
    from desktop.resources import price_book_path

    folder = tmp_path / "offers"
    (folder / "AWSLambda" / "current" / "eu-west-2").mkdir(parents=True)
    (folder / "AWSLambda" / "current" / "eu-west-2" / "index.csv").write_bytes(LAMBDA.read_bytes())
    index = folder / "AWSLambda" / "current" / "region_index.json"
    index.write_text(json.dumps({"formatVersion": "v1.0", "disclaimer": "d", "publicationDate": "2026-08-31T09:23:18Z",
                                 "regions": {"eu-west-2": {"regionCode": "eu-west-2"}}}))
    into = data_dir / "user-price-book.json"
    _layer, report = import_files([folder], json.loads(price_book_path().read_text(encoding="utf-8")), None)
    lines = [headline(report), *summary(report, into).splitlines()]
    assert any("skipped" in line for line in lines)
    german = [in_german(line) for line in lines]
    assert any(f"{index}: übersprungen, ein AWS-Angebotsindex" in line for line in german), german
    left = untranslated(german, (str(index), str(into), "index.csv", "AWSLambda"))
    assert not left, "\n".join(german)


def test_the_window_s_other_import_failures_keep_their_frame() -> None:
    """The frames prices_controller builds around a user book's problems or an unexpected error are not taken for
    a file's "{path}: {where}: {problem}" refusal (the sentence before the first colon is not a path)."""
    into = "/home/a/.local/share/computefit/user-price-book.json"
    book = in_german("the imported prices would not make a valid price book: overrides.x: not a price; "
                     f"nothing imported, {into} unchanged")
    assert book.startswith("die importierten Preise ergäben kein gültiges Preisbuch: overrides.x: ")
    failed = in_german(f"the import failed (RuntimeError: boom); nothing imported, {into} unchanged")
    assert failed == f"der Import ist fehlgeschlagen (RuntimeError: boom); nichts importiert, {into} unverändert"


@pytest.mark.parametrize("reason", [
    "a number of more than 100 digits (at byte 1,234); not read further",
    "nested more than 64 levels deep (at byte 12); not read further",
    "a string longer than 64 KB (keys and values of a Price List are at most a few hundred bytes) (at byte 5); not "
    "read further",
    "one entry (a value nested 3 deep, such as a product) is larger than 1,024 KB (at byte 5); not read further",
    "more than 50,000 products ComputeFit uses in one file (AWS's largest offer has a few thousand)",
    "more than 50,000 distinct prices ComputeFit uses in one file (AWS's largest offer has a few thousand)",
    "the files give more than 100,000 distinct prices ComputeFit uses; import fewer at a time",
    "price '99999999' is out of range (a price is at most 10000.000000 USD a unit, written in at most 40 characters)",
    "range bound '1e99' is out of range (at most 1e+15, written in at most 40 characters; use Inf for an open end)",
    "range ends at 5, not above its start 10",
    "the last tier of lambda.duration in us-east-1 ends at 6000000000; an open end (Inf) was expected",
    "lambda.requests in us-east-1 has 2 price tiers where the price book holds one price",
    "longer than 1,024 KB (a Price List row is a few KB): not read further",
    "a row longer than 1,024 KB (quoted line breaks included): not read further",
    "not a Savings Plans offer file (no products or terms.savingsPlan)", "not a plan with rates",
    "no 'usagetype' column: not a Savings Plans offer file", "the metadata rows give no Version or Region",
    "a field longer than 4096 characters", "price 20000 is above 10000 USD", "more than 100,000 rows",
    "'x/y' is not a price path", "'foo' is not a section to discount",
])
def test_the_guards_and_limits_reasons_read_german(reason: str) -> None:
    """The reasons the hostile-file guards, the size limits and the Savings Plans reader give, as they write them."""
    left = untranslated([in_german(reason)], set())
    assert not left, left


@pytest.mark.parametrize(("problem", "path"), [
    ("overrides.eu-west-9/lambda/requests: region 'eu-west-9' is not in the price book", "eu-west-9/lambda/requests"),
    ("overrides.us-east-1/lambda/duration/x86_64/9: '9' is not a tier number (1 to 3)",
     "us-east-1/lambda/duration/x86_64/9"),
    ("overrides.us-east-1/lambda/duration/x86_64: a tiered price; add the tier number (e.g. "
     "us-east-1/lambda/duration/x86_64/1)", "us-east-1/lambda/duration/x86_64"),
    ("overrides.us-east-1/alb/hour: the book has no price here; give the override a unit", "us-east-1/alb/hour"),
    ("regions.xx-yy-1.name: is required for a region the bundled book lacks", "xx-yy-1"),
])
def test_the_user_price_books_problems_read_german(problem: str, path: str) -> None:
    """A user price book's problems (a price path is the file's own words, as written)."""
    left = untranslated([in_german(problem)], {path, f"{path}/1"})
    assert not left, left
