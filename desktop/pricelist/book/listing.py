"""The effective prices, one line each with where they come from, and what a region lacks.

A price is named by its price path inside the region ("lambda/duration/arm64/2" = tier 2), the same path an
override uses in the user book.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from desktop.model.format import decimal_as_written
from desktop.model.options.registry import missing_prices
from desktop.model.pricing.book import Price, PriceBook, SourcedRate
from desktop.model.pricing.price_paths import priced_paths, rate_paths
from desktop.model.pricing.user_book import provenance
from desktop.model.schema.prices import USERS_OWN


@dataclass(frozen=True, slots=True)
class PriceLine:
    region: str
    path: str  # inside the region; tiers end in /<number>
    price: Price


def price_lines(book: PriceBook, region: str | None = None) -> list[PriceLine]:
    lines = []
    for code in sorted(book.regions) if region is None else [region]:
        lines += [PriceLine(code, found.override_path, found.price) for found in priced_paths(book.regions[code])]
    return lines


def _table(rows: Sequence[tuple[str, ...]]) -> list[str]:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return ["  " + "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip() for row in rows]


def percent(rate: SourcedRate) -> str:
    """15% for a fraction of 0.15 (7.8% for 0.078)."""
    return f"{(rate.fraction * 100).normalize():f}%"


def show_text(book: PriceBook, region: str | None = None) -> str:
    summary = provenance(book)
    out = [summary[:1].upper() + summary[1:] + "."]
    for code in sorted(book.regions) if region is None else [region]:
        lines = price_lines(book, code)
        out.append("")
        out.append(f"{code} ({book.regions[code].name}): {len(lines)} prices")
        rows = [("price", "USD", "unit", "origin", "conf.", "as of", "source")]
        rows += [(ln.path, decimal_as_written(ln.price.usd), ln.price.unit, ln.price.origin, ln.price.confidence,
                  ln.price.as_of.isoformat(), ln.price.source) for ln in lines]
        out.extend(_table(rows))
        rates = rate_paths(book.regions[code])
        if rates:
            out.append(f"  fees stated as a share of another price ({len(rates)}; override with the percentage):")
            out.extend(_table([(path, percent(rate), rate.origin, rate.confidence, rate.as_of.isoformat(),
                                rate.source, f"of the {rate.of}") for path, rate in rates]))
        own: list[tuple[str, Price | SourcedRate]] = [(ln.path, ln.price) for ln in lines
                                                      if ln.price.origin in USERS_OWN]
        own += [(path, rate) for path, rate in rates if rate.origin in USERS_OWN]
        out.extend(f"  {item.origin} {path}{f' ({item.as_of.isoformat()})' if item.origin == 'yours' else ''}: "
                   f"{item.note}" for path, item in own)
    return "\n".join(out)


def missing_text(book: PriceBook, region: str | None = None) -> str:
    """What the book lacks, per region: the coverage the quotes use (`registry.missing_prices`), so whatever a
    quote can leave out in a region is listed here, tier ends and the managed-instance fees included."""
    out = []
    for code in sorted(book.regions) if region is None else [region]:
        gaps = missing_prices(book, code)
        types = [item.removeprefix("EC2 ") for item in gaps if item.removeprefix("EC2 ") in book.instance_types]
        head = f"{code} ({book.regions[code].name}): "
        if not gaps:
            out.append(head + "nothing missing")
            continue
        out.append(head + f"{len(gaps)} missing")
        out.extend(f"  {item}" for item in gaps if item.removeprefix("EC2 ") not in types)
        if types:
            out.append(f"  EC2 on-demand: {len(types)} of {len(book.instance_types)} instance types: "
                       + ", ".join(types))
    return "\n".join(out)
