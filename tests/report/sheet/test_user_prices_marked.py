"""The sheet and the CSV say which book priced the quote and mark the user's prices: imported and overridden."""

from __future__ import annotations

from pathlib import Path

from desktop.model.advice.advise import advise
from desktop.model.pricing.book import PriceBook
from desktop.model.pricing.user_book import UserBook, effective_book, user_layer_parts
from desktop.pricelist.offers.importer import import_files
from desktop.report.sheet.csv_export import comparison_rows
from desktop.report.sheet.export import export_report
from desktop.report.sheet.html import prices_block
from tests.conftest import make_workload
from tests.report.conftest import pdf_text, squeeze

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "pricelist"


def _layered(book: PriceBook) -> PriceBook:
    bundled = book.model_dump(mode="json", by_alias=True)
    layer, _ = import_files([FIXTURES / "AmazonECS-eu-west-2.csv"], bundled, None)
    layer = UserBook.model_validate({**layer.to_json_dict(), "overrides": {"eu-west-2/lambda/requests": {
        "usd": "0.18", "note": "private pricing 2026 contract", "as_of": "2026-12-01"}}})
    return effective_book(book, layer)


def test_the_sheet_names_the_user_book_and_marks_each_user_price(qt_app, book: PriceBook,  # type: ignore[no-untyped-def]
                                                                 tmp_path: Path) -> None:
    layered = _layered(book)
    workload = make_workload(region="eu-west-2")
    path = tmp_path / "sheet.pdf"
    export_report(workload, layered, path)
    text = squeeze(pdf_text(path.read_bytes()))
    assert squeeze("Price book dated 2026-12-01 + user book (8 imported, 1 overridden)") in text
    assert squeeze("With the user price book: 8 imported prices (AWS Price List, AmazonECS 20260831092155 "
                   "(published 2026-08-31T09:21:55Z)), 1 overridden by the user.") in text
    assert squeeze("overridden by the user: private pricing 2026 contract") in text
    assert squeeze("imported from an AWS Price List file") in text
    assert squeeze("Prices: price book dated 2026-12-01 + user book (8 imported, 1 overridden)") in text
    # The bundled book alone: the sheet says nothing of a user book.
    plain = prices_block(advise(workload, book), workload, book)
    assert "user" not in plain and "imported" not in plain


def test_the_csv_marks_line_items_priced_by_the_user(book: PriceBook) -> None:
    layered = _layered(book)
    rows = comparison_rows(advise(make_workload(region="eu-west-2"), layered), layered)
    requests = next(r for r in rows if r["option"] == "lambda" and r["label"] == "Requests")
    assert requests["unit_price_usd"] == "0.18"
    assert requests["note"].endswith("price overridden by the user: private pricing 2026 contract")
    vcpu = next(r for r in rows if r["option"] == "fargate" and r["label"] == "vCPU")
    assert vcpu["note"].endswith("price imported from an AWS Price List file")
    plain = comparison_rows(advise(make_workload(region="eu-west-2"), book), book)
    assert not any("by the user" in r["note"] or "Price List file" in r["note"] for r in plain)


def _typed(book: PriceBook) -> PriceBook:
    """The Lambda Managed Instances request price typed for us-west-2, where the book has none (the user's own)."""
    return effective_book(book, UserBook.model_validate({"overrides": {"us-west-2/lambda_managed/requests": {
        "usd": "0.20", "note": "AWS Lambda pricing page, one price", "as_of": "2026-12-02", "confidence": "C",
        "unit": "1M requests"}}}))


def test_a_typed_price_is_yours_with_its_date_in_the_sheet_csv_listing_and_status(book: PriceBook) -> None:
    from desktop.pricelist.book.listing import show_text
    from desktop.qt.views.status_bar import book_line

    typed = _typed(book)
    price = typed.regions["us-west-2"].lambda_managed.requests  # type: ignore[union-attr]
    assert (price.origin, price.source, price.as_of.isoformat()) == ("yours", "USER", "2026-12-02")
    assert typed.sources["USER"].title == "The user's own price (user price book)"
    workload = make_workload(region="us-west-2", options=["lambda", "fargate", "lambda_managed"])
    advice = advise(workload, typed)
    assert advice.quote.options["lambda_managed"].complete
    block = prices_block(advice, workload, typed)
    assert "yours (your price, as of 2026-12-02): AWS Lambda pricing page, one price" in block
    assert "overridden" not in block
    rows = comparison_rows(advice, typed)
    line = next(r for r in rows if r["option"] == "lambda_managed" and r["label"].startswith("Requests"))
    assert line["note"].endswith("yours (your price, as of 2026-12-02): AWS Lambda pricing page, one price")
    assert "  yours lambda_managed/requests (2026-12-02): AWS Lambda pricing page, one price" in \
        show_text(typed, "us-west-2").splitlines()
    assert "+ user book (1 yours, in this quote)" in book_line(typed, advice)
    assert "1 of your own (the book has none)" in user_layer_parts(typed)
