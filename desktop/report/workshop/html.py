"""The workshop's summary page as HTML for QTextDocument: the comparison table, the chart, the portfolio total
and what each scenario changes against the baseline.

Pure Python (no Qt). Every user string (scenario names, notes, the title) goes through `esc`. The chart is a
marker word the PDF writer replaces with a vector chart object, as on the sheet.
"""

from __future__ import annotations

import datetime as dt

from desktop.model.format import CELL_WIDTH
from desktop.model.options.registry import short_label
from desktop.model.pricing.book import PriceBook
from desktop.model.workshop.compare import Comparison
from desktop.model.workshop.spec import KIND_LABELS
from desktop.present.i18n import shown, shown_html
from desktop.present.style import option_colour
from desktop.present.workshop import (
    change_note,
    change_text,
    commitment_text,
    differences_shown,
    left_out_rows,
    margin_text,
    portfolio_text,
    spread_text,
    total_text,
)
from desktop.report.sheet.html import STYLE, esc

CHART_MARKER = "[[computefit-chart-scenarios]]"
SPREAD_NOTE = ('<p class="small muted">'  # its sentence a literal as shown, so the catalogue check finds it
               "P10-P90: the recommended option's monthly cost in 80% of the samples of the "
               "scenario's seeded Monte Carlo over its ranged inputs (the seed is in the file); how sure: the share of "
               "samples in which that option is the cheapest (at least: another option leaves out a price). — "
               "marks a scenario without ranges.</p>")
TOTALS_NOTE = ("Monthly totals in USD. ~ marks a total resting on estimated prices; + what a total leaves out "
               "(no price in the book).")
CHANGES_NOTE = ("Monthly totals in USD. The change is the recommended total against the baseline's recommended "
                "total: a bound (at least, at most) when only one of them leaves out a price, no figure when both "
                "leave out different ones. ~ marks a total resting on estimated prices; + what a total leaves out "
                "(no price in the book).")
NARROW_CELL = 12  # characters of a left-out name in a table of four options or more ("+ 2 not priced" else)


def _header(comparison: Comparison, title: str, book: PriceBook, generated: dt.date, version: str) -> str:
    meta = [
        ("Date", generated.isoformat()),
        ("Kind", KIND_LABELS.get(comparison.kind, comparison.kind)),
        ("Scenarios", str(len(comparison.rows))),
        ("Baseline", comparison.baseline_row.name),
        ("Price book", f"dated {book.effective_date.isoformat()}"),
        ("ComputeFit", f"version {version}"),
    ]
    cells = "".join(f'<td><span class="small muted">{esc(k)}</span><br/>{esc(v)}</td>' for k, v in meta)
    return (f"<h1>ComputeFit workshop comparison</h1>"
            f'<p style="font-size: 12pt;">{esc(title)}</p>'
            f'<table width="100%" cellspacing="0" cellpadding="3"><tr>{cells}</tr></table>')


def _portfolio(comparison: Comparison) -> str:
    text = portfolio_text(comparison)
    if not text:
        return ""
    return ('<table width="100%" cellspacing="0" cellpadding="6" style="background-color: #F3F6FA;">'
            f'<tr><td><p style="font-size: 11pt;"><b>{esc(text)}</b></p></td></tr></table>')


def comparison_table(comparison: Comparison) -> str:
    """Scenarios as rows: each option's monthly total, the recommendation, its margin, the change (not for the
    parts of one system); then each scenario's commitment and P10-P90 band in a table of their own (on one row
    they left the scenario's name and the totals too narrow a column), then what each total leaves out in words."""
    head = "".join(
        f'<th class="num" width="9%" style="border-bottom: 2pt solid {option_colour(o)};">{esc(short_label(o))}</th>'
        for o in comparison.options)
    changes = comparison.kind != "parts"
    width = NARROW_CELL if len(comparison.options) > 3 else CELL_WIDTH  # names in full in the list below
    rows = []
    for row in comparison.rows:
        cells = []
        for option in comparison.options:
            text = esc(total_text(row, option, width))
            if option == row.recommended:
                text = f"<b>{text}</b>"
            elif not row.feasible.get(option, False):
                text = f'<span class="muted">{text}</span>'
            cells.append(f'<td class="num">{text}</td>')
        name = esc(row.name) + (' <span class="muted">(baseline)</span>' if row.is_baseline and changes else "")
        rec = esc(short_label(row.recommended)) if row.recommended else '<span class="warn">none feasible</span>'
        change = _signed_cell(change_text(row)) if changes else ""
        rows.append(f'<tr><td class="muted">{row.index + 1}</td><td>{name}</td>{"".join(cells)}<td><b>{rec}</b></td>'
                    f'<td class="small">{esc(margin_text(row))}</td>{change}</tr>')
    change_head = '<th class="num" width="10%">Change against the baseline</th>' if changes else ""
    name_width = 100 - 3 - 9 * len(comparison.options) - 10 - 13 - (10 if changes else 0)  # the rest, in %
    return ('<table width="100%" cellspacing="0" cellpadding="3">'
            f'<tr><th width="3%">#</th><th width="{name_width}%">Scenario</th>{head}<th width="10%">Recommended</th>'
            f'<th width="13%">Margin over the runner-up</th>{change_head}</tr>{"".join(rows)}</table>'
            f'<p class="small muted">{CHANGES_NOTE if changes else TOTALS_NOTE}</p>'
            + _terms_block(comparison) + _left_out_block(comparison))


def _signed_cell(text: str) -> str:
    """A change's cell: a signed amount kept whole on its line ("+$1,094.53", its percentage under it), as Qt
    breaks a line between a sign and "$"; a bound or a word wraps between words."""
    if text[:1] not in "+-\u2212":
        return f'<td class="num">{esc(text)}</td>'
    amount, gap, pct = text.partition(" (")
    return f'<td class="num" style="white-space: nowrap;">{esc(amount)}{"<br/>(" + esc(pct) if gap else ""}</td>'


def _terms_block(comparison: Comparison) -> str:
    """The commitment each scenario's recommended total assumes and its P10-P90 band and how sure, for the scenarios
    that have either (no table when none has)."""
    committed = any(row.commitment_terms for row in comparison.rows)
    ranged = any(row.ranged for row in comparison.rows)
    lines = []
    for row in comparison.rows:
        if not (row.commitment_terms or row.ranged):
            continue
        band, _dot, sure = spread_text(row).partition(" \u00b7 ")
        commitment = f'<td class="small">{esc(commitment_text(row))}</td>' if committed else ""
        whole = ' style="white-space: nowrap;"' if "$" in band else ""  # a band whole, a sentence wraps
        spread = f'<td class="num"{whole}>{esc(band)}</td><td class="num">{esc(sure)}</td>' if ranged else ""
        lines.append(f'<tr><td class="muted">{row.index + 1}</td><td>{esc(row.name)}</td>{commitment}{spread}</tr>')
    if not lines:
        return ""
    commitment_head = '<th width="36%">Commitment</th>' if committed else ""
    spread_head = '<th class="num">P10-P90</th><th class="num">how sure</th>' if ranged else ""
    return ('<table width="100%" cellspacing="0" cellpadding="3" style="margin-top: 4pt;">'
            f'<tr><th>#</th><th width="28%">Scenario</th>{commitment_head}{spread_head}</tr>{"".join(lines)}</table>'
            + (SPREAD_NOTE if ranged else ""))


def _left_out_block(comparison: Comparison) -> str:
    """What each incomplete total leaves out, by scenario, and why a change is a bound or has no figure."""
    found = left_out_rows(comparison, shown)  # in the app's language already: kept as it is by `_verbatim`
    if not found:
        return ""
    lines = []
    for row, said in found:
        note = change_note(row, comparison.baseline_row) if comparison.kind != "parts" else ""
        extra = f'<br/><span class="small">Change: {esc(change_text(row))}, {esc(note)}</span>' if note else ""
        lines.append(f'<tr><td class="muted">{row.index + 1}</td><td width="28%">{esc(row.name)}</td>'
                     f'<td class="warn">{esc(said)}{extra}</td></tr>')
    return ('<p class="small"><b>Totals that leave out a price</b> (each is the sum of what is priced; '
            'the real cost is higher)</p><table width="100%" cellspacing="0" cellpadding="2">'
            f'{"".join(lines)}</table>')


def differences_block(comparison: Comparison) -> str:
    rows = []
    for row in comparison.rows:
        what = "the baseline" if row.is_baseline else differences_shown(row.differences)
        note = f'<br/><span class="small muted">{esc(row.note)}</span>' if row.note else ""
        rows.append(f'<tr><td class="muted">{row.index + 1}</td><td width="28%">{esc(row.name)}{note}</td>'
                    f"<td>{esc(what)}</td></tr>")
    return ("<h2>What differs from the baseline</h2>"
            '<table width="100%" cellspacing="0" cellpadding="2"><tr><th>#</th><th>Scenario and note</th>'
            f'<th>Changed fields (baseline -> this scenario)</th></tr>{"".join(rows)}</table>')


def workshop_summary_html(comparison: Comparison, title: str, book: PriceBook, *, generated: dt.date,
                          version: str, marker: str = CHART_MARKER) -> str:
    """The summary page(s) in the app's language (English: as written), the user's texts as they are."""
    return shown_html(f"<html><head><style>{STYLE}</style></head><body>"
                      + _header(comparison, title, book, generated, version)
                      + _portfolio(comparison)
                      + "<h2>Monthly cost of each scenario</h2>" + comparison_table(comparison)
                      + f'<p style="margin-top: 6pt;">{esc(marker)}</p>'
                      + differences_block(comparison)
                      + "</body></html>", _verbatim(comparison, title, marker))


def _verbatim(comparison: Comparison, title: str, marker: str) -> frozenset[str]:
    """The texts a translation leaves as they are: the title, each scenario's name and note (the user's), what
    differs and what each total leaves out (already in the app's language) and the chart's marker."""
    said = {differences_shown(row.differences) for row in comparison.rows if not row.is_baseline}
    said |= {text for _row, text in left_out_rows(comparison, shown)}
    said |= {text for row in comparison.rows for text in (row.name, row.note) if text}
    return frozenset({title, marker, *said})
