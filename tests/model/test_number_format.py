"""One module writes money, counts, percentages, plain decimals and a total with what it leaves out; each name keeps
one meaning, and no other module writes a dollar amount by hand."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from desktop.model import format as fmt
from tests.conftest import REPO


@dataclass(frozen=True)
class _Total:
    monthly_usd: Decimal | None
    estimated: bool = False
    left_out: tuple[str, ...] = ()
    left_out_region: str = ""


def test_usd_rounds_a_decimal_half_up_to_cents_and_a_float_as_python_prints_it() -> None:
    assert fmt.usd(Decimal("1234.565")) == "$1,234.57"
    assert fmt.usd(Decimal("-0.655")) == "-$0.66"
    assert fmt.usd(Decimal("12"), estimated=True) == "~$12.00"
    assert fmt.usd(9.785) == "$9.79" and fmt.usd(-9.785) == "-$9.79"  # 9.785 is 9.78499999... in binary
    assert fmt.usd(None) == "n/a" and fmt.usd(None, none="-") == "-"
    assert fmt.usd(Decimal("0.00425"), places=4) == "$0.0043" and fmt.usd(0.004, places=4) == "$0.0040"


def test_a_change_always_shows_its_sign() -> None:
    assert [fmt.usd_change(v) for v in (Decimal("1.2"), Decimal("-0.65"), Decimal(0))] == ["+$1.20", "-$0.65",
                                                                                        "+$0.00"]


def test_charts_csv_and_json_write_their_own_forms() -> None:
    assert fmt.usd_compact(12_345.678) == "$12,346" and fmt.usd_compact(-9.5) == "-$9.50"
    assert [fmt.usd_tick(v) for v in (10_000.0, 1.5, 0.01)] == ["$10k", "$1.5", "$0.01"]
    assert fmt.usd_csv(Decimal("1234.565")) == "1234.57" and fmt.usd_csv(None) == ""
    assert fmt.json_number(Decimal("12.00")) == 12 and isinstance(fmt.json_number(Decimal("12.00")), int)
    assert fmt.json_number(Decimal("12.5")) == 12.5 and fmt.json_number(None) is None


def test_plain_decimals_never_show_an_exponent() -> None:
    assert fmt.decimal_text(Decimal("3.58E-8")) == "0.0000000358"
    assert fmt.decimal_text(Decimal("0.0200")) == "0.02" and fmt.decimal_text(Decimal("1E+2")) == "100"
    assert fmt.decimal_text(Decimal("-0.000")) == "0"
    assert fmt.decimal_text(Decimal("0.123456789012"), places=10) == "0.1234567890".rstrip("0")
    assert fmt.decimal_as_written(Decimal("0.20")) == "0.20" and fmt.decimal_as_written(Decimal("3.58E-8")) == \
        "0.0000000358"


def test_counts_and_percentages() -> None:
    assert fmt.count(30_000_000) == "30,000,000" and fmt.short_number(1234) == "1.23k"
    assert fmt.percent(38.4) == "38%" and fmt.percent(12.5, 1, signed=True) == "+12.5%"
    assert fmt.percent(-3, signed=True) == "-3%" and fmt.percent(None) == "n/a"
    assert fmt.share(0.35) == "35%" and fmt.share(-0.1) == "-10%"
    assert fmt.number(1024.0) == "1,024" and fmt.number(0.5) == "0.5" and fmt.number(12345.678) == "12,345.7"
    # an hourly count (tasks, instances) as its range: one number when it does not vary, "0" when there is none
    assert fmt.count_range((2, 12, 5)) == "2-12" and fmt.count_range((3, 3)) == "3" and fmt.count_range(()) == "0"


def test_a_total_says_what_it_leaves_out() -> None:
    whole = _Total(Decimal("36.04"))
    partial = _Total(Decimal("36.04"), True, ("Application Load Balancer",), "eu-west-1")
    two = _Total(Decimal("1"), False, ("NAT gateway", "Public IPv4 addresses"), "eu-west-1")
    assert fmt.total_text(whole) == "$36.04" and fmt.total_text(_Total(None)) == "-"
    assert fmt.total_text(partial) == "$36.04 + Application Load Balancer (no eu-west-1 price in the book)"
    assert fmt.total_text(partial, mark_estimated=True).startswith("~$36.04 + Application")
    assert fmt.left_out(whole) == "" and fmt.left_out(partial).startswith("+ Application Load Balancer (no")
    assert fmt.left_out_lines(two, most=1) == ["+ NAT gateway", "+ 1 more", "(no eu-west-1 price in the book)"]
    assert fmt.left_out_cell(partial) == "+ Application Load Balancer" and fmt.left_out_cell(two) == "+ 2 not priced"
    assert fmt.left_out_short(two) == "+ 2 items with no price"


# A dollar sign followed by a formatted number written by hand: "${x:,.2f}", f"${value:.2f}" ...
_HAND_MONEY = re.compile(r"\$\{[^}]*:[^}]*f\}")
# Option modules still carry a few; they move to desktop.model.format once each option is a folder.
_NOT_YET = ("desktop/model/options/",)


def test_no_module_but_the_format_module_writes_dollars_by_hand() -> None:
    offenders = []
    for path in sorted((REPO / "desktop").rglob("*.py")):
        rel = path.relative_to(REPO).as_posix()
        if rel == "desktop/model/format.py" or rel.startswith(_NOT_YET):
            continue
        offenders += [f"{rel}:{n}" for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                      if _HAND_MONEY.search(line)]
    assert offenders == []
