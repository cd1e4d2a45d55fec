"""The window's price book without Qt: each change starts from the user book on disk, is checked, written whole,
and only then prices; a change that fails changes neither the file nor the book."""

from __future__ import annotations

import errno
import json
import os
from decimal import Decimal
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.model.pricing.book import PriceBook
from desktop.pricelist.book.setup import BookSetupError, open_setup
from tests.pricelist.conftest import FIXTURES

D = Decimal


def test_an_override_a_discount_and_a_reset_each_write_the_user_book(data_dir: Path, book: PriceBook) -> None:
    setup, problem = open_setup(None, base=book)
    assert problem == "" and setup.book is book and setup.editable
    path = data_dir / "user-price-book.json"
    after = setup.override("us-east-1/lambda/requests", "$0.17", "  EDP 2026  ", "A")
    requests = after.regions["us-east-1"].lambda_.requests
    assert requests is not None and (requests.usd, requests.note, requests.confidence, requests.origin) == (
        D("0.17"), "EDP 2026", "A", "overridden")
    assert setup.book is after
    assert json.loads(path.read_text(encoding="utf-8"))["overrides"]["us-east-1/lambda/requests"]["usd"] == "0.17"
    after = setup.set_discount("ec2", "12.5%")
    assert after.regions["us-east-1"].ec2.on_demand["m5.large"].usd == \
        book.regions["us-east-1"].ec2.on_demand["m5.large"].usd * D("0.875")
    assert setup.discounts() == {"ec2": D("12.5")}
    setup.set_discount("ec2", "")
    assert setup.discounts() == {}
    assert setup.reset("us-east-1/lambda/requests") == book
    with pytest.raises(BookSetupError, match="not overridden"):
        setup.reset("us-east-1/lambda/requests")


def test_each_change_starts_from_the_user_book_on_disk(data_dir: Path, book: PriceBook,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    setup, _ = open_setup(None, base=book)
    setup.override("us-east-1/lambda/requests", "0.17", "EDP")
    assert main(["prices", "import", str(FIXTURES / "AmazonECS-eu-west-2.csv")]) == 0  # from a terminal, meanwhile
    capsys.readouterr()
    after = setup.set_discount("lambda", "5")
    vcpu = after.regions["eu-west-2"].fargate.linux_x86_64
    assert vcpu is not None and vcpu.vcpu.origin == "imported"  # the terminal's import is kept
    assert after.regions["us-east-1"].lambda_.requests.origin == "overridden"  # type: ignore[union-attr]


@pytest.mark.parametrize(("change", "problem"), [
    (lambda s: s.override("us-east-1/lambda/requests", "abc", "n"), "'abc' is not a price in USD"),
    (lambda s: s.override("us-east-1/lambda/requests", "NaN", "n"), "it must be a number of 0 or more"),
    (lambda s: s.override("us-east-1/lambda/requests", "20000", "n"), "less than or equal to 10000"),
    (lambda s: s.override("us-east-1/lambda/reqests", "1", "n"), "the book has no price here"),
    (lambda s: s.override("mars-1/lambda/requests", "1", "n"), "region 'mars-1' is not in the price book"),
    (lambda s: s.set_discount("lambda", "100"), "a percentage from 0 to less than 100"),
    (lambda s: s.set_discount("lambda", "ten"), "'ten' is not a number"),
    (lambda s: s.set_discount("s3", "5"), "'s3' is not a section to discount"),
])
def test_a_change_that_fails_changes_nothing(data_dir: Path, book: PriceBook, change, problem: str) -> None:  # type: ignore[no-untyped-def]
    setup, _ = open_setup(None, base=book)
    setup.override("us-east-1/lambda/requests", "0.17", "EDP")
    path = data_dir / "user-price-book.json"
    before, effective = path.read_bytes(), setup.book
    with pytest.raises(BookSetupError, match=problem):
        change(setup)
    assert path.read_bytes() == before and setup.book is effective


def test_a_user_book_that_cannot_be_written_is_one_message(data_dir: Path, book: PriceBook,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    setup, _ = open_setup(None, base=book)
    effective = setup.override("us-east-1/lambda/requests", "0.17", "EDP")
    before = (data_dir / "user-price-book.json").read_bytes()

    def disk_full(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    with pytest.raises(BookSetupError, match=r"user-price-book\.json: cannot write the user price book "
                                             r"\(the disk is full\); unchanged"):
        setup.override("us-east-1/lambda/requests", "0.16", "EDP")
    monkeypatch.undo()
    assert (data_dir / "user-price-book.json").read_bytes() == before and setup.book is effective
    assert sorted(p.name for p in data_dir.iterdir()) == ["user-price-book.json"]  # no temporary file left


def test_a_folder_where_the_user_book_goes_is_refused_and_kept(data_dir: Path, book: PriceBook) -> None:
    (data_dir / "user-price-book.json").mkdir()
    setup, problem = open_setup(None, base=book)
    assert "is a folder" in problem and not setup.editable
    with pytest.raises(BookSetupError, match="is a folder"):
        setup.override("us-east-1/lambda/requests", "0.17", "EDP")
    assert (data_dir / "user-price-book.json").is_dir()


def test_a_full_book_given_is_used_as_it_is(tmp_path: Path, book: PriceBook) -> None:
    full = tmp_path / "full.json"
    full.write_text(json.dumps(book.model_dump(mode="json", by_alias=True)), encoding="utf-8")
    setup, problem = open_setup(full)
    assert problem == "" and setup.user_path is None and not setup.editable
    assert setup.book == book
    with pytest.raises(BookSetupError, match="given with --price-book prices this session as it is"):
        setup.override("us-east-1/lambda/requests", "0.17", "EDP")
