"""One unusable entry of the user price book never stops a command or the window: it is set aside with a message
naming it and the rest applies (issue: `"usd": "1e999999999"` ended every command in decimal.Overflow). Typing
such a value in the Prices dialog is refused with a message; the file is never rewritten without it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.pricelist.book.setup import BookSetupError, open_setup
from desktop.pricelist.book.store import bundled_book
from desktop.resources import examples_dir

BAD = "us-east-1/lambda/requests"
GOOD = "us-east-1/lambda/duration/x86_64/1"
BOOK = {
    "kind": "computefit-user-price-book", "schema_version": 1,
    "overrides": {
        BAD: {"usd": "1e999999999", "note": "a slip", "as_of": "2026-01-01"},
        "us-east-1/lambda/no_such_price": {"usd": "1", "note": "n", "as_of": "2026-01-01", "unit": "hour"},
        GOOD: {"usd": "0.00001", "note": "private pricing", "as_of": "2026-01-01"},
    },
    "discounts": {"lambda": "150", "fargate": "10"},
}


@pytest.fixture()
def user_book(data_dir: Path) -> Path:
    path = data_dir / "user-price-book.json"
    path.write_text(json.dumps(BOOK), encoding="utf-8")
    return path


def test_commands_run_with_the_rest_of_the_book_and_name_what_is_set_aside(
        user_book: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["prices", "show", "--region", "us-east-1"]) == 0
    captured = capsys.readouterr()
    warnings = captured.err.splitlines()
    assert warnings[:2] == [
        f"computefit: warning: {user_book}: overrides.{BAD}: usd: must be between 0 and 1,000,000,000, got "
        "'1e999999999'; set aside, the rest of the book applies",
        f"computefit: warning: {user_book}: discounts.lambda: a discount is a percentage from 0 to less than 100; "
        "set aside, the rest of the book applies"]
    assert warnings[2].startswith(f"computefit: warning: {user_book}: overrides.us-east-1/lambda/no_such_price")
    assert warnings[2].endswith("; set aside, the rest of the book applies")
    assert len(warnings) == 3 and "Traceback" not in captured.err
    lines = captured.out.splitlines()
    assert any(line.split()[:2] == ["lambda/duration/x86_64/1", "0.00001"] and "overridden" in line
               for line in lines), captured.out  # the good override applies
    assert "user discounts 10% on fargate" in captured.out  # and so does the good discount
    assert main(["estimate", str(examples_dir() / "http-api.workload.json")]) == 0
    assert "Traceback" not in capsys.readouterr().err


def test_the_window_s_books_start_with_the_rest_and_a_message(user_book: Path) -> None:
    warned: list[str] = []
    setup, message = open_setup(None, base=bundled_book(), warn=warned.append)
    assert message.startswith("Some entries of the user price book cannot be used and are set aside; the rest of "
                              "it prices this session:\n")
    assert f"{user_book}: overrides.{BAD}: usd: must be between 0 and 1,000,000,000" in message
    assert len(warned) == 3
    assert setup.book.regions["us-east-1"].lambda_.duration["x86_64"][0].price.origin == "overridden"
    assert setup.layer is not None and GOOD in setup.layer.overrides and BAD not in setup.layer.overrides
    with pytest.raises(BookSetupError, match="not replaced"):  # a change would drop the user's entries: refused
        setup.override(GOOD, "0.2", "n")
    assert json.loads(user_book.read_text(encoding="utf-8")) == BOOK


@pytest.mark.parametrize("typed", ["1e999999999", "1e10", "1e-999999"])
def test_typing_an_absurd_price_is_refused_with_a_message(typed: str, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMPUTEFIT_DATA_DIR", str(tmp_path))
    setup, _ = open_setup(None, base=bundled_book())
    with pytest.raises(BookSetupError, match=f"'{typed}' is not a price in USD: it must be at most 1,000,000,000"):
        setup.override(BAD, typed, "n")
    assert not (tmp_path / "user-price-book.json").exists()
