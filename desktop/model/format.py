"""How every output writes numbers: money, counts, percentages, plain decimals and a total with what it leaves out.

One module for the model's texts, the window, the sheet, CSV and JSON, and one meaning for each name:

- `usd`: an amount for a person, "$1,234.56", "-$0.65" (cents, half up as AWS rounds), "~$12.00" for a total on
  estimated prices, "n/a" (or "-" where a ruled-out option's total would be) for none.
- `usd_change`: a difference with its sign always shown, "+$1.20", "-$0.65", "+$0.00".
- `usd_compact`: a chart read-out, cents below $10,000 and whole dollars above.
- `usd_tick`: an axis tick, "$10k", "$1.5", "$0.01".
- `usd_csv`: an amount in a CSV cell, "1234.56" (cents, no separators), "" for none; `share_csv` a fraction,
  "0.8312".
- `json_number`: an amount in JSON, an integer when whole, else a float; None stays None.
- `decimal_text`: a Decimal as plain digits for files and editors, "0.0000000358" (never "3.58E-8"), no trailing
  zeros; `decimal_as_written` keeps the digits the book wrote ("0.20").
- `count`: a whole number, "30,000,000"; `number`: a measured value, "1,024", "0.5"; `short_number`: "1.23k",
  "30M" for axes and read-outs.
- `percent`: a percentage, "38%", "+12.5%" (`signed`), "n/a" for none; `share`: a fraction as one, 0.35 -> "35%".
- `left_out_text`, `total_text`, `left_out`, `left_out_lines`, `left_out_cell`, `left_out_count`, `left_out_short`:
  a total and what it leaves out (prices the book lacks), for sentences, table cells, legends and chart labels;
  every short form counts the items as `left_out_count` does, so a table and a legend agree.

It sits at the bottom of the model and imports nothing of it: a total is anything `Priced` (an option's quote).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, localcontext
from typing import Protocol

NONE = "n/a"
NO_TOTAL = "-"  # a ruled-out option has no total
_CENT = Decimal("0.01")


class Priced(Protocol):
    """A monthly total and what it leaves out (`desktop.model.pricing.quote.OptionQuote` is one)."""

    @property
    def monthly_usd(self) -> Decimal | None: ...

    @property
    def estimated(self) -> bool: ...

    @property
    def left_out(self) -> tuple[str, ...]:
        """What the total leaves out, by name ("Application Load Balancer")."""

    @property
    def left_out_region(self) -> str:
        """The region whose prices are missing ("" when none are)."""


def usd(value: Decimal | float | None, estimated: bool = False, none: str = NONE, places: int = 2) -> str:
    """"$1,234.56", "-$0.65", "~$12.00" for a total built on estimated prices, `none` ("n/a", or "-" for a
    ruled-out option's total) for none. A Decimal is rounded to cents half up, as AWS rounds a bill; a float (a
    score, a chart value) to the nearest cent of its binary value, as Python prints it. `places` shows more
    decimals than cents (a cost per run: "$0.0042")."""
    if value is None:
        return none
    step = _CENT if places == 2 else Decimal(1).scaleb(-places)
    amount = value.quantize(step, rounding=ROUND_HALF_UP) if isinstance(value, Decimal) else value
    text = f"{'-' if amount < 0 else ''}${abs(amount):,.{places}f}"
    return f"~{text}" if estimated else text


def usd_change(value: Decimal | float) -> str:
    """A difference with its sign always shown: "+$1.20", "-$0.65", "+$0.00"."""
    return f"{'-' if value < 0 else '+'}{usd(-value if value < 0 else value)}"


def usd_compact(value: float | None) -> str:
    """For chart read-outs: cents below $10,000, whole dollars above."""
    if value is None:
        return NONE
    sign = "-" if value < 0 else ""
    return f"{sign}${abs(value):,.0f}" if abs(value) >= 10_000 else f"{sign}${abs(value):,.2f}"


def usd_tick(value: float) -> str:
    """An axis tick: "$10k", "$1.5", "$0.01"."""
    return f"${short_number(value)}" if value >= 1 else f"${value:g}"


def usd_csv(value: Decimal | None) -> str:
    """An amount in a CSV cell: "1234.56" (cents, no separators, a spreadsheet reads it as a number), "" for none."""
    return "" if value is None else f"{value.quantize(_CENT, rounding=ROUND_HALF_UP):.2f}"


def share_csv(fraction: float | None) -> str:
    """A fraction in a CSV cell: 0.8312 -> "0.8312" (four decimals, as JSON rounds it), "" for none."""
    return "" if fraction is None else f"{fraction:.4f}"


def json_number(value: Decimal | None) -> float | int | None:
    """An amount in JSON: an integer when whole (12), else a float (12.5); None stays None."""
    if value is None:
        return None
    whole = int(value)
    return whole if value == whole else float(value)


def decimal_text(value: Decimal, places: int | None = None) -> str:
    """Plain digits without exponent or trailing zeros: 0.0000000358 (never 3.58E-8), 0.0200 -> 0.02, 100 -> 100;
    `places` rounds first (a CSV cell keeps at most 10 decimals). The precision follows the number: a quantity at
    the schema's maxima (1e13 requests of a whole month at 10 GB) has more than the default 28 digits."""
    with localcontext() as context:
        context.prec = max(context.prec, value.adjusted() + (places or 0) + 2)
        if places is not None:
            value = round(value, places)
        text = format(value.normalize(), "f")
    return "0" if text in ("", "-0") else text


def decimal_as_written(value: Decimal) -> str:
    """A price as the book writes it, never with an exponent: 0.20 stays 0.20, 3.58E-8 -> 0.0000000358."""
    return format(value, "f")


def count(value: int) -> str:
    """A whole number with thousands separators: "30,000,000"."""
    return f"{value:,}"


def count_range(hourly: tuple[int, ...]) -> str:
    """A count that varies by hour as its range, "2-12", or one number when it does not ("0" for none)."""
    low, high = (min(hourly), max(hourly)) if hourly else (0, 0)
    return f"{high}" if low == high else f"{low}-{high}"


def number(value: float, significant: int = 6) -> str:
    """A measured value as typed: "1,024", "0.5", "12,345.7" (whole numbers in full, others to `significant`
    digits)."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.{significant}g}"


def short_number(value: float) -> str:
    """1234 -> '1.23k', 30e6 -> '30M' (for axes and read-outs)."""
    size = abs(value)
    for limit, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k")):
        if size >= limit:
            return f"{value / limit:.3g}{suffix}"
    return f"{value:.3g}" if size < 1000 else f"{value:,.0f}"


def percent(value: float | None, digits: int = 0, signed: bool = False) -> str:
    """"38%", "12.5%"; with `signed` "+12%" and "-3%"; "n/a" for none."""
    if value is None:
        return NONE
    return f"{value:+.{digits}f}%" if signed else f"{value:.{digits}f}%"


def share(fraction: float, digits: int = 0) -> str:
    """A fraction as a percentage: 0.35 -> "35%" (`percent` takes the percentage itself)."""
    return f"{fraction:.{digits}%}"


def left_out_text(option: Priced) -> str:
    """What a total leaves out: "Application Load Balancer (no eu-west-1 price in the book)" ("" when whole)."""
    names = option.left_out
    if not names:
        return ""
    region = option.left_out_region
    return ", ".join(names) + (f" (no {region} price in the book)" if region else "")


def total_text(option: Priced, mark_estimated: bool = False) -> str:
    """A monthly total as every output prints it: "$36.04", "$36.04 + Application Load Balancer (no eu-west-1
    price in the book)" when a price is missing, "-" for an option with no price (ruled out); with
    `mark_estimated`, "~$36.04" for a total built on estimated prices."""
    if option.monthly_usd is None:
        return NO_TOTAL
    text = usd(option.monthly_usd, mark_estimated and option.estimated)
    rest = left_out_text(option)
    return f"{text} + {rest}" if rest else text


def left_out(option: Priced) -> str:
    """"+ Application Load Balancer (no eu-west-1 price in the book)", or "" for a whole total."""
    text = left_out_text(option)
    return f"+ {text}" if text else ""


def left_out_lines(option: Priced, most: int = 3) -> list[str]:
    """What a total leaves out, one item a line ("+ Application Load Balancer"), then "(no eu-west-1 price)"."""
    names = option.left_out
    if not names:
        return []
    shown = [f"+ {n}" for n in names[:most]]
    if len(names) > most:
        shown.append(f"+ {len(names) - most} more")
    return [*shown, f"(no {option.left_out_region} price in the book)"]


CELL_WIDTH = 28  # a narrow cell's characters: one left-out item longer than this is counted, not named


def left_out_count(names: tuple[str, ...] | list[str], width: int = CELL_WIDTH) -> str:
    """What a total leaves out in a few words, the same count wherever it is shown (table cells, chart legends,
    present mode, the workshop): "+ Application Load Balancer" (one item that fits), "+ 2 not priced", or ""."""
    if not names:
        return ""
    if len(names) == 1 and len(names[0]) + 2 <= width:
        return f"+ {names[0]}"
    return f"+ {len(names)} not priced"


def left_out_cell(option: Priced, width: int = CELL_WIDTH) -> str:
    """For a narrow cell under the total: "+ Application Load Balancer" (one item that fits), "+ 2 not priced"."""
    return left_out_count(option.left_out, width)


def left_out_short(option: Priced) -> str:
    """For chart labels: "+ Application Load Balancer (no price)", "+ 2 items with no price", or ""."""
    names = option.left_out
    if not names:
        return ""
    return f"+ {names[0]} (no price)" if len(names) == 1 else f"+ {len(names)} items with no price"
