"""stdout is escaped like stderr, every error is one bounded line, the --price-book read limit is the documented
20 MB, and the CSV export works at the schema's maxima (issue: terminal escape sequences from workload names and
Price List locations were printed raw; `prices import` errors spanned several lines; the limit was 64 MB;
decimal.InvalidOperation at csv_export.py:36)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.resources import examples_dir
from desktop.terminal import MAX_LINE_CHARS, for_terminal, one_line
from tests.pricelist.offer_files import read_csv_offer, write_csv_offer

EXAMPLE = json.loads((examples_dir() / "http-api.workload.json").read_text(encoding="utf-8"))
LAMBDA = Path(__file__).resolve().parent.parent / "fixtures" / "pricelist" / "AWSLambda-eu-west-2.csv"
EVIL = "Orders\x1b]0;pwned\x07\x1b[2J\x9b31m\u202eAPI"


def test_escaping_keeps_lines_on_stdout_and_makes_one_line_on_stderr() -> None:
    assert for_terminal("a\tb\nc\x1b[31m\x9b\u202e") == "a\tb\nc\\x1b[31m\\x9b\\u202e"
    assert one_line("a\nb\x1b") == "a\\nb\\x1b"
    long = one_line("x" * 100_000)
    assert len(long) == MAX_LINE_CHARS and " ... " in long


def test_a_workload_name_with_escape_sequences_prints_escaped(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "evil.workload.json"
    path.write_text(json.dumps({**EXAMPLE, "name": EVIL}))
    for command in (["estimate", str(path)], ["advise", str(path)]):
        assert main(command) == 0
        out = capsys.readouterr().out
        assert "\x1b" not in out and "\x9b" not in out and "\u202e" not in out and "\x07" not in out
        assert "Orders\\x1b]0;pwned\\x07\\x1b[2J\\x9b31m\\u202eAPI" in out


def test_a_price_list_location_with_escape_sequences_prints_escaped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    """A location with control characters is refused (it would go into the book); its message is one line."""
    monkeypatch.setenv("COMPUTEFIT_DATA_DIR", str(tmp_path))
    meta, rows = read_csv_offer(LAMBDA)
    bad = write_csv_offer(tmp_path / "evil\nname.csv", meta, [{**r, "Location": "EU\x1b[2J(London)"} for r in rows])
    assert main(["prices", "import", str(bad)]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.count("\n") == 1 and "\x1b" not in captured.err
    assert "evil\\nname.csv: line 7: the location 'EU\\x1b[2J(London)' has control characters" in captured.err


def test_a_price_book_over_20_mb_is_refused_naming_the_limit(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    big = tmp_path / "big-book.json"
    big.write_bytes(b'{"kind": "computefit-user-price-book", "title": "' + b"x" * (21 * 1024 * 1024) + b'"}')
    assert main(["estimate", str(examples_dir() / "http-api.workload.json"), "--price-book", str(big)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "file is too large (21 MB; a price book is at most 20 MB)" in err, err


def test_the_csv_export_at_the_schema_maxima(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    workload = tmp_path / "max.workload.json"
    traffic = {**EXAMPLE["traffic"], "requests_per_month": 10**13, "duration_ms": 730 * 3600 * 1000}
    workload.write_text(json.dumps({**EXAMPLE, "traffic": traffic,
                                    "lambda": {"memory_mb": 10240, "ephemeral_storage_mb": 10240}}))
    out = tmp_path / "max.csv"
    assert main(["export", str(workload), "-o", str(out)]) == 0, capsys.readouterr().err
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    vcpu = next(r for r in rows if r["option"] == "fargate" and r["label"] == "vCPU")
    assert vcpu["quantity"] == "938571428572023000" and vcpu["unit_price_usd"] == "0.000011244"
    total = next(r for r in rows if r["option"] == "fargate" and r["row"] == "total")
    assert total["usd"] == "12891035238127.13"


def test_a_user_book_source_title_with_escape_sequences_prints_escaped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("COMPUTEFIT_DATA_DIR", str(tmp_path))
    assert main(["prices", "import", str(LAMBDA)]) == 0
    book = tmp_path / "user-price-book.json"
    data = json.loads(book.read_text(encoding="utf-8"))
    source = next(iter(data["sources"].values()))
    source["title"] = "AWS\x1b[2J\x1b]0;pwned\x07 Price List"
    book.write_text(json.dumps(data), encoding="utf-8")
    capsys.readouterr()
    assert main(["prices", "show", "--region", "eu-west-2"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out and "AWS\\x1b[2J\\x1b]0;pwned\\x07 Price List" in out
