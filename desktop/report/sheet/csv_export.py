"""The comparison as CSV: one row per option total, per line item and per price the total leaves out.

Pure Python (no Qt). Money is printed to the cent as in `estimate --json`; a ruled-out option's total is empty
(it has no price), never 0.00; a total that leaves out a price says `complete: no` and is followed by one
"left out" row per missing price (its usage, no USD). Text cells a spreadsheet would read as a formula (starting
with = + - @ or a tab) are prefixed with an apostrophe.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from desktop.model.advice.advise import Advice
from desktop.model.format import decimal_text, usd_csv
from desktop.model.pricing.book import PriceBook
from desktop.model.pricing.quote import LineItem
from desktop.model.pricing.user_book import origin_mark

COLUMNS = ("workload", "region", "price_book_date", "option", "option_label", "row", "label", "quantity", "unit",
           "unit_price_usd", "usd", "feasible", "recommended", "complete", "estimated", "note")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_text(value: str) -> str:
    """Text a spreadsheet will show as text, never run as a formula."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def _plain(value: Decimal) -> str:
    """A quantity or unit price without exponent, to at most 10 decimals (unit prices have up to 10)."""
    return decimal_text(value, places=10)


def _item_note(item: LineItem) -> str:
    """The line item's note, with the user's prices marked (an overridden price says the user's note)."""
    price = item.price
    if price is None or price.origin == "bundled":
        return item.note
    mark = origin_mark(price.origin, price.note, price.as_of)
    return f"{item.note} | {mark}" if item.note else mark


def comparison_rows(advice: Advice, book: PriceBook) -> list[dict[str, str]]:
    quote = advice.quote
    recommended = advice.recommendation.option
    common = {"workload": safe_text(quote.workload_name), "region": quote.region,
              "price_book_date": book.effective_date.isoformat()}
    rows: list[dict[str, str]] = []
    for option_id, option in quote.options.items():
        base = {**common, "option": option_id, "option_label": option.label,
                "feasible": "yes" if option.feasible else "no",
                "recommended": "yes" if option_id == recommended else "no"}
        notes = [r.text for r in option.reasons] + list(option.warnings)
        complete = "" if not option.priced else ("yes" if option.complete else "no")
        rows.append({**base, "row": "total", "label": "Monthly total", "quantity": "", "unit": "USD a month",
                     "unit_price_usd": "", "usd": usd_csv(option.monthly_usd), "complete": complete,
                     "estimated": "yes" if option.estimated else "no", "note": safe_text(" | ".join(notes))})
        for item in option.line_items:
            rows.append({**base, "row": "line item", "label": safe_text(item.label), "quantity": _plain(item.quantity),
                         "unit": item.unit, "unit_price_usd": _plain(item.unit_price_usd), "usd": usd_csv(item.usd),
                         "complete": "", "estimated": "yes" if item.estimated else "no",
                         "note": safe_text(_item_note(item))})
        for missing in option.missing:
            usage = missing.usage[0] if len(missing.usage) == 1 else None
            note = "; ".join(f"{_plain(q)} {unit}" for q, unit in missing.usage) if len(missing.usage) > 1 else ""
            rows.append({**base, "row": "left out", "label": safe_text(missing.what or missing.text),
                         "quantity": _plain(usage[0]) if usage else "", "unit": usage[1] if usage else "",
                         "unit_price_usd": "", "usd": "", "complete": "", "estimated": "",
                         "note": safe_text("; ".join(p for p in (note, missing.text) if p))})
    return rows


def comparison_csv(advice: Advice, book: PriceBook) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(comparison_rows(advice, book))
    return out.getvalue()
