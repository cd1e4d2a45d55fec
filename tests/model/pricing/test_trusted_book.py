"""The bundled book built without validation is the validated book; only a book that validated before is built so."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from desktop.files import ReadError
from desktop.model.pricing import trusted
from desktop.model.pricing.book import PriceBook, load_price_book
from desktop.model.pricing.trusted import Unsupported, book_digest, construct_book, load_trusted_book
from desktop.resources import price_book_path
from desktop.trusted_books import KIND, TrustedBooks


def _deep(node: Any) -> Any:
    """Every value with its type and repr (Decimal('0.10') is not Decimal('0.1') here), and each model's set fields."""
    if isinstance(node, BaseModel):
        return (type(node).__name__, sorted(node.model_fields_set),
                [(name, _deep(getattr(node, name))) for name in type(node).model_fields])
    if isinstance(node, dict):
        return ("dict", [(key, _deep(value)) for key, value in node.items()])
    if isinstance(node, list):
        return ("list", [_deep(value) for value in node])
    return (type(node).__name__, repr(node))


def test_the_constructed_bundled_book_is_the_validated_one_value_for_value(book: PriceBook) -> None:
    built = construct_book(json.loads(price_book_path().read_bytes()))
    assert _deep(built) == _deep(book)
    assert built == book
    assert built.confidence_summary == book.confidence_summary


def test_a_value_it_cannot_convert_is_refused_not_guessed() -> None:
    data = json.loads(price_book_path().read_bytes())
    with pytest.raises(Unsupported):
        construct_book({**data, "unexpected": 1})
    with pytest.raises(Unsupported):
        construct_book({**data, "effective_date": 20261201})
    region = next(iter(data["regions"]))
    data["regions"][region]["lambda"]["requests"]["usd"] = True
    with pytest.raises(Unsupported):
        construct_book(data)


class Digests(set[str]):
    pass


def _copy(tmp_path: Path, edit: Any = None) -> Path:
    data = json.loads(price_book_path().read_bytes())
    if edit:
        edit(data)
    path = tmp_path / "price-book.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_a_book_is_validated_until_its_bytes_validated_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _copy(tmp_path)
    digests = Digests()
    first = load_trusted_book(path, digests)
    assert digests == {book_digest(path.read_bytes())}

    def no_validation(*args: object, **kwargs: object) -> None:
        raise AssertionError("validated a trusted book")

    monkeypatch.setattr(PriceBook, "model_validate", no_validation)
    assert load_trusted_book(path, digests) == first


def test_a_changed_or_broken_file_is_validated_again(tmp_path: Path) -> None:
    path = _copy(tmp_path)
    digests = Digests()
    load_trusted_book(path, digests)

    def cite_nothing(data: dict[str, Any]) -> None:
        region = next(iter(data["regions"]))
        data["regions"][region]["lambda"]["requests"]["source"] = "nowhere"

    path = _copy(tmp_path, cite_nothing)
    with pytest.raises(ValidationError, match="nowhere"):
        load_trusted_book(path, digests)
    assert len(digests) == 1
    path.write_text('{"a": 1, "a": 2}', encoding="utf-8")
    with pytest.raises(ReadError, match="given twice"):
        load_trusted_book(path, digests)


def test_the_digest_covers_the_code_that_validates(monkeypatch: pytest.MonkeyPatch) -> None:
    raw = price_book_path().read_bytes()
    before = book_digest(raw)
    assert book_digest(raw + b" ") != before
    monkeypatch.setattr(trusted, "_schema_fingerprint", lambda: b"another schema")
    assert book_digest(raw) != before


def test_the_digest_file_keeps_the_last_few_and_survives_garbage(tmp_path: Path) -> None:
    path = tmp_path / "cache" / "trusted.json"
    books = TrustedBooks(path)
    assert "a" not in books
    for digest in "abcdefghij":
        books.add(digest)
    assert json.loads(path.read_text(encoding="utf-8")) == {"kind": KIND, "digests": list("cdefghij")}
    assert "j" in TrustedBooks(path) and "a" not in TrustedBooks(path)
    for garbage in ("{", "[1, 2]", '{"kind": "other", "digests": ["c"]}', f'{{"kind": "{KIND}", "digests": 3}}'):
        path.write_text(garbage, encoding="utf-8")
        assert "c" not in TrustedBooks(path)
    path.unlink()
    path.parent.rmdir()
    path.parent.parent.chmod(0o500)  # a cache folder that cannot be written: no failure, just no memory
    try:
        TrustedBooks(path).add("x")
    finally:
        path.parent.parent.chmod(0o700)


def test_the_default_book_is_the_bundled_book(book: PriceBook) -> None:
    from desktop.pricelist.book.store import bundled_book, default_book

    assert bundled_book() == book
    assert bundled_book() == book  # the second time, built from a trusted digest
    assert default_book(print) == book
    assert load_price_book(price_book_path()).effective_date == book.effective_date
    assert isinstance(book.regions[next(iter(book.regions))].lambda_.requests.usd, Decimal)  # type: ignore[union-attr]
