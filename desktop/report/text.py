"""Plain-text renderings of a quote and its advice, for the terminal."""

from __future__ import annotations

from desktop.model.advice import Advice
from desktop.model.money import fmt_usd
from desktop.model.pricebook import PriceBook
from desktop.model.quote import OPTION_LABELS, OptionQuote, Quote


def _status(option: OptionQuote) -> str:
    if not option.feasible:
        return "ruled out"
    if option.missing_prices:
        return "feasible (total incomplete)"
    return "feasible" + (" (estimated prices)" if option.estimated else "")


def quote_header(quote: Quote, book: PriceBook) -> list[str]:
    return [
        f"Workload: {quote.workload_name}",
        f"Region: {quote.region} ({quote.region_name}); {quote.units_per_month:,} {quote.unit_name}s a month; "
        f"month = {quote.month_hours:g} h",
        f"Price book: {book.effective_date.isoformat()} ({book.confidence_summary})",
    ]


def quote_table(quote: Quote, book: PriceBook) -> str:
    lines = [*quote_header(quote, book), ""]
    lines.append(f"{'Option':<28} {'Monthly USD':>14}  Status")
    for option in quote.options.values():
        lines.append(f"{option.label:<28} {fmt_usd(option.monthly_usd):>14}  {_status(option)}")
    for option in quote.options.values():
        lines.append("")
        lines.append(f"{option.label}: {fmt_usd(option.monthly_usd)}")
        for reason in option.reasons:
            lines.append(f"  ruled out: {reason.text} [{reason.source}]")
        for item in option.line_items:
            est = " (estimated)" if item.estimated else ""
            lines.append(f"  {item.label:<44} {float(item.quantity):>16,.2f} {item.unit:<22} "
                         f"x {item.unit_price_usd:<14} = {fmt_usd(item.usd):>12}{est}")
        for warning in option.warnings:
            lines.append(f"  note: {warning}")
    return "\n".join(lines)


def advice_text(advice: Advice, book: PriceBook) -> str:
    rec = advice.recommendation
    quote = advice.quote
    lines = [*quote_header(quote, book), ""]
    if rec.option is None:
        lines.append("No option is feasible for this workload:")
    else:
        lines.append(rec.headline or f"Recommended: {OPTION_LABELS[rec.option]}")
    for option in quote.options.values():
        lines.append(f"  {option.label:<28} {fmt_usd(option.monthly_usd):>14}  {_status(option)}")
    lines.append("")
    lines.append("Why:")
    lines.extend(f"  {n}. {line}" for n, line in enumerate(rec.rationale, start=1))
    if advice.break_even:
        lines.append("")
        lines.append("Break-even volumes:")
        lines.extend(f"  {b.text}" for b in advice.break_even)
    if advice.sensitivity:
        lines.append("")
        lines.append("Most sensitive assumptions:")
        for row in advice.sensitivity[:5]:
            flip = f" (winner becomes {row.low_winner if row.low_winner != rec.option else row.high_winner})" \
                if row.flips else ""
            lines.append(f"  {row.label}: {fmt_usd(row.low_cost)} .. {fmt_usd(row.high_cost)}{flip}")
    return "\n".join(lines)
