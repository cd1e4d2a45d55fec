"""What changed between two price books, and what that does to a workload's monthly totals."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from desktop.model.format import decimal_as_written, percent, usd, usd_change
from desktop.model.pricing.book import Price, PriceBook
from desktop.model.workload.spec import Workload
from desktop.pricelist.book.listing import price_lines


@dataclass(frozen=True, slots=True)
class Change:
    path: str  # region/price path
    before: Price | None
    after: Price | None

    @property
    def kind(self) -> str:
        return "added" if self.before is None else "removed" if self.after is None else "changed"


def _prices(book: PriceBook) -> dict[str, Price]:
    return {f"{ln.region}/{ln.path}": ln.price for ln in price_lines(book)}


def diff_books(a: PriceBook, b: PriceBook) -> tuple[list[Change], int]:
    """Prices added, removed or changed in value or unit (in path order), and how many kept their value but
    changed source, date or confidence."""
    before, after = _prices(a), _prices(b)
    changes = []
    resourced = 0
    for path in sorted(before.keys() | after.keys()):
        old, new = before.get(path), after.get(path)
        if old is None or new is None or (old.usd, old.unit) != (new.usd, new.unit):
            changes.append(Change(path, old, new))
        elif (old.source, old.as_of, old.confidence, old.origin) != (new.source, new.as_of, new.confidence,
                                                                      new.origin):
            resourced += 1
    return changes, resourced


def _price(p: Price | None) -> str:
    return "-" if p is None else f"{decimal_as_written(p.usd)} per {p.unit} ({p.origin}, {p.confidence}, {p.source})"


def _pct(old: Decimal, new: Decimal) -> str:
    return "" if old == 0 else f" ({percent(float((new - old) / old * 100), 1, signed=True)})"


def diff_text(a_label: str, a: PriceBook, b_label: str, b: PriceBook) -> str:
    changes, resourced = diff_books(a, b)
    out = [f"A = {a_label}", f"B = {b_label}"]
    if not changes:
        out.append("No price differs.")
    for change in changes:
        move = ""
        if change.before is not None and change.after is not None and change.before.unit == change.after.unit:
            move = _pct(change.before.usd, change.after.usd)
        out.append(f"{change.kind:8} {change.path}: {_price(change.before)} -> {_price(change.after)}{move}")
    if resourced:
        out.append(f"{resourced} price(s) have the same value with another source, date or confidence.")
    return "\n".join(out)


def totals_text(workload: Workload, a: PriceBook, b: PriceBook) -> str:
    """Each option's monthly total for the workload priced with A and with B."""
    from desktop.model.advice.engine import UnknownRegionError, compute_quote

    region = workload.region
    try:
        qa, qb = compute_quote(workload, a), compute_quote(workload, b)
    except UnknownRegionError:
        books = [label for label, book in (("A", a), ("B", b)) if region not in book.regions]
        return f"{workload.name}: region {region} is not in book {' or '.join(books)}; no totals to compare"
    out = [f"{workload.name} ({region}), monthly:"]
    for option, qa_option in qa.options.items():
        old, new = qa_option.monthly_usd, qb.options[option].monthly_usd
        delta = f"{usd_change(new - old)}{_pct(old, new)}" if (
            old is not None and new is not None) else "n/a"
        out.append(f"  {option:8} A {usd(old):>12}   B {usd(new):>12}   change {delta}")
    return "\n".join(out)
