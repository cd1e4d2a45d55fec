"""The Price List import's refusals in German: each hostile file of test_bad_files (not an offer, cut short,
binary, a negative, NaN or non-number price, another unit or currency, two prices for a tier, a gap between tiers,
CSV cut inside a quote...) gives the one-line reason the window's message box shows through `shown`, and under German
it holds no English; the file's path, field names and the file's own values stay as written."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.cli import main
from desktop.present import i18n
from desktop.present.i18n import shown
from tests.german_check import untranslated
from tests.pricelist.conftest import FIXTURES
from tests.pricelist.test_bad_files import CASES

# the files' own words a reason quotes: field names, values, usage types, price paths
FILES_WORDS = ("PricePerUnit", "Unit", "Currency", "OfferCode", "offerCode", "'AmazonS3'", "EUW2-Request", "'GB'",
               "Request or Requests", "'CNY'", "USD", "lambda.duration.arm64", "'NaN'")


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_refused_import_reads_german(case: str, tmp_path: Path, data_dir: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    make, _expected = CASES[case]
    bad = make(tmp_path)
    assert main(["prices", "import", str(FIXTURES / "AmazonApiGateway-eu-west-2.csv"), str(bad)]) == 2
    message = capsys.readouterr().err.strip().removeprefix("computefit: ")
    assert i18n.set_language("de") == "de"
    try:
        german = shown(message)
    finally:
        i18n.set_language("en")
    book = data_dir / "user-price-book.json"
    assert german.startswith(f"{bad}: ") and german.endswith(f"nichts importiert, {book} unverändert"), german
    left = untranslated([german], (str(bad), str(book), *FILES_WORDS))
    assert not left, f"{message}\n{german}"
