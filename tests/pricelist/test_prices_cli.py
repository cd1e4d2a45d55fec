"""`computefit prices show / missing / diff`, and every command's book: bundled + user book by default."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.model.advice.engine import compute_quote
from desktop.model.format import usd
from desktop.model.pricing.book import PriceBook
from desktop.model.pricing.money import cents
from desktop.model.workload.files import load_workload
from desktop.resources import examples_dir
from tests.pricelist.conftest import FIXTURES
from tests.pricelist.offer_files import read_csv_offer, write_csv_offer

EXAMPLE = examples_dir() / "http-api.workload.json"


def _run(capsys: pytest.CaptureFixture[str], *argv: str, status: int = 0) -> tuple[str, str]:
    assert main(list(argv)) == status
    captured = capsys.readouterr()
    return captured.out, captured.err


def _override(book_path: Path, path: str, usd: str, note: str) -> None:
    data = json.loads(book_path.read_text(encoding="utf-8"))
    data.setdefault("overrides", {})[path] = {"usd": usd, "note": note, "as_of": "2026-12-01"}
    book_path.write_text(json.dumps(data), encoding="utf-8")


def _alb_in_sydney(folder: Path) -> Path:
    """The us-east-1 ELB sample's rows moved to ap-southeast-2, where the bundled book has no ALB price (synthetic:
    for tests only; it gives the user book prices the bundled book lacks)."""
    meta, rows = read_csv_offer(FIXTURES / "AWSELB-us-east-1.csv")
    moved = [{**row, "Region Code": "ap-southeast-2", "Location": "Asia Pacific (Sydney)",
              "usageType": "APS2-" + row["usageType"]} for row in rows if row.get("Region Code") == "us-east-1"]
    return write_csv_offer(folder / "AWSELB-ap-southeast-2.csv", meta, moved)


@pytest.fixture()
def user_book(data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    # The London Lambda rows are the ones the bundled book already holds (source T-L): the same values, another
    # source. The Sydney ALB rows add prices the bundled book lacks.
    _run(capsys, "prices", "import", str(FIXTURES / "AWSLambda-eu-west-2.csv"), str(FIXTURES / "AWSELB-us-east-1.csv"),
         str(_alb_in_sydney(tmp_path)))
    return data_dir / "user-price-book.json"


def test_import_reports_what_it_read_and_wrote(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out, err = _run(capsys, "prices", "import", str(FIXTURES))
    assert err == ""  # stderr is not a terminal here: no progress bar
    assert "AWSLambda 20260831092318, published 2026-08-31T09:23:18Z" in out
    # 10 Lambda (with LMI requests), 8 Fargate, 6 API Gateway, 3 EC2 + EBS, 2 NAT, 1 public IPv4, 2 logs, 4 data
    # transfer tiers
    assert "imported 37 price(s) for eu-west-2" in out
    assert "read but not in the price book yet" in out and "AWSLambda lambda_managed.fee.*" in out
    assert "AmazonVPC nat_gateway.hour" not in out  # the book has NAT gateway prices now: written
    assert f"user price book: {data_dir / 'user-price-book.json'}" in out


def test_show_lists_each_price_with_origin_source_date_and_confidence(user_book: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    _override(user_book, "eu-west-2/lambda/duration/x86_64/1", "0.000015", "negotiated 2026")
    out, _ = _run(capsys, "prices", "show", "--region", "eu-west-2")
    lines = out.splitlines()
    assert lines[0] == ("Price book dated 2026-12-01, 13 imported prices (AWS Price List, AWSELB 20260831092255 "
                        "(published 2026-08-31T09:22:55Z); AWS Price List, AWSLambda 20260831092318 (published "
                        "2026-08-31T09:23:18Z)), 1 overridden by the user.")
    row = next(ln for ln in lines if ln.split()[:1] == ["lambda/ephemeral_storage"])
    assert row.split() == ["lambda/ephemeral_storage", "0.0000000358", "GB-second", "imported", "A", "2026-08-01",
                           "PL-AWSLambda-20260831092318"]
    row = next(ln for ln in lines if ln.split()[:1] == ["lambda/duration/x86_64/1"])
    assert row.split()[1:5] == ["0.000015", "GB-second", "overridden", "B"]
    assert "  overridden lambda/duration/x86_64/1: negotiated 2026" in lines
    row = next(ln for ln in lines if ln.split()[:1] == ["ec2/on_demand/m5.large"])
    assert row.split()[3:] == ["bundled", "B", "2026-07-01", "S_catalog"]
    assert not any(ln.startswith("us-east-1") for ln in lines)


def test_show_with_another_book_and_an_unknown_region(user_book: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out, _ = _run(capsys, "prices", "show", "--price-book", "bundled", "--region", "us-east-1")
    assert "imported" not in out and "lambda/requests" in out
    _, err = _run(capsys, "prices", "show", "--region", "mars-1", status=2)
    assert "region 'mars-1' is not in the price book (known: ap-northeast-1" in err


def test_missing_lists_what_each_region_lacks(user_book: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bundled, _ = _run(capsys, "prices", "missing", "--price-book", "bundled", "--region", "ap-southeast-2")
    assert bundled.splitlines()[0] == "ap-southeast-2 (Asia Pacific (Sydney)): 31 missing"
    assert "  Application Load Balancer" in bundled.splitlines()
    out, _ = _run(capsys, "prices", "missing", "--region", "ap-southeast-2")
    assert out.splitlines()[0] == "ap-southeast-2 (Asia Pacific (Sydney)): 30 missing"  # ALB imported
    assert "  Application Load Balancer" not in out.splitlines() and "  Fargate Windows/x86_64" in out.splitlines()
    london, _ = _run(capsys, "prices", "missing", "--region", "eu-west-2")
    assert "  Lambda x86_64 duration on provisioned concurrency" in london.splitlines()  # not in the London file
    assert "  EC2 on-demand: 7 of 57 instance types: m8g.large," in london
    mumbai, _ = _run(capsys, "prices", "missing", "--region", "ap-south-1")
    assert "  Application Load Balancer LCU-hour" in mumbai.splitlines()  # the book has the hour alone
    # what the old short list never said: tier ends, logs, NAT per GB, data transfer, the managed-instance fees
    for line in ("  Lambda x86_64 duration above 6,000,000,000 GB-seconds a month", "  NAT gateway data processed",
                 "  CloudWatch Logs storage", "  data transfer out to the internet",
                 "  Lambda Managed Instances requests"):
        assert line in mumbai.splitlines(), line
    virginia, _ = _run(capsys, "prices", "missing", "--region", "us-east-1")
    assert virginia.splitlines() == ["us-east-1 (US East (N. Virginia)): 3 missing",
                                     "  Lambda durable execution charges",  # no reference gives them
                                     "  EC2 Windows instances (the book holds Linux prices only)",
                                     "  Amazon SQS requests above 100,000,000,000 requests a month"]


def test_diff_lists_changed_prices_and_the_workload_totals(user_book: Path, capsys: pytest.CaptureFixture[str],
                                                           book: PriceBook, tmp_path: Path) -> None:
    _override(user_book, "us-east-1/lambda/requests", "0.10", "private pricing")
    out, _ = _run(capsys, "prices", "diff", "--workload", str(EXAMPLE))
    lines = out.splitlines()
    assert lines[:2] == ["A = the bundled book", "B = the bundled book with the user book"]
    assert ("changed  us-east-1/lambda/requests: 0.20 per 1M requests (bundled, A, S2) -> 0.1 per 1M requests "
            "(overridden, B, USER) (-50.0%)") in lines
    assert ("added    ap-southeast-2/alb/hour: - -> 0.0225 per hour (imported, A, PL-AWSELB-20260831092255)") in lines
    assert not any(" eu-west-2/lambda/" in line for line in lines)  # the bundled book has these rows' values
    # the 10 London Lambda prices and the 2 us-east-1 ALB prices: the same values, from the imported offers
    assert "12 price(s) have the same value with another source, date or confidence." in lines
    workload = load_workload(EXAMPLE)
    before = compute_quote(workload, book).options["lambda"]
    requests = next(i for i in before.line_items if i.label == "Requests")
    saved = cents(requests.quantity * Decimal("0.20")) - cents(requests.quantity * Decimal("0.10"))
    assert before.monthly_usd is not None and saved > 0
    expected = (f"  lambda   A {usd(before.monthly_usd):>12}   B {usd(before.monthly_usd - saved):>12}   "
                f"change -{usd(saved)}")
    assert any(line.startswith(expected) for line in lines), out
    assert any(line.startswith("  fargate") and line.endswith("change +$0.00 (+0.0%)") for line in lines)


def _behind_an_alb_in_sydney(tmp_path: Path) -> Path:
    workload = tmp_path / "sydney.workload.json"
    workload.write_text(EXAMPLE.read_text().replace('"us-east-1"', '"ap-southeast-2"').replace(
        '"front_door": "auto"', '"front_door": "alb"'), encoding="utf-8")
    return workload


def test_diff_between_two_files_with_a_price_only_one_has(user_book: Path, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    out, _ = _run(capsys, "prices", "diff", "bundled", str(user_book), "--workload", str(_behind_an_alb_in_sydney(
        tmp_path)))
    assert f"B = {user_book}" in out
    assert "added    ap-southeast-2/alb/lcu_hour: - -> 0.008 per LCU-hour (imported, A, PL-AWSELB-20260831092255)" \
        in out
    # A lacks the ALB in ap-southeast-2: its totals leave it out (marked incomplete), B's include it
    lambda_line = next(line for line in out.splitlines() if line.startswith("  lambda "))
    assert "change +$" in lambda_line and "change +$0.00 " not in lambda_line


def test_estimate_uses_the_user_book_by_default_and_price_book_still_works(user_book: Path, tmp_path: Path,
                                                                          capsys: pytest.CaptureFixture[str]) -> None:
    workload = _behind_an_alb_in_sydney(tmp_path)
    layered = json.loads(_run(capsys, "estimate", str(workload), "--json")[0])
    assert layered["options"]["lambda"]["missing_prices"] == []
    assert any(i["label"].startswith("Application Load Balancer") for i in layered["options"]["lambda"]["line_items"])
    plain = json.loads(_run(capsys, "estimate", str(workload), "--json", "--price-book", "bundled")[0])
    assert plain["options"]["lambda"]["missing_prices"] == [
        "no sourced price for Application Load Balancer in ap-southeast-2 in the price book dated 2026-12-01"]
    as_file = json.loads(_run(capsys, "estimate", str(workload), "--json", "--price-book", str(user_book))[0])
    assert as_file == layered


def test_a_corrupt_user_book_falls_back_to_the_bundled_one_with_one_warning(data_dir: Path,
                                                                           capsys: pytest.CaptureFixture[str]) -> None:
    expected, _ = _run(capsys, "estimate", str(EXAMPLE))
    book = data_dir / "user-price-book.json"
    whole = f"computefit: warning: the user price book cannot be used, so the bundled one is ({book}: "
    for corrupt, warning in (
            ('{"kind": "computefit-user-price-book", "regions": {"us-east-1": {"lambda": {"requests": '
             '{"usd": "-1"}}}}', whole), ("{truncated", whole),
            # one unusable entry is set aside alone (the rest of the book, here nothing, applies)
            ('{"kind": "computefit-user-price-book", "discounts": {"all": 150}}',
             f"computefit: warning: {book}: discounts.all: a discount is a percentage from 0 to less than 100; set "
             "aside, the rest of the book applies")):
        book.write_text(corrupt, encoding="utf-8")
        out, err = _run(capsys, "estimate", str(EXAMPLE))
        assert out == expected
        assert err.count("\n") == 1 and err.startswith(warning)
        assert "Traceback" not in err
        assert book.read_text(encoding="utf-8") == corrupt  # left for the user to look at


class _Terminal:
    def __init__(self, tty: bool) -> None:
        self.tty, self.text = tty, ""

    def isatty(self) -> bool:
        return self.tty

    def write(self, text: str) -> int:
        self.text += text
        return len(text)

    def flush(self) -> None:
        pass


def test_the_progress_bar_shows_percent_and_speed_on_a_terminal_only() -> None:
    from desktop.pricelist.commands import ProgressBar

    terminal, pipe = _Terminal(True), _Terminal(False)
    for stream in (terminal, pipe):
        bar = ProgressBar(stream)  # type: ignore[arg-type]
        bar(500_000, 2_000_000, Path("AmazonEC2-index.json"))
        bar(2_000_000, 2_000_000, Path("AmazonEC2-index.json"))
        bar.finish()
    assert pipe.text == ""
    assert terminal.text.startswith("\r[#######") and " 25.0% " in terminal.text
    assert "\r[##############################] 100.0% " in terminal.text
    assert " MB/s  AmazonEC2-index.json" in terminal.text
    assert terminal.text.endswith("\n")
