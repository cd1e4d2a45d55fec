"""Plain-text renderings of a quote and its advice, for the terminal."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from desktop.model.format import NO_TOTAL, left_out_text, usd
from desktop.model.options.registry import label, short_label
from desktop.model.pricing.quote import OptionQuote, Quote

if TYPE_CHECKING:
    from desktop.model.pricing.book import PriceBook

if TYPE_CHECKING:  # `computefit estimate` prints the quote alone, without importing the advisor
    from desktop.model.advice.advise import Advice


def quote_header(quote: Quote, book: PriceBook) -> list[str]:
    return [
        f"Workload: {quote.workload_name}",
        f"Region: {quote.region} ({quote.region_name}); {quote.units_per_month:,} {quote.unit_name}s a month; "
        f"month = {quote.month_hours:g} h",
        f"Price book: dated {book.effective_date.isoformat()}; {quote.price_confidence}",
    ]


def _money(value: Decimal | None) -> str:
    """A total or a cost, "-" where there is none (a ruled-out option has no price)."""
    return usd(value, none=NO_TOTAL)


def _row(option: OptionQuote) -> str:
    """One option's line of the table: its total, what the total leaves out, its status."""
    rest = left_out_text(option)
    return f"{option.label:<28} {_money(option.monthly_usd):>14}{' + ' + rest if rest else ''}  {option.status}"


def quote_table(quote: Quote, book: PriceBook) -> str:
    lines = [*quote_header(quote, book), ""]
    lines.append(f"{'Option':<28} {'Monthly USD':>14}  Status")
    for option in quote.options.values():
        lines.append(_row(option))
    for option in quote.options.values():
        lines.append("")
        rest = left_out_text(option)
        lines.append(f"{option.label}: {_money(option.monthly_usd)}{' + ' + rest if rest else ''}")
        for reason in option.reasons:
            lines.append(f"  ruled out: {reason.text} [{reason.source}]")
        for item in option.line_items:
            est = " (estimated)" if item.estimated else ""
            lines.append(f"  {item.label:<44} {float(item.quantity):>16,.2f} {item.unit:<22} "
                         f"x {item.unit_price_usd:<14} = {usd(item.usd):>12}{est}")
        for warning in option.warnings:
            lines.append(f"  note: {warning}")
    return "\n".join(lines)


_SEVERITY_ORDER = {"strong": 0, "warning": 1, "info": 2}


def _value(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 100 or value == int(value) else f"{value:,.3g}"


def _sensitivity_lines(advice: Advice) -> list[str]:
    rec = advice.recommendation
    if rec.option is None or not advice.sensitivity:
        return []
    lines = ["", f"Sensitivity of {short_label(rec.option)}'s monthly cost (at -50% / +100%, biggest first):"]
    for row in advice.sensitivity:
        sides = []
        for value, cost, winner in ((row.low_value, row.low_cost, row.low_winner),
                                    (row.high_value, row.high_cost, row.high_winner)):
            wins = "" if winner == rec.option else \
                f" -> {short_label(winner)} wins" if winner else " -> no option feasible"
            sides.append(f"{_value(value)}: {_money(cost)}{wins}")
        note = f" ({row.note})" if row.note else ""
        lines.append(f"  {row.label} (now {_value(row.base_value)}): {'; '.join(sides)}{note}")
    flips = [row.label for row in advice.sensitivity if row.flips]
    lines.append("  Changes the recommendation: " + (", ".join(flips) if flips else "none of these"))
    return lines


def advice_text(advice: Advice, book: PriceBook) -> str:
    """The recommendation, its rationale, findings, break-even volumes and sensitivity, for a person."""
    rec = advice.recommendation
    quote = advice.quote
    lines = [*quote_header(quote, book), ""]
    lines.append(advice.verdict or (f"Recommended: {label(rec.option)}" if rec.option
                                    else "No option is feasible for this workload"))
    for option in quote.options.values():
        mark = "*" if option.option == rec.option else " "
        lines.append(f" {mark} {_row(option)}")
    lines.append("")
    lines.append("Why:")
    lines.extend(f"  {n}. {line}" for n, line in enumerate(rec.rationale, start=1))
    if advice.findings:
        lines.append("")
        lines.append("Findings:")
        for f in sorted(advice.findings, key=lambda f: _SEVERITY_ORDER[f.severity]):
            answer = f"; answer {f.answer}" if f.answer else ""
            lines.append(f"  [{f.severity}] {f.concern}: {f.text} [{f.origin}{answer}]")
    if advice.break_even:
        lines.append("")
        lines.append("Break-even volumes:")
        lines.extend(f"  {b.text}" for b in advice.break_even)
    lines.extend(_sensitivity_lines(advice))
    return "\n".join(lines)
