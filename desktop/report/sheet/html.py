"""The comparison sheet as HTML for QTextDocument: Advice + price book + workload -> one HTML string.

Pure Python (no Qt). Every user-supplied string goes through `esc` (html.escape): a workload named
`<img src=...> & <b>Co</b>` prints literally and nothing is ever fetched. The charts are not images: the
HTML holds marker words the PDF writer replaces with vector chart objects (see pdf_writer.py).

Text the user or a file supplies is bounded where it is printed, with an ellipsis (the file keeps it whole):
names NAME_CHARS, the user's price notes NOTE_CHARS, Price List offer fields (price names, units, source ids
and titles) FIELD_CHARS, UNIT_CHARS and SOURCE_CHARS, register values VALUE_CHARS, and as a safety bound any
message the model writes TEXT_CHARS; the sheet's two pages hold whatever the input.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from desktop.model.advice.advise import Advice
from desktop.model.format import NO_TOTAL, left_out_text, share, total_text, usd
from desktop.model.options.registry import label, short_label
from desktop.model.pricing.book import PriceBook
from desktop.model.pricing.quote import LineItem, OptionQuote
from desktop.model.pricing.user_book import discount_summary, origin_counts, origin_mark, user_layer_parts
from desktop.model.workload.fields import SECTION_TITLES
from desktop.model.workload.spec import Workload
from desktop.model.workshop.usage import ScenarioUsage
from desktop.present.i18n import shown, shown_html
from desktop.present.style import option_colour
from desktop.present.text import capacity_lines
from desktop.report.sheet.assumption_register import (
    RegisterRow,
    answer_rows,
    assumption_register,
    format_value,
)
from desktop.report.sheet.outlook import footprint_cells, horizon_cells, horizon_note
from desktop.report.sheet.price_register import price_register

MUTED = "#555555"
CHART_KINDS = ("cost", "breakdown")
PRICE_COLUMNS = (("Price", 20), ("USD", 11), ("Unit", 8), ("Used by", 9), ("Source", 32), ("As of", 10),
                 ("Confidence", 10))

LONG_VALUE = 28  # characters; longer register values get a full-width line
NAME_CHARS = 120  # a workload's name (as the schema allows)
NOTE_CHARS = 160  # the user's note on an overridden price
FIELD_CHARS = 120  # a field of a price (name, source id), e.g. from an imported Price List file
SOURCE_CHARS = 240  # a source's title (the bundled book's longest is 157)
UNIT_CHARS = 24
TEXT_CHARS = 1200  # a message or reason the model writes (it may quote prices' names): a safety bound
VALUE_CHARS = 400  # a register value (the workload's own inputs)
LAYER_PARTS = 4  # imported offers and user changes named in the "With the user price book" line
ANSWER_QUESTION_CHARS = 90  # a question cell on the sheet: three lines at most
ANSWER_TEXT_CHARS = 120  # an answer cell on the sheet: four lines at most
DEFAULT_MARKERS = {kind: f"[[computefit-chart-{kind}]]" for kind in CHART_KINDS}

STYLE = """
body { font-size: 8pt; color: #111111; }
h1 { font-size: 15pt; font-weight: bold; margin-top: 0; margin-bottom: 1pt; }
h2 { font-size: 10.5pt; font-weight: bold; margin-top: 7pt; margin-bottom: 2pt; }
p { margin-top: 0; margin-bottom: 2pt; }
td, th { vertical-align: top; }
th { text-align: left; font-weight: bold; background-color: #EEEEEE; }
.muted { color: #555555; }
.small { font-size: 7pt; }
.num { text-align: right; }
.total { font-size: 12pt; font-weight: bold; }
.warn { color: #8A4B00; }
"""


def esc(value: object) -> str:
    """Escape any text for HTML (quotes too)."""
    return html.escape(str(value), quote=True)


def _quantity(item: LineItem) -> str:
    q = float(item.quantity)
    amount = f"{q:,.0f}" if abs(q) >= 100 else f"{q:,.2f}"
    if item.unit == "USD of eligible usage":
        return f"{share(-float(item.unit_price_usd))} of {usd(item.quantity)}"
    return f"{amount} {item.unit} x ${item.unit_price_usd}"


def _line_items(option: OptionQuote) -> str:
    if not option.line_items:
        return f'<p class="muted">{"No line items: " + esc(option.status.lower())}</p>'
    rows = []
    for item in option.line_items:
        est = ' <span class="warn">(estimated)</span>' if item.estimated else ""
        rows.append(f'<tr><td>{esc(clip(item.label, FIELD_CHARS))}{est}<br/>'
                    f'<span class="small muted">{esc(clip(_quantity(item), FIELD_CHARS))}</span>'
                    f'</td><td class="num">{esc(usd(item.usd))}</td></tr>')
    for missing in option.missing:
        usage = ", ".join(f"{float(q):,.2f} {unit}" for q, unit in missing.usage)
        rows.append(f'<tr><td class="warn">Not priced: {esc(clip(missing.what or missing.text, FIELD_CHARS))}'
                    + (f'<br/><span class="small muted">{esc(clip(usage, FIELD_CHARS))}</span>' if usage else "")
                    + '</td><td class="num warn">?</td></tr>')
    return f'<table width="100%" cellspacing="0" cellpadding="1">{"".join(rows)}</table>'


COLUMNS_PER_TABLE = 3


def _option_header(option_id: str) -> str:
    colour = option_colour(option_id)
    return (f'<th width="33%" style="border-bottom: 2pt solid {colour};">'
            f'<span style="color: {colour};">&#9632;</span> {esc(label(option_id))}</th>')


def _total_cell(option: OptionQuote) -> str:
    if option.monthly_usd is None:
        return '<td><span class="total">-</span><span class="muted"> no price (ruled out)</span></td>'
    rest = left_out_text(option)
    more = f'<br/><span class="warn">+ {esc(rest)}</span>' if rest else ""
    return (f'<td><span class="total">{esc(usd(option.monthly_usd))}</span>'
            f'<span class="muted"> a month</span>{more}</td>')


def _notes(option: OptionQuote) -> list[str]:
    """The option's warnings, less the "Not included" ones its line items already list as not priced."""
    said = {f"Not included: {m.text}" for m in option.missing}
    return [w for w in option.warnings if w not in said]


def cost_table(advice: Advice) -> str:
    """The side-by-side table: totals, status, capacity, the line items and notes, one column per option, at most
    three columns to a table (a five-way comparison is two tables, so each column stays readable on paper)."""
    options = list(advice.quote.options.values())
    footprint, horizon = footprint_cells(advice), horizon_cells(advice)
    return "<p></p>".join(_cost_columns(options[i:i + COLUMNS_PER_TABLE], pad=i > 0, footprint=footprint,
                                        horizon=horizon, over=advice.over_budget)
                          for i in range(0, len(options), COLUMNS_PER_TABLE)) + horizon_note(advice)


def _cost_columns(options: list[OptionQuote], pad: bool = False, footprint: dict[str, str] | None = None,
                  horizon: dict[str, str] | None = None, over: tuple[str, ...] = ()) -> str:
    """One table of up to three options; `pad` keeps a last, shorter table's columns as wide as the first's."""
    empty = '<td width="33%"></td>' * (COLUMNS_PER_TABLE - len(options)) if pad else ""
    head = "".join(_option_header(o.option) for o in options) + empty
    totals = "".join(_total_cell(o).removesuffix("</td>") + (horizon or {}).get(o.option, "") + "</td>"
                     for o in options)
    status = "".join(f"<td><b>{esc(o.status)}{'; over budget' if o.option in over else ''}</b>"
                     f"{(footprint or {}).get(o.option, '')}</td>" for o in options)
    capacity = "".join("<td>" + "<br/>".join(esc(clip(line, TEXT_CHARS)) for line in capacity_lines(o)) + "</td>"
                       for o in options)
    items = "".join(f"<td>{_line_items(o)}</td>" for o in options)
    notes = "".join("<td>" + "<br/>".join(f'<span class="small">{esc(clip(w, TEXT_CHARS))}</span>'
                                          for w in (*(r.text for r in o.reasons), *_notes(o))) + "</td>"
                    for o in options)
    return (f'<table width="100%" cellspacing="0" cellpadding="4">'
            f"<tr>{head}</tr><tr>{totals}</tr><tr>{status}</tr><tr>{capacity}</tr><tr>{items}</tr>"
            f"<tr>{notes}</tr></table>")


def _label(option: str | None) -> str:
    return label(option or "")


def _reasons(option: OptionQuote) -> str:
    """Why an option is ruled out, each reason in the app's language (alone: a reason holds a "; " of its own) and
    its source in brackets as written (a citation); the sheet keeps the whole as it is (see _verbatim)."""
    reasons = "; ".join(shown(r.text) + (f" [{r.source}]" if r.source else "") for r in option.reasons)
    return clip(reasons or "no reason given", TEXT_CHARS)


def recommendation_block(advice: Advice) -> str:
    rec = advice.recommendation
    quote = advice.quote
    if rec.option is None:
        title = "No option is feasible for this workload"
    else:
        option = quote.options[rec.option]
        title = f"Recommended: {_label(rec.option)} at {usd(option.monthly_usd)} a month"
        if option.missing:
            title += f" + {left_out_text(option)}"
    verdict = advice.verdict.removeprefix(f"Recommended: {_label(rec.option)}, ") if rec.option else ""
    # the verdict (the margin like with like, what it depends on) runs on after the title, then the runner-up
    after = [verdict[:1].upper() + verdict[1:] + "."] if verdict else []
    if rec.runner_up is not None:
        runner = quote.options[rec.runner_up]
        after.append(f"Runner-up: {_label(rec.runner_up)} at {total_text(runner)} a month.")
        if rec.near_tie:
            after.append("A near tie: the choice rests on more than cost.")
    parts = [f'<p><span style="font-size: 11pt;"><b>{esc(clip(title, TEXT_CHARS))}.</b></span> '
             f'{esc(clip(" ".join(after), TEXT_CHARS))}</p>']
    if rec.rationale:
        parts.append("<p><b>Why</b></p><ol class=\"small\" style=\"margin-top: 0; margin-bottom: 0;\">"
                     + "".join(f"<li>{esc(clip(line, TEXT_CHARS))}</li>" for line in rec.rationale) + "</ol>")
    ruled_out = [o for o in quote.options.values() if not o.feasible]
    for option in ruled_out:
        parts.append(f'<p><b>{esc(option.label)} is ruled out:</b> {esc(_reasons(option))}</p>')
    return ('<table width="100%" cellspacing="0" cellpadding="6" style="background-color: #F3F6FA;">'
            f'<tr><td>{"".join(parts)}</td></tr></table>')


@dataclass(frozen=True)
class _BookWords:
    """What the sheet says of a price book's user layer (each a walk of the whole book): worked out once per book."""

    book: PriceBook
    mark: str
    layer_parts: tuple[str, ...]


_book_words: _BookWords | None = None  # of the book the last sheet was written with (a book is never changed)


def _words_of(book: PriceBook) -> _BookWords:
    global _book_words
    known = _book_words
    if known is None or known.book is not book:
        counts = origin_counts(book)
        parts = [f"{counts[k]} {k}" for k in ("imported", "overridden", "yours") if counts[k]]
        if discount_summary(book):
            parts.append("discounts")
        # user_layer_parts names exactly what these parts count (imported, overridden and own prices, discounts):
        # a book with none of them (the bundled one) has none, without two more walks of the whole book
        known = _BookWords(book, f" + user book ({', '.join(parts)})" if parts else "",
                           tuple(user_layer_parts(book)) if parts else ())
        _book_words = known
    return known


def user_book_mark(book: PriceBook) -> str:
    """" + user book (13 imported, 1 overridden, 2 yours)" when the user's prices are in the book, else ""."""
    return _words_of(book).mark


def header_block(advice: Advice, workload: Workload, book: PriceBook, generated: dt.date, version: str) -> str:
    quote = advice.quote
    volume = f"{quote.units_per_month:,} {quote.unit_name}s a month"
    meta = [
        ("Date", generated.isoformat()),
        ("Region", f"{quote.region} ({quote.region_name})"),
        ("Volume", volume),
        ("Price book", f"dated {book.effective_date.isoformat()}{user_book_mark(book)}; "
                       f"{advice.quote.price_confidence}"),
        ("ComputeFit", f"version {version}"),
    ]
    cells = "".join(f'<td><span class="small muted">{esc(k)}</span><br/>{esc(clip(v, TEXT_CHARS))}</td>'
                    for k, v in meta)
    return (f"<h1>ComputeFit comparison sheet</h1>"
            f'<p style="font-size: 12pt;">{esc(clip(workload.name, NAME_CHARS))}</p>'
            f'<table width="100%" cellspacing="0" cellpadding="3"><tr>{cells}</tr></table>')


def charts_block(advice: Advice, markers: dict[str, str]) -> str:
    lines = [f"<p>{esc(markers['cost'])} {esc(markers['breakdown'])}</p>"]
    texts = [b.text for b in advice.break_even if b.text]
    if texts:
        lines.append('<p class="small"><b>Break-even:</b> ' + esc("; ".join(texts)) + "</p>")
    return "".join(lines)


def _register_table(rows: Sequence[RegisterRow], previous: RegisterRow | None) -> str:
    out = []
    section = previous.section if previous else None
    for index, row in enumerate(rows):
        if row.section != section or index == 0:
            cont = " (continued)" if row.section == section else ""
            section = row.section
            out.append(f'<tr><td colspan="2"><b>{esc(SECTION_TITLES.get(section, section))}{cont}</b></td></tr>')
        out.append(f'<tr><td width="58%">{esc(row.label)}</td><td>{esc(clip(row.value, VALUE_CHARS))}</td></tr>')
    return f'<table width="100%" cellspacing="0" cellpadding="1">{"".join(out)}</table>'


def register_block(advice: Advice, workload: Workload, book: PriceBook, columns: int = 3,
                   page_break: bool = False, usage: ScenarioUsage | None = None) -> str:
    """The register in `columns` side-by-side tables; values too long for a column go below, full width."""
    every = assumption_register(workload, book, advice.quote, usage)
    rows = [r for r in every if len(r.value) <= LONG_VALUE]
    long_rows = [r for r in every if len(r.value) > LONG_VALUE]
    per_column = -(-len(rows) // columns)
    cells, start = [], 0
    for _ in range(columns):
        chunk = rows[start:start + per_column]
        cells.append(f'<td width="{100 // columns}%">'
                     f"{_register_table(chunk, rows[start - 1] if start else None)}</td>")
        start += per_column
    below = "".join(f'<tr><td width="22%">{esc(r.label)}</td><td>{esc(clip(r.value, VALUE_CHARS))}</td></tr>'
                    for r in long_rows)
    brk = ' style="page-break-before: always;"' if page_break else ""
    return (f"<h2{brk}>Assumption register</h2>"
            '<p class="muted">Every input of the workload and every assumption the quote used.</p>'
            f'<table width="100%" cellspacing="0" cellpadding="0"><tr>{"".join(cells)}</tr></table>'
            + (f'<table width="100%" cellspacing="0" cellpadding="1">{below}</table>' if below else ""))


def prices_block(advice: Advice, workload: Workload, book: PriceBook) -> str:
    register = price_register(advice.quote, book)
    rows = []
    for use in register.prices:
        est = ' <span class="warn">estimated</span>' if use.estimated else esc(use.confidence_label)
        used_by = ", ".join(short_label(o) for o in use.options)
        mark = ""  # the user's prices are marked where they are shown
        if use.origin == "overridden":
            mark = f'<br/><span class="warn">overridden by the user: {esc(clip(use.note, NOTE_CHARS))}</span>'
        elif use.origin == "yours":
            said = origin_mark(use.origin, clip(use.note, NOTE_CHARS), use.as_of)
            mark = f'<br/><span class="warn">{esc(said)}</span>'
        elif use.origin == "imported":
            mark = '<br/><span class="muted">imported from an AWS Price List file</span>'
        rows.append(f'<tr><td>{esc(clip(use.name, FIELD_CHARS))}{mark}</td>'
                    f'<td class="num">${esc(clip(str(use.usd), UNIT_CHARS))}</td>'
                    f"<td>{esc(clip(use.unit, UNIT_CHARS))}</td><td>{esc(used_by)}</td>"
                    f"<td>{esc(clip(use.source_id, FIELD_CHARS))}: {esc(clip(use.source_title, SOURCE_CHARS))}</td>"
                    f"<td><nobr>{esc(use.as_of.isoformat())}</nobr></td><td>{est}</td></tr>")
    for option, item_label in register.unmatched:
        rows.append(f'<tr><td colspan="7" class="warn">{esc(short_label(option))}: '
                    f"{esc(clip(item_label, FIELD_CHARS))}: no matching price found in the price book</td></tr>")
    head = "".join(f'<th width="{w}%">{t}</th>' for t, w in PRICE_COLUMNS)
    layered = ""
    extras = _words_of(book).layer_parts  # which book priced the quote: imported offers with versions and dates
    if extras:
        named = [clip(part, 2 * FIELD_CHARS) for part in extras[:LAYER_PARTS]]
        more = f" and {len(extras) - LAYER_PARTS} more" if len(extras) > LAYER_PARTS else ""
        layered = f" With the user price book: {esc(', '.join(named) + more)}."
    return ("<h2>Prices used</h2>"
            f'<p class="muted">From the price book dated {esc(book.effective_date.isoformat())} '
            f"({esc(clip(book.title, SOURCE_CHARS))}).{layered} Discounts are assumptions, listed above.</p>"
            f'<table class="small" width="100%" cellspacing="0" cellpadding="2"><tr>{head}</tr>{"".join(rows)}</table>')


def clip(text: str, limit: int) -> str:
    """Text cut to `limit` characters with an ellipsis (the file keeps the whole text)."""
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "\u2026"


def answers_block(workload: Workload, shown: int | None = None) -> str:
    """The questionnaire answers, two (question, answer) pairs a row in file order, each cell clipped.

    `shown` limits how many answers are printed (the PDF writer sets it when all would not fit the sheet's
    pages); the rest are counted in a last line that points to the workload file.
    """
    answers = [(clip(question, ANSWER_QUESTION_CHARS), clip(answer, ANSWER_TEXT_CHARS))
               for question, answer in answer_rows(workload)]
    if not answers:
        return ""
    hidden = 0 if shown is None else max(0, len(answers) - max(0, shown))
    answers = answers[:len(answers) - hidden]
    pairs = [(answers[i], answers[i + 1] if i + 1 < len(answers) else None) for i in range(0, len(answers), 2)]
    rows = "".join(
        f'<tr><td width="25%">{esc(left[0])}</td><td width="25%">{esc(left[1])}</td>'
        + (f'<td width="25%">{esc(right[0])}</td><td width="25%">{esc(right[1])}</td>' if right
           else "<td></td><td></td>")
        + "</tr>" for left, right in pairs)
    head = "<tr>" + "<th>Question</th><th>Answer</th>" * 2 + "</tr>"
    table = f'<table width="100%" cellspacing="0" cellpadding="2">{head}{rows}</table>' if answers else ""
    more = (f'<p class="muted">... {hidden:,} more answer{"s" if hidden != 1 else ""}, see the workload file</p>'
            if hidden else "")
    return "<h2>Questionnaire answers</h2>" + table + more


def answer_count(workload: Workload) -> int:
    return len(workload.answers or {})


def _cost(value: Decimal | None) -> str:
    return usd(value, none=NO_TOTAL)


def sensitivity_block(advice: Advice) -> str:
    rows = advice.sensitivity[:3]
    if not rows:
        return ""
    body = "".join(
        f"<tr><td>{esc(r.label)}</td><td>{esc(format_value(r.low_value))} .. {esc(format_value(r.high_value))}</td>"
        f"<td class=\"num\">{esc(_cost(r.low_cost))} .. {esc(_cost(r.high_cost))}</td>"
        f"<td>{esc('winner changes' if r.flips else '')}</td></tr>" for r in rows)
    # The title is the table's first row, so it never sits alone at the foot of a page.
    title = ('<tr><td colspan="4" style="font-size: 10.5pt; font-weight: bold; padding-top: 6px;">'
             "Most sensitive assumptions</td></tr>")
    return (f'<table cellspacing="0" cellpadding="2">{title}<tr><th>Assumption</th><th>Range</th>'
            f"<th>Recommended option's cost</th><th></th></tr>{body}</table>")


def sheet_html(advice: Advice, workload: Workload, book: PriceBook, *, generated: dt.date, version: str,
               markers: dict[str, str] | None = None, register_on_new_page: bool = False,
               answers_shown: int | None = None, usage: ScenarioUsage | None = None) -> str:
    """The whole sheet. `markers` are the words the PDF writer swaps for the charts; `answers_shown` limits
    the answers printed (None: all); `usage`: an imported scenario's provenance, shown in the register."""
    marks = markers or DEFAULT_MARKERS
    return shown_html(f"<html><head><style>{STYLE}</style></head><body>"
            + header_block(advice, workload, book, generated, version)
            + "<h2>Recommendation</h2>" + recommendation_block(advice)
            + "<h2>Monthly cost of each option</h2>" + cost_table(advice)
            + charts_block(advice, marks)
            + sensitivity_block(advice)
            + register_block(advice, workload, book, page_break=register_on_new_page, usage=usage)
            + prices_block(advice, workload, book)
            + answers_block(workload, answers_shown)
            + "</body></html>", _verbatim(advice, workload, book))  # in the app's language (English: as written)


def _verbatim(advice: Advice, workload: Workload, book: PriceBook) -> frozenset[str]:
    """The sheet's texts a translation leaves as they are: the workload's name, the price book's title and each
    price's source (a citation), as the sheet prints them; a ruled-out option's reasons, translated already."""
    sources = {f"{clip(use.source_id, FIELD_CHARS)}: {clip(use.source_title, SOURCE_CHARS)}"
               for use in price_register(advice.quote, book).prices}
    reasons = {_reasons(o) for o in advice.quote.options.values() if not o.feasible and o.reasons}
    return frozenset({clip(workload.name, NAME_CHARS), clip(book.title, SOURCE_CHARS), *sources, *reasons})
